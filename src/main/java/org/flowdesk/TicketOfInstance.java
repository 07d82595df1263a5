package org.flowdesk;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * The ticket a step acts on: its process instance's business key, set when the ticket opened
 * (and handed to called fulfilment processes), never a variable, which a person starting a
 * process or completing a task could have sent.
 */
public final class TicketOfInstance {

  private TicketOfInstance() {
  }

  public static String of(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    if (number == null) {
      throw new IllegalStateException("Process instance " + execution.getProcessInstanceId() + " has no ticket");
    }
    return number;
  }

  public static String of(DelegateTask task) {
    return of(task.getExecution());
  }
}
