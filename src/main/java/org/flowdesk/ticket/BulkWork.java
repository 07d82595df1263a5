package org.flowdesk.ticket;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.TaskForms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One action on many tickets, each ticket as a single action would do it and in a transaction of
 * its own: a refused or failed ticket changes nothing of itself and nothing of the others.
 *
 * <p>Resolving, reassigning and taking on act on the ticket's work step: the task whose form
 * offers the choice {@value #CHOICE} ({@code forms/incident-work.form}: resolve, ask_requester,
 * reassign). A ticket without such a step is taken on by its step offered to its group: a request's
 * fulfilment step, a change's implementation, a problem's investigation. Resolving and reassigning complete it with that choice and the form's fields,
 * checked by the form as /api/tasks checks them, so a ticket type whose work form offers
 * "resolve" may be resolved in bulk without a change here.
 */
@Component
class BulkWork {

  private static final Logger LOG = LoggerFactory.getLogger(BulkWork.class);

  /** The work form's field by which the agent chooses what happens next. */
  static final String CHOICE = "action";

  /** Why a ticket was not done: a word for programs (and the portal's texts), and a sentence for people. */
  enum Refusal {
    NOT_FOUND, NOT_YOURS, TAKEN, NO_STEP, INVALID, FAILED
  }

  /**
   * What became of one ticket; why not in English, as a refusal is written, and for a ticket whose form refused
   * fields those fields (each read in the caller's language, as a refused form's are).
   */
  record Outcome(String ticket, boolean done, Refusal refusal, String reason, List<FieldError> fields, String form) {

    static Outcome done(String ticket) {
      return new Outcome(ticket, true, null, null, List.of(), null);
    }

    static Outcome refused(String ticket, Refusal refusal, String reason) {
      return new Outcome(ticket, false, refusal, reason, List.of(), null);
    }
  }

  /** What a bulk action does to each ticket. */
  enum Action {
    ASSIGN, REASSIGN, COMMENT, RESOLVE;

    String word() {
      return name().toLowerCase();
    }
  }

  /**
   * The action and its fields: for resolve the work form's resolutionCode and resolutionNotes, for
   * reassign its newGroup and reassignReason, for assign the assignee (none: the caller), for comment the
   * text and whether it is internal.
   */
  record Order(Action action, Map<String, Object> fields, String text, boolean internal) {
  }

  private final TaskWork work;
  private final TicketAccess access;
  private final TicketComments comments;
  private final TaskService taskService;
  private final TaskForms taskForms;
  private final DeployedVocabulary vocabulary;
  private final People people;
  private final TransactionTemplate ownTransaction;

  BulkWork(TaskWork work, TicketAccess access, TicketComments comments, TaskService taskService, TaskForms taskForms,
      DeployedVocabulary vocabulary, People people, PlatformTransactionManager transactions) {
    this.work = work;
    this.access = access;
    this.comments = comments;
    this.taskService = taskService;
    this.taskForms = taskForms;
    this.vocabulary = vocabulary;
    this.people = people;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  List<Outcome> apply(Order order, List<String> tickets, CurrentUser user) {
    return tickets.stream().map(ticket -> applyTo(order, ticket, user)).toList();
  }

  private Outcome applyTo(Order order, String ticket, CurrentUser user) {
    try {
      ownTransaction.executeWithoutResult(status -> perform(order, ticket, user));
      LOG.info("{} {} by {} (bulk)", ticket, order.action().word(), user.id());
      return Outcome.done(ticket);
    } catch (NotFoundException e) {
      return Outcome.refused(ticket, Refusal.NOT_FOUND, "No ticket " + ticket + " that you may see");
    } catch (StepNotYours e) {
      return Outcome.refused(ticket, Refusal.NOT_YOURS, e.getMessage());
    } catch (ForbiddenException e) {
      return Outcome.refused(ticket, Refusal.NOT_YOURS, e.getMessage());
    } catch (ConflictException e) {
      return Outcome.refused(ticket, Refusal.TAKEN, e.getMessage());
    } catch (NoStep e) {
      return Outcome.refused(ticket, Refusal.NO_STEP, e.getMessage());
    } catch (FormValidationException e) {
      return new Outcome(ticket, false, Refusal.INVALID, e.getMessage(), e.errors(), e.form());
    } catch (RuntimeException e) {
      LOG.warn("{} {} by {} (bulk) failed and was rolled back", ticket, order.action().word(), user.id(), e);
      return Outcome.refused(ticket, Refusal.FAILED, "It could not be done; nothing of " + ticket + " was changed");
    }
  }

  private void perform(Order order, String ticket, CurrentUser user) {
    switch (order.action()) {
      case COMMENT -> {
        Ticket seen = access.visible(ticket, user);
        if (order.internal() && !access.works(seen, user)) {
          // One refusal word for "another group works it", whichever action found that out.
          throw new StepNotYours(ticket + " is worked by " + workers(seen)
              + ", not by you: you may not write internal comments on it");
        }
        comments.comment(ticket, user, order.text(), order.internal(), null);
      }
      case ASSIGN -> work.assignTo(workStep(ticket, user, null), user, (String) order.fields().get("assignee"));
      case RESOLVE, REASSIGN -> {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(CHOICE, order.action().word());
        fields.putAll(order.fields());
        work.complete(workStep(ticket, user, order.action().word()), user, fields);
      }
    }
  }

  /**
   * The ticket's work step that the caller may do, whose form offers {@code choice} (any work step
   * when null); refused as not found when the caller may not see the ticket.
   */
  private Task workStep(String ticket, CurrentUser user, String choice) {
    Ticket seen = access.visible(ticket, user);
    List<Task> workable = work.workableOf(ticket, user);
    List<Task> steps = workable.stream().filter(task -> offers(task, choice)).toList();
    if (steps.isEmpty() && choice == null && seen.assignmentGroup() != null) {
      // Taking on a ticket whose steps have no work form (a request's fulfilment): its step offered to its group.
      steps = workable.stream().filter(task -> offeredTo(task, seen.assignmentGroup())).toList();
    }
    if (!steps.isEmpty()) {
      return steps.get(0);
    }
    String doing = choice == null ? "take it on" : choice + " it";
    boolean othersMay = taskService.createTaskQuery().processInstanceBusinessKey(ticket).initializeFormKeys().list()
        .stream().anyMatch(task -> offers(task, choice) || (choice == null && seen.assignmentGroup() != null
            && offeredTo(task, seen.assignmentGroup())));
    if (othersMay) {
      throw new StepNotYours(ticket + " is worked by " + workers(seen) + ", not by you: you may not " + doing);
    }
    throw new NoStep(ticket + " has no step now by which to " + doing + " (it is "
        + vocabulary.current().statusLabel(seen.status()) + ")");
  }

  /** Who works the ticket, as people read it: "the group Network team". */
  private String workers(Ticket ticket) {
    return ticket.assignmentGroup() == null ? "another group" : "the group " + people.groupName(ticket.assignmentGroup());
  }

  private boolean offeredTo(Task task, String group) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId()));
  }

  private boolean offers(Task task, String choice) {
    return taskForms.of(task).map(form -> choice == null ? !form.schema().options(CHOICE).isEmpty()
        : form.schema().options(CHOICE).contains(choice)).orElse(false);
  }

  /** The ticket has no step now that does the action (it is resolved, or waits on its requester). */
  private static final class NoStep extends RuntimeException {
    NoStep(String message) {
      super(message);
    }
  }

  /** The step is there, but for others than the caller. */
  private static final class StepNotYours extends RuntimeException {
    StepNotYours(String message) {
      super(message);
    }
  }
}
