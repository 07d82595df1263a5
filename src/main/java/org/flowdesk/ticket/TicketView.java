package org.flowdesk.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.flowdesk.sla.SlaClock;

/** A ticket as the API shows it, with its SLA clocks. */
public record TicketView(
    String number,
    String type,
    String title,
    String description,
    String requester,
    String service,
    String category,
    Integer impact,
    Integer urgency,
    Integer priority,
    String status,
    String assignmentGroup,
    String assignee,
    Instant createdAt,
    Instant updatedAt,
    Instant responseDue,
    Instant resolutionDue,
    Instant respondedAt,
    Instant resolvedAt,
    Instant closedAt,
    boolean responseBreached,
    boolean resolutionBreached,
    Instant responseBreachedAt,
    Instant resolutionBreachedAt,
    long totalPausedSeconds,
    boolean paused,
    int reopenCount,
    int reassignmentCount,
    String resolutionCode,
    String resolutionNotes,
    Integer satisfaction,
    String satisfactionComment,
    String item,
    BigDecimal price) {

  static TicketView of(Ticket t, List<SlaClock> clocks) {
    SlaClock response = clocks.stream().filter(c -> c.clock().equals(SlaClock.RESPONSE)).findFirst().orElse(null);
    SlaClock resolution = clocks.stream().filter(c -> c.clock().equals(SlaClock.RESOLUTION)).findFirst().orElse(null);
    long paused = resolution == null ? 0 : resolution.pausedSeconds();
    return new TicketView(t.number(), t.type(), t.title(), t.description(), t.requester(), t.service(), t.category(),
        t.impact(), t.urgency(), t.priority(), t.status(), t.assignmentGroup(), t.assignee(), t.createdAt(),
        t.updatedAt(), response == null ? null : response.dueAt(), resolution == null ? null : resolution.dueAt(),
        t.respondedAt(), t.resolvedAt(), t.closedAt(), response != null && response.breached(),
        resolution != null && resolution.breached(), response == null ? null : response.breachedAt(),
        resolution == null ? null : resolution.breachedAt(), paused,
        resolution != null && resolution.pausedSince() != null, t.reopenCount(), t.reassignmentCount(),
        t.resolutionCode(), t.resolutionNotes(), t.satisfaction(), t.satisfactionComment(), t.item(), t.price());
  }
}
