package org.flowdesk.identity;

import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The person whose action the engine is carrying out in this thread: the caller of FlowDesk's API or of
 * {@code /engine-rest} (Spring Security's authenticated user), else the user logged in to the engine (Tasklist).
 * Nobody when the engine runs on its own (a timer, an asynchronous step, a mail read from the inbox).
 */
public final class ActingUser {

  private ActingUser() {
  }

  public static Optional<String> of(IdentityService identityService) {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)
        && caller.getName() != null) {
      return Optional.of(caller.getName());
    }
    org.camunda.bpm.engine.impl.identity.Authentication engine = identityService.getCurrentAuthentication();
    return engine == null ? Optional.empty() : Optional.ofNullable(engine.getUserId());
  }
}
