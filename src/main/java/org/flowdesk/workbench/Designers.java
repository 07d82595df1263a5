package org.flowdesk.workbench;

import org.flowdesk.api.ForbiddenException;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who reaches the workbench: process designers (flowdesk.access.designer-groups) and administrators. */
@Component
class Designers {

  private final AccessProperties access;

  Designers(AccessProperties access) {
    this.access = access;
  }

  /**
   * The caller's user id, when they are a designer or an administrator.
   *
   * @throws ForbiddenException for everyone else
   */
  String designer(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && access.designerGroups().stream().noneMatch(user::isMemberOf)) {
      throw new ForbiddenException("Only process designers and administrators use the workbench");
    }
    return user.id();
  }
}
