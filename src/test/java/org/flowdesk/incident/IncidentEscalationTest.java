package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.EngineTime;
import org.flowdesk.sla.SlaEscalation;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.flowdesk.ticket.TimelineTexts;
import org.flowdesk.sla.OlaClock;
import org.flowdesk.sla.OlaClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A breach in processes/incident.bpmn escalates as decisions/sla-escalation.dmn decides, with the real tables,
 * catalog and business calendar (Berlin, Monday to Friday 08:00–18:00): one escalation only notifies, one
 * raises the urgency through "Priority changed" (and the clocks follow), one reassigns the ticket and its work.
 */
@SpringBootTest
@ActiveProfiles("test")
class IncidentEscalationTest {

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
  @Autowired
  TimelineTexts timelineTexts;
  @Autowired
  OlaClocks olaClocks;
  @Autowired
  ApplicationEventPublisher events;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  ProcessInstance report(String service, String category, int impact, int urgency) {
    return runtimeService.startProcessInstanceByKey("incident", new HashMap<>(Map.of("title", "Something is off",
        "description", "It stopped working this morning", "service", service, "category", category,
        "impact", impact, "urgency", urgency, "requester", "alice")));
  }

  Task task(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Activity_WorkIncident").singleResult();
  }

  IncidentTrail trail() {
    return new IncidentTrail(clocks, managementService, jdbc);
  }

  @Test
  void aResponseBreachOnAServiceOfLowCriticalityOnlyTellsTheManagers() {
    clockAt("2026-11-26T10:00"); // Thursday; P3 responds within 4 business hours
    ProcessInstance instance = report("printer", "hardware", 2, 2);

    clockAt("2026-11-26T14:00");
    EngineTime.fireDueTimers(managementService, instance);

    assertThat(trail().clock(instance, SlaClock.RESPONSE).breachedAt()).isEqualTo(berlin("2026-11-26T14:00"));
    assertThat(trail().timeline(instance, "sla_breach")).containsExactly("Response SLA breached");
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers");
    assertThat(trail().timeline(instance, "escalated"))
        .containsExactly("Escalated: service-desk-managers told of the response SLA breach");
    Ticket ticket = tickets.get(instance.getBusinessKey());
    assertThat(ticket.priority()).isEqualTo(3);
    assertThat(ticket.assignmentGroup()).isEqualTo("service-desk");
    assertThat(trail().timeline(instance, "priority_changed")).isEmpty();
    assertThat(trail().timeline(instance, "reassigned")).isEmpty();
    // The decision's result was the breach step's input, not the process's data.
    assertThat(runtimeService.getVariable(instance.getId(), "escalations")).isNull();
  }

  @Test
  void aResponseBreachOnAHighlyCriticalServiceRaisesTheUrgencyAndTheClocksFollowTheNewPriority() {
    clockAt("2026-11-26T10:00"); // Thursday; the network is highly critical; P3: respond in 4 business hours
    ProcessInstance instance = report("network", "network", 2, 2);
    assertThat(trail().clock(instance, SlaClock.RESOLUTION).target()).isEqualTo("P3D");

    clockAt("2026-11-26T14:00");
    EngineTime.fireDueTimers(managementService, instance);

    // Urgency 1 with impact 2 is priority 2, decided again by the priority table.
    Ticket ticket = tickets.get(instance.getBusinessKey());
    assertThat(ticket.urgency()).isEqualTo(1);
    assertThat(ticket.impact()).isEqualTo(2);
    assertThat(ticket.priority()).isEqualTo(2);
    assertThat(trail().timeline(instance, "priority_changed"))
        .containsExactly("Priority changed from P3 to P2: Escalated: response SLA breached");
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers");
    // P2 resolves in 8 hours around the clock; 4 business hours are used: due at 18:00, and its timer with it.
    SlaClock resolution = trail().clock(instance, SlaClock.RESOLUTION);
    assertThat(resolution.target()).isEqualTo("PT8H");
    assertThat(resolution.calendar()).isEqualTo("24x7");
    assertThat(resolution.dueAt()).isEqualTo(berlin("2026-11-26T18:00"));
    assertThat(trail().timer(instance, "Event_ResolutionSlaBreached")).isEqualTo(berlin("2026-11-26T18:00"));
    // The response breach stays one breach, escalated once.
    assertThat(trail().timeline(instance, "sla_breach")).containsExactly("Response SLA breached");

    // The resolution breach at 18:00 is a P2's, and the ticket's second: the owners and the group hear of it.
    clockAt("2026-11-26T18:00");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(trail().notifications(instance, "sla_breach")).containsExactly("group:service-desk-managers",
        "group:service-desk-managers", "group:network");
    assertThat(trail().timeline(instance, "escalated")).containsExactly(
        "Escalated: service-desk-managers told of the response SLA breach",
        "Escalated: service-desk-managers told of the resolution SLA breach",
        "Escalated: network told of the resolution SLA breach");
    assertThat(tickets.get(instance.getBusinessKey()).priority()).isEqualTo(2);
  }

