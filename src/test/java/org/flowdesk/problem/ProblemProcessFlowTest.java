package org.flowdesk.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/problem.bpmn on its own: the delegates are mocks (the investigation's listener sets
 * {@code workaroundKnown} as the real one does from the form), the change's outcome arrives as
 * the messages change.bpmn's "Tell its problems" step correlates.
 */
class ProblemProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("problem");

  static final Instant LOGGED = Instant.parse("2026-11-24T08:00:00Z");
  static final String NUMBER = "PRB-000007";

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(LOGGED));
    delegates = new ProcessFlow.Delegates()
        .on("openTicket", execution -> {
          execution.setProcessBusinessKey(NUMBER);
          execution.setVariable("ticketNumber", NUMBER);
        })
        .onTask("recordInvestigation", task -> {
          Object workaround = task.getVariable("workaround");
          task.getExecution().setVariable("workaroundKnown", workaround != null && !workaround.toString().isBlank());
        });
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance log() {
    Map<String, Object> variables = new HashMap<>(Map.of("requester", "bob", "assignmentGroup", "network",
        "service", "network", "title", "VPN drops every 20 minutes"));
    return engine.getRuntimeService().startProcessInstanceByKey("problem", variables);
  }

  void investigate(ProcessInstance instance, String workaround) {
    assertThat(instance).isWaitingAt("Activity_Investigate");
    assertThat(task(instance)).hasCandidateGroup("network");
    Map<String, Object> findings = new HashMap<>(Map.of("rootCause", "The gateway's keep-alive is 20 minutes",
        "affectedService", "network"));
    findings.put("workaround", workaround);
    complete(task(instance), findings);
  }

  /** Correlated by instance: the other tests' instances in this engine have the same business key. */
  void changeRaised(ProcessInstance instance) {
    assertThat(instance).isWaitingAt("Event_FixRaised");
    engine.getRuntimeService().createMessageCorrelation("ProblemFixRaised").processInstanceId(instance.getId())
        .correlate();
    assertThat(instance).isWaitingAt("Gateway_ChangeOutcome");
  }

  void changeOutcome(ProcessInstance instance, String message) {
    engine.getRuntimeService().createMessageCorrelation(message).processInstanceId(instance.getId()).correlate();
  }

  @Test
  void aLoggedProblemIsOpenedAndInvestigatedByItsGroup() {
    ProcessInstance instance = log();

    assertThat(instance).hasBusinessKey(NUMBER).hasPassedInOrder("Activity_OpenTicket", "Activity_MarkInvestigation")
        .isWaitingAt("Activity_Investigate");
    assertThat(delegates.calls("openTicket").get(0).input()).containsEntry("ticketType", "problem")
        .containsEntry("assignmentGroup", "network");
    assertThat(delegates.calls("changeStatus").get(0).input()).containsEntry("status", "investigation");
    assertThat(delegates.calls("notifyTaskAudience")).extracting(ProcessFlow.Call::activityId)
        .containsExactly("Activity_Investigate");
  }

  @Test
  void aKnownErrorFixedByASuccessfulChangeIsResolvedWithItsIncidentsReviewedAndClosed() {
    ProcessInstance instance = log();
    investigate(instance, "Reconnect; or use the office network");

    assertThat(instance).hasPassed("Activity_RecordKnownError").hasNotPassed("Activity_MarkCauseFound");
    assertThat(delegates.calls("recordKnownError").get(0).input()).containsEntry("status", "known_error")
        .containsEntry("articleAudience", "agents");
    changeRaised(instance);
    assertThat(delegates.calls("changeStatus")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("status", "fixing"));
    changeOutcome(instance, "ProblemChangeSucceeded");

    assertThat(instance).hasPassedInOrder("Event_ChangeSucceeded", "Activity_ResolveProblem",
        "Activity_ResolveIncidents", "Activity_RetireKnownError").isWaitingAt("Activity_ReviewProblem");
    assertThat(delegates.steps("retireKnownErrorArticle")).containsExactly("Activity_RetireKnownError");
    assertThat(task(instance)).hasCandidateGroup("service-desk-managers");
    complete(task(instance), withVariables("reviewFindings", "Held for a week"));

    assertThat(instance).hasPassedInOrder("Activity_CloseProblem", "Event_ProblemClosed").isEnded();
    assertThat(delegates.steps("recordProblemReview")).containsExactly("Activity_ReviewProblem");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "flowdesk");
  }

  @Test
  void aFailedChangeSendsTheProblemBackToInvestigationAndTheNextFixResolvesIt() {
    ProcessInstance instance = log();
    investigate(instance, null);
    assertThat(instance).hasPassedInOrder("Activity_MarkCauseFound", "Activity_RetireWithdrawnKnownError")
        .hasNotPassed("Activity_RecordKnownError");
    assertThat(delegates.calls("changeStatus")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("status", "cause_found"));
    // No workaround (now): a known error article of an earlier workaround would be retired.
    assertThat(delegates.steps("retireKnownErrorArticle")).containsExactly("Activity_RetireWithdrawnKnownError");
    changeRaised(instance);

    changeOutcome(instance, "ProblemChangeFailed");

    assertThat(instance).hasPassedInOrder("Event_ChangeFailed", "Activity_BackToInvestigation")
        .hasNotPassed("Activity_ResolveProblem").isWaitingAt("Activity_Investigate");
    assertThat(delegates.calls("changeStatus")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("status", "investigation"));
    assertThat(delegates.steps("recordInvestigation")).hasSize(1);

    investigate(instance, "Use the office network");
    changeRaised(instance);
    changeOutcome(instance, "ProblemChangeSucceeded");
    assertThat(instance).hasPassed("Activity_RecordKnownError", "Activity_ResolveIncidents")
        .isWaitingAt("Activity_ReviewProblem");
    assertThat(delegates.steps("recordInvestigation")).hasSize(2);
  }
}
