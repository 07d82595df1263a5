package org.flowdesk.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.TextQuery;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.export.Spreadsheet;
import org.flowdesk.models.Vocabulary;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets", description = "What all ticket types share: lists, the ticket, its timeline, comments, "
    + "links and watchers. A ticket the caller may not see answers 404.")
class TicketController {

  /** Text without control characters other than tab and line breaks. */
  static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";
  /** The orders a list may be sorted in. */
  static final String SORTS = "-?(requester|service|priority|due|age|updated)";

  private final TicketService tickets;
  private final TicketRepository repository;
  private final TicketAccess access;
  private final IdentityService identityService;
  private final Clock clock;
  private final DeployedVocabulary vocabulary;
  private final TimelineTexts timelineTexts;
  private final Languages languages;
  private final TicketComments comments;
  private final TicketLists lists;

  TicketController(TicketService tickets, TicketRepository repository, TicketAccess access,
      IdentityService identityService, Clock clock, DeployedVocabulary vocabulary, TimelineTexts timelineTexts,
      Languages languages, TicketComments comments, TicketLists lists) {
    this.comments = comments;
    this.lists = lists;
    this.timelineTexts = timelineTexts;
    this.languages = languages;
    this.clock = clock;
    this.vocabulary = vocabulary;
    this.tickets = tickets;
    this.repository = repository;
    this.access = access;
    this.identityService = identityService;
  }

  @Schema(name = "TicketPage", description = "One page of tickets: the page number, its size and the total count")
  record Page(@Schema(description = "The tickets of this page, at most size") List<TicketView> items,
      @Schema(description = "The page number, from 0", example = "0") int page,
      @Schema(description = "The page size asked for", example = "20") int size,
      @Schema(description = "How many tickets match in all", example = "42") long total) {
  }

  /**
   * The tickets the caller may see, soonest resolution due first.
   *
   * @param mine only tickets the caller requested
   * @param open only tickets still being worked (not resolved, closed, rejected or cancelled)
   * @param watching only tickets the caller watches
   */
  @Operation(operationId = "listTickets", summary = "List tickets",
      description = "The tickets the caller may see, soonest resolution due first, a page at a time: the next "
          + "page is page + 1 while (page + 1) × size < total.")
  @ApiResponse(responseCode = "200", description = "A page of tickets")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping
  Page list(Authentication caller,
      @Parameter(description = "Only tickets the caller requested") @RequestParam(defaultValue = "false") boolean mine,
      @Parameter(description = "Only tickets still being worked (not resolved, closed, rejected or cancelled)")
      @RequestParam(defaultValue = "false") boolean open,
      @Parameter(description = "Only tickets the caller watches") @RequestParam(defaultValue = "false") boolean watching,
      @Parameter(description = "Only tickets in this status: one the models declare (GET /api/vocabulary)",
          example = "in_progress")
      @RequestParam(required = false) @Size(max = 64) String status,
      @Parameter(description = "Only tickets assigned to this group", example = "network")
      @RequestParam(required = false) @Size(max = 64) String group,
      @Parameter(description = "Only tickets of this type", example = "incident")
      @RequestParam(required = false) @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type,
      @Parameter(description = "Only tickets whose number is this or whose title, description, resolution or "
          + "comments (internal ones for the ticket's agents) have these words: \"a phrase\", -excluded words",
          example = "printer -toner")
      @RequestParam(required = false) @Size(max = TextQuery.MAX_LENGTH) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q,
      @Parameter(description = "Only tickets assigned to this user: a user id, me (the caller) or none (nobody)",
          example = "me")
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String assignee,
      @Parameter(description = "Only tickets of this priority", example = "1")
      @RequestParam(required = false) @Min(1) @Max(99) Integer priority,
      @Parameter(description = "Only tickets of which an SLA clock has breached (true) or none has (false)")
      @RequestParam(required = false) Boolean breached,
      @Parameter(description = "Only tickets whose resolution clock runs and is due within so many hours from now, "
          + "those overdue included", example = "4")
      @RequestParam(required = false) @Min(1) @Max(8_760) Integer dueWithinHours,
      @Parameter(description = "The order: requester, service, priority, due (resolution due), age or updated (last "
          + "update), ascending; with a leading - descending. Age ascending is the youngest first. Tickets without a "
          + "value come last. Default: soonest resolution due first", example = "-priority")
      @RequestParam(required = false) @Pattern(regexp = SORTS, message = "must be one of requester, service, priority, "
          + "due, age, updated, each with or without a leading -") String sort,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @Parameter(description = "Tickets per page") @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    CurrentUser user = CurrentUser.of(caller);
    TicketFilter filter = lists.filter(user, new TicketLists.View(mine, open, watching, status, group, type, q,
        assignee, priority, breached, dueWithinHours));
    List<TicketView> items = access.listed(repository.search(filter, TicketFilter.Sort.parse(sort), page, size));
    return new Page(items, page, size, repository.count(filter));
  }

