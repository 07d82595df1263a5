package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/fulfil-facilities.bpmn on its own, started as service-request calls it. */
class FulfilFacilitiesProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("fulfil-facilities");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    delegates = new ProcessFlow.Delegates();
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  @Test
  void facilitiesDoTheJobAndTheStepIsRecorded() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("fulfil-facilities",
        "REQ-000001", Map.of("ticketNumber", "REQ-000001"));

    assertThat(instance).isWaitingAt("Activity_DoJob");
    assertThat(task(instance)).hasCandidateGroup("facilities");
    // The form comes from the same deployment: the real forms are deployed with the process.
    assertThat(engine.getFormService().getDeployedTaskForm(task(instance).getId())).isNotNull();
    complete(task(instance), withVariables("workNotes", "Fixed the leg"));

    assertThat(instance).hasPassed("Event_JobDone").isEnded();
    assertThat(delegates.steps("recordFulfilmentStep")).containsExactly("Activity_DoJob");
    assertThat(instance).hasPassedInOrder("Activity_HoldOlaDoJob", "Activity_DoJob");
    assertThat(delegates.calls("holdGroupOlaClock")).singleElement().satisfies(call ->
        assertThat(call.input()).containsEntry("group", "facilities").containsEntry("ticketType", "request"));
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_DoJob");
  }

  @Test
  void theJobsOlaTimersWarnThenRecordTheBreachWhileTheTaskWaits() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("fulfil-facilities",
        "REQ-000003", Map.of("ticketNumber", "REQ-000003"));
    InstanceTimers timers = new InstanceTimers(engine);

    assertThat(timers.of(instance)).hasSize(2);
    timers.fireNext(instance);
    assertThat(delegates.steps("olaTaskWarning")).containsExactly("Activity_DoJob");
    assertThat(delegates.steps("olaTaskBreach")).isEmpty();
    timers.fireNext(instance);
    assertThat(delegates.steps("olaTaskBreach")).containsExactly("Activity_DoJob");
    assertThat(instance).isWaitingAt("Activity_DoJob");
    assertThat(delegates.steps("releaseOlaTask")).as("the group still holds it").isEmpty();

    complete(task(instance), withVariables("workNotes", "Done at last"));
    assertThat(instance).isEnded();
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_DoJob");
  }
}
