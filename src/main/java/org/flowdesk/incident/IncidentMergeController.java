package org.flowdesk.incident;

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
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Merging a duplicate incident into another ({@link IncidentMerging}). */
@RestController
@Tag(name = "Incidents")
class IncidentMergeController {

  private final IncidentMerging merging;
  private final TicketAccess access;

  IncidentMergeController(IncidentMerging merging, TicketAccess access) {
    this.merging = merging;
    this.access = access;
  }

  @Schema(example = """
      {"into": "INC-000041", "reason": "Same VPN outage, reported earlier by Greta"}""")
  record Merge(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
      message = "must be a ticket number such as INC-000042")
      @Schema(description = "The incident that survives and is worked on") String into,
      @Size(max = 2000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
          message = "must not contain control characters")
      @Schema(description = "Why they are the same; on both timelines") String reason) {
  }

  @Operation(operationId = "mergeIncident", summary = "Merge a duplicate incident into another",
      description = "By an agent working both incidents, while this one is being worked: processes/incident.bpmn "
          + "closes it as a duplicate (resolution code from the model), links it duplicate_of the survivor (which "
          + "gets duplicated_by), makes its requester a watcher of the survivor and writes both timelines; its "
          + "public comments stay readable on it. 400 for merging into itself or into a ticket that is no "
          + "incident, 403 for a requester or an agent who does not work both, 404 for an incident the caller "
          + "cannot see, 409 when this one was merged already or is not being worked, or the survivor is resolved, "
          + "closed or merged away itself. A refusal changes nothing.")
  @ApiResponse(responseCode = "200", description = "The merged incident, closed")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/merge")
  TicketView merge(@Parameter(description = "The duplicate incident's number", example = "INC-000042")
      @PathVariable String number, @Valid @RequestBody Merge merge, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    merging.merge(number, merge.into(), merge.reason() == null ? null : merge.reason().strip(), user);
    return access.view(number);
  }
}
