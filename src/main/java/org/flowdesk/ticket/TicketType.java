package org.flowdesk.ticket;

/** The kinds of ticket, each with its own number prefix and database sequence. */
public enum TicketType {
  INCIDENT("INC", "fd_incident_number"),
  REQUEST("REQ", "fd_request_number"),
  CHANGE("CHG", "fd_change_number"),
  PROBLEM("PRB", "fd_problem_number");

  private final String prefix;
  private final String sequence;

  TicketType(String prefix, String sequence) {
    this.prefix = prefix;
    this.sequence = sequence;
  }

  String number(long value) {
    return "%s-%06d".formatted(prefix, value);
  }

  String sequence() {
    return sequence;
  }

  public String id() {
    return name().toLowerCase();
  }
}
