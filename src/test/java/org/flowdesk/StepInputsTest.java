package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.Test;

/**
 * A step's own input is read only where its model declares it: on an older model without the input, a process
 * variable of the same name (a form's answer) is not taken in its place.
 */
class StepInputsTest {

  static ServiceTask step(boolean declaresGroup) {
    var builder = Bpmn.createExecutableProcess("p").startEvent().serviceTask("Activity_Start")
        .camundaDelegateExpression("${startFulfilment}");
    if (declaresGroup) {
      builder = builder.camundaInputParameter("group", "${requestFacts.fulfilmentGroup(ticketNumber)}");
    }
    BpmnModelInstance model = builder.endEvent().done();
    return model.getModelElementById("Activity_Start");
  }

  @Test
  void aDeclaredInputIsReadAndAnUndeclaredOneIsNot() {
    DelegateExecution declared = mock(DelegateExecution.class);
    when(declared.getBpmnModelElementInstance()).thenReturn(step(true));
    when(declared.getVariableLocal("group")).thenReturn("facilities");
    assertThat(StepInputs.declaredInput(declared, "group")).isEqualTo("facilities");

    // An older version: the requester's answer "group" is a variable the step would see; it is not taken.
    DelegateExecution older = mock(DelegateExecution.class);
    when(older.getBpmnModelElementInstance()).thenReturn(step(false));
    when(older.getVariableLocal("group")).thenReturn("legal");
    assertThat(StepInputs.declaredInput(older, "group")).isNull();

    DelegateExecution blank = mock(DelegateExecution.class);
    when(blank.getBpmnModelElementInstance()).thenReturn(step(true));
    when(blank.getVariableLocal("group")).thenReturn(" ");
    assertThat(StepInputs.declaredInput(blank, "group")).isNull();
  }
}
