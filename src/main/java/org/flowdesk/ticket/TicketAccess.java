package org.flowdesk.ticket;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.FormSchema;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see and work a ticket: its requester, its watchers and the owners of its service
 * see it; so do the people a step of it waits on (approvers) or who did one; agents of its
 * assignment group and its assignee work it; change managers and the
 * boards that approve changes see every change; administrators do everything. Anyone else is
 * told it does not exist.
 */
@Component
public class TicketAccess {

  /** How a major incident and the incidents attached to it are linked. */
  public static final String PARENT_OF = "parent_of";
  public static final String CHILD_OF = "child_of";

  private final TicketService tickets;
  private final SlaClocks clocks;
  private final Catalog catalog;
  private final AccessProperties access;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final ItemAnswerWords answerWords;

  TicketAccess(TicketService tickets, SlaClocks clocks, Catalog catalog, AccessProperties access,
      TaskService taskService, HistoryService historyService, ItemAnswerWords answerWords) {
    this.tickets = tickets;
    this.clocks = clocks;
    this.catalog = catalog;
    this.access = access;
    this.taskService = taskService;
    this.historyService = historyService;
    this.answerWords = answerWords;
  }

  public boolean canSee(Ticket ticket, CurrentUser user) {
    return ticket.requester().equals(user.id()) || works(ticket, user)
        // A problem may be logged before its service is known (and an immutable set refuses null).
        || (ticket.service() != null && catalog.servicesOwnedBy(user).contains(ticket.service()))
        || (TicketType.CHANGE.id().equals(ticket.type()) && seesAllChanges(user))
        || tickets.isWatcher(ticket.number(), user.id()) || hasTaskOn(ticket, user);
  }

  /**
   * Approvers and the people a step waits on see the ticket of their task, and those who did a
   * step of it keep seeing it.
   */
  private boolean hasTaskOn(Ticket ticket, CurrentUser user) {
    if (ticket.processInstanceId() == null) {
      return false;
    }
    TaskQuery open = taskService.createTaskQuery().processInstanceBusinessKey(ticket.number()).or()
        .taskAssignee(user.id()).taskCandidateUser(user.id());
    if (!user.groups().isEmpty()) {
      open.taskCandidateGroupIn(List.copyOf(user.groups()));
    }
    return open.endOr().count() > 0 || historyService.createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(ticket.number()).taskAssignee(user.id()).count() > 0;
  }

  /** Change managers and the members of the boards that approve changes. */
  public boolean seesAllChanges(CurrentUser user) {
    return access.changeRoleGroups().stream().anyMatch(user::isMemberOf);
  }

  /** Agents of the ticket: they see internal notes and may write them. */
  public boolean works(Ticket ticket, CurrentUser user) {
    return user.isAdministrator() || user.id().equals(ticket.assignee()) || user.isMemberOf(ticket.assignmentGroup());
  }

  /** The ticket, if the user may see it. */
  public Ticket visible(String number, CurrentUser user) {
    return tickets.find(number).filter(t -> canSee(t, user)).orElseThrow(() -> new NotFoundException("ticket", number));
  }

  /** The filter that limits a list to what the user may see. */
  TicketFilter.Visibility visibility(CurrentUser user) {
    return user.isAdministrator() ? null
        : new TicketFilter.Visibility(user, catalog.servicesOwnedBy(user), seesAllChanges(user));
  }

  /** A page of a list, its clocks read at once; without their answers, which are read with one ticket. */
  List<TicketView> listed(List<Ticket> tickets) {
    Map<String, List<SlaClock>> clocksOf = clocks.of(tickets.stream().map(Ticket::number).toList());
    return tickets.stream().map(ticket -> TicketView.of(ticket, clocksOf.getOrDefault(ticket.number(), List.of()), null))
        .toList();
  }

  /**
   * The ticket as one reads it, after the change that answers with it: the ticket, its clocks and relations
   * read in one transaction (each read was one of its own).
   */
  @Transactional(readOnly = true)
  public TicketView view(String number) {
    return view(tickets.get(number));
  }

  /** {@link #view(Ticket, CurrentUser)} read in one transaction, as {@link #view(String)}. */
  @Transactional(readOnly = true)
  public TicketView view(String number, CurrentUser user) {
    return view(tickets.get(number), user);
  }

  /** {@link #view(Ticket, CurrentUser, String)} read in one transaction, as {@link #view(String)}. */
  @Transactional(readOnly = true)
  public TicketView view(String number, CurrentUser user, String language) {
    return view(tickets.get(number), user, language);
  }

  /** The ticket as one reads it; a major incident's children only through {@link #view(Ticket, CurrentUser)}. */
  public TicketView view(Ticket ticket) {
    return view(ticket, false);
  }

  /**
   * The ticket as this user reads it: a major incident's children are other people's incidents, listed for
   * the agents who work it only (an empty list for everyone else).
   */
  public TicketView view(Ticket ticket, CurrentUser user) {
    return view(ticket, works(ticket, user), Languages.MODELS_LANGUAGE);
  }

  /** {@link #view(Ticket, CurrentUser)} with a request's answers labelled in the language. */
  public TicketView view(Ticket ticket, CurrentUser user, String language) {
    return view(ticket, works(ticket, user), language);
  }

  private TicketView view(Ticket ticket, boolean withChildren) {
    return view(ticket, withChildren, Languages.MODELS_LANGUAGE);
  }

  private TicketView view(Ticket ticket, boolean withChildren, String language) {
    // Answers are those of a catalog item's form: a ticket without an item has none to read.
    List<FormSchema.Answer> answers = ticket.item() == null ? List.of()
        : answerWords.in(language, ticket.item(), tickets.answers(ticket.number()));
    if (!TicketType.INCIDENT.id().equals(ticket.type())) {
      return TicketView.of(ticket, clocks.of(ticket.number()), answers);
    }
    TicketRepository.MajorRelations major = tickets.majorRelations(ticket.number());
    return TicketView.of(ticket, clocks.of(ticket.number()), answers, major.major(), major.parent(),
        withChildren ? major.children() : List.of());
  }
}
