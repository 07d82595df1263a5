package org.flowdesk.effort;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The time worked on a ticket, for its agents: effort is internal, as internal comments are. */
@RestController
@Tag(name = "Tickets")
class TimeWorkedController {

  private final TimeWorked timeWorked;
  private final TicketAccess access;

  TimeWorkedController(TimeWorked timeWorked, TicketAccess access) {
    this.timeWorked = timeWorked;
    this.access = access;
  }

  @Operation(operationId = "ticketTimeWorked", summary = "Time worked on a ticket",
      description = "The minutes the agents recorded with steps and comments, in total, per agent and one by one; "
          + "for the agents working the ticket (its requester and watchers do not see internal effort).")
  @ApiResponse(responseCode = "200", description = "The time worked")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/tickets/{number}/time-worked")
  TimeWorked.Totals timeWorked(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!access.works(ticket, user)) {
      throw new ForbiddenException("The time worked on " + number + " is for the agents working it");
    }
    return timeWorked.ofTicket(number);
  }
}
