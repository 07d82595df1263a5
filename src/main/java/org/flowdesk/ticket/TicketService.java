package org.flowdesk.ticket;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowdesk.TextQuery;
import org.flowdesk.models.FormSchema;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.sla.SlaEvent;
import org.springframework.context.event.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What happens to a ticket, each step written to its timeline. The models decide when; this
 * service keeps the record straight.
 */
@Service
@Transactional
public class TicketService {

  private static final Logger LOG = LoggerFactory.getLogger(TicketService.class);
  public static final String SYSTEM = "flowdesk";
  static final String ESCALATED = "escalated";
  private static final String INFORMATION_REQUESTED = "information_requested";
  private static final String REOPENED = "reopened";
  /** How the timeline introduces the reason of a reopen; {@link #lastReopenReason} reads it back. */
  private static final String REOPENED_BECAUSE = "Reopened: ";
  /** Between the step and the reason in an approval's timeline text: "Rejected (CAB member votes): no rollback test". */
  private static final String REASON = "): ";

  private final TicketRepository tickets;
  private final SlaClocks clocks;
  private final ApplicationEventPublisher events;

  TicketService(TicketRepository tickets, SlaClocks clocks, ApplicationEventPublisher events) {
    this.tickets = tickets;
    this.clocks = clocks;
    this.events = events;
  }

  public Ticket open(NewTicket reported, Instant at) {
    String number = reported.type().number(tickets.nextValue(reported.type().sequence()));
    String enteredBy = reported.enteredForSomeoneElse() ? reported.enteredBy() : null;
    Ticket ticket = new Ticket(number, reported.type().id(), reported.title(), reported.description(),
        reported.requester(), reported.service(), reported.category(), reported.impact(), reported.urgency(),
        reported.priority(), Ticket.NEW, reported.assignmentGroup(), null, reported.processInstanceId(), at, at, null,
        null, null, 0, 0, null, null, null, null, reported.item(), reported.price(), enteredBy,
        reported.configurationItem());
    tickets.insert(ticket);
    openedHere().put(number, new Opened(reported.title() == null ? "" : reported.title(), enteredBy));
    if (enteredBy == null) {
      tickets.note(number, at, reported.requester(), "created", false, "Reported: " + reported.title() + about(reported));
    } else {
      tickets.note(number, at, enteredBy, "created", false,
          "Reported by " + enteredBy + " for " + reported.requester() + ": " + reported.title() + about(reported));
      // Who took the call follows what becomes of it, though the ticket may go to a group not theirs.
      tickets.addWatcher(number, enteredBy, enteredBy, at);
    }
    if (reported.priority() != null && reported.assignmentGroup() != null) {
      tickets.note(number, at, SYSTEM, "assigned", false,
          "Priority P" + reported.priority() + ", assigned to " + reported.assignmentGroup());
      LOG.info("{} priority P{}, assigned to {}", number, reported.priority(), reported.assignmentGroup());
    }
    if (enteredBy == null) {
      LOG.info("{} opened by {}: {}", number, reported.requester(), reported.title());
    } else {
      LOG.info("{} opened by {} for {}: {}", number, enteredBy, reported.requester(), reported.title());
    }
    publishOpened(ticket);
    return ticket;
  }

  /** The configuration item a ticket names, as its first timeline entry says it. */
  private static String about(NewTicket reported) {
    return reported.configurationItem() == null ? "" : " (configuration item " + reported.configurationItem() + ")";
  }

  /**
   * The ticket's title, for the models' words (a task's name). Titles never change, and the title of a
   * ticket opened in this transaction is known without reading the ticket back (intake creates the work
   * task in the same transaction).
   */
  @Transactional(readOnly = true)
  public Optional<String> title(String number) {
    Opened opened = openedHere().get(number);
    return opened != null ? Optional.of(opened.title()) : tickets.find(number).map(Ticket::title);
  }

  /**
   * Who entered the ticket for its requester, empty when the requester did; known without reading the
   * ticket when this transaction opened it (the models tell the requester at intake).
   */
  @Transactional(readOnly = true)
  public Optional<String> enteredBy(String number) {
    Opened opened = openedHere().get(number);
    return opened != null ? Optional.ofNullable(opened.enteredBy()) : tickets.find(number).map(Ticket::enteredBy);
  }

