package org.flowdesk.ticket;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.SetsStatus;
import org.flowdesk.models.StartForms;
import org.flowdesk.notification.Notifications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ticket steps models call, each named after its action. They read process variables
 * (or the step's input parameters, which take precedence), call {@link TicketService}, and
 * write back only the ticket number and values later steps decide on.
 */
@Configuration(proxyBeanMethods = false)
class TicketDelegates {

  /** Who acted last on the ticket's work task; set when the task is assigned. */
  static final String AGENT = "agent";

  @Bean
  @SetsStatus("new")
  JavaDelegate openTicket(TicketService tickets, StartForms startForms, Clock clock) {
    return execution -> {
      checkAgainstStartForm(execution, startForms);
      TicketType type = TicketType.valueOf(text(execution, "ticketType", "incident").toUpperCase());
      Ticket ticket = tickets.open(new NewTicket(type, text(execution, "title", null),
          text(execution, "description", null), text(execution, "requester", null),
          text(execution, "service", null), text(execution, "category", null),
          number(execution, "impact"), number(execution, "urgency"), execution.getProcessInstanceId(),
          text(execution, "itemId", null), decimal(execution, "price")),
          clock.instant());
      execution.setProcessBusinessKey(ticket.number());
      // Steps act on the instance's business key; the variable is for models' expressions and Cockpit.
      execution.setVariable("ticketNumber", ticket.number());
      // The ticket holds the text; variables keep only what the models decide on.
      execution.removeVariable("title");
      execution.removeVariable("description");
    };
  }

  @Bean
  JavaDelegate routeTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.route(ticketNumber(execution), number(execution, "priority"),
        text(execution, "assignmentGroup", null), clock.instant());
  }

  /** Task listener (assignment): the assignee takes the ticket on. */
  @Bean
  @SetsStatus("in_progress")
  TaskListener taskAssigned(TicketService tickets, Clock clock) {
    return task -> {
      String number = ticketNumber(task);
      if (task.getAssignee() == null) {
        tickets.unassign(number, clock.instant());
        return;
      }
      tickets.assign(number, task.getAssignee(), clock.instant());
      task.getExecution().setVariable(AGENT, task.getAssignee());
    };
  }

  @Bean
  JavaDelegate reassignTicket(TicketService tickets, Clock clock) {
    return execution -> {
      String group = text(execution, "newGroup", null);
      tickets.reassign(ticketNumber(execution), group, text(execution, "reassignReason", null),
          text(execution, AGENT, TicketService.SYSTEM), clock.instant());
      execution.setVariable("assignmentGroup", group);
    };
  }

  @Bean
  @SetsStatus("awaiting_requester")
  JavaDelegate requestInformation(TicketService tickets, Clock clock) {
    return execution -> tickets.requestInformation(ticketNumber(execution), text(execution, "question", null),
        text(execution, AGENT, TicketService.SYSTEM), clock.instant());
  }

  @Bean
  @SetsStatus("in_progress")
  JavaDelegate recordAnswer(TicketService tickets, Clock clock) {
    return execution -> tickets.provideInformation(ticketNumber(execution), text(execution, "answer", null),
        requesterOf(tickets, execution), clock.instant());
  }

  @Bean
  @SetsStatus("resolved")
  JavaDelegate resolveTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.resolve(ticketNumber(execution), text(execution, "resolutionCode", null),
        text(execution, "resolutionNotes", null), text(execution, "actor", text(execution, AGENT, TicketService.SYSTEM)),
        clock.instant());
  }

  @Bean
  @SetsStatus("in_progress")
  JavaDelegate reopenTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.reopen(ticketNumber(execution), text(execution, "confirmationComment", null),
        requesterOf(tickets, execution), clock.instant());
  }

  @Bean
  @SetsStatus("closed")
  JavaDelegate closeTicket(TicketService tickets, Clock clock) {
    return execution -> tickets.close(ticketNumber(execution), text(execution, "closeReason", "closed"),
        text(execution, "actor", TicketService.SYSTEM), clock.instant());
  }

  @Bean
  JavaDelegate recordSatisfaction(TicketService tickets, Clock clock) {
    return execution -> tickets.rate(ticketNumber(execution), number(execution, "rating"),
        text(execution, "ratingComment", null), requesterOf(tickets, execution), clock.instant());
  }

  /**
   * Tasklist and {@code /engine-rest} start processes without FlowDesk's API in between; the
   * start form's rules apply to them all the same. A refusal is a 400 for Camunda's REST API.
   */
  private static void checkAgainstStartForm(DelegateExecution execution, StartForms startForms) {
    Optional<FormSchema> form = startForms.of(execution.getProcessDefinitionId());
    if (form.isEmpty()) {
      return; // started only through FlowDesk's API, which checked the request itself
    }
    Map<String, Object> submitted = new HashMap<>();
    form.get().keys().forEach(key -> submitted.put(key, execution.getVariable(key)));
    try {
      form.get().validate(submitted);
    } catch (FormValidationException e) {
      throw new BadUserRequestException("Not reported: " + e.getMessage(), e);
    }
  }


  @Bean
  @SetsStatus("awaiting_approval")
  JavaDelegate awaitApproval(TicketService tickets, Clock clock) {
    return execution -> tickets.awaitApproval(ticketNumber(execution), clock.instant());
  }

  /** Task listener (complete) on approval tasks: the decision goes on the timeline. */
  @Bean
  TaskListener recordApproval(TicketService tickets, Clock clock) {
    return task -> tickets.recordApproval(ticketNumber(task), TaskActor.of(task),
        String.valueOf(task.getVariable("approval")), "approve".equals(task.getVariable("decision")),
        (String) task.getVariable("approvalComment"), clock.instant());
  }

  @Bean
  @SetsStatus("rejected")
  JavaDelegate rejectRequest(TicketService tickets, Clock clock) {
    return execution -> tickets.reject(ticketNumber(execution), clock.instant());
  }

  @Bean
  @SetsStatus("in_progress")
  JavaDelegate startFulfilment(TicketService tickets, Clock clock) {
    return execution -> tickets.startWork(ticketNumber(execution), clock.instant());
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

  /** Task listener (complete) on fulfilment tasks: each step goes on the timeline. */
  @Bean
  TaskListener recordFulfilmentStep(TicketService tickets, Clock clock) {
    return task -> tickets.recordStep(ticketNumber(task), TaskActor.of(task),
        task.getName() + ": done", clock.instant());
  }

  /** Who reported the ticket, from its record: the one who answers, confirms and rates. */
  private static String requesterOf(TicketService tickets, DelegateExecution execution) {
    return tickets.get(ticketNumber(execution)).requester();
  }

  static String ticketNumber(DelegateExecution execution) {
    return TicketOfInstance.of(execution);
  }

  static String ticketNumber(DelegateTask task) {
    return TicketOfInstance.of(task);
  }

  private static String text(DelegateExecution execution, String name, String fallback) {
    Object value = execution.getVariable(name);
    return value == null ? fallback : value.toString();
  }

  private static BigDecimal decimal(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : new BigDecimal(value.toString());
  }

  private static Integer number(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : ((Number) value).intValue();
  }
}
