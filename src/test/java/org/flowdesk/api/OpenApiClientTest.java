package org.flowdesk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.EngineTime;
import org.flowdesk.client.ApiClient;
import org.flowdesk.client.api.ChangesApi;
import org.flowdesk.client.api.IncidentsApi;
import org.flowdesk.client.api.RequestsApi;
import org.flowdesk.client.api.TasksApi;
import org.flowdesk.client.api.TicketsApi;
import org.flowdesk.client.model.Cancellation;
import org.flowdesk.client.model.ChangeView;
import org.flowdesk.client.model.FieldError;
import org.flowdesk.client.model.InvalidInput;
import org.flowdesk.client.model.NewComment;
import org.flowdesk.client.model.Order;
import org.flowdesk.client.model.Problem;
import org.flowdesk.client.model.TaskView;
import org.flowdesk.client.model.TicketPage;
import org.flowdesk.client.model.TicketView;
import org.flowdesk.ticket.TicketTitle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClientResponseException;

/**
 * An integrator's view: a Java client generated at build time from docs/openapi.json (by
 * OpenAPI Generator's Maven plugin, into target/) and nothing else drives an incident from report
 * to closed, an order through its approvals to receipt, and a change raised and cancelled. If the
 * document missed a parameter, a body, a response or the security scheme, this would not compile
 * or not pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiClientTest {

  /** A quiet Monday: change windows in the weeks after it meet no blackout, whatever day the suite runs. */
  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  @LocalServerPort
  int port;

  @BeforeEach
  void clock() {
    EngineTime.runningFrom(TODAY + "T09:00");
  }

  /** The generated client, logged in as a demo user (password = user id) with HTTP Basic. */
  ApiClient as(String user) {
    ApiClient client = new ApiClient();
    client.setBasePath("http://localhost:" + port);
    client.setUsername(user);
    client.setPassword(user);
    return client;
  }

  /** Completes the user's task of that name for the ticket, as the task list shows it (after the ticket's number). */
  void work(String user, String ticket, String taskName, Map<String, Object> fields) {
    TasksApi tasks = new TasksApi(as(user));
    TaskView task = tasks.listTasks(ticket, 0, 200).stream().filter(t -> taskName.equals(TicketTitle.step(t.getName(), ticket))).findFirst()
        .orElseThrow(() -> new AssertionError(user + " has no task '" + taskName + "' for " + ticket));
    tasks.completeTask(task.getId(), fields);
  }

  String status(String user, String ticket) {
    return new TicketsApi(as(user)).getTicket(ticket).getStatus();
  }

  @Test
  void anIncidentGoesFromReportToClosed() {
    Map<String, Object> report = Map.of("title", "VPN drops", "description", "Every few minutes",
        "service", "vpn", "category", "network", "impact", 2, "urgency", 2);
    IncidentsApi alice = new IncidentsApi(as("alice"));
    ResponseEntity<TicketView> reported = alice.reportIncidentWithHttpInfo(report, "monitoring-4711");
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String number = reported.getBody().getNumber();
    assertThat(reported.getHeaders().getLocation()).hasToString("/api/tickets/" + number);
    assertThat(reported.getBody().getStatus()).isEqualTo("new");
    assertThat(alice.reportIncident(report, "monitoring-4711").getNumber())
        .as("a retry with the same Idempotency-Key answers with the same ticket").isEqualTo(number);

    TasksApi nina = new TasksApi(as("nina"));
    TaskView work = nina.listTasks(number, 0, 50).get(0);
    assertThat(work.getName()).isEqualTo("Work incident " + number + ": VPN drops");
    assertThat(nina.claimTask(work.getId()).getAssignee()).isEqualTo("nina");
    new TicketsApi(as("nina")).commentOnTicket(number, new NewComment().text("Looking at it").internal(false));
    nina.completeTask(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated"));
    assertThat(status("alice", number)).isEqualTo("resolved");

    work("alice", number, "Confirm resolution", Map.of("confirmation", "confirm"));
    TicketView closed = new TicketsApi(as("alice")).getTicket(number);
    assertThat(closed.getStatus()).isEqualTo("closed");
    assertThat(closed.getResolutionCode()).isEqualTo("solved");
    assertThat(new TicketsApi(as("alice")).ticketTimeline(number)).extracting(e -> e.getText())
        .contains("Looking at it");
    TicketPage mine = new TicketsApi(as("alice")).listTickets(true, false, null, null, null, "incident", null, null, null, null, null, null, 0, 200);
    assertThat(mine.getItems()).extracting(TicketView::getNumber).contains(number);
    assertThat(mine.getTotal()).isGreaterThanOrEqualTo(1L);
  }

  @Test
  void anOrderIsApprovedByTheManagerAndTheBudgetOwnerAndDelivered() {
    TicketView ordered = new RequestsApi(as("alice")).orderItem(new Order().item("new-laptop")
        .answers(Map.of("model", "developer", "reason", "Builds take ages")), null);
    String number = ordered.getNumber();
    assertThat(ordered.getStatus()).isEqualTo("awaiting_approval");

    work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Go ahead"));
    work("bea", number, "Budget owner approves", Map.of("decision", "approve"));
    assertThat(status("alice", number)).isEqualTo("in_progress");
    work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-4711"));
    work("bob", number, "Prepare the device", Map.of("assetTag", "LT-0042"));
    work("bob", number, "Hand it over", Map.of("handoverNotes", "At the front desk"));
    work("alice", number, "Confirm receipt", Map.of("receipt", "received"));
    assertThat(status("alice", number)).isEqualTo("closed");
  }

  @Test
  void aChangeIsRaisedAndCancelledByTheChangeManager() {
    String saturday = TODAY.plusWeeks(3).with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).toString();
    Map<String, Object> change = new HashMap<>(Map.of("title", "Replace the core switch power supplies",
        "description", "Both supplies are past their service life", "service", "network", "changeType", "normal",
        "plannedStart", saturday + "T08:00", "plannedEnd", saturday + "T10:00", "impact", 2,
        "implementationGroup", "network", "complexity", "medium"));
    change.putAll(Map.of("tested", true, "implementationPlan", "Swap one supply at a time",
        "backoutPlan", "Put the old supply back", "testEvidence", "Vendor procedure, done at the branch office"));
    String number = new ChangesApi(as("nina")).raiseChange(change, null).getNumber();
    ChangeView raised = new ChangesApi(as("carl")).getChange(number);
    assertThat(raised.getTicket().getStatus()).isEqualTo("assessment");
    assertThat(raised.getImplementationGroup()).isEqualTo("network");

    new ChangesApi(as("carl")).cancelChange(number, new Cancellation().reason("The vendor postponed the delivery"));
    assertThat(status("nina", number)).isEqualTo("cancelled");
    assertThatThrownBy(() -> new ChangesApi(as("carl")).cancelChange(number, null))
        .isInstanceOfSatisfying(RestClientResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
          assertThat(problem(e, Problem.class).getDetail()).contains("can no longer be cancelled");
        });
  }

  @Test
  void errorsAreTheProblemDetailsTheDocumentDescribes() {
    assertThatThrownBy(() -> new IncidentsApi(as("alice")).reportIncident(Map.of("title", "Printer", "impact", 7), null))
        .isInstanceOfSatisfying(RestClientResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
          assertThat(e.getResponseHeaders().getContentType().toString()).startsWith("application/problem+json");
          List<FieldError> errors = problem(e, InvalidInput.class).getErrors();
          assertThat(errors).extracting(FieldError::getField).contains("impact");
        });
    String number = new IncidentsApi(as("alice")).reportIncident(Map.of("title", "Printer jams", "service", "printer",
        "category", "hardware", "impact", 3, "urgency", 3), null).getNumber();
    assertThatThrownBy(() -> new TicketsApi(as("alice")).commentOnTicket(number, new NewComment().text(" ")))
        .as("a body's constraints name the refused field too")
        .isInstanceOfSatisfying(RestClientResponseException.class, e -> assertThat(problem(e, InvalidInput.class)
            .getErrors()).extracting(FieldError::getField).containsExactly("text"));
    assertThatThrownBy(() -> new TicketsApi(as("alice")).listTickets(null, null, null, null, null, null, null, null, null, null, null, null, null, 500))
        .as("so do a query's")
        .isInstanceOfSatisfying(RestClientResponseException.class, e -> assertThat(problem(e, InvalidInput.class)
            .getErrors()).extracting(FieldError::getField).containsExactly("size"));
    assertThatThrownBy(() -> new TicketsApi(as("alice")).listTickets(null, null, null, "lost", null, null, null, null, null, null, null, null, null, null))
        .as("and a status no model declares")
        .isInstanceOfSatisfying(RestClientResponseException.class, e -> assertThat(problem(e, InvalidInput.class)
            .getErrors()).extracting(FieldError::getField).containsExactly("status"));
    assertThatThrownBy(() -> new TicketsApi(as("alice")).getTicket("INC-999999"))
        .isInstanceOfSatisfying(RestClientResponseException.class,
            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND));
    // An unknown user: a wrong password for a real one would lock that account for a few seconds.
    assertThatThrownBy(() -> new TicketsApi(as("nobody")).listTickets(null, null, null, null, null, null, null, null, null, null, null, null, null, null))
        .isInstanceOfSatisfying(RestClientResponseException.class,
            e -> assertThat(problem(e, Problem.class).getStatus()).isEqualTo(401));
  }

  private <T> T problem(RestClientResponseException e, Class<T> type) {
    try {
      return as("alice").getObjectMapper().readValue(e.getResponseBodyAsString(), type);
    } catch (Exception notAProblem) {
      throw new AssertionError("Not a problem: " + e.getResponseBodyAsString(), notAProblem);
    }
  }
}