  @Test
  void aPriorityOneResolutionBreachReassignsTheIncidentAndItsWorkToTheMajorIncidentTeam() {
    clockAt("2026-11-26T10:00");
    ProcessInstance instance = report("email", "software", 1, 1); // P1, worked by the service desk
    taskService.claim(task(instance).getId(), "bob");

    clockAt("2026-11-26T14:00"); // P1 resolves in 4 hours around the clock
    EngineTime.fireDueTimers(managementService, instance);

    Ticket ticket = tickets.get(instance.getBusinessKey());
    assertThat(ticket.assignmentGroup()).isEqualTo("major-incident");
    assertThat(ticket.assignee()).isNull();
    assertThat(trail().timeline(instance, "reassigned"))
        .containsExactly("Reassigned from service-desk to major-incident: Escalated: resolution SLA breached");
    Task work = task(instance);
    assertThat(work.getAssignee()).isNull();
    assertThat(taskService.getIdentityLinksForTask(work.getId())).filteredOn(link -> link.getGroupId() != null)
        .extracting(IdentityLink::getGroupId).containsExactly("major-incident");
    assertThat(runtimeService.getVariable(instance.getId(), "assignmentGroup")).isEqualTo("major-incident");
    // The work went round through the model's reassignment: the service desk's OLA clock stopped at the
    // escalation, the major incident team's started then with its own target, and its timers are its own.
    assertThat(olaClocks.of(instance.getBusinessKey())).extracting(OlaClock::group, OlaClock::stoppedAt)
        .containsExactly(tuple("service-desk", berlin("2026-11-26T14:00")), tuple("major-incident", null));
    OlaClock major = olaClocks.held(instance.getBusinessKey()).orElseThrow();
    assertThat(major.startedAt()).isEqualTo(berlin("2026-11-26T14:00"));
    assertThat(managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Event_OlaBreached")
        .singleResult().getDuedate().toInstant()).isEqualTo(major.dueAt());
    assertThat(jdbc.sql("SELECT actor FROM fd_timeline_entry WHERE ticket_number = ? AND kind = 'reassigned'")
        .param(instance.getBusinessKey()).query(String.class).list()).containsExactly(TicketService.SYSTEM);
    // The managers and the email service's owners are told.
    assertThat(trail().notifications(instance, "sla_breach"))
        .containsExactly("group:service-desk-managers", "group:service-owners");

    // Agents reading German read the escalation in German (i18n/de.json), the groups by their German names and the
    // OLA's due date as German writes dates.
    assertThat(timelineTexts.in("de", tickets.timeline(instance.getBusinessKey(), true)))
        .extracting(TimelineEntry::text).contains(
            "Neu zugewiesen von Service-Desk an Major-Incident-Team: Eskaliert: Lösungs-SLA verletzt",
            "Eskaliert: Leitung Service-Desk über die Verletzung des Lösungs-SLA informiert",
            "Eskaliert: Service-Verantwortliche über die Verletzung des Lösungs-SLA informiert",
            "OLA-Warnung für Service-Desk: fällig 26.11.2026, 11:00 MEZ", "OLA verletzt durch Service-Desk");

    // The major incident team works it on: the next round of work is theirs too.
    taskService.claim(work.getId(), "sam");
    taskService.complete(work.getId(), Map.of("action", "ask_requester", "question", "Since when?"));
    taskService.complete(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
        Map.of("answer", "Since nine"));
    assertThat(taskService.getIdentityLinksForTask(task(instance).getId())).filteredOn(l -> l.getGroupId() != null)
        .extracting(IdentityLink::getGroupId).containsExactly("major-incident");
  }

  @Test
  void anEscalationThatFindsTheIncidentResolvedSaysItsStatusAsPeopleReadIt() {
    clockAt("2026-11-26T10:00");
    ProcessInstance instance = report("printer", "hardware", 2, 2);
    Task work = task(instance);
    taskService.claim(work.getId(), "bob");
    taskService.complete(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Paper jam cleared"));
    assertThat(tickets.get(instance.getBusinessKey()).status()).isEqualTo("resolved");

    // The breach's escalation arrives after the agent resolved it: the reassignment fails, and says why.
    events.publishEvent(new SlaEscalation(instance.getBusinessKey(), "resolution",
        List.of(new SlaEscalation.Action(null, "network", null)), "sla_breach", "Resolution SLA breached", null, null,
        berlin("2026-11-26T10:05")));

    assertThat(trail().timeline(instance, "escalated"))
        .containsExactly("Escalation failed: cannot reassign to network, the ticket is Resolved");
    assertThat(tickets.get(instance.getBusinessKey()).assignmentGroup()).isEqualTo("service-desk");
  }
}
