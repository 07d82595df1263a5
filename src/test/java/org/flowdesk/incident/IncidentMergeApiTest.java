package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Merging a duplicate incident into another through the API, with the real model: the duplicate closed as
 * such with its link, its requester watching the survivor, both timelines; and every merge that must not
 * happen refused with a 4xx that changes nothing. E-mail incidents are the service desk's (bob); nina works
 * the network, hana HR.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IncidentMergeApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtimeService;

  ApiClient api;

  String incident(String requester, String service, String title) {
    if (api == null) {
      api = new ApiClient(rest);
    }
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of(
        "title", title, "description", "Since this morning", "service", service,
        "category", "email".equals(service) ? "software" : "network", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<String> merge(String user, String number, Object body) {
    return api.call(user, HttpMethod.POST, "/api/tickets/" + number + "/merge", body);
  }

  List<String> timeline(String user, String number) {
    return api.get(user, "/api/tickets/" + number + "/timeline").findValuesAsText("text");
  }

  @Test
  void aMergedDuplicateIsClosedLinkedAndItsRequesterWatchesTheSurvivor() {
    String survivor = incident("greta", "email", "Outlook cannot reach the mail server");
    String duplicate = incident("alice", "email", "No new mail in Outlook");
    api.call("alice", HttpMethod.POST, "/api/tickets/" + duplicate + "/comments", Map.of("text", "Webmail works"));

    ResponseEntity<String> merged = merge("bob", duplicate, Map.of("into", survivor,
        "reason", "The same mail server outage"));

    assertThat(merged.getStatusCode()).as(merged.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode closed = api.get("alice", "/api/tickets/" + duplicate);
    assertThat(closed.get("status").asText()).isEqualTo("closed");
    assertThat(closed.get("resolutionCode").asText()).isEqualTo("duplicate");
    assertThat(closed.get("resolutionNotes").asText()).isEqualTo("Merged into " + survivor
        + " (Outlook cannot reach the mail server): The same mail server outage");
    // The link both ways; alice, now a watcher of the survivor, sees it from her ticket.
    JsonNode link = api.get("alice", "/api/tickets/" + duplicate + "/links").get(0);
    assertThat(link.get("number").asText()).isEqualTo(survivor);
    assertThat(link.get("relation").asText()).isEqualTo("duplicate_of");
    JsonNode back = api.get("bob", "/api/tickets/" + survivor + "/links").get(0);
    assertThat(back.get("number").asText()).isEqualTo(duplicate);
    assertThat(back.get("relation").asText()).isEqualTo("duplicated_by");
    assertThat(api.get("bob", "/api/tickets/" + survivor + "/watchers").toString()).isEqualTo("[\"alice\"]");
    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + survivor, null).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    // Both timelines say what happened, naming alice as people know her (greta reads German); alice's comment
    // stays readable on her ticket.
    assertThat(timeline("greta", survivor)).contains(duplicate + " (No new mail in Outlook, gemeldet von Alice "
        + "Andersen) wurde mit dieser Störung zusammengeführt: The same mail server outage. Ihr öffentlicher "
        + "Kommentar bleibt auf " + duplicate + " lesbar.");
    assertThat(timeline("bob", survivor)).contains(duplicate + " (No new mail in Outlook, reported by Alice Andersen) "
        + "was merged into this incident: The same mail server outage. Its public comment stays readable on "
        + duplicate + ".", "Alice Andersen watches this ticket", "Linked to " + duplicate + " (duplicated by)");
    assertThat(timeline("alice", duplicate)).contains("Webmail works", "Resolved (duplicate): Merged into " + survivor
        + " (Outlook cannot reach the mail server): The same mail server outage", "Closed: duplicate of " + survivor,
        "Linked to " + survivor + " (duplicate of)");
    // Read in German (alice's profile says so for a moment), FlowDesk's own words too: they stayed English.
    api.call("alice", org.springframework.http.HttpMethod.PUT, "/api/me/language", java.util.Map.of("language", "de"));
    try {
      assertThat(timeline("alice", duplicate)).contains("Gelöst (Duplikat): Zusammengeführt in " + survivor
          + " (Outlook cannot reach the mail server): The same mail server outage",
          "Geschlossen: Duplikat von " + survivor);
    } finally {
      api.call("alice", org.springframework.http.HttpMethod.PUT, "/api/me/language", java.util.Map.of());
    }
    // The duplicate's model ended there: no confirmation, no rating; the survivor is worked on.
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(duplicate).count()).isZero();
    assertThat(api.taskOf("alice", duplicate, "Rate your experience")).isNull();
    assertThat(api.taskOf("bob", survivor, "Work incident")).isNotNull();
    // alice's journey ended at "Closed".
    JsonNode journey = api.get("alice", "/api/tickets/" + duplicate + "/journey");
    assertThat(journey.get("ended").asBoolean()).isTrue();
    JsonNode current = null;
    for (JsonNode step : journey.get("milestones")) {
      current = "current".equals(step.get("state").asText()) ? step : current;
    }
    assertThat(current).as(journey.toString()).isNotNull();
    assertThat(current.get("code").asText()).isEqualTo("closed");
    // It is worked on as the survivor now: reopening the duplicate would start a second run of the same work.
    assertThat(api.get("alice", "/api/tickets/" + duplicate + "/reopening").get("possible").asBoolean()).isFalse();
    ResponseEntity<String> reopened = api.call("alice", HttpMethod.POST, "/api/tickets/" + duplicate + "/reopen",
        Map.of("reason", "Still no mail"));
    assertThat(reopened.getStatusCode()).as(reopened.getBody()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(reopened.getBody()).contains(duplicate + " was merged into " + survivor);
    assertThat(api.get("alice", "/api/tickets/" + duplicate).get("status").asText()).isEqualTo("closed");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(duplicate).count()).isZero();
    // Nor through Camunda's REST API, where an administrator may send the message itself: "Reopen closed ticket"
    // refuses it and nothing starts.
    ResponseEntity<String> byMessage = api.call("admin", HttpMethod.POST, "/engine-rest/message", Map.of(
        "messageName", "IncidentReopened", "businessKey", duplicate, "all", true));
    assertThat(byMessage.getStatusCode().is2xxSuccessful()).as(byMessage.getBody()).isFalse();
    assertThat(api.get("alice", "/api/tickets/" + duplicate).get("status").asText()).isEqualTo("closed");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(duplicate).count()).isZero();
  }

  @Test
  void everyMergeThatMustNotHappenIsRefusedAndChangesNothing() {
    String alices = incident("alice", "email", "Outlook freezes");
    String gretas = incident("greta", "email", "Outlook freezes on start");
    String resolved = incident("greta", "email", "Outlook freezes when printing");
    api.work("bob", resolved, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Add-in removed"));
    String waiting = incident("alice", "email", "Outlook freezes again");
    api.work("bob", waiting, "Work incident", Map.of("action", "ask_requester", "question", "Which add-ins?"));
    String mergedAway = incident("hana", "email", "Outlook hangs");
    assertThat(merge("bob", mergedAway, Map.of("into", gretas)).getStatusCode()).isEqualTo(HttpStatus.OK);
    String networks = incident("alice", "vpn", "VPN drops");
    String problem = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems", Map.of(
        "title", "Outlook freezes", "assignmentGroup", "service-desk"))).at("/ticket/number").asText();

    List<String> tickets = List.of(alices, gretas, resolved, waiting, mergedAway, networks, problem);
    Map<String, String> before = snapshot(tickets);

    record Refusal(String user, String number, Object body, HttpStatus status, String says) {
    }
    Map<String, Object> longReason = Map.of("into", gretas, "reason", "r".repeat(2001));
    List<Refusal> refusals = List.of(
        new Refusal("bob", alices, Map.of("into", alices), HttpStatus.BAD_REQUEST, "cannot be merged into itself"),
        new Refusal("bob", alices, Map.of("into", resolved), HttpStatus.CONFLICT,
            resolved + " is Resolved: merge into an open incident"),
        new Refusal("bob", alices, Map.of("into", problem), HttpStatus.BAD_REQUEST, "not an incident"),
        new Refusal("bob", problem, Map.of("into", alices), HttpStatus.NOT_FOUND, "No incident " + problem),
        new Refusal("bob", alices, Map.of("into", "INC-999999"), HttpStatus.NOT_FOUND, "No incident INC-999999"),
        new Refusal("bob", "INC-999999", Map.of("into", gretas), HttpStatus.NOT_FOUND, "INC-999999"),
        new Refusal("bob", mergedAway, Map.of("into", alices), HttpStatus.CONFLICT,
            mergedAway + " was merged into " + gretas + " already"),
        new Refusal("bob", alices, Map.of("into", mergedAway), HttpStatus.CONFLICT,
            mergedAway + " was itself merged into " + gretas),
        // gretas is the survivor of mergedAway: merging it back would be a cycle.
        new Refusal("bob", gretas, Map.of("into", mergedAway), HttpStatus.CONFLICT, "would make a cycle"),
        new Refusal("bob", waiting, Map.of("into", gretas), HttpStatus.CONFLICT,
            waiting + " is Waiting for the requester: an incident is merged while it is being worked"),
        // Who may: a requester sees her incident but does not work it; agents of other groups see neither.
        new Refusal("alice", alices, Map.of("into", gretas), HttpStatus.FORBIDDEN, "Only the agents working"),
        new Refusal("nina", alices, Map.of("into", gretas), HttpStatus.NOT_FOUND, alices),
        new Refusal("hana", alices, Map.of("into", gretas), HttpStatus.NOT_FOUND, alices),
        new Refusal("bob", alices, Map.of("into", networks), HttpStatus.NOT_FOUND, networks),
        new Refusal("nina", networks, Map.of("into", alices), HttpStatus.NOT_FOUND, alices),
        // Hostile input.
        new Refusal("bob", alices, Map.of("into", "INC-1'; DROP TABLE fd_ticket; --"), HttpStatus.BAD_REQUEST, "into"),
        new Refusal("bob", alices, Map.of("into", ""), HttpStatus.BAD_REQUEST, "into"),
        new Refusal("bob", alices, Map.of("reason", "no target"), HttpStatus.BAD_REQUEST, "into"),
        new Refusal("bob", alices, Map.of("into", gretas, "reason", "bell \u0007"), HttpStatus.BAD_REQUEST, "reason"),
        new Refusal("bob", alices, longReason, HttpStatus.BAD_REQUEST, "reason"),
        new Refusal("bob", alices, List.of(gretas), HttpStatus.BAD_REQUEST, ""),
        new Refusal("bob", "..%2F" + alices, Map.of("into", gretas), HttpStatus.BAD_REQUEST, ""));

    List<String> wrong = new ArrayList<>();
    for (Refusal refusal : refusals) {
      ResponseEntity<String> answer = merge(refusal.user(), refusal.number(), refusal.body());
      if (answer.getStatusCode() != refusal.status() || answer.getBody() == null
          || !answer.getBody().contains(refusal.says())) {
        wrong.add(refusal + " answered " + answer.getStatusCode() + " " + answer.getBody());
      }
    }
    ResponseEntity<String> anonymous = rest.exchange("/api/tickets/" + alices + "/merge", HttpMethod.POST,
        new HttpEntity<>(Map.of("into", gretas)), String.class);
    if (anonymous.getStatusCode() != HttpStatus.UNAUTHORIZED) {
      wrong.add("anonymous answered " + anonymous.getStatusCode());
    }
    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> notJson = ApiClient.as(rest, "bob", "bob").exchange("/api/tickets/" + alices + "/merge",
        HttpMethod.POST, new HttpEntity<>("into=" + gretas, text), String.class);
    if (!notJson.getStatusCode().is4xxClientError()) {
      wrong.add("text/plain answered " + notJson.getStatusCode());
    }
    // Through Camunda's REST API the message is the model's: a requester may not send it, with any variables.
    for (Map<String, Object> message : List.of(Map.<String, Object>of("messageName", "IncidentMerged",
        "businessKey", alices), Map.<String, Object>of("messageName", "IncidentMerged", "businessKey", alices,
        "processVariables", Map.of("mergedInto", Map.of("value", gretas, "type", "String"))))) {
      ResponseEntity<String> engine = ApiClient.as(rest, "alice", "alice").postForEntity("/engine-rest/message",
          message, String.class);
      if (engine.getStatusCode() != HttpStatus.FORBIDDEN) {
        wrong.add("/engine-rest/message as alice answered " + engine.getStatusCode() + " " + engine.getBody());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(snapshot(tickets)).isEqualTo(before);
    assertThat(api.taskOf("bob", alices, "Work incident")).isNotNull();
  }

  /** What a refused merge must not change: each ticket's record, timeline, links and watchers. */
  Map<String, String> snapshot(List<String> tickets) {
    Map<String, String> seen = new HashMap<>();
    for (String number : tickets) {
      seen.put(number, jdbc.sql("SELECT status || '|' || COALESCE(resolution_code, '') || '|' || "
          + "CAST(updated_at AS VARCHAR(40)) FROM fd_ticket WHERE ticket_number = ?").param(number)
          .query(String.class).single()
          + jdbc.sql("SELECT kind || ':' || COALESCE(text, '') FROM fd_timeline_entry WHERE ticket_number = ? ORDER BY id")
              .param(number).query(String.class).list()
          + jdbc.sql("SELECT linked_number || ':' || relation FROM fd_ticket_link WHERE ticket_number = ? "
              + "ORDER BY linked_number, relation").param(number).query(String.class).list()
          + jdbc.sql("SELECT user_id FROM fd_ticket_watcher WHERE ticket_number = ? ORDER BY user_id")
              .param(number).query(String.class).list());
    }
    return seen;
  }
}
