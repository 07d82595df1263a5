package org.flowdesk.ticket;

/**
 * Something that happened to a ticket, published within its transaction: {@code opened},
 * {@code resolved}, {@code closed}, {@code sla_warning}, {@code sla_breach}. Listeners that
 * count (the measures) act after the commit, so nothing rolled back is counted. {@code type}
 * and {@code priority}, when {@code type} is given, are the ticket's as its transaction left it.
 */
public record TicketEvent(String kind, String number, String type, Integer priority) {

  /** An event that says nothing about the ticket but its number: listeners read the rest. */
  public TicketEvent(String kind, String number) {
    this(kind, number, null, null);
  }

  public static final String OPENED = "opened";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";
}
