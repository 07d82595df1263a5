package org.flowdesk.sla;

import java.time.Instant;

/**
 * How long one assignment group held a ticket, against its OLA target (decisions/ola-targets.dmn): one
 * per visit of the group, stopped when the ticket leaves it; paused while the ticket waits for its
 * requester. What has fired (warning, breach) is recorded once.
 */
public record OlaClock(
    long id,
    String ticketNumber,
    String group,
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

  public boolean running() {
    return pausedSince == null && stoppedAt == null;
  }

  public boolean breached() {
    return breachedAt != null;
  }
}
