package org.flowdesk.incident;

import static org.flowdesk.StepInputs.number;
import static org.flowdesk.StepInputs.text;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.api.ConflictException;
import org.flowdesk.models.SetsStatus;
import org.flowdesk.problem.ProblemsFromIncidents;
import org.flowdesk.ticket.TaskActor;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The steps of processes/incident.bpmn beyond what every ticket shares: reassignment, asking the
 * requester and hearing back, reopening a closed incident and the satisfaction rating. (The ticket is opened with
 * the priority and group its decisions gave it, by the shared "Open ticket" step.)
 */
@Configuration(proxyBeanMethods = false)
class IncidentDelegates {

  @Bean
  JavaDelegate reassignTicket(TicketService tickets, Clock clock) {
    return execution -> {
      String group = text(execution, "newGroup");
      tickets.reassign(TicketOfInstance.of(execution), group, text(execution, "reassignReason"),
          text(execution, TaskActor.REASSIGNED_BY, text(execution, TaskActor.AGENT, TicketService.SYSTEM)),
          clock.instant());
      execution.setVariable("assignmentGroup", group);
    };
  }

  @Bean
  @SetsStatus("awaiting_requester")
  JavaDelegate requestInformation(TicketService tickets, Clock clock) {
    return execution -> tickets.requestInformation(TicketOfInstance.of(execution), text(execution, "question"),
        text(execution, TaskActor.AGENT, TicketService.SYSTEM), clock.instant());
  }

  @Bean
  @SetsStatus("in_progress")
  JavaDelegate recordAnswer(TicketService tickets, Clock clock) {
    return execution -> tickets.provideInformation(TicketOfInstance.of(execution), text(execution, "answer"),
        requesterOf(tickets, execution), clock.instant());
  }

  /**
   * First step of a reopen (the message start event of incident.bpmn): the closed ticket is worked again
   * by this instance, and the variables the steps after it read come from the ticket's record, never from
   * the message. A ticket that is not closed (any more) is refused: the message changes nothing.
   */
  @Bean
  @SetsStatus("in_progress")
  JavaDelegate reopenClosedTicket(TicketService tickets, IncidentReopening reopening, Clock clock) {
    return execution -> {
      String number = TicketOfInstance.of(execution);
      reopening.refuseMerged(tickets.get(number));
      if (!tickets.reopenClosed(number, text(execution, IncidentReopening.REASON, "no reason given"),
          text(execution, IncidentReopening.REOPENED_BY, TicketService.SYSTEM), execution.getProcessInstanceId(),
          clock.instant())) {
        throw new ConflictException(number + " is not closed (any more): someone reopened it first");
      }
      Ticket ticket = tickets.get(number);
      execution.setVariable("ticketNumber", number);
      execution.setVariable("requester", ticket.requester());
      execution.setVariable("priority", ticket.priority());
      execution.setVariable("assignmentGroup", ticket.assignmentGroup());
    };
  }

  /**
   * "Close as duplicate", after the message {@code IncidentMerged}: input {@code resolutionCode} (the model's);
   * the survivor, reason and who merged come with the message, as transient variables.
   */
  @Bean
  @SetsStatus({"resolved", "closed"})
  JavaDelegate closeAsDuplicate(IncidentMerging merging, Clock clock) {
    return execution -> merging.closeAsDuplicate(TicketOfInstance.of(execution),
        text(execution, IncidentMerging.INTO), text(execution, "resolutionCode"),
        text(execution, IncidentMerging.REASON), text(execution, IncidentMerging.MERGED_BY, TicketService.SYSTEM),
        clock.instant());
  }

  /**
   * "Record the new priority", in the event sub-process "Priority changed" after the message
   * {@code IncidentReprioritised}: {@code impact} and {@code urgency} came with the message, {@code priority} is
   * the model's decision; the reason and who changed it come as transient variables. The priority before
   * the change is {@code previousPriority}, local to the event sub-process, for its gateways.
   */
  @Bean
  JavaDelegate recordPriorityChange(IncidentReprioritising reprioritising, Clock clock) {
    return execution -> execution.setVariableLocal("previousPriority", reprioritising.record(
        TicketOfInstance.of(execution), execution.getVariable("impact"), execution.getVariable("urgency"),
        execution.getVariable("priority"), text(execution, IncidentReprioritising.REASON),
        text(execution, IncidentReprioritising.CHANGED_BY, authenticatedOr(execution, TicketService.SYSTEM)),
        clock.instant()));
  }

  /**
   * "Declare major incident": the model's decision for a P1, or an agent's (who comes with the message, as
   * a transient variable). {@code majorIncident} is the engine's, for the gateway after the resolution.
   */
  @Bean
  JavaDelegate declareMajorIncident(MajorIncidents majors, Clock clock) {
    return execution -> {
      majors.recordDeclared(TicketOfInstance.of(execution),
          text(execution, MajorIncidents.DECLARED_BY, TicketService.SYSTEM), clock.instant());
      execution.setVariable(MajorIncidents.MAJOR, true);
    };
  }

  /** "Wait with the major incident": input {@code status}, the model's. */
  @Bean
  JavaDelegate joinMajorIncident(MajorIncidents majors, Clock clock) {
    return execution -> majors.recordJoined(TicketOfInstance.of(execution), text(execution, "status"),
        clock.instant());
  }

  @Bean
  JavaDelegate resolveChildIncidents(MajorIncidents majors, Clock clock) {
    return execution -> majors.resolveChildren(TicketOfInstance.of(execution), clock.instant());
  }

  @Bean
  @SetsStatus("resolved")
  JavaDelegate resolveWithMajorIncident(MajorIncidents majors, Clock clock) {
    return execution -> majors.resolveWithParent(TicketOfInstance.of(execution), clock.instant());
  }

  /**
   * Task listener (complete) on the post-incident review: the findings on the timeline, and with
   * {@code raiseProblem} a problem raised from the incident by the reviewer, through the problem intake.
   */
  @Bean
  TaskListener recordPostIncidentReview(TicketService tickets, ProblemsFromIncidents problems, Clock clock) {
    return task -> {
      String number = TicketOfInstance.of(task);
      String actor = TaskActor.of(task);
      String findings = String.valueOf(task.getVariable("reviewFindings"));
      tickets.recordStep(number, actor, "Post-incident review: " + findings, clock.instant());
      if (Boolean.TRUE.equals(task.getVariable("raiseProblem"))) {
        Object title = task.getVariable("problemTitle");
        String problem = problems.raise(number, title == null || title.toString().isBlank()
            ? null : title.toString().strip(), findings, actor);
        tickets.recordStep(number, actor, "Problem " + problem + " raised from the review", clock.instant());
      }
    };
  }

  @Bean
  JavaDelegate recordSatisfaction(TicketService tickets, Clock clock) {
    return execution -> tickets.rate(TicketOfInstance.of(execution), number(execution, "rating"),
        text(execution, "ratingComment"), requesterOf(tickets, execution), clock.instant());
  }

  /** Who sent the message at the engine's own door (an administrator), when FlowDesk's API did not say. */
  private static String authenticatedOr(DelegateExecution execution, String fallback) {
    var authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return authentication == null || authentication.getUserId() == null ? fallback : authentication.getUserId();
  }

  /** Who reported the ticket, from its record: the one who answers, confirms and rates. */
  private static String requesterOf(TicketService tickets, DelegateExecution execution) {
    return tickets.get(TicketOfInstance.of(execution)).requester();
  }
}
