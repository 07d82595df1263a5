package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Many tickets at once: POST /api/tickets/bulk does to each ticket what the single action does
 * (the work form completed through the incident's process, a claim, a comment), each in a
 * transaction of its own, and reports per ticket what was done and why not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class BulkActionApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  TaskService taskService;
  @Autowired
  HistoryService historyService;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  /** A printer incident of alice's, which the service desk (bob, sam) works. */
  String report(String title) {
    return report("printer", title);
  }

  String report(String service, String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "description", "Seen since this morning", "service", service, "category", "hardware", "impact", 3,
        "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<String> bulk(String user, Map<String, Object> body) {
    return api.call(user, HttpMethod.POST, "/api/tickets/bulk", body);
  }

  static Map<String, Object> resolve(List<String> tickets) {
    return new HashMap<>(Map.of("action", "resolve", "tickets", tickets, "resolutionCode", "solved",
        "resolutionNotes", "Zorblat toner replaced on every floor"));
  }

  static Map<String, JsonNode> byTicket(JsonNode report) {
    Map<String, JsonNode> results = new HashMap<>();
    report.get("results").forEach(result -> results.put(result.get("ticket").asText(), result));
    return results;
  }

  @Test
  void aBulkResolveOfTwentyResolvesTheEighteenThroughTheirProcessesAndSaysWhyTheOtherTwoWereNot() {
    List<String> tickets = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      tickets.add(report("Zorblat printer " + i + " streaks"));
    }
    // Sam has taken one on: not bob's to resolve. Another bob has resolved on his own already.
    String samHas = tickets.get(4);
    api.call("sam", HttpMethod.POST, "/api/tasks/" + api.taskOf("sam", samHas, "Work incident") + "/claim", null);
    String resolvedAlready = tickets.get(11);
    api.work("bob", resolvedAlready, "Work incident", Map.of("action", "resolve", "resolutionCode", "workaround",
        "resolutionNotes", "Restarted"));

    ResponseEntity<String> response = bulk("bob", resolve(tickets));

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode report = ApiClient.read(response);
    assertThat(report.get("action").asText()).isEqualTo("resolve");
    assertThat(report.get("done").asInt()).isEqualTo(18);
    assertThat(report.get("refused").asInt()).isEqualTo(2);
    assertThat(report.get("results").findValuesAsText("ticket")).containsExactlyElementsOf(tickets);
    Map<String, JsonNode> results = byTicket(report);
    assertThat(results.get(samHas).get("done").asBoolean()).isFalse();
    assertThat(results.get(samHas).get("refusal").asText()).isEqualTo("taken");
    assertThat(results.get(samHas).get("reason").asText()).contains("taken on by Sam Silva");
    assertThat(results.get(resolvedAlready).get("done").asBoolean()).isFalse();
    assertThat(results.get(resolvedAlready).get("refusal").asText()).isEqualTo("no_step");
    assertThat(results.get(resolvedAlready).get("reason").asText())
        .isEqualTo(resolvedAlready + " has no step now by which to resolve it (it is Resolved)");

    for (String ticket : tickets) {
      JsonNode seen = api.get("alice", "/api/tickets/" + ticket);
      if (ticket.equals(samHas)) {
        assertThat(seen.get("status").asText()).isEqualTo("in_progress");
        assertThat(seen.get("assignee").asText()).isEqualTo("sam");
        assertThat(api.taskOf("sam", ticket, "Work incident")).as("sam's work step stays").isNotNull();
        continue;
      }
      assertThat(seen.get("status").asText()).as(ticket).isEqualTo("resolved");
      if (ticket.equals(resolvedAlready)) {
        assertThat(seen.get("resolutionCode").asText()).as("the first resolution stands").isEqualTo("workaround");
        continue;
      }
      assertThat(results.get(ticket).get("done").asBoolean()).isTrue();
      assertThat(results.get(ticket).has("refusal") && !results.get(ticket).get("refusal").isNull()).isFalse();
      assertThat(seen.get("resolutionCode").asText()).isEqualTo("solved");
      assertThat(seen.get("assignee").asText()).as("bob took the step on, as the single action does").isEqualTo("bob");
      // The process went on: bob's work step is done by him, and alice is asked to confirm.
      assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(ticket)
          .taskDefinitionKey("Activity_WorkIncident").finished().taskAssignee("bob").count()).isEqualTo(1);
      assertThat(api.taskOf("alice", ticket, "Confirm resolution")).as(ticket).isNotNull();
      assertThat(api.get("alice", "/api/tickets/" + ticket + "/timeline").findValuesAsText("text"))
          .contains("Resolved (solved): Zorblat toner replaced on every floor");
    }
  }

  @Test
  void aRequestWrongAsAWholeIsRefusedAndChangesNothing() {
    String ticket = report("Quibbix printer jams");
    List<Map<String, Object>> wrong = new ArrayList<>();
    wrong.add(Map.of("action", "close", "tickets", List.of(ticket)));
    wrong.add(Map.of("action", "resolve", "tickets", List.of(ticket), "resolutionNotes", "Done"));
    wrong.add(Map.of("action", "resolve", "tickets", List.of(ticket), "resolutionCode", "", "resolutionNotes", "Done"));
    wrong.add(Map.of("action", "resolve", "tickets", List.of(ticket, ticket), "resolutionCode", "solved",
        "resolutionNotes", "Done"));
    wrong.add(Map.of("action", "resolve", "tickets", List.of(), "resolutionCode", "solved", "resolutionNotes", "Done"));
    List<String> tooMany = new ArrayList<>(List.of(ticket));
    for (int i = 1; i <= BulkController.MOST_TICKETS; i++) {
      tooMany.add("INC-9" + String.format("%08d", i));
    }
    wrong.add(Map.of("action", "resolve", "tickets", tooMany, "resolutionCode", "solved", "resolutionNotes", "Done"));
    wrong.add(Map.of("action", "resolve", "tickets", List.of(ticket, "not a number"), "resolutionCode", "solved",
        "resolutionNotes", "Done"));
    wrong.add(Map.of("action", "comment", "tickets", List.of(ticket), "text", "Hello", "resolutionCode", "solved"));
    wrong.add(Map.of("action", "reassign", "tickets", List.of(ticket)));
    wrong.add(Map.of("action", "assign", "tickets", List.of(ticket), "frobnicate", true));
    wrong.add(Map.of("action", "comment", "tickets", List.of(ticket), "text", "Hello", "assignee", "sam"));
    wrong.add(Map.of("action", "assign", "tickets", List.of(ticket), "assignee", "sam; DROP TABLE"));
    for (Map<String, Object> body : wrong) {
      ResponseEntity<String> response = bulk("bob", body);
      assertThat(response.getStatusCode()).as(body + ": " + response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }
    JsonNode seen = api.get("bob", "/api/tickets/" + ticket);
    assertThat(seen.get("status").asText()).isEqualTo("new");
    assertThat(seen.get("assignee").isNull() || seen.get("assignee").isMissingNode()).isTrue();
    assertThat(api.get("bob", "/api/tickets/" + ticket + "/timeline").findValuesAsText("kind"))
        .doesNotContain("resolved", "claimed", "comment");
  }

  @Test
  void aCodeTheWorkFormDoesNotOfferAndATicketTheCallerMayNotSeeAreRefusedPerTicket() {
    String printer = report("Vexlor printer smudges");
    String vpn = report("vpn", "Vexlor tunnel drops");
    Map<String, Object> body = resolve(List.of(printer, vpn, "INC-999999999"));
    body.put("resolutionCode", "magic");

    JsonNode report = ApiClient.read(bulk("bob", body));

    Map<String, JsonNode> results = byTicket(report);
    assertThat(results.get(printer).get("refusal").asText()).isEqualTo("invalid");
    assertThat(results.get(printer).get("reason").asText()).contains("resolutionCode");
    // The network team's ticket of alice's is none bob may see: it is as good as not there.
    assertThat(results.get(vpn).get("refusal").asText()).isEqualTo("not_found");
    assertThat(results.get(vpn).get("reason").asText()).isEqualTo("No ticket " + vpn + " that you may see");
    assertThat(results.get("INC-999999999").get("reason").asText())
        .isEqualTo("No ticket INC-999999999 that you may see");
    assertThat(api.status("alice", printer)).isEqualTo("new");
    // Nina of the network team is asked for the printer: it is the service desk's, not hers.
    JsonNode ninas = ApiClient.read(bulk("nina", resolve(List.of(vpn))));
    assertThat(ninas.get("done").asInt()).isEqualTo(1);
  }

  @Test
  void anAgentTakesOnCommentsOnAndReassignsSeveralTicketsAtOnce() {
    List<String> tickets = List.of(report("Plonquet printer 1 offline"), report("Plonquet printer 2 offline"),
        report("Plonquet printer 3 offline"));

    JsonNode assigned = ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", tickets)));
    assertThat(assigned.get("done").asInt()).isEqualTo(3);
    for (String ticket : tickets) {
      JsonNode seen = api.get("alice", "/api/tickets/" + ticket);
      assertThat(seen.get("assignee").asText()).isEqualTo("bob");
      assertThat(seen.get("status").asText()).isEqualTo("in_progress");
      assertThat(seen.get("respondedAt").isNull()).as("taking it on is the response").isFalse();
    }
    // Sam may not take on what bob has.
    JsonNode sams = ApiClient.read(bulk("sam", Map.of("action", "assign", "tickets", tickets.subList(0, 1))));
    assertThat(sams.at("/results/0/refusal").asText()).isEqualTo("taken");
    assertThat(sams.at("/results/0/reason").asText()).contains("taken on by Bob Becker");

    JsonNode commented = ApiClient.read(bulk("bob", Map.of("action", "comment", "tickets", tickets, "text",
        "Plonquet driver rollout under way", "internal", true)));
    assertThat(commented.get("done").asInt()).isEqualTo(3);
    // Alice, who does not work the ticket, may not write internal comments on it: refused per ticket.
    JsonNode alices = ApiClient.read(bulk("alice", Map.of("action", "comment", "tickets", tickets.subList(0, 1),
        "text", "Psst", "internal", true)));
    assertThat(alices.at("/results/0/refusal").asText()).isEqualTo("not_yours");
    assertThat(alices.at("/results/0/reason").asText()).contains("you may not write internal comments");

    JsonNode reassigned = ApiClient.read(bulk("bob", Map.of("action", "reassign", "tickets", tickets, "group",
        "network", "reason", "Plonquet is a network printer")));
    assertThat(reassigned.get("done").asInt()).isEqualTo(3);
    for (String ticket : tickets) {
      // The internal comment is for the agents who work the ticket now.
      assertThat(api.get("nina", "/api/tickets/" + ticket + "/timeline").findValuesAsText("text"))
          .contains("Plonquet driver rollout under way", "Reassigned from Service desk to Network team: Plonquet is a "
              + "network printer");
      JsonNode seen = api.get("alice", "/api/tickets/" + ticket);
      assertThat(seen.get("assignmentGroup").asText()).isEqualTo("network");
      assertThat(api.taskOf("nina", ticket, "Work incident")).as("the network team's step").isNotNull();
    }
    // Bob's group no longer works them: he may not do it again, nor write internal comments on them, and each
    // refusal says so with the same word.
    JsonNode again = ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", tickets.subList(0, 1))));
    assertThat(again.at("/results/0/done").asBoolean()).isFalse();
    assertThat(again.at("/results/0/refusal").asText()).isEqualTo("not_yours");
    assertThat(again.at("/results/0/reason").asText()).isEqualTo(tickets.get(0) + " is worked by the group Network "
        + "team, not by you: you may not take it on");
    JsonNode noted = ApiClient.read(bulk("bob", Map.of("action", "comment", "tickets", tickets.subList(0, 1),
        "text", "Still on it?", "internal", true)));
    assertThat(noted.at("/results/0/refusal").asText()).isEqualTo("not_yours");
    assertThat(noted.at("/results/0/reason").asText()).isEqualTo(tickets.get(0) + " is worked by the group Network "
        + "team, not by you: you may not write internal comments on it");
  }

  /**
   * Each refused ticket's reason reads in the caller's language, as every other refusal does: their browser's (Accept-
   * Language) or their profile's; the refusal code stays the same word for programs.
   */
  @Test
  void eachRefusedTicketsReasonReadsInTheCallersLanguage() {
    String bobHas = report("Quillet printer jams");
    String resolved = report("Quillet printer hums");
    assertThat(ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", List.of(bobHas)))).get("done").asInt())
        .isEqualTo(1);
    api.work("bob", resolved, "Work incident", Map.of("action", "resolve", "resolutionCode", "workaround",
        "resolutionNotes", "Restarted"));

    Map<String, JsonNode> sams = byTicket(ApiClient.read(bulkIn("sam", "de", resolve(List.of(bobHas, resolved,
        "INC-999999998")))));
    assertThat(sams.get(bobHas).get("refusal").asText()).isEqualTo("taken");
    assertThat(sams.get(bobHas).get("reason").asText())
        .isEqualTo("„Störung bearbeiten " + bobHas + ": Quillet printer jams“ wurde inzwischen von Bob Becker übernommen.");
    assertThat(sams.get(resolved).get("refusal").asText()).isEqualTo("no_step");
    assertThat(sams.get(resolved).get("reason").asText())
        .isEqualTo(resolved + " hat gerade keinen Schritt, mit dem es sich lösen ließe (Status: Gelöst)");
    assertThat(sams.get("INC-999999998").get("reason").asText())
        .isEqualTo("Es gibt kein Ticket INC-999999998, das Sie sehen dürfen");

    // Alice, who does not work the ticket, reads why not in German too; in English without asking for German.
    Map<String, Object> internal = Map.of("action", "comment", "tickets", List.of(bobHas), "text", "Psst",
        "internal", true);
    JsonNode alices = ApiClient.read(bulkIn("alice", "de", internal));
    assertThat(alices.at("/results/0/refusal").asText()).isEqualTo("not_yours");
    assertThat(alices.at("/results/0/reason").asText()).isEqualTo(bobHas + " bearbeitet die Gruppe Service-Desk, "
        + "nicht Sie: Sie dürfen keine internen Kommentare dazu schreiben");
    assertThat(ApiClient.read(bulkIn("alice", "en", internal)).at("/results/0/reason").asText())
        .isEqualTo(bobHas + " is worked by the group Service desk, not by you: you may not write internal comments on it");

    // A code the work form does not offer: the field named as the API names it, its refusal in German.
    Map<String, Object> magic = resolve(List.of(report("Quillet printer squeaks")));
    magic.put("resolutionCode", "magic");
    JsonNode refused = ApiClient.read(bulkIn("bob", "de", magic));
    assertThat(refused.at("/results/0/refusal").asText()).isEqualTo("invalid");
    assertThat(refused.at("/results/0/reason").asText()).startsWith("resolutionCode: Lösungscode muss eines von ");
  }

  ResponseEntity<String> bulkIn(String user, String language, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> answered = ApiClient.as(rest, user, user).exchange("/api/tickets/bulk", HttpMethod.POST,
        new HttpEntity<>(body, headers), String.class);
    assertThat(answered.getStatusCode()).as(answered.getBody()).isEqualTo(HttpStatus.OK);
    return answered;
  }

  @Test
  void anAgentGivesSelectedTicketsToAColleagueOfTheGroupAndNobodyOutsideIt() {
    List<String> tickets = List.of(report("Vexlor printer 1 hums"), report("Vexlor printer 2 hums"),
        report("Vexlor printer 3 hums"));
    // Sam has taken the third on: bob may not give it away.
    api.call("sam", HttpMethod.POST, "/api/tasks/" + api.taskOf("sam", tickets.get(2), "Work incident") + "/claim",
        null);

    JsonNode given = ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", tickets, "assignee", "sam")));

    assertThat(given.get("done").asInt()).isEqualTo(3);
    for (String ticket : tickets) {
      assertThat(api.get("alice", "/api/tickets/" + ticket).get("assignee").asText()).isEqualTo("sam");
    }
    assertThat(api.get("bob", "/api/tickets/" + tickets.get(0) + "/timeline").findValuesAsText("text"))
        .contains("Assigned to Sam Silva by Bob Becker");
    // Nina is in the network team, not the service desk: refused per ticket, nothing changed.
    String other = report("Vexlor printer 4 hums");
    JsonNode refused = ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", List.of(other),
        "assignee", "nina")));
    assertThat(refused.get("done").asInt()).isZero();
    assertThat(refused.get("results").get(0).get("refusal").asText()).isEqualTo("invalid");
    assertThat(refused.get("results").get(0).get("reason").asText()).contains("not a member of a group");
    assertThat(api.get("bob", "/api/tickets/" + other).get("assignee").isNull()).isTrue();
    // Bob may not take sam's tickets away by giving them to himself or to another colleague.
    JsonNode taken = ApiClient.read(bulk("bob", Map.of("action", "assign", "tickets", tickets.subList(0, 1))));
    assertThat(taken.get("results").get(0).get("refusal").asText()).isEqualTo("taken");

    // The single action: POST /api/tasks/{id}/assign, the same checks.
    String task = api.taskOf("bob", other, "Work incident");
    ResponseEntity<String> wrong = api.call("bob", HttpMethod.POST, "/api/tasks/" + task + "/assign",
        Map.of("assignee", "nina"));
    assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(wrong).get("errors").findValuesAsText("field")).containsExactly("assignee");
    ResponseEntity<String> nobody = api.call("bob", HttpMethod.POST, "/api/tasks/" + task + "/assign",
        Map.of("assignee", "no-such-person"));
    assertThat(nobody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> toSam = api.call("bob", HttpMethod.POST, "/api/tasks/" + task + "/assign",
        Map.of("assignee", "sam"));
    assertThat(toSam.getStatusCode()).as(toSam.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(toSam).get("assignee").asText()).isEqualTo("sam");
    assertThat(api.call("nina", HttpMethod.POST, "/api/tasks/" + task + "/assign", Map.of("assignee", "nina"))
        .getStatusCode()).as("another group's task is not found").isEqualTo(HttpStatus.NOT_FOUND);

    // Who may be given work: the group's members, for its members and administrators.
    assertThat(api.get("bob", "/api/groups/service-desk/members").findValuesAsText("userId")).contains("bob", "sam")
        .doesNotContain("nina");
    ResponseEntity<String> notAMember = api.call("alice", HttpMethod.GET, "/api/groups/service-desk/members", null);
    assertThat(notAMember.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.read(notAMember).get("detail").asText())
        .isEqualTo("Only members of Service desk and administrators see who is in it");
    assertThat(api.call("bob", HttpMethod.GET, "/api/groups/no-such-group/members", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
