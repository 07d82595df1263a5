package org.flowdesk.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TicketView;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Reopening a closed incident: its requester or an agent of its group, with a reason, within the window
 * processes/incident.bpmn declares ({@link IncidentReopening}).
 */
@RestController
@Tag(name = "Incidents", description = "Reporting something that is broken or degraded; processes/incident.bpmn "
    + "prioritises, routes and times it, and agents work it through the tasks.")
class IncidentReopenController {

  private final People people;
  private final TicketAccess access;
  private final IncidentReopening reopening;
  private final Clock clock;

  IncidentReopenController(TicketAccess access, IncidentReopening reopening, Clock clock, People people) {
    this.people = people;
    this.access = access;
    this.reopening = reopening;
    this.clock = clock;
  }

  @Schema(example = """
      {"reason": "The VPN drops again since this morning"}""")
  record Reopen(@NotBlank @Size(max = 2000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
      message = "must not contain control characters")
      @Schema(description = "Why the incident is not solved after all; on the timeline for everyone")
      String reason) {
  }

  @Schema(name = "Reopening", description = "Whether the caller may reopen the closed incident now, and until when")
  record ReopeningView(@Schema(description = "The caller may reopen the incident now") boolean possible,
      @Schema(description = "Until when a closed incident may be reopened (closed at + the window the incident "
          + "process declares); null when it is not closed, was merged into another incident or the process allows "
          + "no reopening") Instant until) {
  }

  @Operation(operationId = "incidentReopening", summary = "Whether a closed incident can be reopened",
      description = "Whether the caller (the requester or an agent of the incident's group) may reopen the closed "
          + "incident now, and until when it can be reopened: processes/incident.bpmn declares how long after "
          + "closing (the extension property reopenWithin of its reopen start event).")
  @ApiResponse(responseCode = "200", description = "Whether and until when it can be reopened")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/tickets/{number}/reopening")
  ReopeningView reopening(@Parameter(description = "The incident's number", example = "INC-000042")
      @PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = incident(number, user);
    Optional<Instant> until = reopening.until(ticket);
    boolean allowed = ticket.requester().equals(user.id()) || access.works(ticket, user);
    return new ReopeningView(allowed && until.map(u -> !clock.instant().isAfter(u)).orElse(false), until.orElse(null));
  }

  @Operation(operationId = "reopenIncident", summary = "Reopen a closed incident",
      description = "The requester or an agent of the incident's group reopens the closed incident with a reason, "
          + "within the window processes/incident.bpmn declares after closing (GET …/reopening says until when). "
          + "The incident goes back to its group's queue (status in_progress, unassigned), its reopen count goes "
          + "up, the timeline says who reopened it and why, and its resolution clock runs again with the time it "
          + "had left; its earlier resolution stays on the timeline only. 409 when it is not closed, was merged into "
          + "another incident (which is where it is worked), or the window has passed.")
  @ApiResponse(responseCode = "200", description = "The reopened incident")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/reopen")
  TicketView reopen(@Parameter(description = "The incident's number", example = "INC-000042") @PathVariable String number,
      @Valid @RequestBody Reopen reopen, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = incident(number, user);
    if (!ticket.requester().equals(user.id()) && !access.works(ticket, user)) {
      throw new ForbiddenException("Only the requester and the agents of "
          + people.groupName(ticket.assignmentGroup()) + " may reopen " + number);
    }
    reopening.reopen(ticket, reopen.reason().strip(), user.id(), clock.instant());
    return access.view(number);
  }

  private Ticket incident(String number, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    if (!TicketType.INCIDENT.id().equals(ticket.type())) {
      throw new NotFoundException("incident", number);
    }
    return ticket;
  }
}
