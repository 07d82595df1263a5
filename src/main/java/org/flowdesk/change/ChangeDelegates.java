package org.flowdesk.change;

import static org.flowdesk.StepInputs.text;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.flowdesk.incident.IncidentIntake;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.ticket.TaskActor;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketTitle;
import org.flowdesk.models.SetsStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The change steps processes/change.bpmn calls. What happens when, who approves and by which
 * rule is the model's (and decisions/change-risk.dmn's and change-approval.dmn's); these steps
 * keep the change's record and timeline.
 */
@Configuration(proxyBeanMethods = false)
class ChangeDelegates {

  /**
   * Checks the request against the change rules (Tasklist starts the process without the API),
   * records the plan and leaves the decision inputs as variables; the plans' texts live in the
   * change record only.
   */
  @Bean
  JavaDelegate recordChangePlan(ChangeRequests requests, ChangePlans plans, Clock clock) {
    return execution -> {
      Map<String, Object> request = new HashMap<>(execution.getVariables());
      ChangeRequests.Checked change;
      try {
        change = requests.check(request, clock.instant());
      } catch (FormValidationException e) {
        throw new BadUserRequestException("Not raised: " + e.getMessage(), e);
      }
      plans.record(number(execution), change, clock.instant());
      execution.setVariables(change.decisionInputs());
      for (String text : List.of("implementationPlan", "backoutPlan", "testEvidence", "plannedStart", "plannedEnd")) {
        execution.removeVariable(text);
      }
      if (change.template() == null) {
        execution.removeVariable("template");
      }
      // decisions/change-risk.dmn rates every change, standard ones included (its first rule).
      execution.setVariable("risk", "unrated");
    };
  }

  @Bean
  @SetsStatus("assessment")
  JavaDelegate recordChangeRisk(ChangePlans plans, Clock clock) {
    return execution -> plans.recordRisk(number(execution), text(execution, "risk"), clock.instant());
  }

  /**
   * Input {@code checkpoint} (before approval, before implementation). Sets {@code conflictFound}, which the
   * gateways read, and {@code conflicts}, the text found then (Cockpit shows it); the timeline records it. The
   * approvers' forms show the conflicts as they are when read ({@link ChangeConflictsText}).
   */
  @Bean
  JavaDelegate checkChangeConflicts(ChangePlans plans, TicketService tickets, Clock clock) {
    return execution -> {
      String number = number(execution);
      List<ChangeCalendar.Conflict> conflicts = plans.conflicts(number);
      String checkpoint = text(execution, "checkpoint");
      if (conflicts.isEmpty()) {
        execution.setVariable("conflictFound", false);
        execution.setVariable("conflicts", ChangeConflictsText.NONE);
        tickets.recordStep(number, TicketService.SYSTEM, "No conflicts " + checkpoint
            + " with approved changes or blackout windows", clock.instant());
        return;
      }
      String text = conflicts.stream().map(ChangeCalendar.Conflict::text).collect(Collectors.joining("\n"));
      execution.setVariable("conflictFound", true);
      execution.setVariable("conflicts", text);
      tickets.recordStep(number, TicketService.SYSTEM, "Conflict " + checkpoint + ":\n" + text, clock.instant());
    };
  }

