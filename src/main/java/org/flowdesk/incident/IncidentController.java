package org.flowdesk.incident;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.OnBehalf;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Reporting an incident: the fields of the incident process's start form, checked as Tasklist would. */
@RestController
@Tag(name = "Incidents", description = "Reporting something that is broken or degraded; processes/incident.bpmn "
    + "prioritises, routes and times it, and agents work it through the tasks.")
class IncidentController {

  private final IncidentIntake intake;
  private final TicketService tickets;
  private final TicketAccess access;
  private final FormFiles formFiles;
  private final OnBehalf onBehalf;
  private final Clock clock;

  IncidentController(IncidentIntake intake, TicketService tickets, TicketAccess access, FormFiles formFiles,
      OnBehalf onBehalf, Clock clock) {
    this.onBehalf = onBehalf;
    this.intake = intake;
    this.tickets = tickets;
    this.access = access;
    this.formFiles = formFiles;
    this.clock = clock;
  }

  /**
   * Reports an incident. With an {@code Idempotency-Key}, a retry of the same request by the
   * same user answers with the ticket the first one made and creates nothing.
   */
  @Operation(operationId = "reportIncident", summary = "Report an incident",
      description = """
          Opens an incident ticket (INC-…) for the caller. The body holds the fields of the incident \
          process's start form (forms/incident-report.form, readable at GET /api/forms/incident-report), \
          checked as Tasklist checks them: required fields, types, limits, allowed values, no unknown \
          fields. Priority, assignment group and SLA targets come from the decision tables. With \
          multipart/form-data, the report is the part "report" (application/json) and each file a part \
          "files": they are checked first and attached in the ticket's transaction, so a refused file \
          creates no ticket.

          On behalf of someone: beside the form's fields, "requestedFor" names the person (user id) the \
          incident is for, as when an agent takes a phone call. That person becomes the requester (sees \
          it, is told, confirms the resolution); the ticket records the caller as "enteredBy", and the \
          caller watches it. Agents (members of the groups the models hand work to) and administrators \
          may report for anyone, managers for their direct reports; anyone else gets 403, an unknown \
          person is a 400 naming requestedFor. Nothing is created then.""")
  @ApiResponse(responseCode = "201", description = "The new ticket; for a retry with the same Idempotency-Key, "
      + "the ticket the first request made", headers = @Header(name = "Location", description = ApiDocs.LOCATION_DESCRIPTION, schema = @Schema(type = "string", format = "uri-reference")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
  @PostMapping("/api/incidents")
  ResponseEntity<TicketView> report(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The fields of the incident report form",
      content = @Content(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE),
          examples = {@ExampleObject(name = "vpn", value = """
              {"title": "VPN drops", "description": "Every few minutes since this morning", "service": "vpn",
               "category": "network", "impact": 2, "urgency": 2}"""), @ExampleObject(name = "forSomeone",
              summary = "An agent reports for a caller", value = """
              {"requestedFor": "alice", "title": "VPN drops", "description": "Alice called: every few minutes",
               "service": "vpn", "category": "network", "impact": 2, "urgency": 2}""")})) @RequestBody Map<String, Object> report,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    return opened(caller, report, idempotencyKey, null);
  }

  /**
   * Reports for the caller or, with {@code requestedFor}, for the person the caller may report for; the
   * access rule is checked before the form, so a caller who may not gets 403 whatever they sent.
   */
  private ResponseEntity<TicketView> opened(Authentication caller, Map<String, Object> report, String idempotencyKey,
      FormFiles.Checked files) {
    Map<String, Object> fields = new java.util.LinkedHashMap<>(report == null ? Map.of() : report);
    CurrentUser user = CurrentUser.of(caller);
    CurrentUser requester = onBehalf.requesterFor(user, OnBehalf.takeFrom(fields));
    java.util.concurrent.atomic.AtomicReference<TicketView> made = new java.util.concurrent.atomic.AtomicReference<>();
    String number = intake.report(requester.id(), user.id(), fields, files,
        idempotencyKey, opened -> {
      if (files != null) {
        files.attach(opened, user.id(), clock.instant());
      }
      // The answer is read in the ticket's own transaction: what it wrote, without three more.
      made.set(access.view(tickets.get(opened)));
    });
    TicketView ticket = made.get() != null ? made.get() : access.view(number);
    return ResponseEntity.created(URI.create("/api/tickets/" + ticket.number())).body(ticket);
  }

  /** The same report with files; the API document shows it with the JSON call (attachment.UploadDocs). */
  @Operation(hidden = true)
  @PostMapping(path = "/api/incidents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<TicketView> reportWithFiles(@Parameter(hidden = true) @RequestPart("report") Map<String, Object> report,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, MultipartFile> parts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    return opened(caller, report, idempotencyKey, formFiles.check(null, parts, "report"));
  }
}
