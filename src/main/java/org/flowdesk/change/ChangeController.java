package org.flowdesk.change;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineTexts;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Raising changes, the change calendar and cancellation. A change request is checked against
 * the change process's start form and the change rules, then processes/change.bpmn takes over.
 */
@RestController
@RequestMapping("/api/changes")
@Tag(name = "Changes", description = "Raising changes, their assessment and approval (through the tasks), the "
    + "change calendar and cancellation; processes/change.bpmn and the change decision tables decide.")
class ChangeController {

  static final String PROCESS_KEY = "change";
  static final String CANCEL_MESSAGE = "ChangeCancelled";
  private static final Duration LONGEST_CALENDAR = Duration.ofDays(366);

  private final ChangeIntake intake;
  private final ChangeWords words;
  private final Languages languages;
  private final FormFiles formFiles;
  private final RuntimeService runtimeService;
  private final SlaCalendar desk;
  private final ChangePlans plans;
  private final ChangeCalendar calendar;
  private final TicketService tickets;
  private final TicketAccess ticketAccess;
  private final AccessProperties access;
  private final Clock clock;
  private final DeployedVocabulary vocabulary;
  private final TimelineTexts texts;

  ChangeController(ChangeIntake intake, RuntimeService runtimeService, SlaCalendar desk, ChangePlans plans,
      ChangeCalendar calendar, TicketService tickets, TicketAccess ticketAccess, AccessProperties access,
      DeployedVocabulary vocabulary, Clock clock, FormFiles formFiles, ChangeWords words, Languages languages,
      TimelineTexts texts) {
    this.intake = intake;
    this.texts = texts;
    this.words = words;
    this.languages = languages;
    this.formFiles = formFiles;
    this.runtimeService = runtimeService;
    this.desk = desk;
    this.plans = plans;
    this.calendar = calendar;
    this.tickets = tickets;
    this.ticketAccess = ticketAccess;
    this.access = access;
    this.vocabulary = vocabulary;
    this.clock = clock;
  }

  /** A change with its plan, the conflicts its window has now, and its linked tickets. */
  record ChangeView(TicketView ticket, String changeType, String template, Instant plannedStart, Instant plannedEnd,
      String implementationGroup, String complexity, Boolean tested, String implementationPlan, String backoutPlan,
      String testEvidence, String risk, String outcome, String outcomeNotes, List<ChangeCalendar.Conflict> conflicts,
      List<TicketLink> links,
      @Schema(description = "The plan's choices as people read them, in the caller's language: changeType, complexity, "
          + "risk and outcome by the labels of the change process's forms, template by the catalog's name for it. "
          + "Only those that have one.", example = "{\"changeType\": \"Normal\", \"risk\": \"Medium\"}")
      Map<String, String> shown) {
  }

