package org.flowdesk.problem;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.ticket.TimelineEntry;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Problems while an incident is worked, for its agents: the open problems and known errors that
 * may explain it, and applying a known error's workaround to it.
 */
@RestController
@RequestMapping("/api/tickets/{number}")
@Tag(name = "Problems")
class KnownErrorController {

  private final KnownErrors knownErrors;

  KnownErrorController(KnownErrors knownErrors) {
    this.knownErrors = knownErrors;
  }

  @Schema(example = """
      {"problem": "PRB-000001"}""")
  record Workaround(@NotBlank @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
      message = "must be a problem number such as PRB-000001") String problem) {
  }

  @Operation(operationId = "knownErrorsOfTicket", summary = "Problems and known errors that may explain an incident",
      description = "For the incident's agents: the open problems of its service (or whose incidents share its "
          + "service and category), those matching words of its title, and those it is linked to; known errors "
          + "(with a workaround) first. Each says in applied whether its workaround was applied to the incident "
          + "already (when, by whom) and whether it was revised since, when it may be applied again.")
  @ApiResponse(responseCode = "200", description = "At most " + KnownErrors.MOST + " problems")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/known-errors")
  List<KnownErrors.KnownProblem> knownErrors(@PathVariable String number, Authentication caller) {
    return knownErrors.forIncident(number, CurrentUser.of(caller));
  }

  @Operation(operationId = "applyWorkaround", summary = "Apply a known error's workaround to an incident",
      description = "For the incident's agents: links the incident to the problem (so the problem's fix resolves it) "
          + "and adds the workaround as a public comment the requester sees. Resolve the incident then with the "
          + "resolution code known_error. A workaround the incident's requester was given already is refused (409), "
          + "also when two apply it at once; once the workaround is revised on the problem, its new revision may be "
          + "applied.")
  @ApiResponse(responseCode = "201", description = "The public comment")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/workaround")
  @ResponseStatus(HttpStatus.CREATED)
  TimelineEntry applyWorkaround(@PathVariable String number, @Valid @RequestBody Workaround workaround,
      Authentication caller) {
    return knownErrors.applyWorkaround(number, workaround.problem(), CurrentUser.of(caller));
  }
}
