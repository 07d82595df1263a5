package org.flowdesk.notification;

import java.time.Instant;

/** A message for a user or for every member of a group about a ticket. */
public record Notification(long id, String recipientUser, String recipientGroup, String ticketNumber, String kind,
    String text, Instant createdAt) {
}
