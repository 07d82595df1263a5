package org.flowdesk.sla;

import java.time.Instant;

/**
 * One SLA clock of a ticket (response or resolution): when it warns and breaches, whether it
 * is paused or stopped, and what has already fired.
 */
public record SlaClock(
    String ticketNumber,
    String clock,
    String target,
    String calendar,
    Instant startedAt,
    Instant warnAt,
    Instant dueAt,
    Instant pausedSince,
    long pausedSeconds,
    Instant stoppedAt,
    Instant warnedAt,
    Instant breachedAt) {

  public static final String RESPONSE = "response";
  public static final String RESOLUTION = "resolution";

  public boolean running() {
    return pausedSince == null && stoppedAt == null;
  }

  public boolean breached() {
    return breachedAt != null;
  }
}
