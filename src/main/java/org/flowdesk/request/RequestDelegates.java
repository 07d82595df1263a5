package org.flowdesk.request;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.flowdesk.StepInputs;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.UtcColumns;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.SetsStatus;
import org.flowdesk.ticket.TaskActor;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketTitle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The steps of processes/service-request.bpmn and the fulfilment processes it calls: waiting
 * for approval, each approver's decision, rejection, the fulfilment's steps and the cost.
 */
@Configuration(proxyBeanMethods = false)
class RequestDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDelegates.class);

  @Bean
  @SetsStatus("awaiting_approval")
  JavaDelegate awaitApproval(TicketService tickets, Clock clock) {
    return execution -> tickets.awaitApproval(TicketOfInstance.of(execution), clock.instant());
  }

  /** Task listener (complete) on approval tasks: the decision goes on the timeline. */
  @Bean
  TaskListener recordApproval(TicketService tickets, Clock clock) {
    return task -> {
      String number = TicketOfInstance.of(task);
      // The approval chain's loop names the step (manager, budget, security); an approval a fulfilment
      // process asks for on its own is named by its task ("Legal counsel signs off").
      Object approval = task.getVariable("approval");
      String name = TicketTitle.step(task.getName(), number);
      tickets.recordApproval(number, TaskActor.of(task), approval != null ? approval.toString() : name, name,
          "approve".equals(task.getVariable("decision")),
          // request-approval's comment on an approval, or the reason it asks for on a rejection.
          (String) (task.getVariable("approvalComment") != null ? task.getVariable("approvalComment")
              : task.getVariable("rejectionReason")),
          clock.instant());
    };
  }

  /**
   * The requester withdrew the request while it waited for approval (RequestController correlates the
   * model's message); the ticket's requester is who withdrew it, whatever a variable says.
   */
  @Bean
  @SetsStatus("cancelled")
  JavaDelegate withdrawRequest(TicketService tickets, Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      Object reason = execution.getVariable("withdrawReason");
      tickets.cancel(number, reason == null ? null : reason.toString(),
          tickets.find(number).orElseThrow().requester(), clock.instant());
    };
  }

  @Bean
  @SetsStatus("rejected")
  JavaDelegate rejectRequest(TicketService tickets, Clock clock) {
    return execution -> tickets.reject(TicketOfInstance.of(execution), clock.instant());
  }

  /**
   * Fulfilment begins: the request goes to the group the model names ({@code group}, as shipped the item's
   * fulfilment group in the catalog), so it is in that group's queue. Without one it keeps its group.
   */
  @Bean
  @SetsStatus("in_progress")
  JavaDelegate startFulfilment(TicketService tickets, Clock clock) {
    return execution -> tickets.startWork(TicketOfInstance.of(execution), StepInputs.declaredInput(execution, "group"),
        clock.instant());
  }

  /**
   * Task listener (complete) on fulfilment tasks: each step goes on the timeline with what the
   * fulfiller wrote in its form (supplier order, asset tag, notes), labelled as the form labels
   * it; those texts reach no process variable (the doors make them transient).
   */
  @Bean
  TaskListener recordFulfilmentStep(TicketService tickets, DeployedForms forms, Clock clock) {
    return task -> {
      StringBuilder text = new StringBuilder(TicketTitle.step(task.getName(), TicketOfInstance.of(task)))
          .append(": done");
      String formRef = task.getBpmnModelElementInstance() == null ? null
          : task.getBpmnModelElementInstance().getCamundaFormRef();
      // What the fulfiller answered in the form, each field by its label and a choice by its option's label ("What
      // becomes of the device: Retire it"); the time spent is recorded as time worked, not here.
      forms.byId(String.valueOf(formRef)).ifPresent(form -> {
        Map<String, Object> answered = new LinkedHashMap<>();
        form.keys().stream().filter(key -> !FormSchema.TIME_SPENT.equals(key)).forEach(key -> {
          Object value = task.getVariable(key);
          if (value != null && !value.toString().isBlank()) {
            answered.put(key, value);
          }
        });
        form.answers(answered).forEach(answer -> text.append('\n').append(answer.label()).append(": ")
            .append(answer.shown()));
      });
      tickets.recordStep(TicketOfInstance.of(task), TaskActor.of(task), text.toString(), clock.instant());
    };
  }

  /** A fulfilled request's price, booked against its service and line of business. */
  @Bean
  JavaDelegate recordCost(JdbcClient jdbc, Clock clock) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      BigDecimal price = new BigDecimal(String.valueOf(execution.getVariable("price")));
      jdbc.sql("INSERT INTO fd_cost_record (ticket_number, service, line_of_business, item_id, price, recorded_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)")
          .params(ticket, execution.getVariable("service"), execution.getVariable("lineOfBusiness"),
              execution.getVariable("itemId"), price, UtcColumns.utc(clock.instant()))
          .update();
      LOG.info("{} cost {} booked to {} / {}", ticket, price, execution.getVariable("service"),
          execution.getVariable("lineOfBusiness"));
    };
  }
}
