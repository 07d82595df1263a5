package org.flowdesk.identity;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks user ids and passwords against Camunda's identity service, the directory that Cockpit,
 * Tasklist and Admin use too. Each group the user belongs to becomes an authority GROUP_{id}.
 * The password check and the group query share one transaction: every API request is
 * authenticated, so two of them would be two transactions each time.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identityService;
  private final TransactionTemplate transaction;

  CamundaIdentityAuthenticationProvider(IdentityService identityService, TransactionTemplate transaction) {
    this.identityService = identityService;
    this.transaction = transaction;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object password = authentication.getCredentials();
    if (!plausible(userId) || !(password instanceof String secret) || secret.length() > 1000) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    // checkPassword also counts failed attempts and locks the account for a while after too many: a
    // wrong password commits that count (the transaction answers null rather than throwing).
    List<GrantedAuthority> authorities = transaction.execute(status -> identityService.checkPassword(userId, secret)
        ? identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId)
            .<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
            .toList()
        : null);
    if (authorities == null) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
  }

  /** User ids are short words; anything else is not worth a database round trip (PostgreSQL refuses NUL). */
  private static boolean plausible(String userId) {
    return userId != null && !userId.isBlank() && userId.length() <= 64
        && userId.chars().noneMatch(c -> Character.isISOControl(c));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
