package org.flowdesk.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.notification.Notifications;
import org.flowdesk.sla.OlaClocks;
import org.flowdesk.sla.SlaEscalation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries out what decisions/sla-escalation.dmn decided for a new breach, in the breach step's transaction:
 * notify a group, reassign the ticket (through the process's own reassignment message when a step waits for it,
 * otherwise its record, the process's {@code assignmentGroup}, the open tasks offered to the old group and that
 * group's OLA clock), raise the urgency (through the process's own re-prioritisation message, so the
 * priority and SLA targets are decided again by the models and the clocks follow). Each action is written on
 * the timeline as "Escalated: …".
 *
 * <p>An action that cannot be done — a group that does not exist, a process that cannot change its priority, a
 * ticket no longer open — is skipped and written on the timeline as "Escalation failed: …"; the breach stays
 * recorded and the other actions are done. A retry would not mend a table that names a wrong group, and the
 * breach is a fact the measures count. Anything unexpected fails the step, so the breach timer is retried and
 * then becomes a Cockpit incident, recording nothing half.
 */
@Component
class SlaEscalations {

  private static final Logger LOG = LoggerFactory.getLogger(SlaEscalations.class);
  /** The transient variables the re-prioritisation step reads (incident's IncidentReprioritising). */
  static final String REPRIORITISE_REASON = "reprioritiseReason";
  static final String REPRIORITISED_BY = "reprioritisedBy";

  private final TicketService tickets;
  private final Notifications notifications;
  private final IdentityService identityService;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final DeployedVocabulary vocabulary;
  private final OlaClocks olaClocks;

  SlaEscalations(TicketService tickets, Notifications notifications, IdentityService identityService,
      TaskService taskService, RuntimeService runtimeService, DeployedVocabulary vocabulary, OlaClocks olaClocks) {
    this.olaClocks = olaClocks;
    this.tickets = tickets;
    this.notifications = notifications;
    this.identityService = identityService;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.vocabulary = vocabulary;
  }

  @EventListener
  void escalate(SlaEscalation escalation) {
    List<String> told = new ArrayList<>();
    for (SlaEscalation.Action action : escalation.actions()) {
      if (action.notifyGroup() != null && !told.contains(action.notifyGroup())) {
        told.add(action.notifyGroup());
        notifyGroup(escalation, action.notifyGroup());
      }
      if (action.reassignGroup() != null) {
        reassign(escalation, action.reassignGroup());
      }
      if (action.raiseUrgencyTo() != null) {
        raiseUrgency(escalation, action.raiseUrgencyTo());
      }
    }
  }

  private void notifyGroup(SlaEscalation escalation, String group) {
    if (!groupExists(group)) {
      failed(escalation, "cannot tell " + group + ", no such group");
      return;
    }
    notifications.toGroup(group, escalation.ticket(), escalation.kind(), escalation.text(), escalation.at());
    tickets.recordEscalation(escalation.ticket(), "Escalated: " + group + " told of the " + escalation.clock()
        + " SLA breach", escalation.at());
  }

