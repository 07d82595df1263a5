package org.flowdesk.ticket;

import java.math.BigDecimal;

/**
 * What a requester reported or ordered, and what the models decided before the ticket is opened
 * (an incident's priority and assignment group; null where a model decides later or not at all).
 * {@code enteredBy} is who entered it for the requester (an agent, a manager); null when the
 * requester entered it. {@code configurationItem} is the CI the start named, checked by the
 * {@link TicketStartCheck}s before the ticket is opened; null for none.
 */
public record NewTicket(TicketType type, String title, String description, String requester, String service,
    String category, Integer impact, Integer urgency, String processInstanceId, String item, BigDecimal price,
    Integer priority, String assignmentGroup, String enteredBy, String configurationItem) {

  /** Whether someone other than the requester entered it. */
  public boolean enteredForSomeoneElse() {
    return enteredBy != null && !enteredBy.equals(requester);
  }
}
