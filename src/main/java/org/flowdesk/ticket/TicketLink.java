package org.flowdesk.ticket;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** Another ticket this one is linked to, and how (an incident caused by a change, …). */
public record TicketLink(@Schema(description = "The other ticket", example = "CHG-000007") String number,
    @Schema(description = "How this ticket relates to it: caused_by, caused, fixed_by, fixes, related, or duplicate_of and duplicated_by for a merged incident and the one it was merged into",
        example = "caused_by") String relation,
    @Schema(example = "change") String type, String title, String status, Instant linkedAt) {
}