  /** What intake's later steps ask of a ticket this transaction opened. */
  private record Opened(String title, String enteredBy) {
  }

  /** Number → title and who entered them, of the tickets this transaction opened; empty (and forgetful) outside a transaction. */
  private Map<String, Opened> openedHere() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, Opened> opened = (Map<String, Opened>) TransactionSynchronizationManager.getResource(this);
    if (opened == null) {
      Map<String, Opened> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(TicketService.this);
        }
      });
      opened = fresh;
    }
    return opened;
  }

  /** "Opened" is told when the transaction commits, with the priority the models gave the ticket. */
  private void publishOpened(Ticket ticket) {
    TicketEvent opened = new TicketEvent(TicketEvent.OPENED, ticket.number(), ticket.type(), ticket.priority());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      events.publishEvent(opened);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        events.publishEvent(opened);
      }
    });
  }

  /** What the requester answered in the form the ticket was opened with (a catalog item's). */
  public void recordAnswers(String number, List<FormSchema.Answer> answers) {
    tickets.insertAnswers(number, answers);
  }

  @Transactional(readOnly = true)
  public List<FormSchema.Answer> answers(String number) {
    return tickets.answers(number);
  }

  /** The question the ticket's requester was asked last, if any. */
  @Transactional(readOnly = true)
  public Optional<String> lastQuestion(String number) {
    return tickets.latestNote(number, INFORMATION_REQUESTED);
  }

  /**
   * What the requester said was not right when the ticket was last reopened by its process (a resolution they
   * rejected, a delivery that was not right), if they said it then.
   */
  @Transactional(readOnly = true)
  public Optional<String> lastReopenReason(String number) {
    return tickets.latestNote(number, REOPENED).filter(text -> text.startsWith(REOPENED_BECAUSE))
        .map(text -> text.substring(REOPENED_BECAUSE.length()));
  }

  /** The latest rejection recorded on the ticket's timeline ("Rejected (Manager approves): too expensive"). */
  @Transactional(readOnly = true)
  public Optional<String> lastRejection(String number) {
    return tickets.latestNote(number, "rejected");
  }

  /**
   * Who rejected the ticket and why, from its approval decisions: "nina: the vendor pulled it;
   * sven: no rollback test". The reasons live there, not in a process variable.
   */
  @Transactional(readOnly = true)
  public String rejectionReasons(String number) {
    List<String> reasons = tickets.approvals(number).stream().filter(approval -> !approval.approved())
        .map(approval -> approval.approver() + ": " + (blank(approval.comment()) ? "no reason given" : approval.comment()))
        .toList();
    return reasons.isEmpty() ? "no reason given" : String.join("; ", reasons);
  }

  @Transactional(readOnly = true)
  public Optional<Ticket> find(String number) {
    return tickets.find(number);
  }

  public Ticket get(String number) {
    return tickets.find(number).orElseThrow(() -> new IllegalStateException("No ticket " + number));
  }

  /** Someone took the ticket on: its first claim or public reply is the response. */
  public void assign(String number, String assignee, Instant at) {
    assign(number, assignee, assignee, at);
  }

  /** {@code by} gives the ticket's work to {@code assignee}, a colleague of the group working it (or takes it on). */
  public void assign(String number, String assignee, String by, Instant at) {
    Ticket ticket = get(number);
    if (assignee.equals(ticket.assignee())) {
      return;
    }
    String status = Ticket.NEW.equals(ticket.status()) ? Ticket.IN_PROGRESS : ticket.status();
    tickets.markAssigned(number, at, assignee, status);
    boolean self = by == null || by.equals(assignee);
    tickets.note(number, at, self ? assignee : by, "claimed", false,
        self ? "Taken on by " + assignee : SYSTEM.equals(by) ? "Assigned to " + assignee
            : "Assigned to " + assignee + " by " + by);
    if (ticket.respondedAt() == null) {
      respond(number, at);
    }
    LOG.info("{} assigned to {}", number, assignee);
  }

  public void unassign(String number, Instant at) {
    tickets.markUnassigned(number, at);
  }

  private void respond(String number, Instant at) {
    if (tickets.markResponded(number, at)) {
      clocks.stop(number, SlaClock.RESPONSE, at);
    }
  }

  public TimelineEntry comment(String number, String author, String text, boolean internal, boolean byAgent,
      Instant at) {
    return comment(number, author, text, internal, byAgent, null, at);
  }

  /**
   * A comment, with the minutes its agent worked when given ({@code minutes}, for agents working
   * the ticket only: the caller checks), booked to the ticket's service and assignment group.
   */
  public TimelineEntry comment(String number, String author, String text, boolean internal, boolean byAgent,
      Integer minutes, Instant at) {
    TimelineEntry entry = tickets.addTimeline(number, at, author, "comment", internal, text);
    if (byAgent && !internal) {
      respond(number, at);
    }
    tickets.touch(number, at);
    if (minutes != null) {
      Ticket ticket = get(number);
      tickets.addTimeWorked(number, author, minutes, at, "comment", null, null, entry.id(), ticket.service(),
          ticket.assignmentGroup());
      LOG.info("{} {} minutes worked by {} (with a comment)", number, minutes, author);
      return entry.withMinutes(minutes);
    }
    return entry;
  }

  /**
   * Puts a ticket no group holds in the group's queue ("Assigned to Facilities" on its timeline, by FlowDesk); a
   * ticket some group holds keeps it. For requests being fulfilled since before their item named its group.
   *
   * @return whether the ticket went to the group
   */
  public boolean assignIfNoGroup(String number, String group, Instant at) {
    if (!tickets.assignGroupIfNone(number, at, group)) {
      return false;
    }
    tickets.note(number, at, SYSTEM, "reassigned", false, "Assigned to " + group);
    return true;
  }

  public void reassign(String number, String group, String reason, String actor, Instant at) {
    reassign(number, get(number).assignmentGroup(), group, reason, actor, at);
  }

  /**
   * Reassigns from {@code from}, the groups that held the ticket as people read them ("facilities", or
   * "hr, facilities" for a request whose fulfilment groups worked at once); a ticket no group held is assigned.
   */
  public void reassign(String number, String from, String group, String reason, String actor, Instant at) {
    tickets.markReassigned(number, at, group);
    String moved = blank(from) ? "Assigned to " + group : "Reassigned from " + from + " to " + group;
    tickets.note(number, at, actor, "reassigned", false, moved + (blank(reason) ? "" : ": " + reason));
    LOG.info("{} reassigned from {} to {} by {}", number, from, group, actor);
  }

  public void requestInformation(String number, String question, String actor, Instant at) {
    tickets.setStatus(number, at, Ticket.AWAITING_REQUESTER);
    tickets.note(number, at, actor, INFORMATION_REQUESTED, false, question);
    LOG.info("{} waits on its requester", number);
  }

  public void provideInformation(String number, String answer, String actor, Instant at) {
    tickets.setStatus(number, at, Ticket.IN_PROGRESS);
    tickets.note(number, at, actor, "information_provided", false, answer);
  }

  public void resolve(String number, String code, String notes, String actor, Instant at) {
    tickets.markResolved(number, at, Ticket.RESOLVED, code, notes);
    tickets.note(number, at, actor, "resolved", false, "Resolved (" + code + ")" + (blank(notes) ? "" : ": " + notes));
    LOG.info("{} resolved ({}) by {}", number, code, actor);
    events.publishEvent(new TicketEvent(TicketEvent.RESOLVED, number));
  }

  public void reopen(String number, String reason, String actor, Instant at) {
    tickets.markReopened(number, at, Ticket.IN_PROGRESS);
    tickets.note(number, at, actor, REOPENED, false, blank(reason) ? "Reopened" : REOPENED_BECAUSE + reason);
    LOG.info("{} reopened by {}", number, actor);
  }

  /**
   * A closed ticket is reopened and goes back to its group's queue, worked by the process instance
   * {@code instanceId}; its resolution clock runs again with the time it had left when the ticket was
   * resolved. False, with nothing changed, when the ticket is not closed (someone reopened it first).
   */
  public boolean reopenClosed(String number, String reason, String actor, String instanceId, Instant at) {
    Ticket ticket = get(number);
    if (!tickets.markReopenedAfterClosing(number, at, Ticket.CLOSED, Ticket.IN_PROGRESS, instanceId)) {
      return false;
    }
    Instant resolved = ticket.resolvedAt() != null ? ticket.resolvedAt() : ticket.closedAt();
    clocks.reopen(number, SlaClock.RESOLUTION, resolved != null ? resolved : at);
    tickets.note(number, at, actor, REOPENED, false, "Reopened after closing: " + reason);
    LOG.info("{} reopened after closing by {}, back to {}", number, actor, ticket.assignmentGroup());
    return true;
  }

  public void close(String number, String reason, String actor, Instant at) {
    tickets.markClosed(number, at, Ticket.CLOSED);
    clocks.stop(number, SlaClock.RESPONSE, at);
    clocks.stop(number, SlaClock.RESOLUTION, at);
    tickets.note(number, at, actor, "closed", false, "Closed: " + reason);
    LOG.info("{} closed: {}", number, reason);
    events.publishEvent(new TicketEvent(TicketEvent.CLOSED, number));
  }

  public void rate(String number, int satisfaction, String comment, String actor, Instant at) {
    tickets.markRated(number, at, satisfaction, comment);
    tickets.note(number, at, actor, "satisfaction", false, "Rated " + satisfaction + " of 5"
        + (blank(comment) ? "" : ": " + comment));
  }

  public void awaitApproval(String number, Instant at) {
    awaitApproval(number, Ticket.AWAITING_APPROVAL, "Waiting for approval", at);
  }

  /** Approval begins: the measures time the approval cycle from here to the last decision. */
  public void awaitApproval(String number, String status, String text, Instant at) {
    tickets.setStatus(number, at, status);
    tickets.note(number, at, SYSTEM, "approval_requested", false, text);
  }

  /**
   * An approver's decision, on the timeline for everyone to see; {@code step} is its code, {@code stepName} the
   * task's name as its model writes it (what the approval showed while it waited), which the timeline names as the
   * approvals card does: "Approved (Manager approves)", not the code "manager".
   */
  public void recordApproval(String number, String approver, String step, String stepName, boolean approved,
      String comment, Instant at) {
    tickets.note(number, at, approver, approved ? "approved" : "rejected",  false,
        (approved ? "Approved" : "Rejected") + " (" + (blank(stepName) ? step : stepName)
            + (blank(comment) ? ")" : REASON + comment));
    tickets.addApproval(number, step, stepName, approver, approved, blank(comment) ? null : comment, at);
    LOG.info("{} {} by {} as {}", number, approved ? "approved" : "rejected", approver, step);
  }

  public void reject(String number, Instant at) {
    tickets.markClosed(number, at, Ticket.REJECTED);
    clocks.stop(number, SlaClock.RESOLUTION, at);
  }

  /** The models moved the ticket to another status; {@code note}, if any, goes on the timeline. */
  public void changeStatus(String number, String status, String note, String actor, Instant at) {
    tickets.setStatus(number, at, status);
    if (!blank(note)) {
      tickets.note(number, at, actor, "status", false, note);
    }
    LOG.info("{} is now {}", number, status);
  }

  /** The group that works the ticket, without a priority (changes: the implementing group). */
  public void assignGroup(String number, String group, Instant at) {
    tickets.assignGroup(number, at, group);
  }

  public void cancel(String number, String reason, String actor, Instant at) {
    tickets.markClosed(number, at, Ticket.CANCELLED);
    clocks.stop(number, SlaClock.RESPONSE, at);
    clocks.stop(number, SlaClock.RESOLUTION, at);
    tickets.note(number, at, actor, "cancelled", false, "Cancelled by " + actor
        + (blank(reason) ? "" : ": " + reason));
    LOG.info("{} cancelled by {}", number, actor);
  }

  /**
   * Links two tickets both ways (for instance {@code caused} and {@code caused_by}); each
   * timeline says so.
   */
  public void link(String number, String linked, String relation, String inverse, String actor, Instant at) {
    if (tickets.link(number, linked, relation, inverse, at)) {
      tickets.note(number, at, actor, "linked", false, "Linked to " + linked + " (" + relation.replace('_', ' ') + ")");
      tickets.note(linked, at, actor, "linked", false, "Linked to " + number + " (" + inverse.replace('_', ' ') + ")");
      LOG.info("{} {} {}", number, relation, linked);
    }
  }

  @Transactional(readOnly = true)
  public List<TicketLink> links(String number) {
    return tickets.links(number);
  }

  /**
   * A page of one type's tickets for those who see all of that type (agents and problems),
   * optionally of one status, group and service; {@code openStatuses}, when not null, keeps the
   * open ones; {@code text}, when not null, those whose number or words match it.
   */
  @Transactional(readOnly = true)
  public List<Ticket> ofType(TicketType type, String status, String group, String service, List<String> openStatuses,
      TextQuery text, int page, int size) {
    return tickets.search(new TicketFilter(null, null, status, group, type.id(), openStatuses, service, text), page,
        size);
  }

  @Transactional(readOnly = true)
  public long countOfType(TicketType type, String status, String group, String service, List<String> openStatuses,
      TextQuery text) {
    return tickets.count(new TicketFilter(null, null, status, group, type.id(), openStatuses, service, text));
  }

  /**
   * The fix notice of the resolved problem an incident was caused by ("PRB-000001 is fixed: …"),
   * or an empty text.
   */
  @Transactional(readOnly = true)
  public String fixNotice(String incident) {
    return tickets.links(incident).stream()
        .filter(link -> TicketType.PROBLEM.id().equals(link.type()) && "caused_by".equals(link.relation()))
        .map(link -> get(link.number())).filter(problem -> problem.resolvedAt() != null)
        .reduce((first, later) -> later)
        .map(problem -> problem.number() + " is fixed: " + problem.resolutionNotes()).orElse("");
  }

  /**
   * An agent changed the ticket's impact and urgency and its model decided its priority again: the record
   * takes all three, and the timeline says, publicly, from which priority to which and why.
   */
  public void reprioritise(String number, int impact, int urgency, int priority, String reason, String actor,
      Instant at) {
    Ticket ticket = get(number);
    tickets.markReprioritised(number, at, impact, urgency, priority);
    String why = blank(reason) ? "" : ": " + reason.strip();
    String text = ticket.priority() != null && ticket.priority() == priority
        ? "Impact " + impact + " and urgency " + urgency + ", priority stays P" + priority + why
        : "Priority changed from P" + ticket.priority() + " to P" + priority + why;
    tickets.note(number, at, actor, "priority_changed", false, text);
    LOG.info("{} priority P{} -> P{} (impact {}, urgency {}) by {}", number, ticket.priority(), priority, impact,
        urgency, actor);
  }

  /** Work on the ticket begins (a request's fulfilment after its approvals). */
  /** A request's fulfilment begins, by the group that delivers it (null: the request keeps its group). */
  public void startWork(String number, String group, Instant at) {
    if (group == null) {
      tickets.setStatus(number, at, Ticket.IN_PROGRESS);
      tickets.note(number, at, SYSTEM, "fulfilment_started", false, "Fulfilment started");
      return;
    }
    tickets.markFulfilmentStarted(number, at, Ticket.IN_PROGRESS, group);
    tickets.note(number, at, SYSTEM, "fulfilment_started", false, "Fulfilment started by " + group);
    LOG.info("{} fulfilment started by {}", number, group);
  }

  /**
   * The time an agent worked on a step, as an internal entry of the timeline (effort is for the
   * ticket's agents, not its requester); the time worked refers to it.
   */
  public void recordTimeWorked(String number, String actor, String step, String taskId, int minutes, String group,
      Instant at) {
    TimelineEntry entry = tickets.addTimeline(number, at, actor, "time_worked", true,
        "Time worked on " + step + ": " + minutes + " minutes");
    tickets.addTimeWorked(number, actor, minutes, at, "step", taskId, step, entry.id(), get(number).service(), group);
    tickets.touch(number, at);
    LOG.info("{} {} minutes worked by {} for {} on {}", number, minutes, actor, group, step);
  }

  /** A step of the work, recorded on the timeline by whoever did it. */
  public void recordStep(String number, String actor, String text, Instant at) {
    tickets.note(number, at, actor, "step", false, text);
    tickets.touch(number, at);
  }

  /**
   * The incident is a major incident from now on (its model declared it); the timeline says so, publicly.
   * False, with nothing written, when it was one already.
   */
  public boolean declareMajor(String number, String actor, Instant at) {
    if (!tickets.markMajor(number, actor, at)) {
      return false;
    }
    tickets.note(number, at, actor, "major_declared", false, "Declared a major incident");
    tickets.touch(number, at);
    LOG.info("{} declared a major incident by {}", number, actor);
    return true;
  }

  @Transactional(readOnly = true)
  /** Whether the incident is major, what it is attached to and its children: one read, for its view. */
  TicketRepository.MajorRelations majorRelations(String number) {
    return tickets.majorRelations(number);
  }

  public boolean isMajor(String number) {
    return tickets.isMajor(number);
  }

  /** A status update of a major incident, public, on the major incident or one of its children. */
  public TimelineEntry recordMajorUpdate(String number, String actor, String text, Instant at) {
    TimelineEntry entry = tickets.addTimeline(number, at, actor, "major_update", false, text);
    tickets.touch(number, at);
    return entry;
  }

  /** Another ticket was merged into this one (kind {@code merged}), public: its requester now watches this one. */
  public void recordMerge(String number, String actor, String text, Instant at) {
    tickets.note(number, at, actor, "merged", false, text);
    tickets.touch(number, at);
  }

  /**
   * A file attached to the ticket, removed from it or refused (kind {@code attachment_…}), shown
   * to whoever may see the attachment.
   */
  public void recordAttachment(String number, String kind, String actor, boolean internal, String text, Instant at) {
    tickets.note(number, at, actor, kind, internal, text);
    tickets.touch(number, at);
  }

  /** A clock warned or breached (sla's steps publish it): on the timeline, internal. */
  @EventListener
  void slaEvent(SlaEvent event) {
    recordSlaEvent(event.ticket(), event.kind(), event.text(), event.at());
  }

  public void recordSlaEvent(String number, String kind, String text, Instant at) {
    events.publishEvent(new TicketEvent(kind, number));
    tickets.note(number, at, SYSTEM, kind, true, text);
    tickets.touch(number, at);
    LOG.info("{} {}", number, text);
  }

  /** What an SLA escalation did, or could not do (kind {@code escalated}): internal, as the SLA events are. */
  public void recordEscalation(String number, String text, Instant at) {
    tickets.note(number, at, SYSTEM, ESCALATED, true, text);
    tickets.touch(number, at);
    LOG.info("{} {}", number, text);
  }

  public void watch(String number, String user, String actor, Instant at) {
    if (tickets.addWatcher(number, user, actor, at)) {
      tickets.note(number, at, actor, "watcher_added", false, user + " watches this ticket");
    }
  }

  public void unwatch(String number, String user, String actor, Instant at) {
    if (tickets.removeWatcher(number, user)) {
      tickets.note(number, at, actor, "watcher_removed", false, user + " no longer watches this ticket");
    }
  }

  @Transactional(readOnly = true)
  public List<String> watchers(String number) {
    return tickets.watchers(number);
  }

  @Transactional(readOnly = true)
  public boolean isWatcher(String number, String user) {
    return tickets.isWatcher(number, user);
  }

  @Transactional(readOnly = true)
  /** The decisions taken on the ticket's approval tasks so far, oldest first. */
  public List<Approval> approvals(String number) {
    return tickets.approvals(number);
  }

  public List<TimelineEntry> timeline(String number, boolean withInternal) {
    return tickets.timeline(number, withInternal);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
