package org.flowdesk.measures;

import java.time.Instant;

/** What the measures need to know of one ticket: its record, its SLA clocks, its change and approvals. */
record TicketFacts(
    String number,
    String type,
    String service,
    Integer priority,
    String group,
    String status,
    Instant createdAt,
    Instant respondedAt,
    Instant resolvedAt,
    Instant closedAt,
    int reopenCount,
    int reassignmentCount,
    Integer satisfaction,
    Clock response,
    Clock resolution,
    String changeType,
    String changeOutcome,
    Instant approvalRequestedAt,
    Instant approvalDecidedAt) {

  /** An SLA clock: its target in its calendar, its due time (moved by pauses) and its breach. */
  record Clock(String target, String calendar, Instant dueAt, Instant breachedAt) {
  }

  boolean is(String ticketType) {
    return ticketType.equals(type);
  }

  /** Open at the instant: created before it, neither resolved nor closed by then. */
  boolean openAt(Instant at) {
    return createdAt.isBefore(at) && (resolvedAt == null || !resolvedAt.isBefore(at))
        && (closedAt == null || !closedAt.isBefore(at));
  }
}
