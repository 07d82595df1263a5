package org.flowdesk.ticket;

import java.time.Clock;
import java.util.List;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * A person's comment on a ticket they see, one at a time or on many tickets at once (bulk): only
 * agents working the ticket write internal ones and record the minutes they worked with it.
 */
@Component
class TicketComments {

  private final TicketService tickets;
  private final TicketAccess access;
  private final Clock clock;

  TicketComments(TicketService tickets, TicketAccess access, Clock clock) {
    this.tickets = tickets;
    this.access = access;
    this.clock = clock;
  }

  TimelineEntry comment(String number, CurrentUser user, String text, boolean internal, Integer minutes) {
    Ticket ticket = access.visible(number, user);
    boolean agent = access.works(ticket, user);
    if (internal && !agent) {
      throw new FormValidationException(List.of(new FieldError("internal",
          "only agents working the ticket may write internal comments")));
    }
    if (minutes != null && !agent) {
      throw new FormValidationException(List.of(new FieldError("timeSpentMinutes",
          "only agents working the ticket record time worked")));
    }
    return tickets.comment(number, user.id(), text, internal, agent, minutes, clock.instant());
  }
}
