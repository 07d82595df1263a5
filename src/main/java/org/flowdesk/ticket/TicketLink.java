package org.flowdesk.ticket;

import java.time.Instant;

/** Another ticket this one is linked to, and how (an incident caused by a change, …). */
public record TicketLink(String number, String relation, String type, String title, String status,
    Instant linkedAt) {
}
