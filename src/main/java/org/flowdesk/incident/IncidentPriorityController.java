package org.flowdesk.incident;

import java.util.Map;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketView;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Re-prioritising an open incident with a reason ({@link IncidentReprioritising}). */
@RestController
@Tag(name = "Incidents")
class IncidentPriorityController {

  private final IncidentReprioritising reprioritising;
  private final TicketAccess access;

  IncidentPriorityController(IncidentReprioritising reprioritising, TicketAccess access) {
    this.reprioritising = reprioritising;
    this.access = access;
  }

  @Operation(operationId = "reprioritiseIncident", summary = "Change an open incident's impact and urgency",
      description = """
          By an agent working the incident, while it is open. The body holds the fields of \
          forms/incident-reprioritise.form (GET /api/forms/incident-reprioritise): impact, urgency and a reason, \
          checked as Tasklist checks a form (required, types, limits, no unknown fields). \
          processes/incident.bpmn decides the priority again (decisions/incident-priority.dmn) and the SLA targets \
          (decisions/sla-targets.dmn); each SLA clock that still runs or is paused counts towards its new target \
          with the time it has used (in its old calendar, without the time it was paused), so its warning and \
          breach move; a target used up already breaches now. A warning or breach that happened stays. The \
          timeline says "Priority changed from P3 to P1: reason". 400 for input the form refuses, 403 for who \
          sees the incident but does not work it, 404 for who cannot see it, 409 when it is resolved or closed, \
          or impact and urgency are what they were. A refusal changes nothing.""")
  @ApiResponse(responseCode = "200", description = "The incident with its new priority and SLA due dates")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/priority")
  TicketView reprioritise(@Parameter(description = "The incident's number", example = "INC-000042")
      @PathVariable String number,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The fields of the re-prioritise form",
          content = @Content(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE),
              examples = @ExampleObject(name = "wider", value = """
                  {"impact": 1, "urgency": 1, "reason": "The whole floor is offline now, not just one team"}""")))
      @RequestBody Map<String, Object> change, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    reprioritising.reprioritise(number, change, user);
    return access.view(number);
  }
}
