package org.flowdesk.ticket;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** Something that happened to a ticket. Internal entries are never shown to the requester. */
public record TimelineEntry(long id, @Schema(example = "INC-000042") String ticketNumber, Instant at,
    @Schema(description = "Who did it: a user id, or system", example = "nina") String actor,
    @Schema(example = "comment") String kind,
    @Schema(description = "Shown only to the agents working the ticket") boolean internal,
    @Schema(example = "Looking at the VPN concentrator") String text,
    @Schema(description = "The minutes worked recorded with this comment or step; shown only to the agents "
        + "working the ticket, null otherwise", example = "45") Integer minutes) {

  public TimelineEntry withMinutes(Integer worked) {
    return new TimelineEntry(id, ticketNumber, at, actor, kind, internal, text, worked);
  }
}