  @Operation(operationId = "raiseChange", summary = "Raise a change",
      description = """
          Opens a change ticket (CHG-…). For agents and change managers. The body holds the fields of \
          the change process's start form (forms/change-request.form); the form's rules and the change \
          rules (window in the future, end after start, not in a blackout, …) are checked together, so \
          one 400 names every refused field. Risk and approvals come from the decision tables. With \
          multipart/form-data, the request is the part "change" (application/json), a file picker of the form is \
          answered by parts named by its key, and other files are parts "files"; all are attached to the change.""")
  @ApiResponse(responseCode = "201", description = "The new ticket; for a retry with the same Idempotency-Key, "
      + "the ticket the first request made", headers = @Header(name = "Location", description = ApiDocs.LOCATION_DESCRIPTION, schema = @Schema(type = "string", format = "uri-reference")),
      content = @Content(mediaType = "application/json", schema = @Schema(implementation = TicketView.class)))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
  @PostMapping
  ResponseEntity<TicketView> raise(@io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The fields of the change request form",
      content = @Content(schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE),
          examples = @ExampleObject(name = "switch", value = """
              {"title": "Replace the core switch power supplies", "description": "Both supplies are past their service life",
               "service": "network", "changeType": "normal", "plannedStart": "2027-03-06T08:00",
               "plannedEnd": "2027-03-06T10:00", "impact": 2, "implementationGroup": "network",
               "complexity": "medium", "tested": true, "implementationPlan": "Swap one supply at a time",
               "backoutPlan": "Put the old supply back", "testEvidence": "Vendor procedure, done at the branch office"}"""))) @RequestBody Map<String, Object> request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    String number = intake.raise(CurrentUser.of(caller), request, idempotencyKey);
    return ResponseEntity.created(URI.create("/api/tickets/" + number)).body(ticketAccess.view(number));
  }

  /**
   * The same change with files (the form's file pickers' as parts named by their keys, others as parts
   * "files"), checked before anything is written and attached in the change's transaction; the API
   * document shows the JSON call.
   */
  @Operation(hidden = true)
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<TicketView> raiseWithFiles(
      @Parameter(hidden = true) @RequestPart("change") Map<String, Object> request,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, MultipartFile> parts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!intake.mayRaise(user)) {
      throw new ForbiddenException("Only agents and change managers may raise changes");
    }
    String number = intake.raise(user, request, formFiles.check(null, parts, "change"), idempotencyKey);
    return ResponseEntity.created(URI.create("/api/tickets/" + number)).body(ticketAccess.view(number));
  }

  @Operation(operationId = "getChange", summary = "A change with its plan",
      description = "The change's ticket (with the configuration item it names), plan, risk and outcome, the conflicts its window "
          + "has now (while open: changes of the same service or of a CI tied to its CI, blackouts) "
          + "and the linked tickets the caller may see.")
  @ApiResponse(responseCode = "200", description = "The change")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}")
  ChangeView get(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = change(number, user);
    ChangePlan plan = plans.find(number).orElseThrow(() -> new NotFoundException("change", number));
    boolean open = vocabulary.current().openStatuses().contains(ticket.status());
    List<TicketLink> links = tickets.links(number).stream()
        .filter(link -> tickets.find(link.number()).map(t -> ticketAccess.canSee(t, user)).orElse(false)).toList();
    String language = languages.ofCaller(user.id());
    return new ChangeView(ticketAccess.view(ticket), plan.type(), plan.template(), plan.plannedStart(),
        plan.plannedEnd(), plan.implementationGroup(), plan.complexity(), plan.tested(), plan.implementationPlan(),
        plan.backoutPlan(), plan.testEvidence(), plan.risk(), plan.outcome(), plan.outcomeNotes(),
        open ? inWords(calendar.conflictsOf(plan, ticket.service(), ticket.configurationItem()), language)
            : List.of(), links,
        words.shown(plan, ticket.processInstanceId(), language));
  }

  /**
   * Scheduled and implementing changes, blackout windows and their conflicts between two dates
   * (or dates and times); from today for 31 days when not given.
   */
  @Operation(operationId = "changeCalendar", summary = "The change calendar",
      description = "Scheduled and implementing changes, blackout windows and their conflicts in a period of at most "
          + "366 days. For agents, change managers and service owners.")
  @ApiResponse(responseCode = "200", description = "The period's changes, blackouts and conflicts")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/calendar")
  ChangeCalendar.View calendar(
      @Parameter(description = "Start (inclusive): a date (the desk's midnight) or a date and time; today when not given",
          example = "2027-03-01") @RequestParam(required = false) String from,
      @Parameter(description = "End (exclusive): a date or a date and time; 31 days after from when not given",
          example = "2027-04-01") @RequestParam(required = false) String to,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!mayRaise(user) && !access.serviceOwnerGroups().stream().anyMatch(user::isMemberOf)) {
      throw new ForbiddenException("The change calendar is for agents, change managers and service owners");
    }
    Instant start = from == null ? LocalDate.now(clock.withZone(desk.zone())).atStartOfDay(desk.zone()).toInstant()
        : when(from, "from");
    Instant end = to == null ? start.plus(Duration.ofDays(31)) : when(to, "to");
    if (!end.isAfter(start)) {
      throw new FormValidationException(List.of(new FieldError("to", "must be after from")));
    }
    if (Duration.between(start, end).compareTo(LONGEST_CALENDAR) > 0) {
      throw new FormValidationException(List.of(new FieldError("to", "the calendar shows at most 366 days at once")));
    }
    // The blackout windows by their names in the caller's language (catalog/i18n: blackoutWindows), the conflicts as
    // the timeline's words read them.
    ChangeCalendar.View view = calendar.between(start, end);
    String language = languages.ofCaller(user.id());
    Languages.CatalogWords catalogWords = languages.catalog(language);
    return new ChangeCalendar.View(view.from(), view.to(), view.changes(), view.blackouts().stream()
        .map(b -> new ChangeCalendar.Blackout(b.id(), catalogWords.name("blackoutWindows", b.id(), b.name()),
            b.services(), b.from(), b.to())).toList(), inWords(view.conflicts(), language));
  }

  /** The conflicts' texts in the language, as i18n's timeline section words them (the timeline shows the same). */
  private List<ChangeCalendar.Conflict> inWords(List<ChangeCalendar.Conflict> conflicts, String language) {
    java.util.function.UnaryOperator<String> reader = texts.reader(language, "timeline");
    return conflicts.stream().map(c -> new ChangeCalendar.Conflict(c.kind(), c.change(), c.with(), c.from(), c.to(),
        reader.apply(c.text()))).toList();
  }

  @Schema(description = "Why the change is withdrawn", example = """
      {"reason": "The vendor postponed the delivery"}""")
  record Cancellation(@Size(max = 2000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
      message = "must not contain control characters") String reason) {
  }

  /** The requester or a change manager withdraws the change, until its implementation begins. */
  @Operation(operationId = "cancelChange", summary = "Cancel a change",
      description = "The requester or a change manager withdraws the change, until its implementation begins; "
          + "the body (a reason) is optional.")
  @ApiResponse(responseCode = "204", description = "Cancelled")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{number}/cancel")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void cancel(@PathVariable String number, @Valid @RequestBody(required = false) Cancellation cancellation,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = change(number, user);
    if (!ticket.requester().equals(user.id()) && !user.isAdministrator()
        && access.changeManagerGroups().stream().noneMatch(user::isMemberOf)) {
      throw new ForbiddenException("Only the requester and the change managers may cancel " + number);
    }
    // Asked first, so that the usual refusal (a change past its implementation's start) is no engine error in the
    // log; the correlation's own refusal stays for a change that moved on in the meantime.
    if (runtimeService.createExecutionQuery().processInstanceBusinessKey(number)
        .messageEventSubscriptionName(CANCEL_MESSAGE).count() == 0) {
      throw cannotCancel(number, ticket);
    }
    try {
      runtimeService.createMessageCorrelation(CANCEL_MESSAGE).processInstanceBusinessKey(number)
          .setVariable("cancelReason", cancellation == null ? null : cancellation.reason())
          .setVariable("cancelledBy", user.id())
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw cannotCancel(number, ticket);
    }
  }

  private ConflictException cannotCancel(String number, Ticket ticket) {
    return new ConflictException(number + " can no longer be cancelled: it is "
        + vocabulary.current().statusLabel(ticket.status())
        + "; a change can be cancelled until its implementation begins");
  }

  private Ticket change(String number, CurrentUser user) {
    Ticket ticket = ticketAccess.visible(number, user);
    if (!TicketType.CHANGE.id().equals(ticket.type())) {
      throw new NotFoundException("change", number);
    }
    return ticket;
  }

  private boolean mayRaise(CurrentUser user) {
    return intake.mayRaise(user);
  }

  private Instant when(String text, String parameter) {
    try {
      return desk.instant(text);
    } catch (DateTimeParseException e) {
      throw new FormValidationException(List.of(new FieldError(parameter,
          "must be a date like 2026-12-01 or a date and time like 2026-12-01T08:00")));
    }
  }
}
