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

/** processes/fulfil-hardware.bpmn on its own: order, prepare, hand over. */
class FulfilHardwareProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("fulfil-hardware");

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
  void purchasingOrdersThenTheServiceDeskPreparesAndHandsOver() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("fulfil-hardware",
        "REQ-000002", Map.of("ticketNumber", "REQ-000002"));

    assertThat(instance).isWaitingAt("Activity_OrderFromSupplier");
    assertThat(task(instance)).hasCandidateGroup("purchasing");
    complete(task(instance), withVariables("supplierOrder", "PO-1"));
    assertThat(instance).isWaitingAt("Activity_PrepareDevice");
    assertThat(task(instance)).hasCandidateGroup("service-desk");
    complete(task(instance), withVariables("assetTag", "A-7"));
    assertThat(instance).isWaitingAt("Activity_HandOver");
    assertThat(task(instance)).hasCandidateGroup("service-desk");
    complete(task(instance), withVariables("handoverNotes", "Given to alice"));

    assertThat(instance).hasPassed("Event_HardwareHandedOver").isEnded();
    assertThat(delegates.steps("recordFulfilmentStep")).containsExactly("Activity_OrderFromSupplier",
        "Activity_PrepareDevice", "Activity_HandOver");
    // Each group's clock starts right before its task and stops when the task is done.
    assertThat(instance).hasPassedInOrder("Activity_HoldOlaOrderFromSupplier", "Activity_OrderFromSupplier",
        "Activity_HoldOlaPrepareDevice", "Activity_PrepareDevice", "Activity_HoldOlaHandOver", "Activity_HandOver");
    assertThat(delegates.calls("holdGroupOlaClock")).extracting(call -> call.input().get("group"))
        .containsExactly("purchasing", "service-desk", "service-desk");
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_OrderFromSupplier",
        "Activity_PrepareDevice", "Activity_HandOver");
  }
}
