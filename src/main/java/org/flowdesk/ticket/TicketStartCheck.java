package org.flowdesk.ticket;

import java.util.List;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;

/**
 * A rule a ticket's start meets beyond its form, checked by "Open ticket" whichever door the start
 * came through (FlowDesk's API, Camunda's REST API, Tasklist), in the start's transaction: a refusal
 * starts nothing. The form can only say a field is a choice; what may be chosen can depend on data
 * (the configuration items of the chosen service), which only a check like this knows.
 */
public interface TicketStartCheck {

  /** The start form field by which an incident or a change names a configuration item. */
  String CONFIGURATION_ITEM = "configurationItem";

  /** What is wrong with the start's variables, per field; empty when nothing is. */
  List<FieldError> problems(DelegateExecution start);

  /**
   * The field errors of a start that "Open ticket" refused, for an intake that answers with them (a 400
   * naming the fields); the exception itself when it is no such refusal.
   */
  static RuntimeException refusal(BadUserRequestException e) {
    return e.getCause() instanceof FormValidationException refused ? refused : e;
  }
}
