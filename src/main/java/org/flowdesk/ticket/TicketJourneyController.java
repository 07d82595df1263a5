package org.flowdesk.ticket;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** "Where is my request", in words: the milestones of the ticket's journey, for whoever may see the ticket. */
@RestController
@Tag(name = "Tickets")
class TicketJourneyController {

  private final TicketAccess access;
  private final TicketJourney journeys;

  TicketJourneyController(TicketAccess access, TicketJourney journeys) {
    this.access = access;
    this.journeys = journeys;
  }

  @Operation(operationId = "ticketJourney", summary = "The ticket's journey in milestones",
      description = "The milestones its process declares (extension properties milestone.<code> on the process, "
          + "milestone = <code> on the steps that reach them; a fulfilment's own milestones refine the request's), "
          + "in order, each done, skipped, current or ahead with the time it was reached; for the current one the open "
          + "steps, whom they wait on by name and since when. Empty when the ticket has no process.")
  @ApiResponse(responseCode = "200", description = "The journey")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/tickets/{number}/journey")
  TicketJourney.Journey journey(
      @Parameter(description = "The ticket number", example = "REQ-000042") @PathVariable String number,
      Authentication caller) {
    return journeys.of(access.visible(number, CurrentUser.of(caller)));
  }
}
