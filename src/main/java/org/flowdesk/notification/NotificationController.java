package org.flowdesk.notification;

import java.util.List;

import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotificationController {

  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  /** The caller's newest 100 notifications, their own and their groups'. */
  @GetMapping("/api/notifications")
  List<Notification> mine(Authentication caller) {
    return notifications.forUser(CurrentUser.of(caller), 100);
  }
}
