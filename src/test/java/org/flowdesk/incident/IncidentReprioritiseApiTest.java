package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Re-prioritising through the API as agents, requesters and others would: what the agent sees afterwards, what
 * is refused (with nothing changed), and Camunda's REST API as the second door.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IncidentReprioritiseApiTest {

  static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };
  static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

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

  List<Map<String, Object>> timeline(String user, String number, String language) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    ResponseEntity<List<Map<String, Object>>> response = ApiClient.as(rest, user, user).exchange(
        "/api/tickets/" + number + "/timeline", HttpMethod.GET, new HttpEntity<>(headers), LIST);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  String report() {
    ResponseEntity<Map<String, Object>> reported = post("alice", "/api/incidents", Map.of("title", "Switch flapping",
        "description", "The second floor loses the network", "service", "network", "category", "network", "impact", 2,
        "urgency", 2));
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(reported.getBody()).containsEntry("priority", 3);
    return (String) reported.getBody().get("number");
  }

  /** What a refusal must leave as it was: the ticket's record, its clocks, its timeline and the process variables. */
  String snapshot(String number) {
    return jdbc.sql("SELECT CAST(impact AS VARCHAR(5)) || '|' || CAST(urgency AS VARCHAR(5)) || '|' || "
        + "CAST(priority AS VARCHAR(5)) || '|' || CAST(updated_at AS VARCHAR(40)) FROM fd_ticket WHERE ticket_number = ?")
        .param(number).query(String.class).single()
        + jdbc.sql("SELECT clock || ':' || target || ':' || CAST(due_at AS VARCHAR(40)) || ':' || "
            + "CAST(warn_at AS VARCHAR(40)) FROM fd_sla_clock WHERE ticket_number = ? ORDER BY clock")
            .param(number).query(String.class).list()
        + jdbc.sql("SELECT kind FROM fd_timeline_entry WHERE ticket_number = ? ORDER BY id").param(number)
            .query(String.class).list();
  }

  @Test
  void anAgentRaisesThePriorityWithAReasonAndSeesTheNewTargetsAndTheTimelineSaysSo() {
    EngineTime.runningFrom("2027-03-02T09:00"); // a Tuesday morning
    String number = report();
    Map<String, Object> before = get("nina", "/api/tickets/" + number);

    ResponseEntity<Map<String, Object>> changed = post("nina", "/api/tickets/" + number + "/priority",
        Map.of("impact", 1, "urgency", 1, "reason", "The whole floor is offline now"));

    assertThat(changed.getStatusCode()).as(String.valueOf(changed.getBody())).isEqualTo(HttpStatus.OK);
    assertThat(changed.getBody()).containsEntry("priority", 1).containsEntry("impact", 1).containsEntry("urgency", 1);
    assertThat(String.valueOf(changed.getBody().get("resolutionDue")))
        .isLessThan(String.valueOf(before.get("resolutionDue")));
    assertThat(timeline("alice", number, "en")).extracting(entry -> entry.get("text"))
        .contains("Priority changed from P3 to P1: The whole floor is offline now");
    assertThat(timeline("alice", number, "de")).extracting(entry -> entry.get("text"))
        .contains("Priorität von P3 auf P1 geändert: The whole floor is offline now");
  }

  @Test
  void whoMayNotOrWhatIsWrongIsRefusedAndChangesNothing() {
    EngineTime.runningFrom("2027-03-02T09:00");
    String number = report();
    String before = snapshot(number);
    String path = "/api/tickets/" + number + "/priority";
    Map<String, Object> valid = Map.of("impact", 1, "urgency", 1, "reason", "Everyone is affected");

    ResponseEntity<Map<String, Object>> alices = post("alice", path, valid);
    assertThat(alices.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // The group by its name, in English and as a German reader reads it; never its id.
    assertThat(alices.getBody()).containsEntry("detail", "Only the agents working " + number
        + " (Network team) may change its priority");
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.as(rest, "alice", "alice").exchange(path, HttpMethod.POST, new HttpEntity<>(valid, german),
        OBJECT).getBody()).containsEntry("detail", "Nur die Bearbeiter von " + number
        + " (Netzwerkteam) dürfen seine Priorität ändern");
    assertThat(post("bob", path, valid).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("nina", "/api/tickets/INC-999999/priority", valid).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<Map<String, Object>> noReason = post("nina", path, Map.of("impact", 1, "urgency", 1));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(noReason.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(String.valueOf(noReason.getBody().get("errors"))).contains("reason");
    ResponseEntity<Map<String, Object>> unknownImpact = post("nina", path, Map.of("impact", 4, "urgency", 1,
        "reason", "x"));
    assertThat(unknownImpact.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(String.valueOf(unknownImpact.getBody().get("errors"))).contains("impact", "between 1 and 3");
    assertThat(post("nina", path, Map.of("impact", 1, "urgency", 1, "reason", "x", "priority", 1)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("nina", path, Map.of("impact", "high", "urgency", 1, "reason", "x")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<Map<String, Object>> same = post("nina", path, Map.of("impact", 2, "urgency", 2, "reason", "x"));
    assertThat(same.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(String.valueOf(same.getBody().get("detail"))).contains("impact 2 and urgency 2 already");
    // Through Camunda's REST API the message is the model's: not for agents or requesters, with any variables.
    for (String user : List.of("alice", "nina")) {
      ResponseEntity<String> engine = ApiClient.as(rest, user, user).postForEntity("/engine-rest/message",
          Map.of("messageName", "IncidentReprioritised", "businessKey", number, "processVariables",
              Map.of("impact", Map.of("value", 1, "type", "Integer"), "urgency", Map.of("value", 1, "type", "Integer"))),
          String.class);
      assertThat(engine.getStatusCode()).as(user + ": " + engine.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(snapshot(number)).isEqualTo(before);
  }

  @Test
  void aResolvedIncidentsPriorityNoLongerChanges() {
    EngineTime.runningFrom("2027-03-02T09:00");
    String number = report();
    List<Map<String, Object>> tasks = ApiClient.as(rest, "nina", "nina").exchange("/api/tasks?ticket=" + number,
        HttpMethod.GET, null, LIST).getBody();
    String work = (String) tasks.get(0).get("id");
    post("nina", "/api/tasks/" + work + "/claim", null);
    assertThat(post("nina", "/api/tasks/" + work + "/complete", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Replaced the switch")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    String before = snapshot(number);

    ResponseEntity<Map<String, Object>> refused = post("nina", "/api/tickets/" + number + "/priority",
        Map.of("impact", 1, "urgency", 1, "reason", "Too late"));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(String.valueOf(refused.getBody().get("detail"))).contains(number + " is Resolved: only an open incident");
    assertThat(snapshot(number)).isEqualTo(before);
  }

  @Test
  void anAdministratorAtTheEngineDoorGoesThroughTheModelsStepsAndItsChecks() {
    EngineTime.runningFrom("2027-03-02T09:00");
    String number = report();
    ResponseEntity<String> engine = ApiClient.as(rest, "admin", "admin").postForEntity("/engine-rest/message",
        Map.of("messageName", "IncidentReprioritised", "businessKey", number, "processVariables",
            Map.of("impact", Map.of("value", 1, "type", "Integer"), "urgency", Map.of("value", 2, "type", "Integer"))),
        String.class);
    assertThat(engine.getStatusCode().is2xxSuccessful()).as(engine.getBody()).isTrue();
    assertThat(get("nina", "/api/tickets/" + number)).containsEntry("priority", 2);
    assertThat(timeline("nina", number, "en")).filteredOn(entry -> "priority_changed".equals(entry.get("kind")))
        .extracting(entry -> entry.get("actor") + ": " + entry.get("text"))
        .containsExactly("admin: Priority changed from P3 to P2");
  }
}
