package org.flowdesk.ticket;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.springframework.stereotype.Component;

/**
 * Entering a ticket for someone else: an agent takes a phone call and reports the incident for the
 * caller, a manager orders an item for a direct report. The person it is for becomes the requester —
 * they see it, are told of it and approve or are approved for as its requester — and the ticket
 * records who entered it.
 *
 * <p>{@code requestedFor} is an attribute of FlowDesk's intake API, checked here, never a form's
 * field: Camunda's REST API and Tasklist start a process with exactly its start form's fields, so
 * there a ticket is always the caller's own. Who may enter for whom: members of the agent groups
 * (the groups the models hand work to, {@link AgentGroups}) and administrators for anyone; a
 * manager (the people directory's {@code manager}) for their direct reports; nobody else.
 */
@Component
public class OnBehalf {

  /** The API attribute naming the person a ticket is for. */
  public static final String REQUESTED_FOR = "requestedFor";
  /** The transient start variable that tells "Open ticket" who entered it (never a form's field). */
  public static final String ENTERED_BY = "enteredBy";
  private static final int MAX_USER_ID = 64;

  private final AgentGroups agents;
  private final People people;

  OnBehalf(AgentGroups agents, People people) {
    this.agents = agents;
    this.people = people;
  }

  /**
   * Who the ticket is for: the caller when {@code requestedFor} is empty or the caller, otherwise that
   * person, with their groups.
   *
   * @throws ForbiddenException when the caller may not enter tickets for that person
   * @throws FormValidationException when no such person exists
   */
  public CurrentUser requesterFor(CurrentUser caller, String requestedFor) {
    if (requestedFor == null || requestedFor.isBlank() || requestedFor.equals(caller.id())) {
      return caller;
    }
    boolean forAnyone = caller.isAdministrator() || agents.isAgent(caller);
    if (!forAnyone && people.reportsOf(caller.id()).isEmpty()) {
      throw new ForbiddenException("Only service desk agents, and managers for their direct reports, may report "
          + "or order for someone else; leave out requestedFor to report or order for yourself");
    }
    if (requestedFor.length() > MAX_USER_ID || requestedFor.chars().anyMatch(Character::isISOControl)) {
      throw new FormValidationException(List.of(new FieldError(REQUESTED_FOR,
          "must be a person's user id (at most " + MAX_USER_ID + " characters)")));
    }
    Optional<CurrentUser> person = people.asUser(requestedFor);
    if (person.isEmpty()) {
      throw new FormValidationException(List.of(new FieldError(REQUESTED_FOR,
          "there is no person '" + requestedFor + "'; give the user id of whom it is for")));
    }
    if (!forAnyone && !caller.id().equals(people.managerOf(requestedFor))) {
      throw new ForbiddenException(requestedFor + " is not one of your direct reports: a manager may report or "
          + "order only for the people who report to them");
    }
    return person.get();
  }

  /**
   * Whom the caller may enter tickets for, matching the text (user id, e-mail, name; see
   * {@link People#search}): anyone for agents and administrators, a manager's direct reports, nobody
   * for everyone else. At most {@code max}, sorted by user id.
   */
  public List<String> candidates(CurrentUser caller, String text, int max) {
    if (caller.isAdministrator() || agents.isAgent(caller)) {
      return people.search(text, max).stream().filter(id -> !id.equals(caller.id())).toList();
    }
    String wanted = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
    return people.reportsOf(caller.id()).stream()
        .filter(id -> wanted.isEmpty() || id.toLowerCase(java.util.Locale.ROOT).contains(wanted)
            || people.nameOf(id).orElse("").toLowerCase(java.util.Locale.ROOT).contains(wanted))
        .limit(max).toList();
  }

  /**
   * The value of {@code requestedFor} in a body of form fields (an incident report), taken out of it:
   * it is the API's attribute, not a field of the form.
   */
  public static String takeFrom(Map<String, Object> body) {
    if (body == null || !body.containsKey(REQUESTED_FOR)) {
      return null;
    }
    Object value = body.remove(REQUESTED_FOR);
    if (value != null && !(value instanceof String)) {
      throw new FormValidationException(List.of(new FieldError(REQUESTED_FOR, "must be a person's user id")));
    }
    return (String) value;
  }

  /** Adds who entered the ticket to its start variables when it is for someone else. */
  public static void recordEnteredBy(Map<String, Object> variables, CurrentUser caller, CurrentUser requester) {
    if (!caller.id().equals(requester.id())) {
      variables.put(ENTERED_BY, Variables.stringValue(caller.id(), true));
    }
  }
}
