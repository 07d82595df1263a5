package org.flowdesk.problem;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flowdesk.TextQuery;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.Vocabulary;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TicketView;
import org.flowdesk.ticket.TimelineEntry;
import org.flowdesk.ticket.TimelineTexts;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Problem records, for agents: logging one (with the incidents it explains), the list, one
 * problem with its findings and links, linking another incident and raising the fixing change.
 * processes/problem.bpmn decides the rest; its tasks are completed through {@code /api/tasks}.
 */
@RestController
@RequestMapping("/api/problems")
@Tag(name = "Problems", description = "Problem records for agents: the cause behind incidents, investigated, a known "
    + "error with its workaround, fixed by a change; processes/problem.bpmn decides.")
class ProblemController {

  private static final String NUMBER = "[A-Z]{3}-[0-9]{1,12}";
  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final Problems problems;
  private final TicketService tickets;
  private final TicketAccess ticketAccess;
  private final DeployedVocabulary vocabulary;
  private final TimelineTexts timelineTexts;
  private final Languages languages;
  private final ProblemRepository problemRecords;
  private final FormFiles formFiles;

  ProblemController(Problems problems, ProblemRepository problemRecords, TicketService tickets,
      TicketAccess ticketAccess, DeployedVocabulary vocabulary, TimelineTexts timelineTexts, Languages languages,
      FormFiles formFiles) {
    this.problems = problems;
    this.formFiles = formFiles;
    this.problemRecords = problemRecords;
    this.tickets = tickets;
    this.ticketAccess = ticketAccess;
    this.vocabulary = vocabulary;
    this.timelineTexts = timelineTexts;
    this.languages = languages;
  }

  @Schema(example = """
      {"title": "VPN drops every 20 minutes", "description": "Since the gateway update", "service": "network",
       "assignmentGroup": "network", "incidents": ["INC-000041", "INC-000042"]}""")
  record NewProblem(@NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String title,
      @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String description,
      @Size(max = 64) @Schema(description = "The service of the catalog it affects, if known", example = "network")
      String service,
      @NotBlank @Size(max = 64) @Schema(description = "The group that investigates it", example = "network")
      String assignmentGroup,
      @Size(max = Problems.MOST_INCIDENTS) @Schema(description = "The incidents it explains")
      List<@NotBlank @Size(max = 20) @Pattern(regexp = NUMBER, message = "must be a ticket number such as INC-000042")
          String> incidents) {
  }

  @Schema(example = """
      {"incident": "INC-000043"}""")
  record IncidentLink(@NotBlank @Size(max = 20) @Pattern(regexp = NUMBER,
      message = "must be a ticket number such as INC-000042") String incident) {
  }

  /** A problem with what the investigation found and its incidents and changes. */
  record ProblemView(TicketView ticket,
      @Schema(description = "What causes the incidents, once investigated") String rootCause,
      @Schema(description = "The service the investigation found affected") String affectedService,
      @Schema(description = "How to get going until the fix is in; a problem with one is a known error")
      String workaround,
      @Schema(description = "When it became a known error") Instant knownErrorAt,
      @Schema(description = "The incidents it causes") List<TicketLink> incidents,
      @Schema(description = "The changes raised to fix it") List<TicketLink> changes) {
  }

  /** A problem in a list: its ticket, how many incidents it causes and since when it is a known error. */
  record ProblemSummary(@JsonUnwrapped TicketView ticket,
      @Schema(description = "How many incidents are linked to it as caused by it") long incidents,
      @Schema(description = "When it became a known error; none while it is not one") Instant knownErrorAt) {
  }

  record Page(@Schema(description = "The problems of this page, at most size") List<ProblemSummary> items, int page,
      int size, long total) {
  }

  @Operation(operationId = "logProblem", summary = "Log a problem",
      description = "Opens a problem (PRB-…), for agents, linked to the incidents it explains (incidents the agent "
          + "may see). The assigned group investigates it (a task of processes/problem.bpmn).")
  @ApiResponse(responseCode = "201", description = "The new problem; for a retry with the same Idempotency-Key, "
      + "the one the first request made", headers = @Header(name = "Location", description = ApiDocs.LOCATION_DESCRIPTION,
      schema = @Schema(type = "string", format = "uri-reference")))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @PostMapping
  ResponseEntity<ProblemView> log(@Valid @RequestBody NewProblem request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    String number = problems.log(user, new Problems.NewProblem(request.title(), request.description(),
        request.service(), request.assignmentGroup(), request.incidents()), idempotencyKey);
    return ResponseEntity.created(URI.create("/api/problems/" + number)).body(view(number, user));
  }

