package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.flowdesk.EngineTime.advance;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;
import static org.flowdesk.EngineTime.now;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.flowdesk.EndEvents;
import org.flowdesk.EngineTime;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * processes/incident.bpmn, every path, with the real decisions, forms, delegates and tables on
 * in-memory H2. The job executor is off: the tests move the engine's clock and run the due
 * timers themselves.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncidentProcessTest {


  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TicketService tickets;
  @Autowired
  SlaClocks clocks;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
    // A Tuesday morning in Berlin, inside business hours.
    clockAt("2026-11-24T09:00");
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  // --- helpers -------------------------------------------------------------------------


  void fireDueTimers(ProcessInstance... instances) {
    EngineTime.fireDueTimers(managementService, instances);
  }

  ProcessInstance report(int impact, int urgency, String service, String category) {
    Map<String, Object> variables = new HashMap<>(Map.of("title", "Cannot print invoices", "description",
        "The printer on floor 2 says offline", "service", service, "category", category, "impact", impact,
        "urgency", urgency, "requester", "alice"));
    return runtimeService.startProcessInstanceByKey("incident", variables);
  }

  String number(ProcessInstance instance) {
    return instance.getBusinessKey();
  }

  Ticket ticket(ProcessInstance instance) {
    return tickets.get(number(instance));
  }

  Task task(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  void work(ProcessInstance instance, String agent, Map<String, Object> form) {
    Task work = task(instance);
    assertThat(work.getTaskDefinitionKey()).isEqualTo("Activity_WorkIncident");
    if (work.getAssignee() == null) {
      taskService.claim(work.getId(), agent);
    }
    taskService.complete(work.getId(), form);
  }

  void resolve(ProcessInstance instance) {
    work(instance, "bob", Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes",
        "Replaced the network cable"));
  }

  void answer(ProcessInstance instance, Map<String, Object> form) {
    Task task = task(instance);
    assertThat(task.getAssignee()).isEqualTo("alice");
    taskService.complete(task.getId(), form);
  }

  SlaClock clock(ProcessInstance instance, String clock) {
    return clocks.find(number(instance), clock).orElseThrow();
  }

  List<String> notifications(ProcessInstance instance, String kind) {
    return jdbc.sql("SELECT COALESCE(recipient_user, 'group:' || recipient_group) FROM fd_notification "
        + "WHERE ticket_number = ? AND kind = ? ORDER BY id").params(number(instance), kind).query(String.class).list();
  }

  List<String> timelineKinds(ProcessInstance instance) {
    return tickets.timeline(number(instance), true).stream().map(TimelineEntry::kind).toList();
  }

  // --- intake ---------------------------------------------------------------------------

  @Test
  void aReportedIncidentGetsANumberPriorityGroupAndSlaClocks() {
    ProcessInstance instance = report(2, 2, "email", "software");

    assertThat(number(instance)).matches("INC-\\d{6}");
    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    Ticket ticket = ticket(instance);
    assertThat(ticket.title()).isEqualTo("Cannot print invoices");
    assertThat(ticket.priority()).isEqualTo(3);
    assertThat(ticket.assignmentGroup()).isEqualTo("service-desk");
    assertThat(ticket.status()).isEqualTo(Ticket.NEW);
    // P3: 4 business hours to respond, 3 business days to resolve, from Tuesday 09:00.
    assertThat(clock(instance, SlaClock.RESPONSE).dueAt()).isEqualTo(berlin("2026-11-24T13:00"));
    assertThat(clock(instance, SlaClock.RESPONSE).warnAt()).isEqualTo(berlin("2026-11-24T12:00"));
    assertThat(clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-11-27T09:00"));
    assertThat(taskService.createTaskQuery().taskCandidateGroup("service-desk").processInstanceId(instance.getId())
        .count()).isEqualTo(1);
    // The text lives in the ticket, not in process variables.
    assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys("title", "description", "slaTargets")
        .containsEntry("ticketNumber", number(instance)).containsEntry("priority", 3);
  }

  @Test
  void ticketNumbersFollowEachOther() {
    String first = number(report(3, 3, "email", "software"));
    String second = number(report(3, 3, "email", "software"));

    assertThat(Integer.parseInt(second.substring(4))).isEqualTo(Integer.parseInt(first.substring(4)) + 1);
  }

  @Test
  void p1IncidentAlertsTheMajorIncidentTeamAtOnce() {
    ProcessInstance instance = report(1, 1, "network", "network");

    assertThat(instance).hasPassed("Activity_AlertMajorIncident");
    assertThat(notifications(instance, "major_incident")).containsExactly("group:major-incident");
    assertThat(ticket(instance).assignmentGroup()).isEqualTo("network");
    assertThat(clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-11-24T13:00"));
  }

  @Test
  void otherPrioritiesDoNotAlertTheMajorIncidentTeam() {
    ProcessInstance instance = report(1, 2, "network", "network");

    assertThat(instance).hasNotPassed("Activity_AlertMajorIncident");
    assertThat(notifications(instance, "major_incident")).isEmpty();
  }

  // --- the happy path -------------------------------------------------------------------

  @Test
  void fromReportToClosedWithSatisfaction() {
    ProcessInstance instance = report(2, 2, "email", "software");
    advance(Duration.ofMinutes(20));
    taskService.claim(task(instance).getId(), "bob");

    Ticket claimed = ticket(instance);
    assertThat(claimed.assignee()).isEqualTo("bob");
    assertThat(claimed.status()).isEqualTo(Ticket.IN_PROGRESS);
    assertThat(claimed.respondedAt()).isEqualTo(now());
    assertThat(clock(instance, SlaClock.RESPONSE).stoppedAt()).isEqualTo(now());

    advance(Duration.ofHours(2));
    resolve(instance);
    assertThat(ticket(instance).status()).isEqualTo(Ticket.RESOLVED);
    assertThat(ticket(instance).resolutionCode()).isEqualTo("solved");
    assertThat(notifications(instance, "resolved")).containsExactly("alice");
    assertThat(instance).isWaitingAt("Activity_ConfirmResolution");
    assertThat(task(instance).getAssignee()).isEqualTo("alice");

    answer(instance, Map.of("confirmation", "confirm"));
    assertThat(ticket(instance).status()).isEqualTo(Ticket.CLOSED);
    assertThat(ticket(instance).closedAt()).isEqualTo(now());
    assertThat(instance).isWaitingAt("Activity_RateIncident");

    answer(instance, Map.of("rating", 5, "ratingComment", "Quick and friendly"));
    assertThat(instance).isEnded();
    assertThat(EndEvents.endEventOf(engine, instance)).isEqualTo("Event_IncidentClosed");
    assertThat(ticket(instance).satisfaction()).isEqualTo(5);
    assertThat(ticket(instance).satisfactionComment()).isEqualTo("Quick and friendly");
    assertThat(timelineKinds(instance)).containsExactly("created", "assigned", "claimed", "resolved", "closed",
        "satisfaction");
  }

  // --- reassignment ---------------------------------------------------------------------

  @Test
  void reassigningMovesTheTaskToTheNewGroupAndIsRecorded() {
    ProcessInstance instance = report(3, 2, "email", "software");
    work(instance, "bob", Map.of("action", "reassign", "newGroup", "network", "reassignReason", "Switch port is down"));

    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    Task work = task(instance);
    assertThat(work.getAssignee()).isNull();
    assertThat(taskService.createTaskQuery().taskId(work.getId()).taskCandidateGroup("network").count()).isEqualTo(1);
    assertThat(taskService.createTaskQuery().taskId(work.getId()).taskCandidateGroup("service-desk").count()).isZero();
    Ticket ticket = ticket(instance);
    assertThat(ticket.assignmentGroup()).isEqualTo("network");
    assertThat(ticket.assignee()).isNull();
    assertThat(ticket.reassignmentCount()).isEqualTo(1);
    assertThat(tickets.timeline(number(instance), false)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("reassigned");
      assertThat(e.text()).isEqualTo("Reassigned from service-desk to network: Switch port is down");
      assertThat(e.actor()).isEqualTo("bob");
    });
    // The resolution clock kept running through the reassignment.
    assertThat(clock(instance, SlaClock.RESOLUTION).pausedSeconds()).isZero();

    work(instance, "nina", Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Port reset"));
    assertThat(ticket(instance).status()).isEqualTo(Ticket.RESOLVED);
  }

  // --- waiting on the requester -----------------------------------------------------------

  @Test
  void askingTheRequesterPausesTheResolutionClockAndTheAnswerResumesItWithTheTimeLeft() {
    // P1 around the clock: resolution due 13:00, warning at 12:00.
    ProcessInstance instance = report(1, 1, "email", "software");
    advance(Duration.ofHours(1));
    work(instance, "bob", Map.of("action", "ask_requester", "question", "Which printer exactly?"));

    assertThat(instance).isWaitingAt("Activity_ProvideInformation");
    assertThat(ticket(instance).status()).isEqualTo(Ticket.AWAITING_REQUESTER);
    assertThat(notifications(instance, "information_requested")).containsExactly("alice");
    // The requester is told which group asks (incident.bpmn: people.groupName), not always "the service desk".
    String group = engine.getIdentityService().createGroupQuery().groupId(ticket(instance).assignmentGroup())
        .singleResult().getName();
    assertThat(jdbc.sql("SELECT text FROM fd_notification WHERE ticket_number = ? AND kind = 'information_requested'")
        .param(number(instance)).query(String.class).single())
        .isEqualTo(number(instance) + ": " + group + " needs information from you to go on");
    assertThat(clock(instance, SlaClock.RESOLUTION).pausedSince()).isEqualTo(berlin("2026-11-24T10:00"));
    // Leaving the "Being worked" scope cancelled its SLA timers.
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).activityId(
        "Event_ResolutionSlaBreached").count()).isZero();

    advance(Duration.ofHours(2));
    answer(instance, Map.of("answer", "The one next to the kitchen"));

    SlaClock resumed = clock(instance, SlaClock.RESOLUTION);
    assertThat(resumed.pausedSince()).isNull();
    assertThat(resumed.pausedSeconds()).isEqualTo(7200);
    assertThat(resumed.dueAt()).isEqualTo(berlin("2026-11-24T15:00"));
    assertThat(resumed.warnAt()).isEqualTo(berlin("2026-11-24T14:00"));
    assertThat(ticket(instance).status()).isEqualTo(Ticket.IN_PROGRESS);
    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    // The answered ticket goes back to bob, who asked, not to the group's open tasks.
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getAssignee())
        .isEqualTo("bob");
    assertThat(ticket(instance).assignee()).isEqualTo("bob");
    // New timers were created from the moved dates.
    Job breach = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Event_ResolutionSlaBreached").singleResult();
    assertThat(breach.getDuedate().toInstant()).isEqualTo(berlin("2026-11-24T15:00"));
    assertThat(tickets.timeline(number(instance), false)).extracting(TimelineEntry::kind, TimelineEntry::text)
        .contains(org.assertj.core.groups.Tuple.tuple("information_requested", "Which printer exactly?"),
            org.assertj.core.groups.Tuple.tuple("information_provided", "The one next to the kitchen"));
  }

  @Test
  void aPausedClockNeverBreaches() {
    ProcessInstance instance = report(1, 1, "email", "software");
    advance(Duration.ofMinutes(10));
    work(instance, "bob", Map.of("action", "ask_requester", "question", "Since when?"));

    advance(Duration.ofHours(6));
    fireDueTimers(instance);

    assertThat(clock(instance, SlaClock.RESOLUTION).breachedAt()).isNull();
    assertThat(notifications(instance, "sla_breach")).isEmpty();
    assertThat(instance).isWaitingAt("Activity_ProvideInformation");
  }

  @Test
  void noAnswerWithinFiveBusinessDaysResolvesTheTicketAsNoResponse() {
    // Friday 15:00: five business days later is the next Friday 15:00.
    clockAt("2026-11-27T15:00");
    ProcessInstance instance = report(3, 3, "email", "software");
    work(instance, "bob", Map.of("action", "ask_requester", "question", "Is it still happening?"));

    Job noAnswer = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Event_NoAnswer").singleResult();
    assertThat(noAnswer.getDuedate().toInstant()).isEqualTo(berlin("2026-12-04T15:00"));

    clockAt("2026-12-04T14:59");
    fireDueTimers(instance);
    assertThat(instance).isWaitingAt("Activity_ProvideInformation");

    clockAt("2026-12-04T15:00");
    fireDueTimers(instance);
    assertThat(instance).isWaitingAt("Activity_ConfirmResolution");
    Ticket ticket = ticket(instance);
    assertThat(ticket.status()).isEqualTo(Ticket.RESOLVED);
    assertThat(ticket.resolutionCode()).isEqualTo("no_response");
    assertThat(notifications(instance, "resolved")).containsExactly("alice");
  }

  // --- SLA warnings and breaches ------------------------------------------------------------

  @Test
  void p1IncidentWarnsTheGroupAt75PercentAndEscalatesWhenResolutionSlaBreaches() {
    ProcessInstance instance = report(1, 1, "network", "network");
    taskService.claim(task(instance).getId(), "nina");

    clockAt("2026-11-24T11:59");
    fireDueTimers(instance);
    assertThat(notifications(instance, "sla_warning")).isEmpty();

    clockAt("2026-11-24T12:00");
    fireDueTimers(instance);
    assertThat(notifications(instance, "sla_warning")).containsExactly("group:network");
    assertThat(clock(instance, SlaClock.RESOLUTION).warnedAt()).isEqualTo(berlin("2026-11-24T12:00"));
    // When it is due, as people write it in the desk's zone (not an instant's ISO text); for agents only.
    assertThat(tickets.timeline(number(instance), true)).extracting(TimelineEntry::text)
        .contains("Resolution SLA warning: due Tue 24 Nov 2026, 13:00 CET");

    clockAt("2026-11-24T13:00");
    fireDueTimers(instance);
    SlaClock breached = clock(instance, SlaClock.RESOLUTION);
    assertThat(breached.breachedAt()).isEqualTo(berlin("2026-11-24T13:00"));
    // decisions/sla-escalation.dmn: the managers and the network service's owners hear of it, and a P1's
    // resolution breach goes to the major incident team.
    assertThat(notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers", "group:network");
    assertThat(tickets.timeline(number(instance), false)).noneMatch(e -> e.kind().startsWith("sla_"));
    assertThat(tickets.timeline(number(instance), true)).extracting(TimelineEntry::kind)
        .contains("sla_warning", "sla_breach", "escalated", "reassigned");
    assertThat(ticket(instance).assignmentGroup()).isEqualTo("major-incident");
    // A breach never interrupts the work: the same task waits, offered to the major incident team.
    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    assertThat(task(instance).getAssignee()).isNull();

    clockAt("2026-11-24T18:00");
    fireDueTimers(instance);
    assertThat(notifications(instance, "sla_breach")).hasSize(2);
  }

  @Test
  void responseSlaBreachesWhenNobodyTakesTheIncidentOn() {
    ProcessInstance instance = report(1, 1, "email", "software");

    clockAt("2026-11-24T09:11:15");
    fireDueTimers(instance);
    assertThat(clock(instance, SlaClock.RESPONSE).warnedAt()).isNotNull();
    clockAt("2026-11-24T09:15");
    fireDueTimers(instance);
    assertThat(clock(instance, SlaClock.RESPONSE).breachedAt()).isEqualTo(berlin("2026-11-24T09:15"));
    assertThat(notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers");
  }

  @Test
  void aClaimBeforeTheResponseTargetStopsTheResponseClockSoItNeverWarnsOrBreaches() {
    ProcessInstance instance = report(1, 1, "email", "software");
    advance(Duration.ofMinutes(5));
    taskService.claim(task(instance).getId(), "bob");

    clockAt("2026-11-24T09:30");
    fireDueTimers(instance);

    SlaClock response = clock(instance, SlaClock.RESPONSE);
    assertThat(response.stoppedAt()).isEqualTo(berlin("2026-11-24T09:05"));
    assertThat(response.warnedAt()).isNull();
    assertThat(response.breachedAt()).isNull();
    assertThat(notifications(instance, "sla_warning")).isEmpty();
  }

  @Test
  void comingBackFromTheRequesterNeverRepeatsAWarningThatAlreadyFired() {
    ProcessInstance instance = report(1, 1, "email", "software");
    taskService.claim(task(instance).getId(), "bob");
    clockAt("2026-11-24T12:00");
    fireDueTimers(instance);
    assertThat(notifications(instance, "sla_warning")).containsExactly("group:service-desk");

    clockAt("2026-11-24T12:10");
    work(instance, "bob", Map.of("action", "ask_requester", "question", "Can you restart it?"));
    clockAt("2026-11-24T12:40");
    answer(instance, Map.of("answer", "Done, still broken"));
    fireDueTimers(instance);

    assertThat(notifications(instance, "sla_warning")).containsExactly("group:service-desk");
    // The breach moved by the 30 minutes spent waiting.
    assertThat(clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-11-24T13:30"));
  }

  @Test
  void businessHoursTimersFireAtTheRightInstantAcrossTheNightAndWeekendAndAHoliday() {
    // Wednesday 23 Dec 2026, 17:00 Berlin: P3 response target 4 business hours. One hour on
    // Wednesday, Thursday 24 and Friday 25 are holidays, then the weekend: due Monday 28 Dec 11:00.
    clockAt("2026-12-23T17:00");
    ProcessInstance instance = report(2, 2, "email", "software");

    Job responseBreach = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Event_ResponseSlaBreached").singleResult();
    assertThat(responseBreach.getDuedate().toInstant()).isEqualTo(berlin("2026-12-28T11:00"));
    // Warning at 75 %: three business hours, Monday 10:00.
    Job responseWarning = managementService.createJobQuery().processInstanceId(instance.getId())
        .activityId("Event_ResponseSlaWarning").singleResult();
    assertThat(responseWarning.getDuedate().toInstant()).isEqualTo(berlin("2026-12-28T10:00"));

    clockAt("2026-12-28T10:59");
    fireDueTimers(instance);
    assertThat(clock(instance, SlaClock.RESPONSE).breachedAt()).isNull();
    clockAt("2026-12-28T11:00");
    fireDueTimers(instance);
    assertThat(clock(instance, SlaClock.RESPONSE).breachedAt()).isEqualTo(berlin("2026-12-28T11:00"));
  }

  // --- resolution, confirmation, closing -------------------------------------------------------

  @Test
  void rejectingTheResolutionReopensTheTicketToTheSameGroup() {
    ProcessInstance instance = report(2, 2, "network", "software");
    taskService.claim(task(instance).getId(), "nina");
    advance(Duration.ofHours(1));
    resolveAs(instance, "nina");
    advance(Duration.ofHours(1));
    answer(instance, Map.of("confirmation", "reject", "confirmationComment", "Still no Wi-Fi in room 4"));

    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    Ticket reopened = ticket(instance);
    assertThat(reopened.status()).isEqualTo(Ticket.IN_PROGRESS);
    assertThat(reopened.reopenCount()).isEqualTo(1);
    assertThat(reopened.assignmentGroup()).isEqualTo("network");
    // Back to nina, who resolved it and is still in network; the group is still offered it.
    assertThat(reopened.assignee()).isEqualTo("nina");
    assertThat(task(instance).getAssignee()).isEqualTo("nina");
    assertThat(tickets.timeline(number(instance), false)).filteredOn(e -> e.kind().equals("claimed"))
        .extracting(TimelineEntry::actor, TimelineEntry::text).last()
        .isEqualTo(org.assertj.core.groups.Tuple.tuple("flowdesk", "Assigned to nina"));
    assertThat(taskService.createTaskQuery().taskId(task(instance).getId()).taskCandidateGroup("network")
        .includeAssignedTasks().count()).isEqualTo(1);
    // The hour spent resolved counts as paused.
    assertThat(clock(instance, SlaClock.RESOLUTION).pausedSeconds()).isEqualTo(3600);
    assertThat(tickets.timeline(number(instance), false)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("reopened");
      assertThat(e.text()).isEqualTo("Reopened: Still no Wi-Fi in room 4");
      assertThat(e.actor()).isEqualTo("alice");
    });
  }

  void resolveAs(ProcessInstance instance, String agent) {
    work(instance, agent, Map.of("action", "resolve", "resolutionCode", "workaround", "resolutionNotes", "Try again"));
  }

  @Test
  void noConfirmationWithinThreeDaysClosesTheTicket() {
    ProcessInstance instance = report(2, 2, "email", "software");
    resolve(instance);

    advance(Duration.ofDays(3).minusMinutes(1));
    fireDueTimers(instance);
    assertThat(instance).isWaitingAt("Activity_ConfirmResolution");

    advance(Duration.ofMinutes(1));
    fireDueTimers(instance);
    assertThat(instance).hasPassed("Activity_CloseUnconfirmed").isWaitingAt("Activity_RateIncident");
    assertThat(ticket(instance).status()).isEqualTo(Ticket.CLOSED);
    assertThat(tickets.timeline(number(instance), false)).last()
        .satisfies(e -> assertThat(e.text()).isEqualTo("Closed: the requester did not answer within 3 days"));
  }

  @Test
  void theSatisfactionSurveyExpiresAfterSevenDays() {
    ProcessInstance instance = report(2, 2, "email", "software");
    resolve(instance);
    answer(instance, Map.of("confirmation", "confirm"));

    advance(Duration.ofDays(7));
    fireDueTimers(instance);

    assertThat(instance).isEnded();
    assertThat(EndEvents.endEventOf(engine, instance)).isEqualTo("Event_RatingSkipped");
    assertThat(ticket(instance).satisfaction()).isNull();
    assertThat(ticket(instance).status()).isEqualTo(Ticket.CLOSED);
  }

}
