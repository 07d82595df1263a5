package org.flowdesk.request;

import java.time.Clock;
import java.util.List;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Requests being fulfilled without a group (ordered before their item named its fulfilment group, or before FlowDesk
 * gave requests one) go to their item's group whenever a catalog comes into force, so they join that group's queue
 * and backlog; their timelines say "Assigned to Facilities". A request with a group keeps it; only requests in progress
 * are touched, each in a transaction of its own.
 */
@Component
class FulfilmentGroupsOfRunningRequests {

  private static final Logger LOG = LoggerFactory.getLogger(FulfilmentGroupsOfRunningRequests.class);

  private final JdbcClient jdbc;
  private final TicketService tickets;
  private final Clock clock;

  FulfilmentGroupsOfRunningRequests(JdbcClient jdbc, TicketService tickets, Clock clock) {
    this.jdbc = jdbc;
    this.tickets = tickets;
    this.clock = clock;
  }

  @EventListener
  void catalogInForce(Catalog.Activated activated) {
    try {
      moveToTheirGroups(activated.portfolio());
    } catch (RuntimeException e) {
      // The catalog is in force all the same; the requests wait for the next one (start-up, a deployment).
      LOG.warn("Requests being fulfilled without a group were not moved to their items' groups", e);
    }
  }

  private void moveToTheirGroups(Portfolio portfolio) {
    // Found through the index on (assignment_group, status): tickets without a group are few (incidents, changes
    // and problems always have one), however many tickets there are.
    List<String[]> waiting = jdbc.sql("SELECT ticket_number, item_id FROM fd_ticket WHERE assignment_group IS NULL "
        + "AND status = ? AND ticket_type = ?")
        .params(Ticket.IN_PROGRESS, TicketType.REQUEST.id())
        .query((rs, n) -> new String[] {rs.getString("ticket_number"), rs.getString("item_id")}).list();
    for (String[] request : waiting) {
      String group = request[1] == null ? null : portfolio.item(request[1])
          .map(Portfolio.RequestItem::fulfilmentGroup).filter(g -> !g.isBlank()).orElse(null);
      if (group != null && tickets.assignIfNoGroup(request[0], group, clock.instant())) {
        LOG.info("{}, being fulfilled, went to {}, the group of its item {}", request[0], group, request[1]);
      }
    }
  }
}
