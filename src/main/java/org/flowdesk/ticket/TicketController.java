package org.flowdesk.ticket;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.EngineClock;
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

  TicketController(TicketService tickets, TicketRepository repository, TicketAccess access,
      IdentityService identityService) {
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
   */
  @GetMapping
  Page list(Authentication caller,
      @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(required = false) @Pattern(
          regexp = "new|awaiting_approval|in_progress|awaiting_requester|resolved|closed|rejected",
          message = "must be one of new, awaiting_approval, in_progress, awaiting_requester, resolved, closed, rejected")
      String status,
      @RequestParam(required = false) @Size(max = 64) String group,
      @RequestParam(required = false) @Pattern(regexp = "incident|request", message = "must be incident or request") String type,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
    CurrentUser user = CurrentUser.of(caller);
    TicketFilter filter = new TicketFilter(access.visibility(user), mine ? user.id() : null, status, group, type);
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
    return tickets.comment(number, user.id(), comment.text(), comment.isInternal(), agent, EngineClock.now());
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
    tickets.watch(number, watcher.user(), user.id(), EngineClock.now());
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
    tickets.unwatch(number, watcher, user.id(), EngineClock.now());
  }
}
