package org.flowdesk.ticket;

import static org.flowdesk.StepInputs.decimal;
import static org.flowdesk.StepInputs.number;
import static org.flowdesk.StepInputs.text;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.SetsStatus;
import org.flowdesk.models.StartForms;
import org.flowdesk.notification.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps every ticket type's model calls, each named after its action: open, take on,
 * resolve, reopen, close, tell the candidates. A type's own steps are in its package
 * ({@code incident.IncidentDelegates}, {@code request.RequestDelegates}, {@code change.ChangeDelegates}).
 * They read process variables (or the step's input parameters, which take precedence), call
 * {@link TicketService}, and write back only the ticket number and values later steps decide on.
 */
@Configuration(proxyBeanMethods = false)
class TicketDelegates {

  @Bean
  @SetsStatus("new")
  JavaDelegate openTicket(TicketService tickets, StartForms startForms, List<TicketStartCheck> checks, Clock clock) {
    return execution -> {
      if (!StartForms.checkedAtTheDoor(execution)) {
        checkAgainstStartForm(execution, startForms);
      }
      checkBeyondTheForm(execution, checks);
      TicketType type = TicketType.valueOf(text(execution, "ticketType", "incident").toUpperCase());
      Ticket ticket = tickets.open(new NewTicket(type, text(execution, "title", null),
          text(execution, "description", null), text(execution, "requester", null),
          text(execution, "service", null), text(execution, "category", null),
          number(execution, "impact"), number(execution, "urgency"), execution.getProcessInstanceId(),
          text(execution, "itemId", null), decimal(execution, "price"), decided(execution, "priority", Integer.class),
          decided(execution, "assignmentGroup", String.class), enteredBy(execution),
          text(execution, TicketStartCheck.CONFIGURATION_ITEM, null)),
          clock.instant());
      execution.setProcessBusinessKey(ticket.number());
      // Steps act on the instance's business key; the variable is for models' expressions and Cockpit.
      execution.setVariable("ticketNumber", ticket.number());
      // The ticket holds the text; variables keep only what the models decide on.
      execution.removeVariable("title");
      execution.removeVariable("description");
    };
  }

  /**
   * The rules of a start that depend on data, not only on the form ({@link TicketStartCheck}): every
   * door's start meets them here. A refusal is a 400 for Camunda's REST API; FlowDesk's intake answers
   * with the field errors ({@link TicketStartCheck#refusal}).
   */
  private static void checkBeyondTheForm(DelegateExecution execution, List<TicketStartCheck> checks) {
    List<FieldError> problems = checks.stream().flatMap(check -> check.problems(execution).stream())
        .toList();
    if (!problems.isEmpty()) {
      FormValidationException refused = new FormValidationException(problems);
      throw new BadUserRequestException("Not opened: " + refused.getMessage(), refused);
    }
  }

  /**
   * Who entered the ticket for its requester: set only by FlowDesk's intake, after its access rules
   * allowed it, as a transient variable. No door lets a person set it: Camunda's REST API and Tasklist
   * start with exactly the start form's fields, and "enteredBy" is no form's field.
   */
  private static String enteredBy(DelegateExecution execution) {
    Object value = execution.getVariable(OnBehalf.ENTERED_BY);
    return value instanceof String user ? user : null;
  }

  /**
   * What a model decided before the ticket is opened (an incident's priority and group), only when
   * the step maps it as its own input parameter: a process variable of that name could come from a
   * start form, and a requester never sets a ticket's priority or queue.
   */
  private static <T> T decided(DelegateExecution execution, String name, Class<T> type) {
    Object value = execution.getVariableLocal(name);
    return type.isInstance(value) ? type.cast(value) : null;
  }

  /** Whether the task was created in the command that runs now: its assignee is the model's. */
  private static boolean createdNow(DelegateTask task) {
    CommandContext command = Context.getCommandContext();
    return task instanceof TaskEntity entity && command != null
        && command.getDbEntityManager().getDbEntityCache().isTransient(entity);
  }

  /** Task listener (assignment): the assignee takes the ticket on. */
  @Bean
  @SetsStatus("in_progress")
  TaskListener taskAssigned(TicketService tickets, Clock clock) {
    return task -> {
      String number = ticketNumber(task);
      if (task.getAssignee() == null) {
        tickets.unassign(number, clock.instant());
        // Given back to the group: when the ticket comes back later, it goes to the group, not to them.
        task.getExecution().setVariable(TaskActor.AGENT, null);
        return;
      }
      // Someone who is not the assignee may have given it to them (a colleague of the group dispatching it); a
      // task created with its assignee got it from the model (the agent who worked the ticket before), not from
      // whoever's action created it.
      tickets.assign(number, task.getAssignee(), createdNow(task) ? TicketService.SYSTEM : TaskActor.assignedBy(task),
          clock.instant());
      task.getExecution().setVariable(TaskActor.AGENT, task.getAssignee());
    };
  }

  @Bean
  @SetsStatus("resolved")
  JavaDelegate resolveTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.resolve(ticketNumber(execution), text(execution, "resolutionCode", null),
        text(execution, "resolutionNotes", null), text(execution, "actor", text(execution, TaskActor.AGENT, TicketService.SYSTEM)),
        clock.instant());
  }

  /**
   * The requester says the resolution or the delivery is not right: the ticket is worked again, and the
   * timeline says why in their words ({@code reopenReason}, which the confirmation forms ask for when they say
   * no). Who reopens is the ticket's requester, from its record.
   */
  @Bean
  @SetsStatus("in_progress")
  JavaDelegate reopenTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.reopen(ticketNumber(execution),
        text(execution, "reopenReason", text(execution, "confirmationComment")),
        tickets.get(ticketNumber(execution)).requester(), clock.instant());
  }

  /** Inputs {@code closeReason}, {@code actor} and, if the requester wrote one, {@code closeComment}. */
  @Bean
  @SetsStatus("closed")
  JavaDelegate closeTicket(TicketService tickets, Clock clock) {
    return execution -> {
      String comment = text(execution, "closeComment", "");
      tickets.close(ticketNumber(execution), text(execution, "closeReason", "closed")
          + (comment.isBlank() ? "" : ": " + comment), text(execution, "actor", TicketService.SYSTEM), clock.instant());
    };
  }

  /**
   * A start that passed no door's check (an administrator's in Cockpit or at
   * {@code /engine-rest}, a Java caller) meets the start form's rules here. A refusal is a 400 for
   * Camunda's REST API.
   */
  private static void checkAgainstStartForm(DelegateExecution execution, StartForms startForms) {
    Optional<FormSchema> form = startForms.of(execution.getProcessDefinitionId());
    if (form.isEmpty()) {
      return; // started only by FlowDesk, which checked the request itself
    }
    Map<String, Object> submitted = new HashMap<>();
    form.get().keys().forEach(key -> submitted.put(key, execution.getVariable(key)));
    try {
      form.get().validate(submitted);
    } catch (FormValidationException e) {
      throw new BadUserRequestException("Not reported: " + e.getMessage(), e);
    }
  }

  /**
   * Task listener (create) beside {@code notifyTaskAudience} on tasks offered to candidate users
   * (approvals that leave the requester out): tells each of them, with the task's input
   * parameters {@code notificationKind} and {@code notificationText}.
   */
  @Bean
  TaskListener notifyCandidateUsers(Notifications notifications, Clock clock) {
    return task -> {
      if (task.getAssignee() != null) {
        return;
      }
      String kind = String.valueOf(task.getVariable("notificationKind"));
      String text = String.valueOf(task.getVariable("notificationText"));
      String ticket = ticketNumber(task);
      task.getCandidates().stream().filter(link -> link.getUserId() != null)
          .forEach(link -> notifications.toUser(link.getUserId(), ticket, kind, text, clock.instant()));
    };
  }

  private static String ticketNumber(DelegateExecution execution) {
    return TicketOfInstance.of(execution);
  }

  private static String ticketNumber(DelegateTask task) {
    return TicketOfInstance.of(task);
  }
}
