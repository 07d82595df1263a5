package org.flowdesk.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.identity.People;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.flowdesk.ticket.TicketTexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/change.bpmn on its own: the delegates are mocks that set what the real ones set
 * (risk, conflicts, the approval route, vote tallies), the change-risk and change-approval
 * decisions are the real ones, so each test chooses a route by the change it raises.
 */
class ChangeProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("change");

  static final Instant REQUESTED = Instant.parse("2026-11-24T08:00:00Z");
  static final Instant PLANNED_START = Instant.parse("2026-11-27T20:00:00Z");
  static final String NUMBER = "CHG-000009";

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  InstanceTimers timers;
  People people = mock(People.class);
  ChangePlans changePlans = mock(ChangePlans.class);
  TicketTexts ticketTexts = mock(TicketTexts.class);
  Deque<Boolean> conflicts = new ArrayDeque<>();

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(REQUESTED));
    timers = new InstanceTimers(engine);
    Mocks.register("people", people);
    Mocks.register("changePlans", changePlans);
    // Who rejected and why is read from the ticket's timeline, where the decision's listener wrote it.
    Mocks.register("ticketTexts", ticketTexts);
    when(ticketTexts.rejectionReasons(NUMBER)).thenReturn("carl: Because");
    when(changePlans.startOf(anyString())).thenReturn(Date.from(PLANNED_START));
    when(people.membersExcept("change-managers", "alice")).thenReturn(List.of("carl"));
    when(people.membersExcept("cab", "alice")).thenReturn(List.of("c1", "c2", "c3"));
    when(people.membersExcept("emergency-board", "alice")).thenReturn(List.of("eve"));
    delegates = new ProcessFlow.Delegates()
        .on("openTicket", execution -> {
          execution.setProcessBusinessKey(NUMBER);
          execution.setVariable("ticketNumber", NUMBER);
        })
        // As recordChangePlan: every change is rated next, by decisions/change-risk.dmn.
        .on("recordChangePlan", execution -> execution.setVariable("risk", "unrated"))
        .on("checkChangeConflicts", execution -> execution.setVariable("conflictFound",
            conflicts.isEmpty() ? false : conflicts.pop()))
        .on("awaitChangeApproval", ChangeProcessFlowTest::awaitApproval)
        .onTask("recordCabVote", task -> {
          String counter = "approve".equals(task.getVariable("vote")) ? "cabApprovals" : "cabRejections";
          task.getExecution().setVariable(counter, ((Number) task.getVariable(counter)).intValue() + 1);
          // As recordCabVote: where the vote stands is the task's outcome decision's to say.
          task.getExecution().setVariable("cabOutcome", task.getProcessEngineServices().getDecisionService()
              .evaluateDecisionTableByKey((String) task.getVariable("outcomeDecision"))
              .variables(Map.of("approvalRule", task.getVariable("approvalRule"),
                  "cabApprovals", task.getVariable("cabApprovals"), "cabRejections", task.getVariable("cabRejections"),
                  "cabSize", task.getVariable("cabSize")))
              .evaluate().getSingleEntry());
        });
  }

  @SuppressWarnings("unchecked")
  static void awaitApproval(DelegateExecution execution) {
    Map<String, Object> route = (Map<String, Object>) execution.getVariable("approvalRoute");
    List<String> voters = List.copyOf((List<String>) execution.getVariableLocal("voters"));
    execution.setVariable("approvers", route.get("approvers"));
    execution.setVariable("approvalRule", route.get("rule"));
    execution.setVariable("cabMembers", voters);
    execution.setVariable("cabSize", voters.size());
    execution.setVariable("cabApprovals", 0);
    execution.setVariable("cabRejections", 0);
    execution.setVariable("cabOutcome", "open");
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance raise(String type, String complexity, boolean tested) {
    Map<String, Object> variables = new HashMap<>(Map.of("title", "Patch the mail server", "service", "email",
        "changeType", type, "impact", 2, "implementationGroup", "infrastructure", "complexity", complexity,
        "tested", tested, "criticality", "medium", "hasBackoutPlan", true, "outsideMaintenanceWindow", false));
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      return engine.getRuntimeService().startProcessInstanceByKey("change", variables);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  Task step(ProcessInstance instance, String step) {
    return taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(step).list().get(0);
  }

  void decide(ProcessInstance instance, String step, String decision) {
    assertThat(instance).isWaitingAt(step);
    complete(step(instance, step), withVariables("decision", decision, "decisionReason", "Because"));
  }

  /** From approval on: the planned start, no late conflict, implemented with the given outcome. */
  void implement(ProcessInstance instance, String outcome) {
    assertThat(instance).isWaitingAt("Event_PlannedStart");
    assertThat(timers.fireNext(instance)).isEqualTo("Event_PlannedStart");
    assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(PLANNED_START);
    assertThat(instance).hasPassed("Event_ReadyToImplement", "Activity_MarkImplementing")
        .isWaitingAt("Activity_Implement");
    assertThat(task(instance)).hasCandidateGroup("infrastructure");
    complete(task(instance), withVariables("outcome", outcome, "outcomeNotes", "Done"));
  }

  @Test
  void aStandardChangeWithoutConflictIsScheduledImplementedAndClosedWithoutReview() {
    List<Object> risks = new ArrayList<>();
    delegates.on("recordChangeRisk", execution -> risks.add(execution.getVariable("risk")));
    ProcessInstance instance = raise("standard", "high", false);

    assertThat(instance).hasBusinessKey(NUMBER).hasPassedInOrder("Activity_OpenTicket", "Activity_RecordPlan",
        "Activity_RateRisk", "Activity_RecordRisk", "Activity_CheckStandardConflicts", "Activity_Schedule",
        "Activity_NotifyApproved").hasNotPassed("Activity_AssessChange", "Activity_AwaitApproval");
    // The decision's first rule: a standard change is low risk, however complex and untested.
    assertThat(risks).containsExactly("low");
    implement(instance, "successful");

    assertThat(instance).hasPassed("Activity_CloseChange", "Event_ChangeClosed").hasNotPassed("Activity_Review")
        .isEnded();
    assertThat(delegates.calls("changeStatus")).extracting(call -> call.input().get("status"))
        .containsExactly("scheduled", "implementing");
  }

  @Test
  void aStandardChangeWithAConflictGoesToTheChangeManagerWhoseRejectionIsToldTheRequester() {
    conflicts.push(true);
    ProcessInstance instance = raise("standard", "low", true);

    assertThat(instance).hasPassed("Activity_StandardToManager");
    assertThat(engine.getTaskService().getIdentityLinksForTask(task(instance).getId()))
        .extracting(link -> link.getUserId()).contains("carl");
    decide(instance, "Activity_ManagerDecides", "reject");

    assertThat(instance).hasPassed("Event_RejectedByManager", "Event_ChangeRejected", "Activity_RejectChange",
        "Activity_NotifyRejected", "Event_ChangeRejectedEnd").isEnded();
    assertThat(delegates.calls("notify")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("kind", "change_rejected").containsEntry("text", NUMBER + " was not approved: carl: Because"));
  }

  @Test
  void aLowRiskNormalChangeIsAssessedApprovedByTheManagerRescheduledAfterALateConflictAndReviewedAfterBackout() {
    ProcessInstance instance = raise("normal", "low", true);

    assertThat(instance).hasPassedInOrder("Activity_RateRisk", "Activity_RecordRisk", "Activity_CheckConflicts");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "risk")).isEqualTo("low");
    decide(instance, "Activity_AssessChange", "proceed");
    assertThat(instance).hasPassed("Activity_DecideApprovers", "Activity_AwaitApproval");
    decide(instance, "Activity_ManagerDecides", "approve");

    conflicts.push(true);
    timers.fireNext(instance);
    decide(instance, "Activity_ResolveConflict", "reschedule");
    assertThat(instance).hasPassed("Activity_Reschedule").isWaitingAt("Event_PlannedStart");
    implement(instance, "failed");

    assertThat(instance).isWaitingAt("Activity_Backout");
    complete(task(instance), withVariables("backoutNotes", "Restored the snapshot"));
    assertThat(instance).hasPassedInOrder("Activity_OpenIncident", "Activity_MarkReview").isWaitingAt("Activity_Review");
    assertThat(delegates.calls("openIncidentForChange").get(0).input()).containsEntry("incidentImpact", 2)
        .containsEntry("incidentUrgency", 2L);
    complete(task(instance), withVariables("reviewFindings", "Snapshot worked"));
    assertThat(instance).hasPassed("Event_ChangeClosed").isEnded();
  }

  @Test
  void anAssessmentThatSaysNoRejectsTheChange() {
    ProcessInstance instance = raise("normal", "low", true);

    decide(instance, "Activity_AssessChange", "reject");

    assertThat(instance).hasPassed("Event_Rejected", "Activity_RejectChange").isEnded()
        .hasNotPassed("Activity_DecideApprovers");
  }

  @Test
  void aHighRiskChangeNeedsEveryCabVoteAndALateConflictCanCancelIt() {
    ProcessInstance instance = raise("normal", "high", false);
    decide(instance, "Activity_AssessChange", "proceed");

    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "approvalRule")).isEqualTo("unanimous");
    for (Task vote : taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Activity_CabVote").list()) {
      complete(vote, withVariables("vote", "approve"));
    }
    assertThat(instance).hasPassed("Gateway_CabApproved", "Activity_Schedule").isWaitingAt("Event_PlannedStart");

    conflicts.push(true);
    timers.fireNext(instance);
    decide(instance, "Activity_ResolveConflict", "cancel");

    assertThat(instance).hasPassed("Event_CancelledByManager", "Event_CancelDecided", "Activity_CancelChange",
        "Event_ChangeCancelled").isEnded();
  }

  @Test
  void aMediumRiskChangeIsRejectedByACabMajorityAndALateConflictMayProceed() {
    ProcessInstance instance = raise("normal", "high", true);
    decide(instance, "Activity_AssessChange", "proceed");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "approvalRule")).isEqualTo("majority");

    List<Task> votes = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey("Activity_CabVote").list();
    complete(votes.get(0), withVariables("vote", "reject", "voteReason", "Too risky"));
    complete(votes.get(1), withVariables("vote", "reject", "voteReason", "Not now"));

    assertThat(instance).hasPassed("Event_Rejected").isEnded();
  }

  @Test
  void cabVotesNotCastInTwoDaysGoToTheChangeManager() {
    ProcessInstance instance = raise("normal", "high", true);
    decide(instance, "Activity_AssessChange", "proceed");

    assertThat(timers.fireNext(instance)).isEqualTo("Event_CabVoteOverdue");
    assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(REQUESTED.plus(Duration.ofDays(2)));

    assertThat(instance).hasPassed("Activity_EscalateVote").isWaitingAt("Activity_ManagerDecides");
    decide(instance, "Activity_ManagerDecides", "approve");
    conflicts.push(true);
    timers.fireNext(instance);
    decide(instance, "Activity_ResolveConflict", "proceed");
    assertThat(instance).hasPassed("Event_ReadyToImplement").isWaitingAt("Activity_Implement");
  }

  @Test
  void anEmergencyChangeIsDecidedByTheEmergencyBoardAndReviewedAfterwards() {
    ProcessInstance instance = raise("emergency", "low", true);

    decide(instance, "Activity_EmergencyBoardDecides", "approve");
    implement(instance, "successful");

    assertThat(instance).hasPassed("Gateway_NeedsReview", "Activity_MarkReview").isWaitingAt("Activity_Review");
  }

  @Test
  void anEmergencyBoardThatDoesNotDecideInAnHourIsEscalatedAndMayReject() {
    ProcessInstance instance = raise("emergency", "low", true);
    decide(instance, "Activity_EmergencyBoardDecides", "reject");
    assertThat(instance).hasPassed("Event_Rejected").isEnded();

    ProcessInstance late = raise("emergency", "low", true);
    assertThat(timers.fireNext(late)).isEqualTo("Event_BoardOverdue");
    assertThat(late).hasPassed("Activity_EscalateEmergency").isWaitingAt("Activity_ManagerDecides");
  }

  @Test
  void theRequesterCanCancelTheChangeUntilImplementationBegins() {
    ProcessInstance instance = raise("normal", "low", true);

    engine.getRuntimeService().createMessageCorrelation("ChangeCancelled").processInstanceBusinessKey(NUMBER)
        .processInstanceId(instance.getId()).setVariable("cancelReason", "Not needed").correlate();

    assertThat(instance).hasPassed("Event_CancelRequested", "Activity_CancelChange", "Event_ChangeCancelled")
        .isEnded();
  }
}
