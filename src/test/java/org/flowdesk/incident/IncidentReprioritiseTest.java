package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.EngineTime;
import org.flowdesk.api.ConflictException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Re-prioritising through processes/incident.bpmn's "Priority changed", with the real decisions, business
 * calendar (Berlin, Monday to Friday 08:00–18:00) and tables: the clocks keep the time they used — across a
 * night, a weekend and a wait for the requester — and count it against the new targets; their timers and the
 * work task's due date move in the same transaction; a target used up breaches at once, once.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncidentReprioritiseTest {

  static final CurrentUser NINA = new CurrentUser("nina", Set.of("requesters", "network", "cab"));

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  IncidentReprioritising reprioritising;
  @Autowired
  TicketService tickets;
  @Autowired
  SlaClocks clocks;
  @Autowired
  JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  /** A network incident alice reports now: impact 2 and urgency 2 make it a P3 (business hours, P3D). */
  ProcessInstance reportP3() {
    return runtimeService.startProcessInstanceByKey("incident", new HashMap<>(Map.of("title", "Switch flapping",
        "description", "The second floor loses the network now and then", "service", "network", "category",
        "network", "impact", 2, "urgency", 2, "requester", "alice")));
  }

  Task task(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  void claim(ProcessInstance instance) {
    taskService.claim(task(instance).getId(), "nina");
  }

  void reprioritise(ProcessInstance instance, int impact, int urgency, String reason) {
    reprioritising.reprioritise(instance.getBusinessKey(), Map.of("impact", impact, "urgency", urgency, "reason",
        reason), NINA);
  }

  IncidentTrail trail() {
    return new IncidentTrail(clocks, managementService, jdbc);
  }

  @Test
  void aP3LoweredToP4KeepsTheBusinessHoursItUsedAcrossANightAPauseAndAWeekend() {
    clockAt("2026-11-26T15:00"); // Thursday: P3D is 30 business hours, due Tuesday 15:00
    ProcessInstance instance = reportP3();
    claim(instance);
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-12-01T15:00"));

    clockAt("2026-11-26T17:00"); // 2 business hours used; nina asks alice, the clock pauses overnight
    taskService.complete(task(instance).getId(), Map.of("action", "ask_requester", "question", "Which port?"));
    clockAt("2026-11-27T09:00"); // alice answers on Friday: 2 business hours paused (Thu 17–18, Fri 8–9)
    taskService.complete(task(instance).getId(), Map.of("answer", "Port 12"));
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-12-01T17:00"));

    // Monday 10:00: used 2 h (Thu) + 9 h (Fri 9–18) + 2 h (Mon 8–10) = 13 business hours; the night, the wait
    // and the weekend count for nothing.
    clockAt("2026-11-30T10:00");
    reprioritise(instance, 2, 3, "Only one printer is affected");

    // P4: P5D = 50 business hours, 37 of them left: Mon 8 h, Tue 10 h, Wed 10 h, Thu 9 h → Thursday 17:00.
    // Its warning at 75 % = 37.5 h, 24.5 h from now: Mon 8 h, Tue 10 h, Wed 6.5 h → Wednesday 14:30.
    SlaClock resolution = trail().clock(instance, SlaClock.RESOLUTION);
    assertThat(resolution.target()).isEqualTo("P5D");
    assertThat(resolution.calendar()).isEqualTo("business");
    assertThat(resolution.dueAt()).isEqualTo(berlin("2026-12-03T17:00"));
    assertThat(resolution.warnAt()).isEqualTo(berlin("2026-12-02T14:30"));
    assertThat(resolution.pausedSeconds()).isEqualTo(16 * 3600);
    assertThat(trail().notifications(instance, "major_incident")).isEmpty();
    assertThat(resolution.running()).isTrue();
    // The timers and the work task move with the clock, in the same transaction.
    assertThat(trail().timer(instance, "Event_ResolutionSlaBreached")).isEqualTo(berlin("2026-12-03T17:00"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaWarning")).isEqualTo(berlin("2026-12-02T14:30"));
    assertThat(task(instance).getDueDate()).isEqualTo(Date.from(berlin("2026-12-03T17:00")));
    // The response clock stopped when nina took it on: it stays as it was.
    assertThat(trail().clock(instance, SlaClock.RESPONSE).target()).isEqualTo("PT4H");

    Ticket ticket = tickets.get(instance.getBusinessKey());
    assertThat(ticket.priority()).isEqualTo(4);
    assertThat(ticket.impact()).isEqualTo(2);
    assertThat(ticket.urgency()).isEqualTo(3);
    assertThat(runtimeService.getVariables(instance.getId(), List.of("impact", "urgency", "priority")))
        .containsEntry("impact", 2).containsEntry("urgency", 3).containsEntry("priority", 4);
    assertThat(trail().timeline(instance, "priority_changed"))
        .containsExactly("Priority changed from P3 to P4: Only one printer is affected");

    // Nothing fires before its new time.
    clockAt("2026-12-02T14:29");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().notifications(instance, "sla_warning")).isEmpty();
    clockAt("2026-12-02T14:30");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().notifications(instance, "sla_warning")).containsExactly("group:network");
  }

  @Test
  void aP3TwoHoursInThatBecomesP1HasUsedTwoHoursOfItsP1TargetAndItsSpentResponseTargetBreachesAtOnce() {
    clockAt("2026-11-27T16:00"); // Friday: two business hours left this week
    ProcessInstance instance = reportP3();

    clockAt("2026-11-30T08:30"); // Monday: 2 h on Friday and 30 min today used, the weekend not
    reprioritise(instance, 1, 1, "The whole floor is offline now");

    // P1 is 4 hours around the clock, 1.5 h of them left; it warns at 3 h, in half an hour.
    SlaClock resolution = trail().clock(instance, SlaClock.RESOLUTION);
    assertThat(resolution.target()).isEqualTo("PT4H");
    assertThat(resolution.calendar()).isEqualTo("24x7");
    assertThat(resolution.dueAt()).isEqualTo(berlin("2026-11-30T10:00"));
    assertThat(resolution.warnAt()).isEqualTo(berlin("2026-11-30T09:00"));
    // The response clock had used 2.5 h of its new 15 minutes: it is due now, and breaches now.
    SlaClock response = trail().clock(instance, SlaClock.RESPONSE);
    assertThat(response.dueAt()).isEqualTo(berlin("2026-11-30T08:30"));
    assertThat(trail().timer(instance, "Event_ResponseSlaBreached")).isEqualTo(berlin("2026-11-30T08:30"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaWarning")).isEqualTo(berlin("2026-11-30T09:00"));
    assertThat(trail().timeline(instance, "priority_changed"))
        .containsExactly("Priority changed from P3 to P1: The whole floor is offline now");
    assertThat(trail().notifications(instance, "major_incident")).containsExactly("group:major-incident");

    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().clock(instance, SlaClock.RESPONSE).breachedAt()).isEqualTo(berlin("2026-11-30T08:30"));
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers");
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).warnedAt()).isNull();

    clockAt("2026-11-30T09:00");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).warnedAt()).isEqualTo(berlin("2026-11-30T09:00"));
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers");

    // Lowered again, the breach that happened stays, and the warning sent is not sent again.
    clockAt("2026-11-30T09:30");
    reprioritise(instance, 2, 2, "Most of the floor works again");
    assertThat(trail().clock(instance, SlaClock.RESPONSE).breachedAt()).isEqualTo(berlin("2026-11-30T08:30"));
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).warnedAt()).isEqualTo(berlin("2026-11-30T09:00"));
    clockAt("2026-12-03T18:00");
    EngineTime.fireDueTimers(managementService, instance);
    // The resolution's, at its P3 time, is the ticket's second breach: the managers and the group hear of it.
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers",
        "group:service-desk-managers", "group:network");
    assertThat(trail().notifications(instance, "sla_warning")).containsExactly("group:network");
  }

  @Test
  void aPausedClockStaysPausedAndResumesWithWhatIsLeftOfItsNewTarget() {
    clockAt("2026-11-26T09:00"); // Thursday
    ProcessInstance instance = reportP3();
    claim(instance);
    clockAt("2026-11-26T13:00"); // 4 business hours used; nina asks alice
    taskService.complete(task(instance).getId(), Map.of("action", "ask_requester", "question", "Which port?"));

    clockAt("2026-11-26T14:00");
    reprioritise(instance, 1, 2, "A whole team is affected after all");

    // P2: 8 hours around the clock, 4 left, counted from the pause; it warns at 6 h, 2 h after the pause.
    SlaClock paused = trail().clock(instance, SlaClock.RESOLUTION);
    assertThat(paused.pausedSince()).isEqualTo(berlin("2026-11-26T13:00"));
    assertThat(paused.dueAt()).isEqualTo(berlin("2026-11-26T17:00"));
    assertThat(paused.warnAt()).isEqualTo(berlin("2026-11-26T15:00"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaBreached")).isNull(); // a paused clock has no timers

    clockAt("2026-11-27T10:00"); // alice answers on Friday: the 21 hours waited do not count
    taskService.complete(task(instance).getId(), Map.of("answer", "Port 12"));
    SlaClock resumed = trail().clock(instance, SlaClock.RESOLUTION);
    assertThat(resumed.dueAt()).isEqualTo(berlin("2026-11-27T14:00"));
    assertThat(resumed.warnAt()).isEqualTo(berlin("2026-11-27T12:00"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaBreached")).isEqualTo(berlin("2026-11-27T14:00"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaWarning")).isEqualTo(berlin("2026-11-27T12:00"));
  }

  @Test
  void aTargetUsedUpWhileWorkedBreachesAtOnceAndOnlyOnce() {
    clockAt("2026-11-26T09:00");
    ProcessInstance instance = reportP3();
    claim(instance);
    clockAt("2026-11-26T14:00"); // 5 hours used: more than P1's four
    reprioritise(instance, 1, 1, "Production line stopped");

    assertThat(trail().clock(instance, SlaClock.RESOLUTION).dueAt()).isEqualTo(berlin("2026-11-26T14:00"));
    EngineTime.fireDueTimers(managementService, instance);
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).breachedAt()).isEqualTo(berlin("2026-11-26T14:00"));
    // Escalated once, as a P1's (decisions/sla-escalation.dmn): the managers and the service's owners.
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers", "group:network");
    assertThat(trail().timeline(instance, "sla_breach")).containsExactly("Resolution SLA breached");
    assertThat(trail().notifications(instance, "major_incident")).containsExactly("group:major-incident");
  }

  @Test
  void aResolvedIncidentKeepsItsPriority() {
    clockAt("2026-11-26T09:00");
    ProcessInstance instance = reportP3();
    claim(instance);
    taskService.complete(task(instance).getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Replaced the switch"));

    assertThatThrownBy(() -> reprioritise(instance, 1, 1, "Too late")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("is Resolved");
    assertThat(tickets.get(instance.getBusinessKey()).priority()).isEqualTo(3);
    assertThat(trail().timeline(instance, "priority_changed")).isEmpty();
  }
}
