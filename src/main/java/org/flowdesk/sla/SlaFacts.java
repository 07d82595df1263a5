package org.flowdesk.sla;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.People;
import org.flowdesk.models.ModelHelper;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * What the SLA decisions decide on besides the priority, gathered from the catalog and the people
 * directory, never from what the requester sent: the service's criticality and support hours, and the
 * contracted service level of the requester's organisation (catalog {@code organisations}, by the
 * domain of the requester's mail address). Models map them as input parameters of the step that
 * decides the targets ({@code ${slaFacts.customerServiceLevel(execution)}}), so they live only as long
 * as that step and the decision's history records them.
 *
 * <p>Which requester and service: once the ticket is open, the ticket's (an agent may have changed its
 * service); before, at intake, the instance's {@code requester} (the authenticated reporter, or the person
 * FlowDesk's intake let an agent report for) and {@code service} (a choice the start form allows), which
 * "Open ticket" records a moment later.
 */
@Component("slaFacts")
@ModelHelper
public class SlaFacts {

  private final Catalog catalog;
  private final TicketService tickets;
  private final People people;

  SlaFacts(Catalog catalog, TicketService tickets, People people) {
    this.catalog = catalog;
    this.tickets = tickets;
    this.people = people;
  }

  /** The service level the requester's organisation contracted (gold, silver…); null for none. */
  public String customerServiceLevel(DelegateExecution execution) {
    return requester(execution).flatMap(people::mailOf).flatMap(catalog.portfolio()::organisationOf)
        .map(Portfolio.Organisation::serviceLevel).orElse(null);
  }

  /** The ticket's service's criticality (low, medium, high); null for a ticket without a catalog service. */
  public String serviceCriticality(DelegateExecution execution) {
    return service(execution).map(Portfolio.Service::criticalityOrDefault).orElse(null);
  }

  /** The ticket's service's support hours (24x7, business); null for a ticket without a catalog service. */
  public String serviceSupportHours(DelegateExecution execution) {
    return service(execution).map(Portfolio.Service::supportHours).orElse(null);
  }

  private Optional<Ticket> ticket(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    return number == null ? Optional.empty() : tickets.find(number);
  }

  private Optional<String> requester(DelegateExecution execution) {
    Optional<Ticket> ticket = ticket(execution);
    if (ticket.isPresent()) {
      return Optional.ofNullable(ticket.get().requester());
    }
    return text(execution, "requester");
  }

  private Optional<Portfolio.Service> service(DelegateExecution execution) {
    Optional<Ticket> ticket = ticket(execution);
    Optional<String> id = ticket.isPresent() ? Optional.ofNullable(ticket.get().service()) : text(execution, "service");
    return id.flatMap(catalog::service);
  }

  private static Optional<String> text(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }
}
