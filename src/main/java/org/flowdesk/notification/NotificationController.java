package org.flowdesk.notification;

import java.util.List;

import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Notifications", description = "What FlowDesk told the caller and their groups (also sent as mail "
    + "when mail is configured).")
class NotificationController {

  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  /** The caller's newest 100 notifications, their own and their groups'. */
  @Operation(operationId = "myNotifications", summary = "The caller's notifications",
      description = "The caller's newest 100 notifications, their own and their groups', newest first.")
  @ApiResponse(responseCode = "200", description = "The notifications")
  @GetMapping("/api/notifications")
  List<Notification> mine(Authentication caller) {
    return notifications.forUser(CurrentUser.of(caller), 100);
  }
}
