package org.flowdesk.incident;

import java.time.Instant;
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
import org.flowdesk.identity.People;
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
 * Merging a duplicate incident into the one that survives. An agent who works both asks for it; the
 * duplicate's model, processes/incident.bpmn, ends its work through the message {@code IncidentMerged}
 * (a boundary event of "Being worked") and its step "Close as duplicate" keeps the record: closed as
 * duplicate, linked {@code duplicate_of} / {@code duplicated_by}, its requester watching the survivor,
 * both timelines telling what happened. Whatever is refused changes nothing.
 */
@Service
@Transactional
public class IncidentMerging {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentMerging.class);
  static final String MESSAGE = "IncidentMerged";
  static final String DUPLICATE_OF = "duplicate_of";
  static final String DUPLICATED_BY = "duplicated_by";
  /** Transient: reach "Close as duplicate" only, never the history. */
  static final String INTO = "mergedInto";
  static final String REASON = "mergeReason";
  static final String MERGED_BY = "mergedBy";

  private final TicketService tickets;
  private final People people;
  private final TicketAccess access;
  private final RuntimeService runtimeService;
  private final DeployedVocabulary vocabulary;

  IncidentMerging(TicketService tickets, TicketAccess access, RuntimeService runtimeService,
      DeployedVocabulary vocabulary, People people) {
    this.people = people;
    this.tickets = tickets;
    this.access = access;
    this.runtimeService = runtimeService;
    this.vocabulary = vocabulary;
  }

  /**
   * Merges the incident {@code number} into {@code into}, or says why not. The caller must work both
   * (their group's agents, the assignee, administrators), as for every agent action on a ticket.
   */
  void merge(String number, String into, String reason, CurrentUser user) {
    Ticket merged = access.visible(number, user);
    if (!TicketType.INCIDENT.id().equals(merged.type())) {
      throw new NotFoundException("incident", number);
    }
    if (!access.works(merged, user)) {
      throw new ForbiddenException("Only the agents working " + number + " ("
          + people.groupName(merged.assignmentGroup()) + ") may merge it into another incident");
    }
    if (into.equals(number)) {
      throw new FormValidationException(List.of(new FieldError("into", "an incident cannot be merged into itself")));
    }
    Ticket survivor = tickets.find(into).filter(t -> access.canSee(t, user))
        .orElseThrow(() -> new NotFoundException("incident", into));
    if (!TicketType.INCIDENT.id().equals(survivor.type())) {
      throw new FormValidationException(List.of(new FieldError("into", into + " is a " + survivor.type()
          + ", not an incident: incidents are merged into incidents only")));
    }
    if (!access.works(survivor, user)) {
      throw new ForbiddenException("Only an agent working both incidents may merge them: " + into + " is worked by "
          + people.groupName(survivor.assignmentGroup()));
    }
    checkMergeable(merged, survivor);
    if (runtimeService.createEventSubscriptionQuery().eventType("message").eventName(MESSAGE)
        .processInstanceId(merged.processInstanceId()).count() == 0) {
      throw new ConflictException(number + " is " + vocabulary.current().statusLabel(merged.status())
          + ": an incident is merged while it is being "
          + "worked, not while it waits on its requester or another incident");
    }
    runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(number)
        .setVariable(INTO, Variables.stringValue(into, true))
        .setVariable(REASON, Variables.stringValue(reason, true))
        .setVariable(MERGED_BY, Variables.stringValue(user.id(), true))
        .correlate();
  }

  /**
   * What makes a merge impossible whoever asks: a duplicate that was merged already, a survivor that is
   * no longer worked or was merged away itself. An incident merged away is closed and is not reopened (it is
   * worked as its survivor), so its link stays: refusing a survivor with a {@code duplicate_of} link keeps
   * the merges a forest, without cycles.
   */
  private void checkMergeable(Ticket merged, Ticket survivor) {
    if (tickets.isMajor(merged.number())) {
      throw new ConflictException(merged.number() + " is a major incident, which its attached incidents wait for: "
          + "merge the others into it");
    }
    Optional<String> mergedAlready = duplicateOf(merged.number());
    if (mergedAlready.isPresent()) {
      throw new ConflictException(merged.number() + " was merged into " + mergedAlready.get() + " already");
    }
    Optional<String> survivorMerged = duplicateOf(survivor.number());
    if (survivorMerged.isPresent()) {
      throw new ConflictException(survivor.number() + " was itself merged into " + survivorMerged.get()
          + (survivorMerged.get().equals(merged.number()) ? ": merging back would make a cycle" : "")
          + "; merge into an incident that is still worked");
    }
    if (!vocabulary.current().openStatuses().contains(survivor.status())) {
      throw new ConflictException(survivor.number() + " is "
          + vocabulary.current().statusLabel(survivor.status()) + ": merge into an open incident");
    }
  }

  private Optional<String> duplicateOf(String number) {
    return tickets.links(number).stream().filter(link -> DUPLICATE_OF.equals(link.relation()))
        .map(TicketLink::number).findFirst();
  }

  /**
   * The step "Close as duplicate": the incident is resolved with the model's {@code code} and closed, linked
   * to the survivor, its requester watches the survivor, and the survivor's timeline names it and where its
   * public comments stay. The checks are made again here: the message may come from an administrator at
   * {@code /engine-rest}, past the API's.
   */
  void closeAsDuplicate(String number, String into, String code, String reason, String actor, Instant at) {
    Ticket merged = tickets.get(number);
    Ticket survivor = tickets.find(into).filter(t -> TicketType.INCIDENT.id().equals(t.type()))
        .orElseThrow(() -> new ConflictException(number + " cannot be merged into " + into + ": no such incident"));
    if (into.equals(number)) {
      throw new ConflictException(number + " cannot be merged into itself");
    }
    checkMergeable(merged, survivor);
    String why = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
    tickets.resolve(number, code, "Merged into " + into + " (" + survivor.title() + ")" + why, actor, at);
    tickets.close(number, "duplicate of " + into, actor, at);
    tickets.link(number, into, DUPLICATE_OF, DUPLICATED_BY, actor, at);
    if (!merged.requester().equals(survivor.requester())) {
      tickets.watch(into, merged.requester(), actor, at);
    }
    long comments = tickets.timeline(number, false).stream().filter(entry -> "comment".equals(entry.kind())).count();
    tickets.recordMerge(into, actor, number + " (" + merged.title() + ", reported by " + merged.requester()
        + ") was merged into this incident" + why + ". " + (comments == 0 ? "It has no public comments."
        : "Its " + (comments == 1 ? "public comment stays" : comments + " public comments stay") + " readable on "
        + number + "."), at);
    LOG.info("{} merged into {} by {}", number, into, actor);
  }
}