  @Operation(operationId = "listProblems", summary = "Problems",
      description = "Problems for agents, soonest due first, optionally of one status, group or service, only open "
          + "ones, or those whose number or words match, each with how many incidents it causes.")
  @ApiResponse(responseCode = "200", description = "A page of problems")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping
  Page list(Authentication caller,
      @Parameter(description = "Only problems in this status (one the problem model declares)", example = "known_error")
      @RequestParam(required = false) @Size(max = 64) String status,
      @Parameter(description = "Only problems of this group", example = "network")
      @RequestParam(required = false) @Size(max = 64) String group,
      @Parameter(description = "Only problems of this service", example = "network")
      @RequestParam(required = false) @Size(max = 64) String service,
      @Parameter(description = "Only open problems") @RequestParam(defaultValue = "false") boolean open,
      @Parameter(description = "Only problems whose number is this or whose title, description, resolution or "
          + "comments have these words: \"a phrase\", -excluded words", example = "gateway -printer")
      @RequestParam(required = false) @Size(max = TextQuery.MAX_LENGTH) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @Parameter(description = "Problems per page") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    problems.checkAgent(CurrentUser.of(caller));
    Vocabulary words = vocabulary.current();
    words.checkStatusFilter(status, List.of());
    List<String> openStatuses = open ? words.openStatuses() : null;
    TextQuery text = q == null || q.isBlank() ? null : TextQuery.parse(q);
    List<Ticket> found = tickets.ofType(TicketType.PROBLEM, status, group, service, openStatuses, text, page, size);
    Map<String, ProblemRepository.Summary> summaries = problemRecords.summaries(found.stream().map(Ticket::number).toList());
    List<ProblemSummary> items = found.stream().map(ticket -> {
      ProblemRepository.Summary summary = summaries.getOrDefault(ticket.number(),
          new ProblemRepository.Summary(0, null));
      return new ProblemSummary(ticketAccess.view(ticket), summary.incidents(), summary.knownErrorAt());
    }).toList();
    return new Page(items, page, size,
        tickets.countOfType(TicketType.PROBLEM, status, group, service, openStatuses, text));
  }

  @Operation(operationId = "getProblem", summary = "A problem",
      description = "The problem's ticket, root cause, workaround (a known error's), its incidents and fixing changes.")
  @ApiResponse(responseCode = "200", description = "The problem")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}")
  ProblemView get(@PathVariable String number, Authentication caller) {
    return view(number, CurrentUser.of(caller));
  }

  @Operation(operationId = "problemTimeline", summary = "A problem's timeline",
      description = "For agents: every status change, finding, link and comment of the problem with time and actor, "
          + "oldest first; internal entries only for those who work it (its group, its assignee). FlowDesk's own "
          + "words are in the caller's language, as for a ticket's timeline.")
  @ApiResponse(responseCode = "200", description = "The timeline")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}/timeline")
  List<TimelineEntry> timeline(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket problem = problems.problem(number, user);
    return timelineTexts.in(languages.ofCaller(user.id()),
        tickets.timeline(number, ticketAccess.works(problem, user)));
  }

  @Operation(operationId = "linkProblemIncident", summary = "Link an incident to a problem",
      description = "In one step, by an agent who may see the incident; the incident is then resolved with the "
          + "problem's fix. Linking it again changes nothing.")
  @ApiResponse(responseCode = "200", description = "The problem with its incidents")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{number}/incidents")
  ProblemView linkIncident(@PathVariable String number, @Valid @RequestBody IncidentLink link,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    problems.linkIncident(number, link.incident(), user);
    return view(number, user);
  }

  @Operation(operationId = "raiseProblemFix", summary = "Raise the change that fixes a problem",
      description = """
          Once the problem's root cause is known: the body is a change request as for POST /api/changes \
          (forms/change-request.form and the change rules). The change is linked to the problem, which \
          waits for its outcome: a successful change resolves the problem and its incidents, a failed one \
          sends it back to investigation.""")
  @ApiResponse(responseCode = "201", description = "The new change", headers = @Header(name = "Location",
      description = ApiDocs.LOCATION_DESCRIPTION, schema = @Schema(type = "string", format = "uri-reference")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{number}/changes")
  ResponseEntity<TicketView> raiseFix(@PathVariable String number,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The fields of the change request form",
          content = @Content(schema = @Schema(type = "object",
              additionalProperties = Schema.AdditionalPropertiesValue.TRUE))) @RequestBody Map<String, Object> change,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    String changeNumber = problems.raiseFix(number, CurrentUser.of(caller), change, null, idempotencyKey);
    return ResponseEntity.created(URI.create("/api/tickets/" + changeNumber))
        .body(ticketAccess.view(changeNumber));
  }

  /** The same change with files, as {@code POST /api/changes} takes them; the API document shows the JSON call. */
  @Operation(hidden = true)
  @PostMapping(path = "/{number}/changes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<TicketView> raiseFixWithFiles(@PathVariable String number,
      @Parameter(hidden = true) @RequestPart("change") Map<String, Object> change,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, MultipartFile> parts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    problems.problem(number, user);
    String changeNumber = problems.raiseFix(number, user, change, formFiles.check(null, parts, "change"),
        idempotencyKey);
    return ResponseEntity.created(URI.create("/api/tickets/" + changeNumber))
        .body(ticketAccess.view(changeNumber));
  }

  private ProblemView view(String number, CurrentUser user) {
    Ticket ticket = problems.problem(number, user);
    ProblemRecord findings = problems.findings(number).orElse(ProblemRecord.none(number));
    List<TicketLink> links = tickets.links(number);
    return new ProblemView(ticketAccess.view(ticket), findings.rootCause(), findings.affectedService(),
        findings.workaround(), findings.knownErrorAt(),
        links.stream().filter(link -> Problems.CAUSED.equals(link.relation())
            && TicketType.INCIDENT.id().equals(link.type())).toList(),
        links.stream().filter(link -> Problems.FIXED_BY.equals(link.relation())
            && TicketType.CHANGE.id().equals(link.type())).toList());
  }
}