  /** What an export writes of each ticket, in this order. */
  static final List<String> EXPORT_COLUMNS = List.of("number", "type", "title", "status", "priority", "impact",
      "urgency", "service", "category", "item", "requester", "assignmentGroup", "assignee", "createdAt", "updatedAt",
      "responseDue", "resolutionDue", "respondedAt", "resolvedAt", "closedAt", "responseBreached",
      "resolutionBreached", "pausedSeconds", "reopenCount", "reassignmentCount", "resolutionCode", "satisfaction",
      "price");
  /** Tickets read at a time while an export is written. */
  static final int EXPORT_PAGE = 500;

  /** The tickets of a list, all of them, for a spreadsheet. */
  @Operation(operationId = "exportTickets", summary = "Export tickets as CSV or XLSX",
      description = "The tickets the list (listTickets) finds with the same filters, all of them, soonest resolution "
          + "due first, one row each (columns: " + "number, type, title, status, priority, impact, urgency, service, "
          + "category, item, requester, assignmentGroup, assignee, createdAt, updatedAt, responseDue, resolutionDue, "
          + "respondedAt, resolvedAt, closedAt, responseBreached, resolutionBreached, pausedSeconds, reopenCount, "
          + "reassignmentCount, resolutionCode, satisfaction, price), streamed as they are read. Times are ISO 8601 "
          + "in UTC. Text that a spreadsheet would run as a formula (beginning with =, +, -, @, a tab or a carriage "
          + "return) is neutralised: an apostrophe before it in CSV, a quote-prefixed text cell in XLSX.")
  @ApiResponse(responseCode = "200", description = "The spreadsheet, as a download", content = {
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          schema = @Schema(type = "string", format = "binary")) })
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping("/export")
  void export(Authentication caller, HttpServletResponse response,
      @Parameter(description = "csv or xlsx", example = "csv") @RequestParam(defaultValue = "csv") @Size(max = 8) String format,
      @Parameter(description = "Only tickets the caller requested") @RequestParam(defaultValue = "false") boolean mine,
      @Parameter(description = "Only tickets still being worked") @RequestParam(defaultValue = "false") boolean open,
      @Parameter(description = "Only tickets the caller watches") @RequestParam(defaultValue = "false") boolean watching,
      @Parameter(description = "Only tickets in this status", example = "in_progress")
      @RequestParam(required = false) @Size(max = 64) String status,
      @Parameter(description = "Only tickets assigned to this group", example = "network")
      @RequestParam(required = false) @Size(max = 64) String group,
      @Parameter(description = "Only tickets of this type", example = "incident")
      @RequestParam(required = false) @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type,
      @Parameter(description = "Only tickets with these words, as for the list", example = "printer -toner")
      @RequestParam(required = false) @Size(max = TextQuery.MAX_LENGTH) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q,
      @Parameter(description = "Only tickets assigned to this user: a user id, me (the caller) or none (nobody)",
          example = "me")
      @RequestParam(required = false) @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String assignee,
      @Parameter(description = "Only tickets of this priority", example = "1")
      @RequestParam(required = false) @Min(1) @Max(99) Integer priority,
      @Parameter(description = "Only tickets of which an SLA clock has breached (true) or none has (false)")
      @RequestParam(required = false) Boolean breached,
      @Parameter(description = "Only tickets whose resolution clock runs and is due within so many hours from now, "
          + "those overdue included", example = "4")
      @RequestParam(required = false) @Min(1) @Max(8_760) Integer dueWithinHours,
      @Parameter(description = "The order: requester, service, priority, due (resolution due), age or updated (last "
          + "update), ascending; with a leading - descending. Age ascending is the youngest first. Tickets without a "
          + "value come last. Default: soonest resolution due first", example = "-priority")
      @RequestParam(required = false) @Pattern(regexp = SORTS, message = "must be one of requester, service, priority, "
          + "due, age, updated, each with or without a leading -") String sort) {
    // Everything is checked before the first byte: once rows are written, no error can be answered.
    Spreadsheet.Format as = Spreadsheet.Format.of(format);
    CurrentUser user = CurrentUser.of(caller);
    TicketFilter filter = lists.filter(user, new TicketLists.View(mine, open, watching, status, group, type, q,
        assignee, priority, breached, dueWithinHours));
    TicketFilter.Sort order = TicketFilter.Sort.parse(sort);
    try (Spreadsheet sheet = Spreadsheet.download(response, as, "tickets-" + LocalDate.now(clock), "Tickets",
        EXPORT_COLUMNS)) {
      for (int page = 0; ; page++) {
        List<Ticket> tickets = repository.search(filter, order, page, EXPORT_PAGE);
        for (TicketView t : access.listed(tickets)) {
          sheet.row(Arrays.asList(t.number(), t.type(), t.title(), t.status(), t.priority(), t.impact(), t.urgency(),
              t.service(), t.category(), t.item(), t.requester(), t.assignmentGroup(), t.assignee(), t.createdAt(),
              t.updatedAt(), t.responseDue(), t.resolutionDue(), t.respondedAt(), t.resolvedAt(), t.closedAt(),
              t.responseBreached(), t.resolutionBreached(), t.totalPausedSeconds(), t.reopenCount(),
              t.reassignmentCount(), t.resolutionCode(), t.satisfaction(), t.price()));
        }
        sheet.flush();
        if (tickets.size() < EXPORT_PAGE) {
          break;
        }
      }
    }
  }

  @Operation(operationId = "getTicket", summary = "A ticket",
      description = "One ticket with priority, group, assignee, SLA due dates and breaches, time paused, reopen "
          + "count, resolution and satisfaction.")
  @ApiResponse(responseCode = "200", description = "The ticket")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}")
  TicketView get(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return access.view(access.visible(number, user), user, languages.ofCaller(user.id()));
  }

  /** The ticket's history; internal entries only for those who work the ticket. */
  @Operation(operationId = "ticketTimeline", summary = "A ticket's timeline",
      description = "Every status change, assignment, comment and SLA event with time and actor, oldest first; "
          + "internal entries only for the agents working the ticket. FlowDesk's own words are in the caller's "
          + "language (their profile's, else Accept-Language) where i18n/<language>.json translates them; what "
          + "people wrote stays as written.")
  @ApiResponse(responseCode = "200", description = "The timeline")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}/timeline")
  List<TimelineEntry> timeline(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    return timelineTexts.in(languages.ofCaller(user.id()), tickets.timeline(number, access.works(ticket, user)));
  }

  /** A comment; {@code internal} (default false) hides it from the requester. */
  @Schema(example = """
      {"text": "Looking at the VPN concentrator", "internal": false}""")
  record NewComment(@NotBlank @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String text, Boolean internal,
      // A decimal, so that 1.5 is refused rather than cut to 1 as Jackson would for an Integer.
      @Schema(implementation = Integer.class, description = "Minutes the agent worked, recorded with the comment (agents working "
          + "the ticket only): whole minutes, from 1 to 1440", example = "30", minimum = "1", maximum = "1440")
      @DecimalMin(value = "1", message = MINUTES) @DecimalMax(value = "1440", message = MINUTES)
      @Digits(integer = 4, fraction = 0, message = MINUTES) java.math.BigDecimal timeSpentMinutes) {

    static final String MINUTES = "must be whole minutes, from 1 to 1440";

    Integer minutes() {
      return timeSpentMinutes == null ? null : timeSpentMinutes.intValueExact();
    }
    boolean isInternal() {
      return Boolean.TRUE.equals(internal);
    }
  }

  @Operation(operationId = "commentOnTicket", summary = "Comment on a ticket",
      description = "Adds a comment to the timeline; only agents working the ticket may write internal ones and "
          + "record the minutes they worked with it (timeSpentMinutes, shown to the ticket's agents only). An "
          + "agent's first public comment is the response to an incident. With multipart/form-data, the comment is "
          + "the part \"comment\" (application/json) and each file a part \"files\": they are attached with the "
          + "comment's visibility in one transaction with it, so a refused file refuses the comment.")
  @ApiResponse(responseCode = "201", description = "The comment as the timeline shows it")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/{number}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  TimelineEntry comment(@PathVariable String number, @Valid @RequestBody NewComment comment,
      Authentication caller) {
    return comments.comment(number, CurrentUser.of(caller), comment.text(), comment.isInternal(), comment.minutes());
  }

  /** The tickets this one is linked to; only those the caller may see. */
  @Operation(operationId = "ticketLinks", summary = "A ticket's links",
      description = "The tickets this one is linked to that the caller may see, with the relation.")
  @ApiResponse(responseCode = "200", description = "The links")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}/links")
  List<TicketLink> links(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    access.visible(number, user);
    return tickets.links(number).stream()
        .filter(link -> tickets.find(link.number()).map(t -> access.canSee(t, user)).orElse(false)).toList();
  }

  /** How one ticket relates to another, each relation with its inverse. */
  enum Relation {
    CAUSED_BY("caused"), CAUSED("caused_by"), FIXED_BY("fixes"), FIXES("fixed_by"), RELATED("related");

    private final String inverse;

    Relation(String inverse) {
      this.inverse = inverse;
    }
  }

  @Schema(example = """
      {"ticket": "CHG-000007", "relation": "caused_by"}""")
  record NewLink(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
      message = "must be a ticket number such as INC-000042") String ticket,
      @NotBlank @Pattern(regexp = "caused_by|caused|fixed_by|fixes|related",
          message = "must be one of caused_by, caused, fixed_by, fixes, related") String relation) {
  }

  /** Agents working a ticket link it to another ticket they can see; both timelines say so. */
  @Operation(operationId = "linkTicket", summary = "Link a ticket to another",
      description = "By the agents working the ticket (and change managers for changes); the other ticket gets the "
          + "inverse relation and both timelines say so.")
  @ApiResponse(responseCode = "201", description = "The ticket's links, the new one included")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/{number}/links")
  @ResponseStatus(HttpStatus.CREATED)
  List<TicketLink> link(@PathVariable String number, @Valid @RequestBody NewLink link, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!access.works(ticket, user) && !(TicketType.CHANGE.id().equals(ticket.type()) && access.seesAllChanges(user))) {
      throw new ForbiddenException("Only the agents working " + number + " may link it to other tickets");
    }
    access.visible(link.ticket(), user);
    if (link.ticket().equals(number)) {
      throw new FormValidationException(List.of(new FieldError("ticket", "a ticket cannot be linked to itself")));
    }
    Relation relation = Relation.valueOf(link.relation().toUpperCase());
    tickets.link(number, link.ticket(), link.relation(), relation.inverse, user.id(), clock.instant());
    return links(number, caller);
  }

  @Operation(operationId = "ticketWatchers", summary = "A ticket's watchers",
      description = "The user ids of the people who follow the ticket: they see it, and the steps of its model "
          + "that say so (a notify step's watcherText) tell them of it.")
  @ApiResponse(responseCode = "200", description = "The watchers' user ids")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}/watchers")
  List<String> watchers(@PathVariable String number, Authentication caller) {
    access.visible(number, CurrentUser.of(caller));
    return tickets.watchers(number);
  }

  @Schema(example = """
      {"user": "mark"}""")
  record NewWatcher(@Schema(description = "The person's user id, or their first and last name")
      @NotBlank @Size(max = 200) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String user) {
  }

  /** The requester and the agents working the ticket may let someone else follow it. */
  @Operation(operationId = "watchTicket", summary = "Add a watcher",
      description = "The requester and the agents working the ticket may let someone else follow it, named by "
          + "user id or by first and last name; the watcher then sees the ticket (also in lists with watching=true).")
  @ApiResponse(responseCode = "201", description = "The watchers, the new one included")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/{number}/watchers")
  @ResponseStatus(HttpStatus.CREATED)
  List<String> watch(@PathVariable String number, @Valid @RequestBody NewWatcher watcher, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!ticket.requester().equals(user.id()) && !access.works(ticket, user)) {
      throw new ForbiddenException("Only the requester and the agents working " + number + " may add watchers");
    }
    tickets.watch(number, person(watcher.user().strip()), user.id(), clock.instant());
    return tickets.watchers(number);
  }

  /** The user id of the person given by user id or by first and last name ("Mark Miller"). */
  private String person(String idOrName) {
    if (identityService.createUserQuery().userId(idOrName).count() == 1) {
      return idOrName;
    }
    int space = idOrName.lastIndexOf(' ');
    List<org.camunda.bpm.engine.identity.User> named = space < 1 ? List.of() : identityService.createUserQuery()
        .userFirstName(idOrName.substring(0, space).strip()).userLastName(idOrName.substring(space + 1)).list();
    if (named.size() > 1) {
      throw new FormValidationException(List.of(new FieldError("user", named.size() + " people are named '" + idOrName
          + "'; give the user id of the one you mean")));
    }
    if (named.isEmpty()) {
      throw new FormValidationException(List.of(new FieldError("user", "no person has the user id or name '"
          + idOrName + "'")));
    }
    return named.get(0).getId();
  }

  /** A watcher may stop watching; the requester and the agents may remove anyone. */
  @Operation(operationId = "unwatchTicket", summary = "Remove a watcher",
      description = "A watcher may stop watching; the requester and the agents working the ticket may remove anyone.")
  @ApiResponse(responseCode = "204", description = "Removed")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @DeleteMapping("/{number}/watchers/{watcher}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unwatch(@PathVariable String number,
      @Parameter(description = "The watcher's user id", example = "mark") @PathVariable String watcher, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!watcher.equals(user.id()) && !ticket.requester().equals(user.id()) && !access.works(ticket, user)) {
      throw new ForbiddenException("Only the watcher, the requester and the agents working " + number
          + " may remove a watcher");
    }
    tickets.unwatch(number, watcher, user.id(), clock.instant());
  }
}
