package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The journey a requester reads: milestones the models declare, where the ticket is, whom it waits
 * on by name and since when, through approval and a called fulfilment process.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TicketJourneyApiTest {

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset(); // a running clock: the steps below happen one after the other
    api = new ApiClient(rest);
  }

  @AfterEach
  void suiteClock() {
    EngineTime.reset();
  }

  JsonNode journey(String user, String number) {
    return api.get(user, "/api/tickets/" + number + "/journey");
  }

  /** "Label: state", in order. */
  static List<String> steps(JsonNode journey) {
    List<String> steps = new ArrayList<>();
    journey.get("milestones").forEach(m -> steps.add(m.get("label").asText() + ": " + m.get("state").asText()));
    return steps;
  }

  static JsonNode current(JsonNode journey) {
    for (JsonNode milestone : journey.get("milestones")) {
      if ("current".equals(milestone.get("state").asText())) {
        return milestone;
      }
    }
    throw new AssertionError("no current milestone in " + journey);
  }

  /** Whom the current milestone waits on, by name: "step: people / groups". */
  static List<String> waitingOn(JsonNode journey) {
    List<String> waiting = new ArrayList<>();
    for (JsonNode wait : current(journey).get("waitingOn")) {
      assertThat(wait.get("since").asText()).as("since when").isNotBlank();
      waiting.add(wait.get("step").asText() + ": " + String.join(", ", wait.get("people").findValuesAsText("name"))
          + " / " + String.join(", ", wait.get("groups").findValuesAsText("name")));
    }
    return waiting;
  }

  String order(String user, String item, Map<String, Object> answers) {
    ResponseEntity<String> ordered = api.call(user, HttpMethod.POST, "/api/requests", Map.of("item", item, "answers", answers));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  @Test
  void aLaptopsJourneyGoesThroughApprovalAndTheFulfilmentsOwnMilestonesNamingWhomItWaitsOn() {
    String number = order("alice", "new-laptop", Map.of("model", "developer", "reason", "Builds take ages"));

    JsonNode ordered = journey("alice", number);
    // The fulfilment it will call (fulfil-hardware) refines "Being fulfilled" already; "Not approved" is optional.
    assertThat(steps(ordered)).containsExactly("Submitted: done", "Approval: current", "Ordering: ahead",
        "Preparing: ahead", "Handing over: ahead", "Delivered: ahead", "Closed: ahead");
    assertThat(ordered.get("ended").asBoolean()).isFalse();
    assertThat(ordered.get("milestones").get(0).get("reachedAt").asText()).isNotBlank();
    assertThat(current(ordered).get("reachedAt").asText()).isNotBlank();
    assertThat(ordered.get("milestones").get(2).get("process").asText()).isEqualTo("fulfil-hardware");
    assertThat(ordered.get("milestones").get(2).get("reachedAt").isNull()).isTrue();
    assertThat(waitingOn(ordered)).containsExactly("Manager approves: Mark Meyer / ");
    // Who may not see the ticket does not learn it exists.
    assertThat(api.call("hana", HttpMethod.GET, "/api/tickets/" + number + "/journey", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    api.work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Go ahead"));
    JsonNode secondApproval = journey("alice", number);
    assertThat(current(secondApproval).get("code").asText()).isEqualTo("approval");
    // Still the approval milestone, entered when it was first reached.
    assertThat(current(secondApproval).get("reachedAt").asText()).isEqualTo(current(ordered).get("reachedAt").asText());
    assertThat(waitingOn(secondApproval)).containsExactly("Budget owner approves: Bea Berger / ");

    api.work("bea", number, "Budget owner approves", Map.of("decision", "approve"));
    JsonNode ordering = journey("alice", number);
    assertThat(steps(ordering)).containsExactly("Submitted: done", "Approval: done", "Ordering: current",
        "Preparing: ahead", "Handing over: ahead", "Delivered: ahead", "Closed: ahead");
    assertThat(waitingOn(ordering)).containsExactly("Order from the supplier:  / Purchasing");
    // The approver sees the journey of the ticket they decided on.
    assertThat(steps(journey("mark", number))).isEqualTo(steps(ordering));

    api.work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-4711"));
    assertThat(current(journey("alice", number)).get("label").asText()).isEqualTo("Preparing");
    assertThat(waitingOn(journey("alice", number))).containsExactly("Prepare the device:  / Service desk");
    api.work("bob", number, "Prepare the device", Map.of("assetTag", "LT-0042"));
    api.work("bob", number, "Hand it over", Map.of("handoverNotes", "At the front desk"));

    JsonNode delivered = journey("alice", number);
    assertThat(steps(delivered)).containsExactly("Submitted: done", "Approval: done", "Ordering: done",
        "Preparing: done", "Handing over: done", "Delivered: current", "Closed: ahead");
    assertThat(waitingOn(delivered)).containsExactly("Confirm receipt: Alice Andersen / ");

    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received"));
    JsonNode closed = journey("alice", number);
    assertThat(closed.get("ended").asBoolean()).isTrue();
    assertThat(steps(closed)).containsExactly("Submitted: done", "Approval: done", "Ordering: done",
        "Preparing: done", "Handing over: done", "Delivered: done", "Closed: current");
    assertThat(current(closed).get("waitingOn")).isEmpty();
    closed.get("milestones").forEach(m -> assertThat(m.get("reachedAt").asText()).isNotBlank());
  }

  @Test
  void aRejectedRequestEndsAtNotApprovedAndSkipsTheRest() {
    String number = order("alice", "new-laptop", Map.of("model", "standard", "reason", "Mine is slow"));
    api.work("mark", number, "Manager approves", Map.of("decision", "reject", "rejectionReason", "Next year"));

    JsonNode rejected = journey("alice", number);
    assertThat(rejected.get("ended").asBoolean()).isTrue();
    assertThat(steps(rejected)).containsExactly("Submitted: done", "Approval: done", "Not approved: current",
        "Being fulfilled: skipped", "Delivered: skipped", "Closed: skipped");
  }

  @Test
  void aChangesJourneyWaitsOnTheChangeManagerToAssessIt() {
    EngineTime.runningFrom("2027-06-07T09:00"); // the change is planned for the Saturday two weeks on
    Map<String, Object> change = new java.util.HashMap<>(Map.of("title", "Replace the core switch power supplies",
        "service", "network", "changeType", "normal", "plannedStart", "2027-06-19T08:00",
        "plannedEnd", "2027-06-19T10:00", "impact", 2, "implementationGroup", "network", "complexity", "medium",
        "tested", true, "implementationPlan", "Swap one supply at a time"));
    change.put("backoutPlan", "Put the old supply back");
    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", change);
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(raised).get("number").asText();

    JsonNode assessing = journey("bob", number);
    assertThat(steps(assessing)).containsExactly("Requested: done", "Assessment: current", "Scheduled: ahead",
        "Being implemented: ahead", "Closed: ahead");
    assertThat(waitingOn(assessing)).containsExactly("Assess the change: Carl Costa / ");
  }

  @Test
  void anIncidentsJourneyWaitsOnTheGroupThenOnTheRequesterThenIsResolvedAndClosed() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "VPN drops every few minutes", "service", "vpn", "category", "network", "impact", 2, "urgency", 2));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();

    JsonNode working = journey("alice", number);
    assertThat(steps(working)).containsExactly("Reported: done", "Being worked: current", "Resolved: ahead",
        "Closed: ahead");
    assertThat(waitingOn(working)).containsExactly("Work incident:  / Network team");

    String work = api.taskOf("nina", number, "Work incident");
    assertThat(api.call("nina", HttpMethod.POST, "/api/tasks/" + work + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(waitingOn(journey("alice", number))).containsExactly("Work incident: Nina Novak / ");
    api.work("nina", number, "Work incident", Map.of("action", "ask_requester", "question", "Which office?"));

    JsonNode waiting = journey("alice", number);
    assertThat(steps(waiting)).containsExactly("Reported: done", "Being worked: done",
        "Waiting for information: current", "Resolved: ahead", "Closed: ahead");
    assertThat(waitingOn(waiting)).containsExactly("Provide information: Alice Andersen / ");

    api.work("alice", number, "Provide information", Map.of("answer", "Berlin"));
    JsonNode back = journey("alice", number);
    assertThat(current(back).get("label").asText()).isEqualTo("Being worked");
    // Back at work: the milestone counts from its return, not from its first time.
    assertThat(Instant.parse(current(back).get("reachedAt").asText()))
        .isAfter(Instant.parse(current(working).get("reachedAt").asText()));

    api.work("nina", number, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated"));
    JsonNode resolved = journey("alice", number);
    assertThat(steps(resolved)).containsExactly("Reported: done", "Being worked: done",
        "Waiting for information: done", "Resolved: current", "Closed: ahead");
    assertThat(waitingOn(resolved)).containsExactly("Confirm resolution: Alice Andersen / ");

    api.work("alice", number, "Confirm resolution", Map.of("confirmation", "confirm"));
    JsonNode closed = journey("alice", number);
    assertThat(current(closed).get("label").asText()).isEqualTo("Closed");
    // Closed, and the rating is still the requester's to give.
    assertThat(waitingOn(closed)).containsExactly("Rate your experience: Alice Andersen / ");
  }
}
