package org.flowdesk.ticket;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ticket as stored: what was reported or ordered, where it stands, and how it ended.
 * {@code enteredBy} is who entered it for its requester (an agent, a manager), null when the
 * requester entered it. {@code configurationItem} is the key of the CI the ticket names, if any.
 */
public record Ticket(
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
    String processInstanceId,
    Instant createdAt,
    Instant updatedAt,
    Instant respondedAt,
    Instant resolvedAt,
    Instant closedAt,
    int reopenCount,
    int reassignmentCount,
    String resolutionCode,
    String resolutionNotes,
    Integer satisfaction,
    String satisfactionComment,
    String item,
    BigDecimal price,
    String enteredBy,
    String configurationItem) {

  public static final String NEW = "new";
  public static final String AWAITING_APPROVAL = "awaiting_approval";
  public static final String REJECTED = "rejected";
  public static final String IN_PROGRESS = "in_progress";
  public static final String AWAITING_REQUESTER = "awaiting_requester";
  public static final String RESOLVED = "resolved";
  public static final String CLOSED = "closed";
  public static final String CANCELLED = "cancelled";
}
