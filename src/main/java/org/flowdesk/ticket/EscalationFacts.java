package org.flowdesk.ticket;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.models.ModelHelper;
import org.springframework.stereotype.Component;

/**
 * What the escalation decision (decisions/sla-escalation.dmn) is asked about a ticket, read from its record and
 * the catalog, never from variables a person could have set: the models' business rule tasks give them as input
 * parameters ({@code ${escalationFacts.criticality(ticketNumber)}}).
 */
@ModelHelper
@Component("escalationFacts")
public class EscalationFacts {

  private final TicketService tickets;
  private final Catalog catalog;

  EscalationFacts(TicketService tickets, Catalog catalog) {
    this.tickets = tickets;
    this.catalog = catalog;
  }

  public String type(String number) {
    return tickets.get(number).type();
  }

  public Integer priority(String number) {
    return tickets.get(number).priority();
  }

  public String service(String number) {
    return tickets.get(number).service();
  }

  public String assignmentGroup(String number) {
    return tickets.get(number).assignmentGroup();
  }

  /** The criticality of the ticket's service (low, medium, high; medium when the catalog says none), or null. */
  public String criticality(String number) {
    return service(number) == null ? null
        : catalog.service(service(number)).map(Portfolio.Service::criticalityOrDefault).orElse(null);
  }

  /** The group that owns the ticket's service in the catalog, or null. */
  public String ownerGroup(String number) {
    return service(number) == null ? null
        : catalog.service(service(number)).map(Portfolio.Service::ownerGroup).orElse(null);
  }
}
