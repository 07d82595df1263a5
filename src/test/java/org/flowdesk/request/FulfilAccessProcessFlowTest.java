package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/fulfil-access.bpmn on its own: provisioning is an asynchronous step; a failure (a
 * BPMN error from the mocked provisionAccess) waits five minutes and tries again, and after the
 * third the access team grants access by hand.
 */
class FulfilAccessProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("fulfil-access");

  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  InstanceTimers timers;

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    timers = new InstanceTimers(engine);
    delegates = new ProcessFlow.Delegates();
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance grant() {
    return engine.getRuntimeService().startProcessInstanceByKey("fulfil-access", "REQ-000004",
        Map.of("ticketNumber", "REQ-000004", "requester", "alice", "itemId", "access-crm",
            "system", "crm"));
  }

  void provisioningFails() {
    delegates.on("provisionAccess", execution -> {
      Object before = execution.getVariable("provisioningAttempts");
      execution.setVariable("provisioningAttempts", before == null ? 1 : (Integer) before + 1);
      throw new BpmnError("PROVISIONING_FAILED", "The provisioning system answered 503");
    });
  }

  @Test
  void provisioningRunsAfterTheStartIsCommittedAndGrantsAccess() {
    ProcessInstance instance = grant();
    assertThat(instance).isWaitingAt("Activity_Provision");

    execute(job(instance));

    assertThat(instance).hasPassed("Event_AccessGranted").isEnded().hasNotPassed("Activity_ProvisionManually");
    assertThat(delegates.calls("provisionAccess")).hasSize(1);
  }

  @Test
  void afterThreeFailedAttemptsFiveMinutesApartTheAccessTeamGrantsAccessByHand() {
    provisioningFails();
    ProcessInstance instance = grant();

    execute(job(instance));
    assertThat(instance).isWaitingAt("Event_WaitBeforeRetry");
    assertThat(timers.fireNext(instance)).isEqualTo("Event_WaitBeforeRetry");
    assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    execute(job(instance));
    timers.fireNext(instance);
    execute(job(instance));

    assertThat(instance).isWaitingAt("Activity_ProvisionManually");
    assertThat(delegates.calls("provisionAccess")).hasSize(3);
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "provisioningError"))
        .isEqualTo("The provisioning system answered 503");
    assertThat(task(instance)).hasCandidateGroup("access-team");

    complete(task(instance), withVariables("accessNotes", "Granted in the CRM admin"));

    assertThat(instance).hasPassed("Event_AccessGranted").isEnded();
    assertThat(delegates.steps("recordFulfilmentStep")).containsExactly("Activity_ProvisionManually");
    assertThat(instance).hasPassedInOrder("Activity_HoldOlaProvisionManually", "Activity_ProvisionManually");
    assertThat(delegates.calls("holdGroupOlaClock")).singleElement().satisfies(call ->
        assertThat(call.input()).containsEntry("group", "access-team"));
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_ProvisionManually");
  }
}
