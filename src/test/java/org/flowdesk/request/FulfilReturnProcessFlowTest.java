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
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/fulfil-return.bpmn on its own: the service desk receives the device, which is retired or stocked. */
class FulfilReturnProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("fulfil-return");

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

  ProcessInstance received(String number, String disposition) {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("fulfil-return", number,
        Map.of("ticketNumber", number));
    assertThat(instance).isWaitingAt("Activity_ReceiveDevice");
    assertThat(task(instance)).hasCandidateGroup("service-desk");
    complete(task(instance), withVariables("disposition", disposition));
    return instance;
  }

  @Test
  void theServiceDeskReceivesTheDeviceAndRetiresIt() {
    ProcessInstance instance = received("REQ-000011", "retire");

    assertThat(instance).hasPassedInOrder("Activity_HoldOlaReceiveDevice", "Activity_ReceiveDevice",
        "Activity_RetireDevice", "Event_DeviceRetired").isEnded();
    assertThat(instance).hasNotPassed("Activity_StockDevice");
    // The lifecycle the device goes to is the model's word.
    assertThat(delegates.calls("takeBackDevice")).singleElement()
        .satisfies(call -> assertThat(call.input()).containsEntry("lifecycle", "retired"));
    assertThat(delegates.calls("holdGroupOlaClock")).extracting(call -> call.input().get("group"))
        .containsExactly("service-desk");
    assertThat(delegates.steps("recordFulfilmentStep")).containsExactly("Activity_ReceiveDevice");
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_ReceiveDevice");
  }

  @Test
  void aDeviceTheAgentPutsBackInStockIsPlannedToBeHandedOutAgain() {
    ProcessInstance instance = received("REQ-000012", "stock");

    assertThat(instance).hasPassed("Activity_StockDevice", "Event_DeviceInStock").isEnded();
    assertThat(instance).hasNotPassed("Activity_RetireDevice");
    assertThat(delegates.calls("takeBackDevice")).singleElement()
        .satisfies(call -> assertThat(call.input()).containsEntry("lifecycle", "planned"));
  }
}
