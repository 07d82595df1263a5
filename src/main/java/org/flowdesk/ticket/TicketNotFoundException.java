package org.flowdesk.ticket;

/** No such ticket or task, or none the caller may see: the answer does not say which. */
public class TicketNotFoundException extends RuntimeException {

  public TicketNotFoundException(String what) {
    super("No " + what + " that you may see");
  }
}
