package org.flowdesk.ticket;

/**
 * Something that happened to a ticket, published within its transaction: {@code opened},
 * {@code resolved}, {@code closed}, {@code sla_warning}, {@code sla_breach}. Listeners that
 * count (the measures) act after the commit, so nothing rolled back is counted.
 */
public record TicketEvent(String kind, String number) {

  public static final String OPENED = "opened";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";
}
