package org.flowdesk;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed reads of what a step decides on: its input parameters and the process variables the
 * models set. Never the ticket, nor who acts: those come from {@link TicketOfInstance} and the
 * ticket record.
 */
public final class StepInputs {

  private StepInputs() {
  }

  public static String text(VariableScope scope, String name) {
    return text(scope, name, null);
  }

  public static String text(VariableScope scope, String name, String fallback) {
    Object value = scope.getVariable(name);
    return value == null ? fallback : value.toString();
  }

  /**
   * The step's own input parameter, only when its model declares it: without the declaration (an older version of
   * the model) a process variable of the same name, which a form's answer may have set, is not read in its place.
   */
  public static String declaredInput(org.camunda.bpm.engine.delegate.DelegateExecution execution, String name) {
    var element = execution.getBpmnModelElementInstance();
    var extensions = element == null ? null : element.getExtensionElements();
    boolean declared = extensions != null && extensions.getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list().stream()
        .flatMap(io -> io.getCamundaInputParameters().stream()).anyMatch(input -> name.equals(input.getCamundaName()));
    Object value = declared ? execution.getVariableLocal(name) : null;
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  public static Integer number(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : ((Number) value).intValue();
  }

  public static BigDecimal decimal(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : new BigDecimal(value.toString());
  }
}
