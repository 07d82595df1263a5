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

  public static Integer number(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : ((Number) value).intValue();
  }

  public static BigDecimal decimal(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : new BigDecimal(value.toString());
  }
}
