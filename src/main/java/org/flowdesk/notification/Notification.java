package org.flowdesk.notification;

import java.time.Instant;

/**
 * A message for a user or for every member of a group about a ticket; {@code forWatcher} when it told a watcher of
 * the ticket (in the model's {@code watcherText}) rather than whom the step concerns.
 */
public record Notification(long id, String recipientUser, String recipientGroup, String ticketNumber, String kind,
    String text, Instant createdAt, boolean forWatcher) {
}
