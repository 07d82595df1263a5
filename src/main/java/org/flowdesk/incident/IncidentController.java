package org.flowdesk.incident;

import java.net.URI;
import java.util.Map;

import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reporting an incident: the fields of the incident process's start form, checked as Tasklist would. */
@RestController
class IncidentController {

  private final IncidentIntake intake;
  private final TicketService tickets;
  private final TicketAccess access;

  IncidentController(IncidentIntake intake, TicketService tickets, TicketAccess access) {
    this.intake = intake;
    this.tickets = tickets;
    this.access = access;
  }

  /**
   * Reports an incident. With an {@code Idempotency-Key}, a retry of the same request by the
   * same user answers with the ticket the first one made and creates nothing.
   */
  @PostMapping("/api/incidents")
  ResponseEntity<TicketView> report(@RequestBody Map<String, Object> report,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    String number = intake.report(caller.getName(), report, idempotencyKey);
    TicketView ticket = access.view(tickets.get(number));
    return ResponseEntity.created(URI.create("/api/tickets/" + ticket.number())).body(ticket);
  }
}
