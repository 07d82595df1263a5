package org.flowdesk.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Major incidents: declared by processes/incident.bpmn for a P1 (its gateway "Priority 1?") or by an agent
 * working the incident; other incidents attached to one as its children wait for it ("Attached to a major
 * incident"), hear its status updates ("Status update": their requesters and watchers are told) and are
 * resolved with it ("Resolve its child incidents" of the major incident's model). What happens when is the
 * model's; this service checks what agents ask for and keeps the record and the links.
 */
@Service
@Transactional
public class MajorIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(MajorIncidents.class);
  static final String DECLARED = "IncidentDeclaredMajor";
  static final String ATTACHED = "IncidentAttachedToMajor";
  static final String UPDATED = "MajorIncidentUpdated";
  static final String RESOLVED = "MajorIncidentResolved";
  /** Transient: reach the model's steps only, never the history. */
  static final String DECLARED_BY = "declaredBy";
  static final String UPDATE = "majorUpdate";
  /** The engine's, for the gateway "Major incident?" after the resolution. */
  static final String MAJOR = "majorIncident";

  private final TicketService tickets;
  private final TicketAccess access;
  private final RuntimeService runtimeService;
  private final DeployedVocabulary vocabulary;
  private final Clock clock;

  MajorIncidents(TicketService tickets, TicketAccess access, RuntimeService runtimeService,
      DeployedVocabulary vocabulary, Clock clock) {
    this.tickets = tickets;
    this.access = access;
    this.runtimeService = runtimeService;
    this.vocabulary = vocabulary;
    this.clock = clock;
  }

  /** An agent working the incident declares it major, while it is being worked. */
  void declare(String number, CurrentUser user) {
    Ticket incident = worked(number, user, "declare it a major incident");
    if (tickets.isMajor(number)) {
      throw new ConflictException(number + " is a major incident already");
    }
    parentOf(number).ifPresent(parent -> {
      throw new ConflictException(number + " is attached to the major incident " + parent);
    });
    waitsFor(incident, DECLARED, "declared major");
    runtimeService.createMessageCorrelation(DECLARED).processInstanceBusinessKey(number)
        .setVariable(DECLARED_BY, Variables.stringValue(user.id(), true)).correlate();
  }

  /** An agent working the major incident attaches another incident they may see, which then waits for it. */
  void attach(String parent, String child, CurrentUser user) {
    Ticket major = openMajor(parent, user, "attach incidents to it");
    if (child.equals(parent)) {
      throw new FormValidationException(List.of(new FieldError("incident",
          "a major incident cannot be attached to itself")));
    }
    Ticket incident = tickets.find(child).filter(t -> access.canSee(t, user))
        .orElseThrow(() -> new NotFoundException("incident", child));
    if (!TicketType.INCIDENT.id().equals(incident.type())) {
      throw new FormValidationException(List.of(new FieldError("incident", child + " is a " + incident.type()
          + ", not an incident")));
    }
    if (tickets.isMajor(child)) {
      throw new ConflictException(child + " is a major incident itself");
    }
    Optional<String> attached = parentOf(child);
    if (attached.isPresent()) {
      throw new ConflictException(child + " is attached to " + attached.get() + " already");
    }
    waitsFor(incident, ATTACHED, "attached");
    tickets.link(major.number(), child, TicketAccess.PARENT_OF, TicketAccess.CHILD_OF, user.id(), clock.instant());
    runtimeService.createMessageCorrelation(ATTACHED).processInstanceBusinessKey(child).correlate();
  }

  /**
   * A status update on the open major incident: a public entry on it and on each child waiting for it, whose
   * model tells its requester and watchers.
   */
  List<String> update(String parent, String text, CurrentUser user) {
    Ticket major = openMajor(parent, user, "post status updates");
    Instant now = clock.instant();
    tickets.recordMajorUpdate(major.number(), user.id(), "Major incident update: " + text, now);
    List<String> told = new ArrayList<>();
    for (String child : children(parent)) {
      String instance = tickets.get(child).processInstanceId();
      if (instance == null || runtimeService.createEventSubscriptionQuery().eventType("message").eventName(UPDATED)
          .processInstanceId(instance).count() == 0) {
        continue;
      }
      tickets.recordMajorUpdate(child, user.id(), "Update on the major incident " + parent + ": " + text, now);
      runtimeService.createMessageCorrelation(UPDATED).processInstanceBusinessKey(child)
          .setVariable(UPDATE, Variables.stringValue(text, true)).correlateAll();
      told.add(child);
    }
    LOG.info("{} posted an update, told {}", parent, told);
    return told;
  }

  /** The step "Declare major incident": by the model for a P1, or by the agent who asked. */
  void recordDeclared(String number, String actor, Instant at) {
    tickets.declareMajor(number, actor, at);
  }

  /** The step "Wait with the major incident": input {@code status}, the model's. */
  void recordJoined(String child, String status, Instant at) {
    String parent = parentOf(child).orElseThrow(() -> new ConflictException(child
        + " is attached to no major incident"));
    tickets.changeStatus(child, status, "Attached to the major incident " + parent + ": it is worked there, and "
        + "its updates are posted here", TicketService.SYSTEM, at);
  }

  /** The step "Resolve its child incidents": each child waiting for the major incident is told. */
  void resolveChildren(String parent, Instant at) {
    List<String> resolved = new ArrayList<>();
    for (String child : children(parent)) {
      if (!runtimeService.createMessageCorrelation(RESOLVED).processInstanceBusinessKey(child)
          .correlateAllWithResult().isEmpty()) {
        resolved.add(child);
      }
    }
    tickets.recordStep(parent, TicketService.SYSTEM, resolved.isEmpty() ? "No attached incidents to resolve"
        : "Resolved with it: " + String.join(", ", resolved), at);
    LOG.info("{} resolved its children {}", parent, resolved);
  }

  /** The step "Resolve with the major incident": its resolution code and notes. */
  void resolveWithParent(String child, Instant at) {
    Ticket parent = tickets.get(parentOf(child).orElseThrow(() -> new ConflictException(child
        + " is attached to no major incident")));
    tickets.resolve(child, parent.resolutionCode(), "Resolved with the major incident " + parent.number()
        + (parent.resolutionNotes() == null || parent.resolutionNotes().isBlank() ? ""
            : ": " + parent.resolutionNotes()), TicketService.SYSTEM, at);
  }

  private Ticket worked(String number, CurrentUser user, String what) {
    Ticket incident = access.visible(number, user);
    if (!TicketType.INCIDENT.id().equals(incident.type())) {
      throw new NotFoundException("incident", number);
    }
    if (!access.works(incident, user)) {
      throw new ForbiddenException("Only the agents working " + number + " (" + incident.assignmentGroup()
          + ") may " + what);
    }
    return incident;
  }

  private Ticket openMajor(String number, CurrentUser user, String what) {
    Ticket major = worked(number, user, what);
    if (!tickets.isMajor(number)) {
      throw new ConflictException(number + " is no major incident: declare it one first");
    }
    if (!vocabulary.current().openStatuses().contains(major.status())) {
      throw new ConflictException(number + " is " + vocabulary.current().statusLabel(major.status())
          + ": only an open major incident may " + what.replaceFirst(" it$", ""));
    }
    return major;
  }

  private void waitsFor(Ticket incident, String message, String what) {
    if (runtimeService.createEventSubscriptionQuery().eventType("message").eventName(message)
        .processInstanceId(incident.processInstanceId()).count() == 0) {
      throw new ConflictException(incident.number() + " is " + vocabulary.current().statusLabel(incident.status())
          + ": an incident is " + what + " while it is being worked");
    }
  }

  private Optional<String> parentOf(String number) {
    return tickets.links(number).stream().filter(link -> TicketAccess.CHILD_OF.equals(link.relation()))
        .map(TicketLink::number).findFirst();
  }

  private List<String> children(String parent) {
    return tickets.links(parent).stream().filter(link -> TicketAccess.PARENT_OF.equals(link.relation()))
        .map(TicketLink::number).toList();
  }
}
