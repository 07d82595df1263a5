package org.flowdesk.ticket;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A decision taken on an approval task: a request's approver, a CAB member's vote, a board")
public record Approval(
    @Schema(description = "The step's code: the approval chain's (manager, budget-owner, security), \"CAB vote\", "
        + "or the task's name", example = "CAB vote") String step,
    @Schema(description = "The step as its model names the task, as a waiting approval shows it",
        example = "CAB member votes") String stepName,
    @Schema(description = "Who decided (user id)", example = "nina") String approver,
    @Schema(description = "Approved (true) or rejected (false)") boolean approved,
    @Schema(description = "The reason given, if any", example = "Backout plan is tested") String comment,
    @Schema(description = "When", example = "2027-03-02T09:15:00Z") Instant decidedAt) {
}
