package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.sla.OlaClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A process designer adds a rule to decisions/sla-escalation.dmn; the next breach follows it, with no Java change. */
@EditableModelsTest
class SlaEscalationModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
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
  OlaClocks olaClocks;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  /** Printers that nobody answers in time go to the given group, whatever their priority. */
  static String printerRule(String group) {
    return """
              <rule id="Rule_UnansweredPrintersMove">
                <description>Printers nobody answers in time go to %1$s</description>
                <inputEntry id="InputEntry_UnansweredPrintersMove_1"><text>"incident"</text></inputEntry>
                <inputEntry id="InputEntry_UnansweredPrintersMove_2"><text>"response"</text></inputEntry>
                <inputEntry id="InputEntry_UnansweredPrintersMove_3"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_UnansweredPrintersMove_4"><text>"printer"</text></inputEntry>
                <inputEntry id="InputEntry_UnansweredPrintersMove_5"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_UnansweredPrintersMove_6"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_UnansweredPrintersMove_1"><text></text></outputEntry>
                <outputEntry id="OutputEntry_UnansweredPrintersMove_2"><text>"%1$s"</text></outputEntry>
                <outputEntry id="OutputEntry_UnansweredPrintersMove_3"><text></text></outputEntry>
              </rule>
            </decisionTable>""".formatted(group);
  }

  void deploy() {
    ResponseEntity<Map<String, Object>> deployed = ApiClient.as(rest, "admin", "admin").exchange(
        "/api/admin/models/deploy", HttpMethod.POST, null, new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody()).containsEntry("deployed", true);
  }

  /** A P3 printer incident reported on Thursday 10:00 that nobody takes on: its response breaches at 14:00. */
  ProcessInstance unansweredPrinter() {
    clockAt("2026-11-26T10:00");
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("incident", new HashMap<>(Map.of("title",
        "Printer offline", "description", "The second floor printer is offline", "service", "printer", "category",
        "hardware", "impact", 2, "urgency", 2, "requester", "alice")));
    clockAt("2026-11-26T14:00");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(clocks.find(instance.getBusinessKey(), SlaClock.RESPONSE).orElseThrow().breachedAt())
        .isEqualTo(berlin("2026-11-26T14:00"));
    return instance;
  }

  List<String> candidateGroups(ProcessInstance instance) {
    String task = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Activity_WorkIncident").singleResult().getId();
    return taskService.getIdentityLinksForTask(task).stream().map(IdentityLink::getGroupId)
        .filter(group -> group != null).toList();
  }

  IncidentTrail trail() {
    return new IncidentTrail(clocks, managementService, jdbc);
  }

  @Test
  void aRuleAddedForAServiceReassignsItsNextBreachingIncident() {
    ProcessInstance before = unansweredPrinter();
    assertThat(tickets.get(before.getBusinessKey()).assignmentGroup()).isEqualTo("service-desk");

    MODELS.replace("decisions/sla-escalation.dmn", "    </decisionTable>", printerRule("facilities"));
    deploy();

    ProcessInstance after = unansweredPrinter();
    assertThat(tickets.get(after.getBusinessKey()).assignmentGroup()).isEqualTo("facilities");
    assertThat(candidateGroups(after)).containsExactly("facilities");
    assertThat(trail().timeline(after, "reassigned"))
        .containsExactly("Reassigned from service-desk to facilities: Escalated: response SLA breached");
    assertThat(trail().timeline(after, "escalated"))
        .containsExactly("Escalated: service-desk-managers told of the response SLA breach");
  }

  @Test
  void aRuleRaisingTheUrgencyOfALateRequestFailsOnItsTimelineAndTheManagersAreStillTold() {
    MODELS.replace("decisions/sla-escalation.dmn", "    </decisionTable>", """
              <rule id="Rule_LateRequestsBecomeUrgent">
                <description>A late request becomes most urgent (requests have no priority to change)</description>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_1"><text>"request"</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_2"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_3"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_4"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_5"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsBecomeUrgent_6"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_LateRequestsBecomeUrgent_1"><text></text></outputEntry>
                <outputEntry id="OutputEntry_LateRequestsBecomeUrgent_2"><text></text></outputEntry>
                <outputEntry id="OutputEntry_LateRequestsBecomeUrgent_3"><text>1</text></outputEntry>
              </rule>
            </decisionTable>""");
    deploy();

    String number = order("room-repair", Map.of("location", "Room 4.01", "details", "Projector dead"));
    ProcessInstance instance = deliveryDue(number, clocks.find(number, SlaClock.RESOLUTION).orElseThrow().dueAt());

    assertThat(trail().timeline(instance, "sla_breach")).containsExactly("Resolution SLA breached");
    assertThat(trail().timeline(instance, "escalated")).containsExactly(
        "Escalated: service-desk-managers told of the resolution SLA breach",
        "Escalation failed: cannot raise the urgency to 1, the request's process cannot change its priority");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aRuleReassigningLateRequestsMovesTheFulfilmentTaskAndStopsTheOldGroupsOlaClock() {
    lateRequestsGoToTheDesk();

    String number = order("room-repair", Map.of("location", "Room 4.02", "details", "Blind stuck"));
    assertThat(olaClocks.held(number, "facilities")).isPresent();
    Instant due = clocks.find(number, SlaClock.RESOLUTION).orElseThrow().dueAt();
    ProcessInstance instance = deliveryDue(number, due);

    assertThat(tickets.get(number).assignmentGroup()).isEqualTo("service-desk");
    String job = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult().getId();
    assertThat(taskService.getIdentityLinksForTask(job)).extracting(IdentityLink::getGroupId)
        .containsExactly("service-desk");
    // Facilities no longer hold it: their clock stopped at the escalation, not when the desk finishes.
    assertThat(olaClocks.of(number)).filteredOn(clock -> clock.group().equals("facilities"))
        .singleElement().satisfies(clock -> assertThat(clock.stoppedAt()).isEqualTo(due));
    assertThat(olaClocks.held(number, "facilities")).isEmpty();
    assertThat(trail().timeline(instance, "reassigned"))
        .containsExactly("Reassigned from facilities to service-desk: Escalated: resolution SLA breached");
  }

  @Test
  void aRuleReassigningALateRequestToItsOwnGroupTakesTheStepFromTheGroupThatHoldsIt() {
    lateRequestsGoToTheDesk();

    // A headset: the service desk delivers it, purchasing orders it first.
    String number = order("headset", Map.of("colour", "black"));
    assertThat(tickets.get(number).assignmentGroup()).isEqualTo("service-desk");
    assertThat(olaClocks.held(number, "purchasing")).isPresent();
    Instant due = clocks.find(number, SlaClock.RESOLUTION).orElseThrow().dueAt();
    ProcessInstance instance = deliveryDue(number, due);

    // The desk already has the request; the late order step is taken from purchasing too.
    assertThat(tickets.get(number).assignmentGroup()).isEqualTo("service-desk");
    String order = taskService.createTaskQuery().processInstanceBusinessKey(number).singleResult().getId();
    assertThat(taskService.getIdentityLinksForTask(order)).extracting(IdentityLink::getGroupId)
        .containsExactly("service-desk");
    assertThat(olaClocks.held(number, "purchasing")).isEmpty();
    assertThat(trail().timeline(instance, "reassigned"))
        .containsExactly("Reassigned from purchasing to service-desk: Escalated: resolution SLA breached");
  }

  @Test
  void aRuleNamingAGroupThatDoesNotExistStillRecordsTheBreachAndTellsTheManagers() {
    MODELS.replace("decisions/sla-escalation.dmn", "    </decisionTable>", printerRule("second-level"));
    deploy();

    ProcessInstance instance = unansweredPrinter();

    assertThat(trail().timeline(instance, "sla_breach")).containsExactly("Response SLA breached");
    assertThat(trail().timeline(instance, "escalated")).containsExactly(
        "Escalated: service-desk-managers told of the response SLA breach",
        "Escalation failed: cannot reassign to second-level, no such group");
    assertThat(tickets.get(instance.getBusinessKey()).assignmentGroup()).isEqualTo("service-desk");
    assertThat(candidateGroups(instance)).containsExactly("service-desk");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  /** A rule of decisions/sla-escalation.dmn: a late request goes to the service desk. */
  void lateRequestsGoToTheDesk() {
    MODELS.replace("decisions/sla-escalation.dmn", "    </decisionTable>", """
              <rule id="Rule_LateRequestsGoToTheDesk">
                <description>A late request goes to the service desk, which chases it</description>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_1"><text>"request"</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_2"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_3"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_4"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_5"><text>-</text></inputEntry>
                <inputEntry id="InputEntry_LateRequestsGoToTheDesk_6"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_LateRequestsGoToTheDesk_1"><text></text></outputEntry>
                <outputEntry id="OutputEntry_LateRequestsGoToTheDesk_2"><text>"service-desk"</text></outputEntry>
                <outputEntry id="OutputEntry_LateRequestsGoToTheDesk_3"><text></text></outputEntry>
              </rule>
            </decisionTable>""");
    deploy();
  }

  /** alice orders the item on Thursday 26 November, 10:00 in Berlin. */
  String order(String item, Map<String, Object> answers) {
    clockAt("2026-11-26T10:00");
    ResponseEntity<Map<String, Object>> ordered = ApiClient.as(rest, "alice", "alice").exchange("/api/requests",
        HttpMethod.POST, new org.springframework.http.HttpEntity<>(Map.of("item", item, "answers", answers)),
        new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(ordered.getStatusCode()).as(String.valueOf(ordered.getBody())).isEqualTo(HttpStatus.CREATED);
    return (String) ordered.getBody().get("number");
  }

  /** The request's delivery target passes: its timers fire in due order. */
  ProcessInstance deliveryDue(String number, Instant due) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number)
        .processDefinitionKey("service-request").singleResult();
    EngineTime.clockAt(due.atZone(EngineTime.BERLIN).toLocalDateTime().toString());
    EngineTime.fireDueTimers(managementService, instance);
    return instance;
  }
}
