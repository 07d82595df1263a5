package org.flowdesk.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.flowdesk.api.ConflictException;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.ModelLint;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.springframework.stereotype.Service;

/**
 * A closed incident reopened by its requester or an agent of its group, for as long as
 * processes/incident.bpmn allows: its start event for the message {@code IncidentReopened} declares the
 * window after closing (extension property {@code reopenWithin}, e.g. {@code P14D}). The message starts a
 * new run of the incident process for the ticket (and ends the old run's wait for a rating, if it still
 * waits), so no instance or timer waits for a reopen while tickets are closed.
 */
@Service
public class IncidentReopening {

  static final String MESSAGE = "IncidentReopened";
  /** Transient: the reason and who reopened reach "Reopen closed ticket" only, never the history. */
  static final String REASON = "reopenReason";
  static final String REOPENED_BY = "reopenedBy";

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final TicketService tickets;
  private final LatestProcess latestProcess;
  private final DeployedVocabulary vocabulary;

  IncidentReopening(RepositoryService repositoryService, RuntimeService runtimeService, TicketService tickets,
      LatestProcess latestProcess, DeployedVocabulary vocabulary) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.tickets = tickets;
    this.latestProcess = latestProcess;
    this.vocabulary = vocabulary;
  }

  /**
   * Until when the ticket may be reopened: empty when it is no closed incident, was merged into another (which is
   * where it is worked), or the model allows no reopening.
   */
  public Optional<Instant> until(Ticket ticket) {
    if (!TicketType.INCIDENT.id().equals(ticket.type()) || !Ticket.CLOSED.equals(ticket.status())
        || ticket.closedAt() == null || mergedInto(ticket).isPresent()) {
      return Optional.empty();
    }
    return window().map(window -> ticket.closedAt().plus(window));
  }

  /** The window the deployed incident process declares on its reopen start event, if it has one. */
  Optional<Duration> window() {
    ProcessDefinition latest = latestProcess.of(IncidentIntake.PROCESS_KEY).orElse(null);
    if (latest == null) {
      return Optional.empty();
    }
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(latest.getId());
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      boolean reopens = start.getEventDefinitions().stream()
          .filter(MessageEventDefinition.class::isInstance).map(MessageEventDefinition.class::cast)
          .anyMatch(definition -> definition.getMessage() != null && MESSAGE.equals(definition.getMessage().getName()));
      if (reopens) {
        return ModelLint.ownPropertyValue(start, ModelLint.REOPEN_WITHIN).flatMap(ModelLint::reopenWindow);
      }
    }
    return Optional.empty();
  }

  /**
   * Reopens the closed incident now, or says why not (409). The caller checked who may.
   */
  void reopen(Ticket ticket, String reason, String actor, Instant now) {
    if (!Ticket.CLOSED.equals(ticket.status())) {
      throw new ConflictException(ticket.number() + " is not closed, so there is nothing to reopen (its status is "
          + vocabulary.current().statusLabel(ticket.status()) + ")");
    }
    refuseMerged(ticket);
    Optional<Duration> window = window();
    if (window.isEmpty()) {
      throw new ConflictException("Closed incidents cannot be reopened: processes/incident.bpmn declares no "
          + "reopen (a message start event '" + MESSAGE + "' with the extension property "
          + ModelLint.REOPEN_WITHIN + "). Please report a new incident.");
    }
    Instant until = ticket.closedAt().plus(window.get());
    if (now.isAfter(until)) {
      throw new ConflictException(ticket.number() + " was closed at " + ticket.closedAt() + " and could be reopened "
          + "until " + until + " (" + describe(window.get()) + " after closing). Please report a new incident "
          + "and mention " + ticket.number() + ".");
    }
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(ticket.number())
        .setVariable(REASON, Variables.stringValue(reason, true))
        .setVariable(REOPENED_BY, Variables.stringValue(actor, true))
        .correlateAll();
  }

  /**
   * A duplicate merged into another incident is worked as that one: reopening it would start a second run of the same
   * work. Asked by the API and by "Reopen closed ticket" (the message may come through Camunda's REST API too).
   */
  void refuseMerged(Ticket ticket) {
    Optional<String> survivor = mergedInto(ticket);
    if (survivor.isPresent()) {
      throw new ConflictException(ticket.number() + " was merged into " + survivor.get() + ", where it is worked; "
          + "follow " + survivor.get() + " instead (its requester and watchers are told how it goes)");
    }
  }

  /** The incident this one was merged into as its duplicate, if it was. */
  private Optional<String> mergedInto(Ticket ticket) {
    return tickets.links(ticket.number()).stream().filter(link -> IncidentMerging.DUPLICATE_OF.equals(link.relation()))
        .map(TicketLink::number).findFirst();
  }

  /** "14 days", "36 hours": how people read the window. */
  static String describe(Duration window) {
    if (window.toHours() % 24 == 0) {
      long days = window.toDays();
      return days == 1 ? "1 day" : days + " days";
    }
    if (window.toMinutes() % 60 == 0) {
      return window.toHours() + " hours";
    }
    return window.toMinutes() + " minutes";
  }
}
