package org.flowdesk.problem;

import java.time.Instant;

/**
 * What the investigation found: the root cause, the affected service and the workaround, if any;
 * {@code workaroundRevision} counts the changes of the workaround's text, so an incident given one
 * revision may be given the next.
 */
record ProblemRecord(String number, String rootCause, String affectedService, String workaround,
    Instant knownErrorAt, int workaroundRevision) {

  /** A problem not investigated yet. */
  static ProblemRecord none(String number) {
    return new ProblemRecord(number, null, null, null, null, 0);
  }
}
