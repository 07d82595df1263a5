package org.flowdesk.identity;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.ticket.TicketNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What administrators do to accounts through FlowDesk's API (administrators only, see SecurityConfiguration). */
@RestController
class UserAdminController {

  private final IdentityService identityService;
  private final AuditLog audit;

  UserAdminController(IdentityService identityService, AuditLog audit) {
    this.identityService = identityService;
    this.audit = audit;
  }

  /** Ends the delay that failed logins put on the account, at once, as Camunda Admin's unlock does. */
  @PostMapping("/api/admin/users/{id}/unlock")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unlock(@PathVariable String id, Authentication caller) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      throw new TicketNotFoundException("user " + id);
    }
    identityService.unlockUser(id);
    audit.record(caller.getName(), "identity.unlock", "user " + id, null);
  }
}
