package org.flowdesk.ticket;

import java.time.Instant;

/** Something that happened to a ticket. Internal entries are never shown to the requester. */
public record TimelineEntry(long id, String ticketNumber, Instant at, String actor, String kind, boolean internal,
    String text) {
}
