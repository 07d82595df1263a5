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

/** processes/fulfil-hardware.bpmn on its own: order, prepare (and record the device in the CMDB), hand over. */
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

    assertThat(instance).hasPassed("Activity_RegisterDevice", "Activity_DeviceInUse", "Event_HardwareHandedOver")
        .isEnded();
    assertThat(delegates.steps("recordFulfilmentStep")).containsExactly("Activity_OrderFromSupplier",
        "Activity_PrepareDevice", "Activity_HandOver");
    assertThat(delegates.steps("registerDevice")).containsExactly("Activity_RegisterDevice");
    assertThat(delegates.steps("handOverDevice")).containsExactly("Activity_DeviceInUse");
    // Each group's clock starts right before its task and stops when the task is done.
    assertThat(instance).hasPassedInOrder("Activity_HoldOlaOrderFromSupplier", "Activity_OrderFromSupplier",
        "Activity_HoldOlaPrepareDevice", "Activity_PrepareDevice", "Activity_RegisterDevice", "Activity_HoldOlaHandOver",
        "Activity_HandOver", "Activity_DeviceInUse");
    assertThat(delegates.calls("holdGroupOlaClock")).extracting(call -> call.input().get("group"))
        .containsExactly("purchasing", "service-desk", "service-desk");
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_OrderFromSupplier",
        "Activity_PrepareDevice", "Activity_HandOver");
  }

  @Test
  void thePreparedDeviceIsRecordedInTheCmdbAsTheModelSaysAndGoesLiveWhenHandedOver() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("fulfil-hardware",
        "REQ-000003", Map.of("ticketNumber", "REQ-000003"));
    complete(task(instance), withVariables("supplierOrder", "PO-2"));
    complete(task(instance), withVariables("assetTag", "LT-0007"));

    // The step runs right after the preparation, in its transaction: the asset tag is there, the task done.
    assertThat(instance).hasPassed("Activity_RegisterDevice").isWaitingAt("Activity_HandOver");
    ProcessFlow.Call registered = delegates.calls("registerDevice").get(0);
    // Which items are which CI classes, and who owns the devices, are the model's words.
    assertThat(registered.input()).containsEntry("assetClasses", Map.of("new-laptop", "laptop", "monitor", "monitor"))
        .containsEntry("assetOwnerGroup", "service-desk");
    complete(task(instance), withVariables("handoverNotes", "At the desk"));
    assertThat(instance).hasPassed("Activity_DeviceInUse").isEnded();
    assertThat(delegates.steps("handOverDevice")).containsExactly("Activity_DeviceInUse");
  }
}
