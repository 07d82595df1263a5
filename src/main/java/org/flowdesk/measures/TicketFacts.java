package org.flowdesk.measures;

import java.time.Instant;

/**
 * What the measures need to know of one ticket: its record, its SLA clocks, its change and
 * approvals; for a problem when it became a known error and how many incidents it causes, for an
 * incident the first time a problem it is linked to became a known error.
 */
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
    Instant approvalDecidedAt,
    String resolutionCode,
    Instant knownErrorAt,
    long incidents,
    Instant problemKnownErrorAt,
    Instant majorDeclaredAt) {

  /** The resolution code of an incident resolved by a known error's workaround (forms/incident-work.form). */
  static final String KNOWN_ERROR = "known_error";

  /** An SLA clock: its target in its calendar, its due time (moved by pauses) and its breach. */
  record Clock(String target, String calendar, Instant dueAt, Instant breachedAt) {
  }

  /**
   * An incident resolved with a known error at hand: resolved as one (resolution code
   * {@code known_error}), or linked to a problem that was a known error by then.
   */
  boolean resolvedWithKnownError() {
    return KNOWN_ERROR.equals(resolutionCode)
        || (problemKnownErrorAt != null && resolvedAt != null && !problemKnownErrorAt.isAfter(resolvedAt));
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
