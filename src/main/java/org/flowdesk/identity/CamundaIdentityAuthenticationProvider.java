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

/**
 * Checks user ids and passwords against Camunda's identity service, the directory that Cockpit,
 * Tasklist and Admin use too. Each group the user belongs to becomes an authority GROUP_{id}.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

  static final String GROUP_PREFIX = "GROUP_";

  private final IdentityService identityService;

  CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object password = authentication.getCredentials();
    // checkPassword also counts failed attempts and locks the account for a while after too many.
    if (!plausible(userId) || !(password instanceof String secret) || secret.length() > 1000
        || !identityService.checkPassword(userId, secret)) {
      throw new BadCredentialsException("Unknown user or wrong password");
    }
    List<GrantedAuthority> authorities = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId)
        .<GrantedAuthority>map(id -> new SimpleGrantedAuthority(GROUP_PREFIX + id))
        .toList();
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
