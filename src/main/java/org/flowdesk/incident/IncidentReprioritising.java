package org.flowdesk.incident;

import java.time.Instant;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-prioritising an open incident: an agent working it gives its new impact and urgency and why
 * (exactly the fields of forms/incident-reprioritise.form). processes/incident.bpmn does the rest through
 * the message {@code IncidentReprioritised}, which starts its event sub-process "Priority changed": the
 * priority decision and the SLA targets decision run again, the ticket and the timeline take the new priority,
 * and the SLA clocks and the timers dated from them move to the new targets with the time already used — all
 * in the caller's transaction, so a refusal anywhere changes nothing.
 */
@Service
@Transactional
public class IncidentReprioritising {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentReprioritising.class);
  static final String MESSAGE = "IncidentReprioritised";
  static final String FORM = "incident-reprioritise";
  /** Transient: the reason and who changed it reach "Record the new priority" only, never the history. */
  static final String REASON = "reprioritiseReason"; // also SlaEscalations.REPRIORITISE_REASON
  static final String CHANGED_BY = "reprioritisedBy"; // also SlaEscalations.REPRIORITISED_BY

  private final TicketService tickets;
  private final People people;
  private final TicketAccess access;
  private final RuntimeService runtimeService;
  private final DeployedForms forms;
  private final DeployedVocabulary vocabulary;

  IncidentReprioritising(TicketService tickets, TicketAccess access, RuntimeService runtimeService,
      DeployedForms forms, DeployedVocabulary vocabulary, People people) {
    this.people = people;
    this.tickets = tickets;
    this.access = access;
    this.runtimeService = runtimeService;
    this.forms = forms;
    this.vocabulary = vocabulary;
  }

  /**
   * Changes the incident's impact and urgency, or says why not: 404 for whoever cannot see it, 403 for those
   * who see it but do not work it, 400 for input the form refuses, 409 when it is no longer open or nothing
   * would change.
   */
  void reprioritise(String number, Map<String, Object> input, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    if (!TicketType.INCIDENT.id().equals(ticket.type())) {
      throw new NotFoundException("incident", number);
    }
    if (!access.works(ticket, user)) {
      throw new ForbiddenException("Only the agents working " + number + " ("
          + people.groupName(ticket.assignmentGroup()) + ") may change its priority");
    }
    Map<String, Object> accepted = forms.byId(FORM)
        .orElseThrow(() -> new IllegalStateException("The form " + FORM + " is not deployed")).validate(input);
    int impact = ((Number) accepted.get("impact")).intValue();
    int urgency = ((Number) accepted.get("urgency")).intValue();
    checkOpen(ticket);
    if (ticket.impact() != null && ticket.urgency() != null && ticket.impact() == impact
        && ticket.urgency() == urgency) {
      throw new ConflictException(number + " has impact " + impact + " and urgency " + urgency
          + " already: change at least one of them");
    }
    if (runtimeService.createEventSubscriptionQuery().eventType("message").eventName(MESSAGE)
        .processInstanceId(ticket.processInstanceId()).count() == 0) {
      throw new ConflictException(number + " runs on a version of processes/incident.bpmn that cannot change its "
          + "priority (it has no event sub-process for the message " + MESSAGE + ")");
    }
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(number)
        .setVariable("impact", impact)
        .setVariable("urgency", urgency)
        .setVariable(REASON, Variables.stringValue(((String) accepted.get("reason")).strip(), true))
        .setVariable(CHANGED_BY, Variables.stringValue(user.id(), true))
        .correlate();
  }

  private void checkOpen(Ticket ticket) {
    if (!vocabulary.current().openStatuses().contains(ticket.status())) {
      throw new ConflictException(ticket.number() + " is " + vocabulary.current().statusLabel(ticket.status())
          + ": only an open incident's priority "
          + "can change");
    }
  }

  /**
   * The step "Record the new priority", after the model decided it: the ticket takes the new impact, urgency
   * and priority, and its timeline the change and why. Checked again here, for the message may come from an
   * administrator at {@code /engine-rest}, past the API's checks.
   *
   * @return the priority before the change
   */
  Integer record(String number, Object impact, Object urgency, Object priority, String reason, String actor,
      Instant at) {
    Ticket ticket = tickets.get(number);
    checkOpen(ticket);
    if (!(impact instanceof Number newImpact) || !(urgency instanceof Number newUrgency)
        || !(priority instanceof Number decided)) {
      throw new ConflictException(number + ": decisions/incident-priority.dmn gives no priority for impact " + impact
          + " and urgency " + urgency);
    }
    tickets.reprioritise(number, newImpact.intValue(), newUrgency.intValue(), decided.intValue(), reason, actor, at);
    LOG.info("{} re-prioritised by {}", number, actor);
    return ticket.priority();
  }
}
