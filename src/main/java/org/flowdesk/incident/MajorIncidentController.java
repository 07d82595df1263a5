package org.flowdesk.incident;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
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

/** Major incidents: declaring one, attaching its children, posting status updates ({@link MajorIncidents}). */
@RestController
@Tag(name = "Incidents")
class MajorIncidentController {

  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final MajorIncidents majors;
  private final TicketAccess access;

  MajorIncidentController(MajorIncidents majors, TicketAccess access) {
    this.majors = majors;
    this.access = access;
  }

  @Schema(example = """
      {"incident": "INC-000043"}""")
  record Child(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
      message = "must be a ticket number such as INC-000042")
      @Schema(description = "The incident to attach; it waits for the major incident") String incident) {
  }

  @Schema(example = """
      {"text": "The mail server is back for floors 1 to 3; floor 4 follows within the hour."}""")
  record Update(@NotBlank @Size(max = 1500) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters")
      @Schema(description = "The update, public: on the major incident and each attached incident, and sent to "
          + "their requesters and watchers") String text) {
  }

  @Schema(name = "MajorIncidentUpdate", description = "The update as posted, and the attached incidents it reached")
  record Posted(String text, @Schema(description = "The attached incidents whose requesters and watchers were told")
      List<String> reached) {
  }

  @Operation(operationId = "declareMajorIncident", summary = "Declare an incident a major incident",
      description = "By an agent working it, while it is being worked; processes/incident.bpmn declares a P1 major "
          + "by itself (the condition of its gateway \"Priority 1?\"). 409 when it is one already, is attached to "
          + "one or is not being worked.")
  @ApiResponse(responseCode = "200", description = "The major incident")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/major")
  TicketView declare(@Parameter(description = "The incident's number", example = "INC-000041") @PathVariable String number,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    majors.declare(number, user);
    return access.view(number, user);
  }

  @Operation(operationId = "attachToMajorIncident", summary = "Attach an incident to a major incident",
      description = "By an agent working the open major incident, an incident they may see that is being worked: "
          + "its work ends, it waits for the major incident (status with_major_incident, as the model names it), "
          + "hears its updates and is resolved with it. 400 for itself or a ticket that is no incident; 409 when "
          + "the parent is no open major incident, or the incident is a major incident, attached already or not "
          + "being worked.")
  @ApiResponse(responseCode = "200", description = "The major incident with its children")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/children")
  TicketView attach(@Parameter(description = "The major incident's number", example = "INC-000041")
      @PathVariable String number, @Valid @RequestBody Child child, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    majors.attach(number, child.incident(), user);
    return access.view(number, user);
  }

  @Operation(operationId = "postMajorIncidentUpdate", summary = "Post a status update on a major incident",
      description = "By an agent working the open major incident: a public timeline entry on it and on each "
          + "attached incident still waiting for it, whose model tells its requester and watchers (notification "
          + "kind major_update, mailed when mail is on). Requesters read only the entries of their own incidents.")
  @ApiResponse(responseCode = "201", description = "The update and the incidents it reached")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/tickets/{number}/updates")
  @ResponseStatus(HttpStatus.CREATED)
  Posted update(@Parameter(description = "The major incident's number", example = "INC-000041")
      @PathVariable String number, @Valid @RequestBody Update update, Authentication caller) {
    String text = update.text().strip();
    return new Posted(text, majors.update(number, text, CurrentUser.of(caller)));
  }
}
