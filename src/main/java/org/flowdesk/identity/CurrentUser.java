package org.flowdesk.identity;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The caller of an API request: user id and group ids from Camunda's identity service. */
public record CurrentUser(String id, Set<String> groups) {

  public static CurrentUser of(Authentication authentication) {
    Set<String> groups = authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith(CamundaIdentityAuthenticationProvider.GROUP_PREFIX))
        .map(a -> a.substring(CamundaIdentityAuthenticationProvider.GROUP_PREFIX.length()))
        .collect(Collectors.toUnmodifiableSet());
    return new CurrentUser(authentication.getName(), groups);
  }

  public boolean isAdministrator() {
    return groups.contains(Groups.CAMUNDA_ADMIN);
  }

  public boolean isMemberOf(String group) {
    return group != null && groups.contains(group);
  }
}
