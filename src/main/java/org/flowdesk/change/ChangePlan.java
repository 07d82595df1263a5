package org.flowdesk.change;

import java.time.Instant;

/** What a change will do, when, by whom, how it is undone, and how it went. */
record ChangePlan(
    String number,
    String type,
    String template,
    Instant plannedStart,
    Instant plannedEnd,
    String implementationGroup,
    String complexity,
    Boolean tested,
    String implementationPlan,
    String backoutPlan,
    String testEvidence,
    String risk,
    String outcome,
    String outcomeNotes) {

  static final String STANDARD = "standard";
  static final String NORMAL = "normal";
  static final String EMERGENCY = "emergency";

  boolean overlaps(Instant from, Instant to) {
    return plannedStart.isBefore(to) && from.isBefore(plannedEnd);
  }
}
