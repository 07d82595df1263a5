package org.flowdesk.responses;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The prepared answers an agent may send on a ticket, filled for it. */
@RestController
@Tag(name = "Tickets")
class CannedResponseController {

  private final CannedResponses responses;

  CannedResponseController(CannedResponses responses) {
    this.responses = responses;
  }

  @Schema(name = "CannedResponse", description = "A prepared answer, filled for the ticket: the agent edits it "
      + "and sends it as a comment")
  record View(@Schema(description = "Its file: responses/<id>.md", example = "need-more-information") String id,
      @Schema(example = "Ask for more information") String title,
      @Schema(description = "The text, placeholders filled, in the requester's language where written") String text) {
  }

  @Operation(operationId = "listCannedResponses", summary = "Prepared answers for a ticket",
      description = "The prepared answers (responses/*.md) the caller's groups use on tickets of this type, filled "
          + "from the ticket (the requester's name, the ticket's number and title, the service, the group, the "
          + "agent's name), in the requester's language where the file has a translation, by title. For the "
          + "agents working the ticket.")
  @ApiResponse(responseCode = "200", description = "The answers; none is an empty list")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/tickets/{number}/responses")
  List<View> list(@Parameter(description = "The ticket number", example = "INC-000042") @PathVariable String number,
      Authentication caller) {
    return responses.forTicket(number, CurrentUser.of(caller)).stream()
        .map(filled -> new View(filled.id(), filled.title(), filled.text())).toList();
  }
}
