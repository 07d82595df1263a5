package org.flowdesk.workbench;

import org.flowdesk.api.ForbiddenException;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who uses the workbench: members of the designer groups ({@code flowdesk.access.designer-groups}) and administrators. */
@Component
class Designers {

  private final AccessProperties access;

  Designers(AccessProperties access) {
    this.access = access;
  }

  /** The caller's id when they are a designer or an administrator; 403 otherwise. */
  String check(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && access.designerGroups().stream().noneMatch(user::isMemberOf)) {
      throw new ForbiddenException("Only process designers and administrators use the workbench");
    }
    return user.id();
  }
}
