package org.flowdesk.ticket;

import java.time.Clock;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.ForbiddenException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.FieldError;
import org.flowdesk.models.FormValidationException;
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

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/tickets")
class TicketController {

  /** Text without control characters other than tab and line breaks. */
  static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final TicketService tickets;
  private final TicketRepository repository;
  private final TicketAccess access;
  private final IdentityService identityService;
  private final Clock clock;

  TicketController(TicketService tickets, TicketRepository repository, TicketAccess access,
      IdentityService identityService, Clock clock) {
    this.clock = clock;
    this.tickets = tickets;
    this.repository = repository;
    this.access = access;
    this.identityService = identityService;
  }

  record Page(List<TicketView> items, int page, int size, long total) {
  }

  /**
   * The tickets the caller may see, soonest resolution due first.
   *
   * @param mine only tickets the caller requested
   * @param open only tickets still being worked (not resolved, closed, rejected or cancelled)
   */
  @GetMapping
  Page list(Authentication caller,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "false") boolean open,
      @RequestParam(required = false) @Pattern(
          regexp = "new|awaiting_approval|in_progress|awaiting_requester|resolved|closed|rejected|cancelled"
              + "|assessment|approval|scheduled|implementing|review",
          message = "must be one of new, awaiting_approval, in_progress, awaiting_requester, resolved, closed, "
              + "rejected, cancelled, assessment, approval, scheduled, implementing, review")
      String status,
      @RequestParam(required = false) @Size(max = 64) String group,
      @RequestParam(required = false) @Pattern(regexp = "incident|request|change", message = "must be incident, request or change")
      String type,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    CurrentUser user = CurrentUser.of(caller);
    TicketFilter filter = new TicketFilter(access.visibility(user), mine ? user.id() : null, status, group, type,
        open);
    List<TicketView> items = repository.search(filter, page, size).stream().map(access::view).toList();
    return new Page(items, page, size, repository.count(filter));
  }

  @GetMapping("/{number}")
  TicketView get(@PathVariable String number, Authentication caller) {
    return access.view(access.visible(number, CurrentUser.of(caller)));
  }

  /** The ticket's history; internal entries only for those who work the ticket. */
  @GetMapping("/{number}/timeline")
  List<TimelineEntry> timeline(@PathVariable String number, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    return tickets.timeline(number, access.works(ticket, user));
  }

  /** A comment; {@code internal} (default false) hides it from the requester. */
  record NewComment(@NotBlank @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String text, Boolean internal) {
    boolean isInternal() {
      return Boolean.TRUE.equals(internal);
    }
  }

  @PostMapping("/{number}/comments")
  @ResponseStatus(HttpStatus.CREATED)
  TimelineEntry comment(@PathVariable String number, @Valid @RequestBody NewComment comment,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    boolean agent = access.works(ticket, user);
    if (comment.isInternal() && !agent) {
      throw new FormValidationException(List.of(new FieldError("internal",
          "only agents working the ticket may write internal comments")));
    }
    return tickets.comment(number, user.id(), comment.text(), comment.isInternal(), agent, clock.instant());
  }

  /** The tickets this one is linked to; only those the caller may see. */
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

  record NewLink(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
      message = "must be a ticket number such as INC-000042") String ticket,
      @NotBlank @Pattern(regexp = "caused_by|caused|fixed_by|fixes|related",
          message = "must be one of caused_by, caused, fixed_by, fixes, related") String relation) {
  }

  /** Agents working a ticket link it to another ticket they can see; both timelines say so. */
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

  @GetMapping("/{number}/watchers")
  List<String> watchers(@PathVariable String number, Authentication caller) {
    access.visible(number, CurrentUser.of(caller));
    return tickets.watchers(number);
  }

  record NewWatcher(@NotBlank @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String user) {
  }

  /** The requester and the agents working the ticket may let someone else follow it. */
  @PostMapping("/{number}/watchers")
  @ResponseStatus(HttpStatus.CREATED)
  List<String> watch(@PathVariable String number, @Valid @RequestBody NewWatcher watcher, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!ticket.requester().equals(user.id()) && !access.works(ticket, user)) {
      throw new ForbiddenException("Only the requester and the agents working " + number + " may add watchers");
    }
    if (identityService.createUserQuery().userId(watcher.user()).count() == 0) {
      throw new FormValidationException(List.of(new FieldError("user", "no user '" + watcher.user() + "'")));
    }
    tickets.watch(number, watcher.user(), user.id(), clock.instant());
    return tickets.watchers(number);
  }

  /** A watcher may stop watching; the requester and the agents may remove anyone. */
  @DeleteMapping("/{number}/watchers/{watcher}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unwatch(@PathVariable String number, @PathVariable String watcher, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = access.visible(number, user);
    if (!watcher.equals(user.id()) && !ticket.requester().equals(user.id()) && !access.works(ticket, user)) {
      throw new ForbiddenException("Only the watcher, the requester and the agents working " + number
          + " may remove a watcher");
    }
    tickets.unwatch(number, watcher, user.id(), clock.instant());
  }
}
