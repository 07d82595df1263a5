package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

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
import org.flowdesk.EngineTime;
import org.flowdesk.sla.OlaClock;
import org.flowdesk.sla.OlaClocks;
import org.flowdesk.sla.SlaClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The OLA clocks of processes/incident.bpmn: one per group that holds the incident, with the targets of
 * decisions/ola-targets.dmn and the leads of catalog/groups.yaml. A P3 (impact 2, urgency 2) mail incident
 * goes to the service desk, whose OLA for it is 2 business hours, warning its lead sam at 75 %: reported on
 * Tuesday 09:00 in Berlin, it warns at 10:30 and breaches at 11:00.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncidentOlaTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  OlaClocks olaClocks;
  @Autowired
  SlaClocks slaClocks;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
    clockAt("2026-11-24T09:00");
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  ProcessInstance report() {
    return runtimeService.startProcessInstanceByKey("incident", new HashMap<>(Map.of("title",
        "Mailbox quota rejects the ledger export", "description", "Quota exceeded on the ledger mailbox", "service",
        "email", "category", "software", "impact", 2, "urgency", 2, "requester", "alice")));
  }

  void work(ProcessInstance instance, String agent, Map<String, Object> form) {
    Task work = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Activity_WorkIncident").singleResult();
    taskService.claim(work.getId(), agent);
    taskService.complete(work.getId(), form);
  }

  void reassign(ProcessInstance instance, String agent, String group) {
    work(instance, agent, Map.of("action", "reassign", "newGroup", group, "reassignReason",
        "Quota sits with " + group));
  }

  List<OlaClock> clocks(ProcessInstance instance) {
    return olaClocks.of(instance.getBusinessKey());
  }

  IncidentTrail trail() {
    return new IncidentTrail(slaClocks, managementService, jdbc);
  }

  Job timer(ProcessInstance instance, String boundaryEvent) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(boundaryEvent)
        .singleResult();
  }

  @Test
  void theServiceDesksClockStartsWithItsTargetFromTheDecision() {
    ProcessInstance instance = report();

    assertThat(clocks(instance)).singleElement().satisfies(clock -> {
      assertThat(clock.group()).isEqualTo("service-desk");
      assertThat(clock.target()).isEqualTo("PT2H");
      assertThat(clock.calendar()).isEqualTo("business");
      assertThat(clock.startedAt()).isEqualTo(berlin("2026-11-24T09:00"));
      assertThat(clock.warnAt()).isEqualTo(berlin("2026-11-24T10:30"));
      assertThat(clock.dueAt()).isEqualTo(berlin("2026-11-24T11:00"));
      assertThat(clock.running()).isTrue();
    });
    assertThat(timer(instance, "Event_OlaWarning").getDuedate().toInstant()).isEqualTo(berlin("2026-11-24T10:30"));
    assertThat(timer(instance, "Event_OlaBreached").getDuedate().toInstant()).isEqualTo(berlin("2026-11-24T11:00"));
  }

  @Test
  void anIncidentReassignedFromOneGroupToAnotherHasAClockForEachAndTheFirstStoppedAtTheReassignment() {
    ProcessInstance instance = report();
    clockAt("2026-11-24T09:20");

    reassign(instance, "bob", "network");

    List<OlaClock> clocks = clocks(instance);
    assertThat(clocks).extracting(OlaClock::group).containsExactly("service-desk", "network");
    assertThat(clocks.get(0).stoppedAt()).isEqualTo(berlin("2026-11-24T09:20"));
    assertThat(clocks.get(1).startedAt()).isEqualTo(berlin("2026-11-24T09:20"));
    assertThat(clocks.get(1).stoppedAt()).isNull();
    // The network team's P3 target: one business day (8 business hours), so due at 17:20 on this day's hours.
    assertThat(clocks.get(1).target()).isEqualTo("PT8H");
    // The timers are the network team's now.
    assertThat(timer(instance, "Event_OlaBreached").getDuedate().toInstant()).isEqualTo(clocks.get(1).dueAt());

    clockAt("2026-11-24T10:00");
    reassign(instance, "nina", "service-desk");
    clockAt("2026-11-24T10:15");
    work(instance, "bob", Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Quota raised"));

    assertThat(clocks(instance)).extracting(OlaClock::group, OlaClock::startedAt, OlaClock::stoppedAt).containsExactly(
        org.assertj.core.groups.Tuple.tuple("service-desk", berlin("2026-11-24T09:00"), berlin("2026-11-24T09:20")),
        org.assertj.core.groups.Tuple.tuple("network", berlin("2026-11-24T09:20"), berlin("2026-11-24T10:00")),
        org.assertj.core.groups.Tuple.tuple("service-desk", berlin("2026-11-24T10:00"), berlin("2026-11-24T10:15")));
    assertThat(olaClocks.held(instance.getBusinessKey())).isEmpty();
  }

  @Test
  void theWarningReachesTheGroupsLeadAndTheBreachIsRecordedAndToldOnce() {
    ProcessInstance instance = report();

    clockAt("2026-11-24T10:30");
    EngineTime.fireDueTimers(managementService, instance);

    assertThat(clocks(instance).get(0).warnedAt()).isEqualTo(berlin("2026-11-24T10:30"));
    assertThat(trail().notifications(instance, "ola_warning")).containsExactly("sam");
    assertThat(jdbc.sql("SELECT text FROM fd_notification WHERE ticket_number = ? AND kind = 'ola_warning'")
        .param(instance.getBusinessKey()).query(String.class).single())
        .startsWith(instance.getBusinessKey() + " has been with Service desk for most of its OLA (2 h, business hours)");
    assertThat(trail().timeline(instance, "ola_warning")).hasSize(1);
    assertThat(clocks(instance).get(0).breachedAt()).isNull();

    clockAt("2026-11-24T11:00");
    EngineTime.fireDueTimers(managementService, instance);

    assertThat(clocks(instance).get(0).breachedAt()).isEqualTo(berlin("2026-11-24T11:00"));
    assertThat(trail().notifications(instance, "ola_breach")).containsExactly("sam");
    assertThat(trail().timeline(instance, "ola_breach")).containsExactly("OLA breached by Service desk");
    assertThat(trail().notifications(instance, "ola_warning")).containsExactly("sam");
    assertThat(instance).isWaitingAt("Activity_WorkIncident");
  }

  @Test
  void aWarningTimerThatFiresAfterTheBreachRecordsAndSendsNothing() {
    ProcessInstance instance = report();
    clockAt("2026-11-24T11:30");
    Job warning = timer(instance, "Event_OlaWarning");

    managementService.executeJob(timer(instance, "Event_OlaBreached").getId());
    managementService.executeJob(warning.getId());

    OlaClock clock = clocks(instance).get(0);
    assertThat(clock.breachedAt()).isEqualTo(berlin("2026-11-24T11:30"));
    assertThat(clock.warnedAt()).isNull();
    assertThat(trail().notifications(instance, "ola_breach")).containsExactly("sam");
    assertThat(trail().notifications(instance, "ola_warning")).isEmpty();
    assertThat(trail().timeline(instance, "ola_warning")).isEmpty();
  }

  @Test
  void theGroupsClockStandsStillWhileTheRequesterIsAskedAndResumesWithTheAnswer() {
    ProcessInstance instance = report();
    clockAt("2026-11-24T09:30");
    work(instance, "bob", Map.of("action", "ask_requester", "question", "Which mailbox?"));

    assertThat(clocks(instance).get(0).pausedSince()).isEqualTo(berlin("2026-11-24T09:30"));
    // The group's timers went with its work: nothing warns while the requester is asked.
    assertThat(timer(instance, "Event_OlaWarning")).isNull();
    clockAt("2026-11-24T11:30");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(clocks(instance).get(0).breachedAt()).isNull();

    Task answer = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    taskService.complete(answer.getId(), Map.of("answer", "The ledger mailbox"));

    assertThat(clocks(instance)).singleElement().satisfies(clock -> {
      assertThat(clock.pausedSince()).isNull();
      assertThat(clock.pausedSeconds()).isEqualTo(7200);
      assertThat(clock.warnAt()).isEqualTo(berlin("2026-11-24T12:30"));
      assertThat(clock.dueAt()).isEqualTo(berlin("2026-11-24T13:00"));
    });
    assertThat(timer(instance, "Event_OlaBreached").getDuedate().toInstant()).isEqualTo(berlin("2026-11-24T13:00"));
  }
}
