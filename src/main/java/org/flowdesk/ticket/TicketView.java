package org.flowdesk.ticket;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.flowdesk.models.FormSchema;
import org.flowdesk.sla.SlaClock;

import io.swagger.v3.oas.annotations.media.Schema;

/** A ticket as the API shows it, with its SLA clocks. */
public record TicketView(
    @Schema(description = "The ticket number, unique across types", example = "INC-000042") String number,
    @Schema(description = "incident, request or change", example = "incident") String type,
    @Schema(example = "VPN drops") String title,
    String description,
    @Schema(description = "The user id of who reported or ordered it", example = "alice") String requester,
    @Schema(description = "The catalog service", example = "vpn") String service,
    String category,
    Integer impact,
    Integer urgency,
    @Schema(description = "1 (critical) to 5 (planning), from impact and urgency", example = "3") Integer priority,
    @Schema(description = "Where it is; the statuses are those of its process", example = "in_progress") String status,
    @Schema(description = "The group working it", example = "network") String assignmentGroup,
    @Schema(description = "The agent working it, when someone took it on", example = "nina") String assignee,
    Instant createdAt,
    Instant updatedAt,
    Instant responseDue,
    @Schema(description = "When the resolution SLA is due; moves while paused", example = "2027-03-03T13:00:00Z") Instant resolutionDue,
    Instant respondedAt,
    Instant resolvedAt,
    Instant closedAt,
    boolean responseBreached,
    boolean resolutionBreached,
    Instant responseBreachedAt,
    Instant resolutionBreachedAt,
    @Schema(description = "Time the resolution clock spent paused, waiting on the requester") long totalPausedSeconds,
    boolean paused,
    int reopenCount,
    int reassignmentCount,
    String resolutionCode,
    String resolutionNotes,
    Integer satisfaction,
    String satisfactionComment,
    String item,
    BigDecimal price,
    @Schema(description = "What the requester answered in the item's form, labelled as the form labels it (in "
        + "the caller's language where forms/i18n words the form; what was typed stays as typed); only when one "
        + "ticket is read, not in lists")
    List<FormSchema.Answer> answers,
    @Schema(description = "Whether it is a major incident (declared by its model for a P1, or by an agent); only "
        + "when one ticket is read, not in lists") Boolean major,
    @Schema(description = "The major incident this incident is attached to and waits for, if any; only when one "
        + "ticket is read", example = "INC-000041") String majorParent,
    @Schema(description = "A major incident's children, the incidents attached to it (for its agents); only when "
        + "one ticket is read") List<String> majorChildren,
    @Schema(description = "Who entered the ticket for its requester (an agent who took the call, a manager who "
        + "ordered for a report); null when the requester entered it", example = "bob") String enteredBy,
    @Schema(description = "The key of the configuration item the incident or change names (a CI its service stands "
        + "on); null for none", example = "db-erp") String configurationItem) {

  static TicketView of(Ticket t, List<SlaClock> clocks, List<FormSchema.Answer> answers) {
    return of(t, clocks, answers, null, null, null);
  }

  static TicketView of(Ticket t, List<SlaClock> clocks, List<FormSchema.Answer> answers, Boolean major,
      String majorParent, List<String> majorChildren) {
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
        t.resolutionCode(), t.resolutionNotes(), t.satisfaction(), t.satisfactionComment(), t.item(), t.price(),
        answers, major, majorParent, majorChildren, t.enteredBy(), t.configurationItem());
  }
}
