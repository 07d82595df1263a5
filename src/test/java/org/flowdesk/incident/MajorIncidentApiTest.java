package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Major incidents through the API with the real model: a P1 e-mail outage of alice's becomes major by
 * itself, five incidents of five other people are attached to it, one status update reaches all five
 * requesters (and a watcher), resolving it resolves all five, and the post-incident review follows with its
 * due date and raises a problem. Then what must not happen, refused with nothing changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MajorIncidentApiTest {

  static final List<String> REQUESTERS = List.of("mark", "hana", "fred", "petra", "greta");

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  String incident(String requester, int impact, int urgency, String title) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of(
        "title", title, "description", "Since 9:00", "service", "email", "category", "software",
        "impact", impact, "urgency", urgency));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<String> post(String user, String path, Object body) {
    return api.call(user, HttpMethod.POST, path, body);
  }

  List<String> notified(String ticket, String kind) {
    return jdbc.sql("SELECT recipient_user FROM fd_notification WHERE ticket_number = ? AND kind = ? ORDER BY id")
        .params(ticket, kind).query(String.class).list();
  }

  @Test
  void fiveAttachedIncidentsHearTheUpdateAreResolvedWithTheMajorIncidentAndAReviewFollows() {
    String major = incident("alice", 1, 1, "Nobody can send mail");
    JsonNode declared = api.get("bob", "/api/tickets/" + major);
    assertThat(declared.get("priority").asInt()).isEqualTo(1);
    assertThat(declared.get("major").asBoolean()).as("a P1 is major by its model").isTrue();
    assertThat(api.get("alice", "/api/tickets/" + major + "/timeline").findValuesAsText("text"))
        .contains("Declared a major incident");

    List<String> children = new ArrayList<>();
    for (String requester : REQUESTERS) {
      String child = incident(requester, 3, 3, "Mail stuck in my outbox");
      ResponseEntity<String> attached = post("bob", "/api/tickets/" + major + "/children", Map.of("incident", child));
      assertThat(attached.getStatusCode()).as(attached.getBody()).isEqualTo(HttpStatus.OK);
      children.add(child);
    }
    assertThat(post("mark", "/api/tickets/" + children.get(0) + "/watchers", Map.of("user", "andy"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(api.get("bob", "/api/tickets/" + major).get("majorChildren").toString())
        .isEqualTo(children.stream().map(c -> "\"" + c + "\"").toList().toString().replace(" ", ""));
    // alice reads her major incident, without the other people's incidents.
    assertThat(api.get("alice", "/api/tickets/" + major).get("majorChildren").size()).isZero();
    for (int i = 0; i < children.size(); i++) {
      JsonNode child = api.get(REQUESTERS.get(i), "/api/tickets/" + children.get(i));
      assertThat(child.get("status").asText()).isEqualTo("with_major_incident");
      assertThat(child.get("majorParent").asText()).isEqualTo(major);
      assertThat(api.taskOf("bob", children.get(i), "Work incident")).as("its work ended").isNull();
      assertThat(api.call(REQUESTERS.get(i), HttpMethod.GET, "/api/tickets/" + children.get(i) + "/journey", null)
          .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    ResponseEntity<String> posted = post("bob", "/api/tickets/" + major + "/updates",
        Map.of("text", "The mail relay is restarting; mail should flow again by 11:00."));
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(posted).get("reached").size()).isEqualTo(5);
    for (int i = 0; i < children.size(); i++) {
      assertThat(notified(children.get(i), "major_update")).as(children.get(i))
          .containsExactlyElementsOf(i == 0 ? List.of(REQUESTERS.get(i), "andy") : List.of(REQUESTERS.get(i)));
      // In the requester's language (greta reads German: "Neuigkeit zum Major Incident …").
      assertThat(api.get(REQUESTERS.get(i), "/api/tickets/" + children.get(i) + "/timeline").findValuesAsText("text"))
          .containsAnyOf("Update on the major incident " + major + ": The mail relay is restarting; mail should flow "
              + "again by 11:00.", "Neuigkeit zum Major Incident " + major + ": The mail relay is restarting; mail "
              + "should flow again by 11:00.");
    }
    assertThat(api.get("alice", "/api/tickets/" + major + "/timeline").findValuesAsText("text"))
        .contains("Major incident update: The mail relay is restarting; mail should flow again by 11:00.");
    // Requesters read only their own incidents: the major incident is alice's.
    assertThat(api.call("mark", HttpMethod.GET, "/api/tickets/" + major, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    Instant resolvedAround = EngineTime.now(); // the engine's clock, which the suite may move
    api.work("bob", major, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Relay disk cleaned up"));
    for (int i = 0; i < children.size(); i++) {
      JsonNode child = api.get(REQUESTERS.get(i), "/api/tickets/" + children.get(i));
      assertThat(child.get("status").asText()).isEqualTo("resolved");
      assertThat(child.get("resolutionCode").asText()).isEqualTo("solved");
      assertThat(child.get("resolutionNotes").asText()).isEqualTo("Resolved with the major incident " + major
          + ": Relay disk cleaned up");
      assertThat(notified(children.get(i), "resolved")).contains(REQUESTERS.get(i));
      assertThat(api.taskOf(REQUESTERS.get(i), children.get(i), "Confirm resolution")).isNotNull();
    }
    assertThat(api.get("bob", "/api/tickets/" + major + "/timeline").findValuesAsText("text"))
        .contains("Resolved with it: " + String.join(", ", children));

    // The post-incident review, for the major incident's group, due in 5 days as the model says.
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(major)
        .taskDefinitionKey("Activity_PostIncidentReview").singleResult();
    assertThat(review).isNotNull();
    assertThat(Duration.between(resolvedAround, review.getDueDate().toInstant()))
        .isBetween(Duration.ofDays(5).minusMinutes(5), Duration.ofDays(5).plusMinutes(5));
    assertThat(api.taskOf("alice", major, "Confirm resolution")).as("alice confirms meanwhile").isNotNull();
    Map<String, Object> findings = new HashMap<>(Map.of("reviewFindings", "The relay's disk filled up with logs",
        "raiseProblem", true, "problemTitle", "Mail relay disk fills up with logs"));
    api.work("bob", major, "Post-incident review", findings);
    JsonNode problem = null;
    for (JsonNode link : api.get("bob", "/api/tickets/" + major + "/links")) {
      problem = "problem".equals(link.get("type").asText()) ? link : problem;
    }
    assertThat(problem).as("a problem raised from the review").isNotNull();
    assertThat(problem.get("relation").asText()).isEqualTo("caused_by");
    assertThat(problem.get("title").asText()).isEqualTo("Mail relay disk fills up with logs");
    assertThat(api.get("bob", "/api/tickets/" + major + "/timeline").findValuesAsText("text"))
        .contains("Post-incident review: The relay's disk filled up with logs",
            "Problem " + problem.get("number").asText() + " raised from the review");
  }

  @Test
  void whatMustNotHappenIsRefusedAndChangesNothing() {
    String plain = incident("alice", 3, 3, "Outlook is slow");
    String other = incident("greta", 3, 3, "Outlook is slow for me too");
    String networks = ApiClient.read(post("alice", "/api/incidents", Map.of("title", "VPN drops", "service", "vpn",
        "category", "network", "impact", 3, "urgency", 3))).get("number").asText();

    // Declaring: the requester may not, other groups do not see it, the agent may once.
    assertThat(post("alice", "/api/tickets/" + plain + "/major", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("nina", "/api/tickets/" + plain + "/major", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("bob", "/api/tickets/INC-999999/major", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.exchange("/api/tickets/" + plain + "/major", HttpMethod.POST, HttpEntity.EMPTY, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // Not major yet: no children, no updates.
    assertThat(post("bob", "/api/tickets/" + plain + "/children", Map.of("incident", other)).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(post("bob", "/api/tickets/" + plain + "/updates", Map.of("text", "x")).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    ResponseEntity<String> declared = post("bob", "/api/tickets/" + plain + "/major", null);
    assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(declared).get("major").asBoolean()).isTrue();
    assertThat(api.taskOf("bob", plain, "Work incident")).as("an agent's declaration keeps the work going")
        .isNotNull();
    assertThat(post("bob", "/api/tickets/" + plain + "/major", null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    String problem = ApiClient.read(post("bob", "/api/problems", Map.of("title", "Outlook is slow",
        "assignmentGroup", "service-desk"))).at("/ticket/number").asText();
    assertThat(post("bob", "/api/tickets/" + plain + "/children", Map.of("incident", other)).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    Map<String, String> before = snapshot(List.of(plain, other, networks, problem));

    record Refusal(String user, String path, Object body, HttpStatus status) {
    }
    String children = "/api/tickets/" + plain + "/children";
    String updates = "/api/tickets/" + plain + "/updates";
    List<Refusal> refusals = List.of(
        new Refusal("bob", children, Map.of("incident", plain), HttpStatus.BAD_REQUEST),
        new Refusal("bob", children, Map.of("incident", other), HttpStatus.CONFLICT),
        new Refusal("bob", children, Map.of("incident", problem), HttpStatus.BAD_REQUEST),
        new Refusal("bob", children, Map.of("incident", "INC-999999"), HttpStatus.NOT_FOUND),
        new Refusal("bob", children, Map.of("incident", networks), HttpStatus.NOT_FOUND),
        new Refusal("bob", "/api/tickets/" + other + "/major", null, HttpStatus.CONFLICT),
        new Refusal("bob", "/api/tickets/" + other + "/merge", Map.of("into", plain), HttpStatus.CONFLICT),
        new Refusal("bob", "/api/tickets/" + plain + "/merge", Map.of("into", other), HttpStatus.CONFLICT),
        new Refusal("alice", children, Map.of("incident", other), HttpStatus.FORBIDDEN),
        new Refusal("greta", children, Map.of("incident", other), HttpStatus.NOT_FOUND),
        new Refusal("nina", children, Map.of("incident", networks), HttpStatus.NOT_FOUND),
        new Refusal("alice", updates, Map.of("text", "All fine"), HttpStatus.FORBIDDEN),
        new Refusal("greta", updates, Map.of("text", "All fine"), HttpStatus.NOT_FOUND),
        new Refusal("hana", updates, Map.of("text", "All fine"), HttpStatus.NOT_FOUND),
        new Refusal("bob", children, Map.of("incident", "INC-1'; DROP TABLE fd_ticket; --"), HttpStatus.BAD_REQUEST),
        new Refusal("bob", children, Map.of(), HttpStatus.BAD_REQUEST),
        new Refusal("bob", children, List.of(other), HttpStatus.BAD_REQUEST),
        new Refusal("bob", updates, Map.of("text", ""), HttpStatus.BAD_REQUEST),
        new Refusal("bob", updates, Map.of("text", "   "), HttpStatus.BAD_REQUEST),
        new Refusal("bob", updates, Map.of("text", "bell \u0007"), HttpStatus.BAD_REQUEST),
        new Refusal("bob", updates, Map.of("text", "t".repeat(1501)), HttpStatus.BAD_REQUEST),
        new Refusal("bob", updates, Map.of("text", 42, "internal", true), HttpStatus.BAD_REQUEST));
    List<String> wrong = new ArrayList<>();
    for (Refusal refusal : refusals) {
      ResponseEntity<String> answer = post(refusal.user(), refusal.path(), refusal.body());
      if (answer.getStatusCode() != refusal.status()) {
        wrong.add(refusal + " answered " + answer.getStatusCode() + " " + answer.getBody());
      }
    }
    for (String path : List.of(children, updates)) {
      if (rest.exchange(path, HttpMethod.POST, new HttpEntity<>(Map.of("incident", other, "text", "x")), String.class)
          .getStatusCode() != HttpStatus.UNAUTHORIZED) {
        wrong.add("anonymous " + path);
      }
    }
    // Camunda's REST API: the models' messages are not a requester's to send.
    for (String message : List.of("IncidentDeclaredMajor", "IncidentAttachedToMajor", "MajorIncidentUpdated",
        "MajorIncidentResolved")) {
      ResponseEntity<String> engine = ApiClient.as(rest, "greta", "greta").postForEntity("/engine-rest/message",
          Map.of("messageName", message, "businessKey", other, "processVariables",
              Map.of("majorUpdate", Map.of("value", "Forged", "type", "String"))), String.class);
      if (engine.getStatusCode() != HttpStatus.FORBIDDEN) {
        wrong.add("/engine-rest/message " + message + " as greta answered " + engine.getStatusCode());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(snapshot(List.of(plain, other, networks, problem))).isEqualTo(before);
  }

  @Test
  void refusalsSayTheStatusAsPeopleReadIt() {
    String waiting = incident("alice", 3, 3, "Outlook asks for the password");
    api.work("bob", waiting, "Work incident", Map.of("action", "ask_requester", "question", "Since when?"));
    ResponseEntity<String> declared = post("bob", "/api/tickets/" + waiting + "/major", null);
    assertThat(declared.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(declared).get("detail").asText()).isEqualTo(waiting + " is Waiting for the requester: "
        + "an incident is declared major while it is being worked");

    String major = incident("alice", 3, 3, "Calendar sync stopped");
    assertThat(post("bob", "/api/tickets/" + major + "/major", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    api.work("bob", major, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Sync service restarted"));
    ResponseEntity<String> update = post("bob", "/api/tickets/" + major + "/updates", Map.of("text", "All fine"));
    assertThat(update.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(update).get("detail").asText())
        .isEqualTo(major + " is Resolved: only an open major incident may post status updates");
  }

  @Test
  void aRequesterCannotCompleteThePostIncidentReviewThroughCamundasRestApi() {
    String major = incident("alice", 3, 3, "Calendar sync stopped");
    assertThat(post("bob", "/api/tickets/" + major + "/major", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    api.work("bob", major, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Sync service restarted"));
    Task review = taskService.createTaskQuery().processInstanceBusinessKey(major)
        .taskDefinitionKey("Activity_PostIncidentReview").singleResult();
    assertThat(review).isNotNull();

    for (String user : List.of("alice", "nina")) {
      ResponseEntity<String> refused = ApiClient.as(rest, user, user).postForEntity("/engine-rest/task/"
          + review.getId() + "/complete", Map.of("variables", Map.of("reviewFindings",
              Map.of("value", "Nothing to see", "type", "String"))), String.class);
      assertThat(refused.getStatusCode().is4xxClientError()).as(user + ": " + refused.getBody()).isTrue();
      assertThat(post(user, "/api/tasks/" + review.getId() + "/complete", Map.of("reviewFindings", "Nothing"))
          .getStatusCode().is4xxClientError()).isTrue();
    }
    assertThat(taskService.createTaskQuery().taskId(review.getId()).count()).isEqualTo(1);
  }

  /** Each ticket's record, timeline, links, watchers and notifications. */
  Map<String, String> snapshot(List<String> tickets) {
    Map<String, String> seen = new HashMap<>();
    for (String number : tickets) {
      seen.put(number, jdbc.sql("SELECT status || '|' || CAST(updated_at AS VARCHAR(40)) FROM fd_ticket "
          + "WHERE ticket_number = ?").param(number).query(String.class).single()
          + jdbc.sql("SELECT kind || ':' || COALESCE(text, '') FROM fd_timeline_entry WHERE ticket_number = ? "
              + "ORDER BY id").param(number).query(String.class).list()
          + jdbc.sql("SELECT linked_number || ':' || relation FROM fd_ticket_link WHERE ticket_number = ? "
              + "ORDER BY linked_number, relation").param(number).query(String.class).list()
          + jdbc.sql("SELECT COUNT(*) FROM fd_notification WHERE ticket_number = ?").param(number)
              .query(Long.class).single()
          + jdbc.sql("SELECT COUNT(*) FROM fd_major_incident WHERE ticket_number = ?").param(number)
              .query(Long.class).single());
    }
    return seen;
  }
}
