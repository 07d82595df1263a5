package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Reopening a closed incident through the API, as its requester, an agent of its group and as people who
 * may not: within the window incident.bpmn declares (14 days as shipped) and after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IncidentReopenApiTest {

  static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };
  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  @Autowired
  TestRestTemplate rest;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body), OBJECT);
  }

  Map<String, Object> get(String user, String path) {
    ResponseEntity<Map<String, Object>> response = ApiClient.as(rest, user, user).exchange(path, HttpMethod.GET, null,
        OBJECT);
    assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  List<Map<String, Object>> list(String user, String path) {
    ResponseEntity<List<Map<String, Object>>> response = ApiClient.as(rest, user, user).exchange(path, HttpMethod.GET,
        null, LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  String taskFor(String user, String ticket) {
    return list(user, "/api/tasks?ticket=" + ticket).stream().map(t -> (String) t.get("id")).findFirst()
        .orElseThrow(() -> new AssertionError(user + " has no task for " + ticket));
  }

  /** alice reports a VPN incident, nina (network) resolves it, alice confirms: closed, the rating still open. */
  String closedIncident() {
    ResponseEntity<Map<String, Object>> reported = post("alice", "/api/incidents", Map.of("title", "VPN drops",
        "description", "Every few minutes", "service", "vpn", "category", "network", "impact", 2, "urgency", 2));
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String number = (String) reported.getBody().get("number");
    String work = taskFor("nina", number);
    post("nina", "/api/tasks/" + work + "/claim", null);
    assertThat(post("nina", "/api/tasks/" + work + "/complete", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(post("alice", "/api/tasks/" + taskFor("alice", number) + "/complete", Map.of("confirmation", "confirm"))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(get("alice", "/api/tickets/" + number)).containsEntry("status", "closed");
    return number;
  }

  @Test
  void theRequesterReopensAClosedIncidentWithAReasonAndItIsBackInTheGroupsQueue() {
    EngineTime.runningFrom("2026-03-02T09:00");
    String number = closedIncident();
    Map<String, Object> reopening = get("alice", "/api/tickets/" + number + "/reopening");
    assertThat(reopening).containsEntry("possible", true);
    assertThat((String) reopening.get("until")).startsWith("2026-03-16T08:0");

    EngineTime.runningFrom("2026-03-10T09:00");
    ResponseEntity<Map<String, Object>> reopened = post("alice", "/api/tickets/" + number + "/reopen",
        Map.of("reason", "It drops again since this morning"));

    assertThat(reopened.getStatusCode()).as(String.valueOf(reopened.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(reopened.getBody()).containsEntry("status", "in_progress").containsEntry("reopenCount", 1)
        .containsEntry("assignmentGroup", "network").containsEntry("assignee", null).containsEntry("closedAt", null);
    // It is no longer resolved: the earlier resolution is on the timeline, not on the ticket.
    assertThat(reopened.getBody()).containsEntry("resolutionCode", null).containsEntry("resolutionNotes", null);
    // The resolution clock runs again with the time it had left at the resolution, a week ago.
    assertThat(reopened.getBody()).containsEntry("paused", false);
    assertThat(java.time.Instant.parse((String) reopened.getBody().get("resolutionDue")))
        .isAfter(java.time.Instant.parse("2026-03-10T08:00:00Z"));
    assertThat(list("alice", "/api/tickets/" + number + "/timeline")).anySatisfy(entry -> assertThat(entry)
        .containsEntry("kind", "reopened").containsEntry("actor", "alice")
        .containsEntry("text", "Reopened after closing: It drops again since this morning"));
    // Back in the network queue as a work task; the rating the closing asked for is gone.
    assertThat(list("nina", "/api/tasks?ticket=" + number)).extracting(t -> t.get("formId"))
        .containsExactly("incident-work");
    assertThat(list("alice", "/api/tasks?ticket=" + number)).isEmpty();
    assertThat(list("nina", "/api/notifications?ticket=" + number)).anySatisfy(n -> assertThat(n)
        .containsEntry("ticketNumber", number).containsEntry("kind", "reopened"));
    assertThat(get("alice", "/api/tickets/" + number + "/reopening")).containsEntry("possible", false)
        .containsEntry("until", null);
    // The journey follows the reopened run; what the closed run passed stays passed.
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> journey = (List<Map<String, Object>>) get("alice", "/api/tickets/" + number + "/journey")
        .get("milestones");
    assertThat(journey).extracting(step -> step.get("code") + " " + step.get("state"))
        .startsWith("reported done", "reopened done", "being_worked current");
    // When it was reported comes from the closed run.
    assertThat(journey.get(0).get("reachedAt")).as("reported's date").isNotNull();
    assertThat(Instant.parse((String) journey.get(0).get("reachedAt")))
        .isCloseTo(Instant.parse((String) get("alice", "/api/tickets/" + number).get("createdAt")),
            org.assertj.core.api.Assertions.within(2, java.time.temporal.ChronoUnit.SECONDS));

    // Open again: a second reopen is a conflict, and changes nothing.
    ResponseEntity<Map<String, Object>> again = post("alice", "/api/tickets/" + number + "/reopen",
        Map.of("reason", "Still broken"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) again.getBody().get("detail"))
        .isEqualTo(number + " is not closed, so there is nothing to reopen (its status is In progress)");
    assertThat(get("alice", "/api/tickets/" + number)).containsEntry("reopenCount", 1);
  }

  @Test
  void anAgentOfTheGroupMayReopenAndTheReopenedIncidentIsWorkedToClosedAgain() {
    EngineTime.runningFrom("2026-04-06T09:00");
    String number = closedIncident();
    assertThat(post("alice", "/api/tasks/" + taskFor("alice", number) + "/complete", Map.of("rating", 2))
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(post("nina", "/api/tickets/" + number + "/reopen", Map.of("reason", "The fix did not hold"))
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    String work = taskFor("nina", number);
    post("nina", "/api/tasks/" + work + "/claim", null);
    post("nina", "/api/tasks/" + work + "/complete", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Replaced the router"));
    post("alice", "/api/tasks/" + taskFor("alice", number) + "/complete", Map.of("confirmation", "confirm"));
    assertThat(get("alice", "/api/tickets/" + number)).containsEntry("status", "closed").containsEntry("reopenCount", 1)
        .containsEntry("resolutionNotes", "Replaced the router");
  }

  @Test
  void afterTheWindowTheModelDeclaresAReopenIsAConflictThatSaysUntilWhen() {
    EngineTime.runningFrom("2026-05-04T09:00");
    String number = closedIncident();

    EngineTime.runningFrom("2026-05-18T09:30");
    assertThat(get("alice", "/api/tickets/" + number + "/reopening")).containsEntry("possible", false);
    ResponseEntity<Map<String, Object>> late = post("alice", "/api/tickets/" + number + "/reopen",
        Map.of("reason", "It is broken again"));

    assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat((String) late.getBody().get("detail")).contains("could be reopened until 2026-05-18T07:0")
        .contains("14 days after closing").contains("report a new incident");
    assertThat(get("alice", "/api/tickets/" + number)).containsEntry("status", "closed").containsEntry("reopenCount", 0);
  }

  @Test
  void aReopenWithoutAReasonOrByPeopleWhoMayNotChangesNothing() {
    EngineTime.runningFrom("2026-06-01T09:00");
    String number = closedIncident();
    String path = "/api/tickets/" + number + "/reopen";

    ResponseEntity<Map<String, Object>> noReason = post("alice", path, Map.of());
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getBody().toString()).contains("reason");
    assertThat(post("alice", path, Map.of("reason", "   ")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("alice", path, Map.of("reason", "x".repeat(2001))).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // Someone else's ticket does not exist for them; a watcher sees it but may not reopen it.
    assertThat(post("bob", path, Map.of("reason", "Mine now")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ApiClient.as(rest, "bob", "bob").getForEntity(path + "ing", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ApiClient.as(rest, "alice", "alice").postForEntity("/api/tickets/" + number + "/watchers",
        Map.of("user", "mark"), String.class).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(get("mark", path + "ing")).containsEntry("possible", false);
    ResponseEntity<Map<String, Object>> watcher = post("mark", path, Map.of("reason", "Also broken for me"));
    assertThat(watcher.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // The group by the directory's name, not its id.
    assertThat((String) watcher.getBody().get("detail")).contains("Only the requester and the agents of Network team may reopen");
    // Through Camunda's REST API the message is for administrators only.
    assertThat(ApiClient.as(rest, "alice", "alice").postForEntity("/engine-rest/message", Map.of("messageName",
        "IncidentReopened", "businessKey", number), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

    assertThat(get("alice", "/api/tickets/" + number)).containsEntry("status", "closed").containsEntry("reopenCount", 0);
    assertThat(list("alice", "/api/tickets/" + number + "/timeline")).noneMatch(e -> "reopened".equals(e.get("kind")));
  }

  @Test
  void onlyIncidentsAreReopened() {
    assertThat(post("alice", "/api/tickets/REQ-999999/reopen", Map.of("reason", "x")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
