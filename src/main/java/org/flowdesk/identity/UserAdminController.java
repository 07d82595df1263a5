package org.flowdesk.identity;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What administrators do to accounts through FlowDesk's API (administrators only, see SecurityConfiguration). */
@RestController
@Tag(name = "People")
class UserAdminController {

  private final IdentityService identityService;
  private final AuditLog audit;

  UserAdminController(IdentityService identityService, AuditLog audit) {
    this.identityService = identityService;
    this.audit = audit;
  }

  /** Ends the delay that failed logins put on the account, at once, as Camunda Admin's unlock does. */
  @Operation(operationId = "unlockUser", summary = "Unlock an account",
      description = "Ends at once the delay that failed logins put on the account, as Camunda Admin's unlock "
          + "does. Recorded in the audit log. Administrators only.")
  @ApiResponse(responseCode = "204", description = "Unlocked")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/api/admin/users/{id}/unlock")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unlock(@Parameter(description = "The user id", example = "alice") @PathVariable String id,
      Authentication caller) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      throw new NotFoundException("user", id);
    }
    identityService.unlockUser(id);
    audit.record(caller.getName(), "identity.unlock", "user " + id, null);
  }
}
