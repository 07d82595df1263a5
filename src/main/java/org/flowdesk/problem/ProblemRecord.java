package org.flowdesk.problem;

import java.time.Instant;

/** What the investigation found: the root cause, the affected service and the workaround, if any. */
record ProblemRecord(String number, String rootCause, String affectedService, String workaround,
    Instant knownErrorAt) {
}
