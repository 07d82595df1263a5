package org.flowdesk.problem;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.springframework.stereotype.Service;

/**
 * A problem raised from an incident by a step of its model (the post-incident review of a major incident),
 * through the same intake as {@code POST /api/problems}: the same checks, for the person who did the step.
 */
@Service
public class ProblemsFromIncidents {

  private final Problems problems;
  private final TicketService tickets;
  private final IdentityService identityService;

  ProblemsFromIncidents(Problems problems, TicketService tickets, IdentityService identityService) {
    this.problems = problems;
    this.tickets = tickets;
    this.identityService = identityService;
  }

  /**
   * @param title the problem's title; null for one named after the incident
   * @return the problem's number
   */
  public String raise(String incident, String title, String description, String actor) {
    Ticket ticket = tickets.get(incident);
    Set<String> groups = identityService.createGroupQuery().groupMember(actor).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    String named = title != null ? title : "Behind " + incident + ": " + ticket.title();
    return problems.log(new CurrentUser(actor, groups), new Problems.NewProblem(
        named.length() > 200 ? named.substring(0, 199) + "…" : named, description, ticket.service(),
        ticket.assignmentGroup(), List.of(incident)), null);
  }
}
