package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A delivery that is not right, through FlowDesk's API and Camunda's REST API: the requester says so in
 * "Confirm receipt", the group that delivered it puts it right, and she is asked again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReceiptNotRightApiTest {

  static final String NOT_RIGHT = "What is not right (the team that delivered it reads it)";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  @AfterEach
  void suiteClock() {
    EngineTime.reset();
  }

  /** A desk repair (facilities delivers it, no approval) that fred has done: alice is asked to confirm receipt. */
  String deliveredDeskRepair(String details) {
    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair",
        "answers", Map.of("location", "B2, floor 3, desk 12", "details", details)));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();
    api.work("fred", number, "Do the job", Map.of("workNotes", "Drawer rail oiled"));
    assertThat(api.status("alice", number)).isEqualTo("resolved");
    return number;
  }

  JsonNode ticket(String number) {
    return api.get("alice", "/api/tickets/" + number);
  }

  List<String> timeline(String number) {
    return api.get("alice", "/api/tickets/" + number + "/timeline").findValuesAsText("text");
  }

  /** "Label: state" of the journey's milestones, in order. */
  List<String> journey(String number) {
    List<String> steps = new ArrayList<>();
    api.get("alice", "/api/tickets/" + number + "/journey").get("milestones")
        .forEach(m -> steps.add(m.get("label").asText() + ": " + m.get("state").asText()));
    return steps;
  }

  /** Whom the journey's current milestone waits on: "step: people / groups". */
  List<String> waitingOn(String number) {
    List<String> waiting = new ArrayList<>();
    for (JsonNode milestone : api.get("alice", "/api/tickets/" + number + "/journey").get("milestones")) {
      if ("current".equals(milestone.get("state").asText())) {
        milestone.get("waitingOn").forEach(wait -> waiting.add(wait.get("step").asText() + ": "
            + String.join(", ", wait.get("people").findValuesAsText("name")) + " / "
            + String.join(", ", wait.get("groups").findValuesAsText("name"))));
      }
    }
    return waiting;
  }

  ResponseEntity<String> complete(String user, String task, Object fields) {
    return api.call(user, HttpMethod.POST, "/api/tasks/" + task + "/complete", fields);
  }

  /** A completion at Camunda's REST API, each value typed as Tasklist sends it. */
  ResponseEntity<String> completeAtEngine(String user, String task, Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
    return api.call(user, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
  }

  @Test
  void aRequesterSaysTheDeliveryIsNotRightTheGroupPutsItRightAndSheConfirms() {
    EngineTime.runningFrom("2027-03-01T09:00"); // a Monday
    String number = deliveredDeskRepair("The drawer sticks");
    Instant dueAtDelivery = Instant.parse(ticket(number).get("resolutionDue").asText());
    assertThat(ticket(number).get("paused").asBoolean()).as("the delivery clock stops at the delivery").isTrue();

    // The form she gets asks whether it is right: received, or not right with what is wrong.
    String confirm = api.taskOf("alice", number, "Confirm receipt");
    JsonNode form = api.get("alice", "/api/tasks/" + confirm).get("form");
    assertThat(form.get("components").findValuesAsText("key")).contains("receipt", "receiptComment", "reopenReason");
    assertThat(form.get("components").findValuesAsText("label")).contains("Did you receive it as ordered?", NOT_RIGHT);

    // A day later she says it is not right.
    EngineTime.runningFrom("2027-03-02T09:00");
    ResponseEntity<String> notRight = complete("alice", confirm, Map.of("receipt", "not_right",
        "reopenReason", "The drawer still sticks halfway"));
    assertThat(notRight.getStatusCode()).as(notRight.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    JsonNode reopened = ticket(number);
    assertThat(reopened.get("status").asText()).isEqualTo("in_progress");
    assertThat(reopened.get("assignmentGroup").asText()).isEqualTo("facilities");
    assertThat(reopened.path("assignee").isNull()).isTrue();
    assertThat(reopened.get("reopenCount").asInt()).isEqualTo(1);
    // The delivery clock runs again, with the day she took to answer not counted.
    assertThat(reopened.get("paused").asBoolean()).isFalse();
    assertThat(reopened.get("totalPausedSeconds").asLong()).isPositive();
    assertThat(Instant.parse(reopened.get("resolutionDue").asText())).isAfter(dueAtDelivery);
    assertThat(timeline(number)).contains("Reopened: The drawer still sticks halfway");
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline")).anySatisfy(entry -> {
      assertThat(entry.get("text").asText()).isEqualTo("Reopened: The drawer still sticks halfway");
      assertThat(entry.get("actor").asText()).isEqualTo("alice");
    });
    assertThat(api.taskOf("alice", number, "Confirm receipt")).isNull();

    // Facilities, who delivered it, are told and get the step, with what she says is wrong.
    assertThat(api.get("fred", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("delivery_not_right");
      assertThat(n.get("recipientGroup").asText()).isEqualTo("facilities");
    });
    assertThat(api.taskOf("bob", number, "Put the delivery right")).as("the service desk did not deliver it").isNull();
    String putRight = api.taskOf("fred", number, "Put the delivery right");
    assertThat(putRight).isNotNull();
    JsonNode values = api.get("fred", "/api/tasks/" + putRight).get("values");
    assertThat(values.get("reopenReason").asText()).isEqualTo("The drawer still sticks halfway");
    assertThat(values.get("answers").asText()).contains("The drawer sticks");
    assertThat(journey(number)).containsExactly("Submitted: done", "Being done: done", "Delivered: done",
        "Being put right: current", "Closed: ahead");
    assertThat(waitingOn(number)).containsExactly("Put the delivery right:  / Facilities");

    // What is sent for the shown text is ignored: it is the requester's, from the timeline.
    ResponseEntity<String> done = complete("fred", putRight, Map.of("workNotes", "New drawer rail fitted",
        "reopenReason", "Nothing was wrong"));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    JsonNode redelivered = ticket(number);
    assertThat(redelivered.get("status").asText()).isEqualTo("resolved");
    assertThat(redelivered.get("paused").asBoolean()).isTrue();
    assertThat(timeline(number)).contains("Put the delivery right: done\nWhat was done to put it right: "
        + "New drawer rail fitted").noneMatch(text -> text.contains("Nothing was wrong"));
    assertThat(journey(number)).containsExactly("Submitted: done", "Being done: done", "Delivered: done",
        "Being put right: done", "Delivered again: current", "Closed: ahead");
    assertThat(waitingOn(number)).containsExactly("Confirm receipt: Alice Andersen / ");
    // The cost is booked once, at the first delivery.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_cost_record WHERE ticket_number = ?").param(number)
        .query(Long.class).single()).isEqualTo(1);

    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received", "receiptComment", "Works now"));

    assertThat(api.status("alice", number)).isEqualTo("closed");
    assertThat(timeline(number)).contains("Closed: the requester confirmed receipt: Works now");
    assertThat(journey(number)).containsExactly("Submitted: done", "Being done: done", "Delivered: done",
        "Being put right: done", "Delivered again: done", "Closed: current");
  }

  @Test
  void theChoiceAndWhatIsWrongAreAskedInTheRequestersLanguage() {
    ResponseEntity<String> ordered = api.call("greta", HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair",
        "answers", Map.of("location", "C1, Raum 2", "details", "Die Schublade klemmt")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();
    api.work("fred", number, "Do the job", Map.of("workNotes", "Schiene geölt"));

    JsonNode form = api.get("greta", "/api/tasks/" + api.taskOf("greta", number, "Confirm receipt")).get("form");

    assertThat(form.get("components").findValuesAsText("label")).contains("Haben Sie es wie bestellt erhalten?",
        "Was nicht stimmt (das Team, das geliefert hat, liest es)");
    assertThat(form.get("components").findValuesAsText("label")).contains("Ja, ich habe es erhalten",
        "Nein, etwas stimmt nicht");

    // Without a choice, she is told so in her language, the field by its German label; nothing changes.
    ResponseEntity<String> without = api.call("greta", HttpMethod.POST, "/api/tasks/"
        + api.taskOf("greta", number, "Confirm receipt") + "/complete", Map.of());
    assertThat(without.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(without).get("errors").findValuesAsText("message"))
        .containsExactly("Haben Sie es wie bestellt erhalten? ist erforderlich");
    assertThat(api.taskOf("greta", number, "Confirm receipt")).isNotNull();
  }

  /**
   * The requester chooses: the form offers both answers with neither chosen. An administrator may complete her step at
   * /engine-rest past the form, without an answer: the gateway's default then closes the request as received, and its
   * timeline says the administrator took it so without an answer, in English and in German, not that she confirmed.
   */
  @Test
  void theRequesterMustChooseAndAnAdministratorsCompletionWithoutAnAnswerConfirms() {
    String number = deliveredDeskRepair("The shelf is loose");
    String task = api.taskOf("alice", number, "Confirm receipt");
    JsonNode receipt = null;
    for (JsonNode component : api.get("alice", "/api/tasks/" + task).get("form").get("components")) {
      if ("receipt".equals(component.path("key").asText())) {
        receipt = component;
      }
    }
    assertThat(receipt).isNotNull();
    assertThat(receipt.has("defaultValue")).as("nothing chosen for her").isFalse();
    assertThat(receipt.path("validate").path("required").asBoolean()).isTrue();

    ResponseEntity<String> byAdministrator = api.call("admin", HttpMethod.POST, "/engine-rest/task/" + task
        + "/complete", Map.of());

    assertThat(byAdministrator.getStatusCode()).as(byAdministrator.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api.status("alice", number)).isEqualTo("closed");
    assertThat(timeline(number)).contains("Closed: receipt taken as confirmed by FlowDesk Administrator (no answer "
        + "given)").noneMatch(text -> text.startsWith("Reopened") || text.contains("the requester confirmed"));
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline")).anySatisfy(entry -> {
      assertThat(entry.get("kind").asText()).isEqualTo("closed");
      assertThat(entry.get("actor").asText()).isEqualTo("admin");
    });
    assertThat(germanTimeline(number)).contains("Geschlossen: Empfang von FlowDesk Administrator als bestätigt "
        + "gewertet (keine Antwort gegeben)");
    assertThat(ticket(number).get("reopenCount").asInt()).isZero();
  }

  /** When she answers herself, the timeline says she confirmed, in German too. */
  @Test
  void herOwnConfirmationSaysSheConfirmedInEveryLanguage() {
    String number = deliveredDeskRepair("The chair squeaks");

    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received"));

    assertThat(timeline(number)).contains("Closed: the requester confirmed receipt")
        .noneMatch(text -> text.contains("no answer given"));
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline")).anySatisfy(entry -> {
      assertThat(entry.get("kind").asText()).isEqualTo("closed");
      assertThat(entry.get("actor").asText()).isEqualTo("alice");
    });
    assertThat(germanTimeline(number)).contains("Geschlossen: die anfragende Person hat den Empfang bestätigt");
  }

  List<String> germanTimeline(String number) {
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    return ApiClient.read(ApiClient.as(rest, "alice", "alice").exchange("/api/tickets/" + number + "/timeline",
        HttpMethod.GET, new HttpEntity<>(german), String.class)).findValuesAsText("text");
  }

  /** Only the requester answers, only with the form's fields, and "not right" only with what is wrong. */
  @Test
  void theConfirmationTakesTheFormsFieldsFromTheRequesterOnlyAtEveryDoor() {
    String number = deliveredDeskRepair("The lamp flickers");
    String task = api.taskOf("alice", number, "Confirm receipt");
    List<String> timelineBefore = timeline(number);

    // FlowDesk's API: a field the form does not declare, not right without saying what, a choice it does not offer.
    ResponseEntity<String> forged = complete("alice", task, Map.of("receipt", "received", "requester", "hana",
        "assignmentGroup", "network"));
    assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(forged).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("requester", "assignmentGroup");
    for (Map<String, Object> without : List.<Map<String, Object>>of(Map.of("receipt", "not_right"),
        Map.of("receipt", "not_right", "reopenReason", "   "),
        Map.of("receipt", "not_right", "receiptComment", "Hidden when not right: it says nothing"))) {
      ResponseEntity<String> refused = complete("alice", task, without);
      assertThat(refused.getStatusCode()).as(without.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).containsExactly("reopenReason");
    }
    // No choice made: the form chooses nothing for her, so there is no answer to take.
    for (Map<String, Object> unanswered : List.<Map<String, Object>>of(Map.of(),
        Map.of("receiptComment", "Thanks"))) {
      ResponseEntity<String> refused = complete("alice", task, unanswered);
      assertThat(refused.getStatusCode()).as(unanswered.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).containsExactly("receipt");
    }
    ResponseEntity<String> maybe = complete("alice", task, Map.of("receipt", "maybe"));
    assertThat(maybe.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(maybe).get("errors").findValuesAsText("field")).containsExactly("receipt");
    // Nobody else may answer for her: not the group that delivered it, not the service desk, not her manager.
    for (String other : List.of("fred", "bob", "mark")) {
      assertThat(complete(other, task, Map.of("receipt", "received")).getStatusCode()).as(other)
          .isEqualTo(HttpStatus.NOT_FOUND);
    }

    // Camunda's REST API: the same form, the same person.
    ResponseEntity<String> engineForged = completeAtEngine("alice", task, Map.of("receipt", "received",
        "requester", "hana"));
    assertThat(engineForged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(engineForged.getBody()).contains("requester");
    ResponseEntity<String> engineUnanswered = api.call("alice", HttpMethod.POST, "/engine-rest/task/" + task
        + "/complete", Map.of());
    assertThat(engineUnanswered.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(engineUnanswered).get("errors").findValuesAsText("field")).containsExactly("receipt");
    assertThat(ApiClient.read(engineUnanswered).get("message").asText()).isEqualTo(
        "Refused by form 'request-confirm-receipt': receipt: Did you receive it as ordered? is required");
    ResponseEntity<String> engineNoReason = completeAtEngine("alice", task, Map.of("receipt", "not_right"));
    assertThat(engineNoReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(engineNoReason.getBody()).contains("reopenReason");
    for (String other : List.of("fred", "bob", "mark")) {
      ResponseEntity<String> refused = completeAtEngine(other, task, Map.of("receipt", "not_right",
          "reopenReason", "Says " + other));
      assertThat(refused.getStatusCode().is4xxClientError()).as(other + ": " + refused.getBody()).isTrue();
    }

    // Nothing happened: still delivered, still hers to confirm, nothing on the timeline.
    assertThat(api.status("alice", number)).isEqualTo("resolved");
    assertThat(api.taskOf("alice", number, "Confirm receipt")).isEqualTo(task);
    assertThat(timeline(number)).isEqualTo(timelineBefore);

    // What the form declares goes through, at Camunda's door as at FlowDesk's.
    ResponseEntity<String> accepted = completeAtEngine("alice", task, Map.of("receipt", "not_right",
        "reopenReason", "The lamp still flickers"));
    assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api.status("alice", number)).isEqualTo("in_progress");
    assertThat(timeline(number)).contains("Reopened: The lamp still flickers");
    // The group's step is the group's: the requester cannot do it herself.
    String putRight = api.taskOf("fred", number, "Put the delivery right");
    assertThat(complete("alice", putRight, Map.of("workNotes", "Done it myself")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(completeAtEngine("alice", putRight, Map.of("workNotes", "Done it myself")).getStatusCode()
        .is4xxClientError()).isTrue();
    assertThat(api.status("alice", number)).isEqualTo("in_progress");
  }
}