  /**
   * Reads the approval decision ({@code approvalRoute}: approvers and rule) and sets up the vote:
   * the input {@code voters}, which the model computes, are who vote.
   */
  @Bean
  @SetsStatus("approval")
  JavaDelegate awaitChangeApproval(TicketService tickets, Clock clock) {
    return execution -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> route = (Map<String, Object>) execution.getVariable("approvalRoute");
      if (route == null || route.get("approvers") == null) {
        throw new IllegalStateException("decisions/change-approval.dmn has no rule for a "
            + execution.getVariable("changeType") + " change of " + execution.getVariable("risk") + " risk");
      }
      String approvers = route.get("approvers").toString();
      String rule = String.valueOf(route.getOrDefault("rule", "single"));
      Object label = route.getOrDefault("approversLabel", approvers);
      @SuppressWarnings("unchecked")
      List<String> members = List.copyOf((List<String>) execution.getVariableLocal("voters"));
      execution.removeVariable("approvalRoute");
      execution.setVariable("approvers", approvers);
      execution.setVariable("approvalRule", rule);
      execution.setVariable("cabMembers", members);
      execution.setVariable("cabSize", members.size());
      execution.setVariable("cabApprovals", 0);
      execution.setVariable("cabRejections", 0);
      execution.setVariable("cabOutcome", "open");
      // "Waiting for approval by {approvers}; {risk} risk" of i18n's timeline texts: the label as the decision
      // writes it ("the change advisory board (a majority)"), read in the reader's language as a code.
      tickets.awaitApproval(number(execution), ChangeStatus.APPROVAL, "Waiting for approval by "
          + label + "; " + execution.getVariable("risk") + " risk", clock.instant());
    };
  }

  /**
   * Task listener (complete) on a CAB member's vote: the count goes up, the vote on the timeline,
   * and {@code cabOutcome} (approved, rejected, open) is what the task's input
   * {@code outcomeDecision} (decisions/cab-outcome.dmn, of the process's own deployment) says of
   * the counts; the voting closes and the gateway decides on it.
   */
  @Bean
  TaskListener recordCabVote(TicketService tickets, RepositoryService repository, DecisionService decisions,
      Clock clock) {
    return task -> {
      boolean approve = "approve".equals(task.getVariable("vote"));
      String reason = (String) task.getVariable("voteReason");
      DelegateExecution instance = task.getExecution().getProcessInstance();
      String counter = approve ? "cabApprovals" : "cabRejections";
      instance.setVariable(counter, ((Number) instance.getVariable(counter)).intValue() + 1);
      String deployment = repository.getProcessDefinition(task.getProcessDefinitionId()).getDeploymentId();
      DecisionDefinition outcome = repository.createDecisionDefinitionQuery().deploymentId(deployment)
          .decisionDefinitionKey((String) task.getVariable("outcomeDecision")).singleResult();
      instance.setVariable("cabOutcome", decisions.evaluateDecisionTableById(outcome.getId())
          .variables(Map.of("approvalRule", instance.getVariable("approvalRule"),
              "cabApprovals", instance.getVariable("cabApprovals"), "cabRejections", instance.getVariable("cabRejections"),
              "cabSize", instance.getVariable("cabSize")))
          .evaluate().getSingleEntry());
      tickets.recordApproval(number(task), TaskActor.of(task), "CAB vote", TicketTitle.step(task.getName(),
          number(task)), approve, reason, clock.instant());
    };
  }

  /**
   * Task listener (complete) on the change manager's and the boards' decisions ({@code decision},
   * {@code decisionReason}): approvals and rejections go on the timeline as such, other decisions
   * as a step; {@code decidedBy} remembers who decided.
   */
  @Bean
  TaskListener recordChangeDecision(TicketService tickets, Clock clock) {
    return task -> {
      String decision = String.valueOf(task.getVariable("decision"));
      String reason = (String) task.getVariable("decisionReason");
      String step = TicketTitle.step(task.getName(), number(task));
      if ("approve".equals(decision) || "reject".equals(decision)) {
        tickets.recordApproval(number(task), TaskActor.of(task), step, step, "approve".equals(decision), reason,
            clock.instant());
      } else {
        // "{step}: decided to {decision}" of i18n's timeline texts, the decision's code read as a word.
        tickets.recordStep(number(task), TaskActor.of(task), step + ": decided to " + decision + suffix(reason),
            clock.instant());
      }
      task.getExecution().setVariable("decidedBy", TaskActor.of(task));
    };
  }

  /** Input {@code reason}: why the change manager decides instead. */
  @Bean
  @SetsStatus("approval")
  JavaDelegate escalateChangeApproval(TicketService tickets, Clock clock) {
    return execution -> tickets.changeStatus(number(execution), ChangeStatus.APPROVAL,
        "Escalated to the change manager: " + text(execution, "reason"), TicketService.SYSTEM, clock.instant());
  }

  /** Input {@code status} and, for the timeline, {@code statusNote}. */
  @Bean
  JavaDelegate changeStatus(TicketService tickets, Clock clock) {
    return execution -> tickets.changeStatus(number(execution), text(execution, "status"),
        text(execution, "statusNote"), TicketService.SYSTEM, clock.instant());
  }

  @Bean
  @SetsStatus("rejected")
  JavaDelegate rejectChange(TicketService tickets, Clock clock) {
    return execution -> {
      String number = number(execution);
      tickets.reject(number, clock.instant());
      // Who rejected and why is on the timeline, not in a variable.
      tickets.changeStatus(number, ChangeStatus.REJECTED, "Rejected: " + tickets.rejectionReasons(number),
          TicketService.SYSTEM, clock.instant());
    };
  }

  @Bean
  @SetsStatus("cancelled")
  JavaDelegate cancelChange(TicketService tickets, Clock clock) {
    return execution -> {
      Object reason = execution.getVariable("cancelReason");
      Object by = execution.getVariable("cancelledBy");
      tickets.cancel(number(execution), reason == null ? text(execution, "decisionReason") : reason.toString(),
          by == null ? text(execution, "decidedBy") : by.toString(), clock.instant());
    };
  }

  @Bean
  JavaDelegate rescheduleChange(ChangePlans plans, Clock clock) {
    return execution -> plans.reschedule(number(execution), text(execution, "newPlannedStart"),
        text(execution, "newPlannedEnd"), text(execution, "decidedBy"), clock.instant());
  }

  /** Task listener (complete) on the implementation: its outcome on the record and timeline. */
  @Bean
  TaskListener recordChangeOutcome(ChangePlans plans, Clock clock) {
    return task -> plans.recordOutcome(number(task), (String) task.getVariable("outcome"),
        (String) task.getVariable("outcomeNotes"), TaskActor.of(task), clock.instant());
  }

  /** Task listener (complete) on the backout. */
  @Bean
  TaskListener recordBackout(TicketService tickets, Clock clock) {
    return task -> tickets.recordStep(number(task), TaskActor.of(task),
        "Backed out" + suffix((String) task.getVariable("backoutNotes")), clock.instant());
  }

  /** Task listener (complete) on the review. */
  @Bean
  TaskListener recordChangeReview(TicketService tickets, Clock clock) {
    return task -> tickets.recordStep(number(task), TaskActor.of(task), "Review: " + task.getVariable("reviewFindings")
        + (task.getVariable("followUp") == null ? "" : "\nFollow-up: " + task.getVariable("followUp")),
        clock.instant());
  }

  /**
   * A failed change is an incident: reported as the change's requester, with the inputs
   * {@code incidentImpact} and {@code incidentUrgency}, and linked to the change.
   */
  @Bean
  JavaDelegate openIncidentForChange(IncidentIntake incidents, TicketService tickets, ChangePlans plans, Clock clock) {
    return execution -> {
      String number = number(execution);
      var change = tickets.get(number);
      ChangePlan plan = plans.get(number);
      Map<String, Object> report = new HashMap<>();
      report.put("title", "Failed change " + number + ": " + change.title());
      report.put("description", "The change " + number + " failed and was backed out.\n\nOutcome: "
          + plan.outcomeNotes() + "\n\nBackout: " + execution.getVariable("backoutNotes"));
      report.put("service", change.service());
      report.put("category", "other");
      report.put("impact", ((Number) execution.getVariable("incidentImpact")).intValue());
      report.put("urgency", ((Number) execution.getVariable("incidentUrgency")).intValue());
      String incident = incidents.report(change.requester(), report, null);
      tickets.link(number, incident, "caused", "caused_by", TicketService.SYSTEM, clock.instant());
      execution.setVariable("incidentNumber", incident);
    };
  }

  private static String suffix(String text) {
    return text == null || text.isBlank() ? "" : ": " + text;
  }

  private static String number(DelegateExecution execution) {
    return TicketOfInstance.of(execution);
  }

  private static String number(DelegateTask task) {
    return TicketOfInstance.of(task);
  }
}
