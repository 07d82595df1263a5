package org.flowdesk.request;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.models.ModelHelper;
import org.flowdesk.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * What processes/service-request.bpmn asks about a request's item, read from the ticket's record and the
 * catalog in force, never from variables a person could have set ({@code ${requestFacts.fulfilmentGroup(ticketNumber)}}).
 */
@ModelHelper
@Component("requestFacts")
public class RequestFacts {

  private final TicketService tickets;
  private final Catalog catalog;

  RequestFacts(TicketService tickets, Catalog catalog) {
    this.tickets = tickets;
    this.catalog = catalog;
  }

  /**
   * The group that delivers the request's item (its {@code fulfilmentGroup} in the catalog), or null when the
   * item is no longer in the catalog: the request then keeps the group it has.
   */
  public String fulfilmentGroup(String number) {
    String item = tickets.get(number).item();
    return item == null ? null : catalog.portfolio().item(item).map(Portfolio.RequestItem::fulfilmentGroup).orElse(null);
  }
}
