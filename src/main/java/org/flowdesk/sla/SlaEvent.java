package org.flowdesk.sla;

import java.time.Instant;

/**
 * A clock warned or breached: published in the step's transaction, so the ticket's timeline
 * (which the ticket package keeps, and which depends on sla, not the other way round) records it
 * in the same commit.
 */
public record SlaEvent(String ticket, String kind, String text, Instant at) {

  public static final String WARNING = "sla_warning";
  public static final String BREACH = "sla_breach";
}