  private void reassign(SlaEscalation escalation, String group) {
    Ticket ticket = tickets.get(escalation.ticket());
    // The groups holding it: its assignment group, and those the steps of the processes it calls are offered to (a
    // request's fulfilment, which its group may share with purchasing); for a ticket without a group, the groups
    // all its open tasks are offered to.
    List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(ticket.number()).withCandidateGroups()
        .includeAssignedTasks().list();
    Set<String> holding = new LinkedHashSet<>();
    if (ticket.assignmentGroup() != null) {
      holding.add(ticket.assignmentGroup());
      Set<String> called = new java.util.HashSet<>();
      runtimeService.createProcessInstanceQuery().superProcessInstanceId(ticket.processInstanceId()).list()
          .forEach(instance -> called.add(instance.getId()));
      open.stream().filter(task -> called.contains(task.getProcessInstanceId()))
          .forEach(task -> holding.addAll(candidateGroups(task)));
    } else {
      open.forEach(task -> holding.addAll(candidateGroups(task)));
    }
    holding.remove(group);
    boolean sameGroup = group.equals(ticket.assignmentGroup());
    if (sameGroup && holding.isEmpty()) {
      return;
    }
    if (!groupExists(group)) {
      failed(escalation, "cannot reassign to " + group + ", no such group");
      return;
    }
    if (!open(ticket)) {
      failed(escalation, "cannot reassign to " + group + ", the ticket is "
          + vocabulary.current().statusLabel(ticket.status()));
      return;
    }
    String message = escalation.reassignMessage();
    // The ticket's own group stays: only the steps of what it calls move, so its own process is not told.
    if (!sameGroup && message != null && runtimeService.createEventSubscriptionQuery().eventType("message")
        .eventName(message).processInstanceId(ticket.processInstanceId()).count() > 0) {
      // The process hands the work on as an agent's reassignment would: the old group's task and OLA clock end,
      // the new group's start with the targets the models give it.
      runtimeService.createMessageCorrelation(message).processInstanceId(ticket.processInstanceId())
          .setVariable("newGroup", group)
          .setVariable("reassignReason", reason(escalation))
          .setVariable(TaskActor.REASSIGNED_BY, Variables.stringValue(TicketService.SYSTEM, true))
          .correlate();
      return;
    }
    // No step of the process waits for it (the requester is being asked, a fulfilment group works): the record,
    // the process's group and the open tasks move here, and the old groups' OLA clocks stop, since they no
    // longer hold the ticket.
    tickets.reassign(ticket.number(), String.join(", ", holding), group, reason(escalation), TicketService.SYSTEM,
        escalation.at());
    runtimeService.setVariable(ticket.processInstanceId(), "assignmentGroup", group);
    holding.forEach(old -> olaClocks.release(ticket.number(), old, escalation.at()));
    // The open tasks offered to an old group are offered to the new one, and nobody holds them any more.
    for (Task task : open) {
      List<String> offered = candidateGroups(task).stream().filter(holding::contains).toList();
      if (offered.isEmpty()) {
        continue;
      }
      offered.forEach(old -> taskService.deleteCandidateGroup(task.getId(), old));
      taskService.addCandidateGroup(task.getId(), group);
      if (task.getAssignee() != null) {
        taskService.setAssignee(task.getId(), null);
      }
    }
  }

  private List<String> candidateGroups(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  private void raiseUrgency(SlaEscalation escalation, int urgency) {
    Ticket ticket = tickets.get(escalation.ticket());
    if (ticket.urgency() != null && ticket.urgency() <= urgency) {
      return; // as urgent already
    }
    String message = escalation.reprioritiseMessage();
    if (message == null || ticket.impact() == null || runtimeService.createEventSubscriptionQuery()
        .eventType("message").eventName(message).processInstanceId(ticket.processInstanceId()).count() == 0) {
      failed(escalation, "cannot raise the urgency to " + urgency + ", the " + ticket.type()
          + "'s process cannot change its priority");
      return;
    }
    if (!open(ticket)) {
      failed(escalation, "cannot raise the urgency to " + urgency + ", the ticket is "
          + vocabulary.current().statusLabel(ticket.status()));
      return;
    }
    runtimeService.createMessageCorrelation(message).processInstanceId(ticket.processInstanceId())
        .setVariable("impact", ticket.impact())
        .setVariable("urgency", urgency)
        .setVariable(REPRIORITISE_REASON, Variables.stringValue(reason(escalation), true))
        .setVariable(REPRIORITISED_BY, Variables.stringValue(TicketService.SYSTEM, true))
        .correlate();
  }

  private boolean open(Ticket ticket) {
    return vocabulary.current().openStatuses().contains(ticket.status());
  }

  private boolean groupExists(String group) {
    return identityService.createGroupQuery().groupId(group).count() > 0;
  }

  private static String reason(SlaEscalation escalation) {
    return "Escalated: " + escalation.clock() + " SLA breached";
  }

  private void failed(SlaEscalation escalation, String why) {
    LOG.warn("{}: escalation after the {} SLA breach failed: {}", escalation.ticket(), escalation.clock(), why);
    tickets.recordEscalation(escalation.ticket(), "Escalation failed: " + why, escalation.at());
  }
}
