package org.flowdesk.effort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Time worked as agents and requesters meet it: an agent records the minutes with a comment or with
 * a step whose form asks for them, through FlowDesk's API and through Camunda's REST API; the
 * ticket's agents see them on the timeline and in the ticket's total, its requester does not; minutes
 * that are not whole minutes of one day, time from someone who does not work the ticket and time for a
 * step whose form does not ask for it are refused and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TimeWorkedApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  String report(String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "email", "category", "software", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<String> comment(String user, String number, Map<String, Object> comment) {
    return api.call(user, HttpMethod.POST, "/api/tickets/" + number + "/comments", comment);
  }

  /** What the database holds of the ticket: its time entries and its timeline. */
  List<String> state(String number) {
    List<String> state = new java.util.ArrayList<>(jdbc.sql("SELECT actor || ':' || minutes FROM fd_time_worked "
        + "WHERE ticket_number = ? ORDER BY id").param(number).query(String.class).list());
    state.addAll(jdbc.sql("SELECT kind || ':' || COALESCE(text, '') FROM fd_timeline_entry WHERE ticket_number = ? "
        + "ORDER BY id").param(number).query(String.class).list());
    return state;
  }

  JsonNode lastOf(JsonNode timeline, String kind) {
    JsonNode last = null;
    for (JsonNode entry : timeline) {
      if (kind.equals(entry.get("kind").asText())) {
        last = entry;
      }
    }
    assertThat(last).as("a " + kind + " entry in " + timeline).isNotNull();
    return last;
  }

  @Test
  void anAgentsCommentCarriesTheMinutesWorkedWhichOnlyTheTicketsAgentsSee() {
    String number = report("Calendar does not sync");

    ResponseEntity<String> posted = comment("bob", number, Map.of("text", "Cleared the sync state", "internal", false,
        "timeSpentMinutes", 30));
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(posted).get("minutes").asInt()).isEqualTo(30);
    assertThat(comment("bob", number, Map.of("text", "Waiting for the next sync")).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);

    // The agents see the minutes with the comment and the ticket's total.
    JsonNode forAgent = lastOf(api.get("bob", "/api/tickets/" + number + "/timeline"), "comment");
    assertThat(forAgent.get("minutes").isNull()).as("the later comment came without time").isTrue();
    JsonNode withTime = api.get("bob", "/api/tickets/" + number + "/timeline").findParents("minutes").stream()
        .filter(e -> e.get("minutes").isInt()).findFirst().orElseThrow();
    assertThat(withTime.get("text").asText()).isEqualTo("Cleared the sync state");
    assertThat(withTime.get("minutes").asInt()).isEqualTo(30);
    JsonNode total = api.get("bob", "/api/tickets/" + number + "/time-worked");
    assertThat(total.get("totalMinutes").asLong()).isEqualTo(30);
    assertThat(total.get("byAgent").get(0).get("agent").asText()).isEqualTo("bob");
    assertThat(total.get("entries").get(0).get("source").asText()).isEqualTo("comment");
    assertThat(total.get("entries").get(0).get("group").asText()).isEqualTo("service-desk");

    // The requester reads the public comment, not the effort behind it.
    for (JsonNode entry : api.get("alice", "/api/tickets/" + number + "/timeline")) {
      assertThat(entry.get("minutes").isNull()).as(entry.toString()).isTrue();
    }
    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/time-worked", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("hana", HttpMethod.GET, "/api/tickets/" + number + "/time-worked", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void minutesThatAreNotWholeMinutesOfOneDayOrFromSomeoneNotWorkingTheTicketAreRefusedAndChangeNothing() {
    String number = report("Shared mailbox missing");
    List<String> before = state(number);

    for (Object minutes : List.of(0, -5, 1441, 1.5, 100000, "thirty")) {
      Map<String, Object> sent = new HashMap<>(Map.of("text", "Looked at it", "timeSpentMinutes", minutes));
      ResponseEntity<String> refused = comment("bob", number, sent);
      assertThat(refused.getStatusCode()).as(minutes + ": " + refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
      if (!(minutes instanceof String)) {
        assertThat(refused.getBody()).as(String.valueOf(minutes)).contains("timeSpentMinutes")
            .contains("whole minutes, from 1 to 1440");
      }
    }
    // The requester works nothing on the ticket: no effort of theirs is recorded.
    ResponseEntity<String> requester = comment("alice", number, Map.of("text", "Still missing",
        "timeSpentMinutes", 10));
    assertThat(requester.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(requester.getBody()).contains("only agents working the ticket record time worked");

    assertThat(state(number)).isEqualTo(before);
  }

  @Test
  void aWorkStepRecordsTheTimeItsFormAsksForThroughEitherDoorAndAStepWhoseFormDoesNotIsRefusedIt() {
    String number = report("Out-of-office reply does not switch off");

    // Through FlowDesk's API: bad minutes are refused by the form's check, and the step stays open.
    String work = api.taskOf("bob", number, "Work incident");
    Map<String, Object> ask = new HashMap<>(Map.of("action", "ask_requester", "question", "Since when?",
        "timeSpentMinutes", 1441));
    ResponseEntity<String> tooLong = api.call("bob", HttpMethod.POST, "/api/tasks/" + work + "/complete", ask);
    assertThat(tooLong.getStatusCode()).as(tooLong.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooLong.getBody()).contains("timeSpentMinutes");
    assertThat(api.taskOf("bob", number, "Work incident")).isEqualTo(work);
    assertThat(state(number).stream().filter(s -> s.startsWith("time_worked"))).isEmpty();

    ask.put("timeSpentMinutes", 20);
    api.work("bob", number, "Work incident", ask);
    JsonNode step = lastOf(api.get("bob", "/api/tickets/" + number + "/timeline"), "time_worked");
    assertThat(step.get("minutes").asInt()).isEqualTo(20);
    assertThat(step.get("internal").asBoolean()).isTrue();
    assertThat(step.get("text").asText()).isEqualTo("Time worked on Work incident: 20 minutes");
    assertThat(step.get("actor").asText()).isEqualTo("bob");
    for (JsonNode entry : api.get("alice", "/api/tickets/" + number + "/timeline")) {
      assertThat(entry.get("kind").asText()).isNotEqualTo("time_worked");
    }

    // The requester's step asks for no time: a forged time is refused at Camunda's door and at FlowDesk's.
    String provide = api.taskOf("alice", number, "Provide information");
    List<String> before = state(number);
    ResponseEntity<String> forged = api.call("alice", HttpMethod.POST, "/engine-rest/task/" + provide + "/complete",
        Map.of("variables", Map.of("answer", Map.of("value", "Since Monday", "type", "String"),
            "timeSpentMinutes", Map.of("value", 600, "type", "Integer"))));
    assertThat(forged.getStatusCode()).as(forged.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(forged.getBody()).contains("timeSpentMinutes").contains("incident-provide-information");
    ResponseEntity<String> forgedAtApi = api.call("alice", HttpMethod.POST, "/api/tasks/" + provide + "/complete",
        Map.of("answer", "Since Monday", "timeSpentMinutes", 600));
    assertThat(forgedAtApi.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(state(number)).isEqualTo(before);
    assertThat(api.taskOf("alice", number, "Provide information")).isEqualTo(provide);
    api.work("alice", number, "Provide information", Map.of("answer", "Since Monday"));

    // Through Camunda's REST API (Tasklist's way): checked against the form, recorded as through the API.
    String again = api.taskOf("bob", number, "Work incident");
    Map<String, Object> resolve = new HashMap<>(Map.of(
        "action", Map.of("value", "resolve", "type", "String"),
        "resolutionCode", Map.of("value", "solved", "type", "String"),
        "resolutionNotes", Map.of("value", "Rule removed", "type", "String"),
        "timeSpentMinutes", Map.of("value", 2.5, "type", "Double")));
    ResponseEntity<String> fraction = api.call("bob", HttpMethod.POST, "/engine-rest/task/" + again + "/complete",
        Map.of("variables", resolve));
    assertThat(fraction.getStatusCode()).as(fraction.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    resolve.put("timeSpentMinutes", Map.of("value", 25, "type", "Integer"));
    ResponseEntity<String> done = api.call("bob", HttpMethod.POST, "/engine-rest/task/" + again + "/complete",
        Map.of("variables", resolve));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api.status("bob", number)).isEqualTo("resolved");

    JsonNode total = api.get("bob", "/api/tickets/" + number + "/time-worked");
    assertThat(total.get("totalMinutes").asLong()).isEqualTo(45);
    assertThat(total.get("entries").findValuesAsText("source")).containsExactly("step", "step");
    assertThat(total.get("entries").findValuesAsText("step")).containsExactly("Work incident", "Work incident");
    // The time is FlowDesk's record, never a process variable the next step could read again.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_VARINST v JOIN ACT_HI_PROCINST p ON p.ID_ = v.PROC_INST_ID_ "
        + "WHERE v.NAME_ = 'timeSpentMinutes' AND p.BUSINESS_KEY_ = ?").param(number).query(Long.class).single())
        .isZero();
  }
}
