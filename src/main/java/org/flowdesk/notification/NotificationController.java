package org.flowdesk.notification;

import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.ticket.TimelineTexts;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Notifications", description = "What FlowDesk told the caller and their groups (also sent as mail "
    + "when mail is configured), and which of it the caller has read.")
class NotificationController {

  private final Notifications notifications;
  private final Clock clock;
  private final Languages languages;
  private final TimelineTexts texts;

  NotificationController(Notifications notifications, Clock clock, Languages languages, TimelineTexts texts) {
    this.notifications = notifications;
    this.clock = clock;
    this.languages = languages;
    this.texts = texts;
  }

  /** The caller's newest 100 notifications, their own and their groups', or those about one ticket. */
  @Operation(operationId = "myNotifications", summary = "The caller's notifications",
      description = "The caller's newest 100 notifications, their own and their groups', newest first, each "
          + "saying whether the caller has read it; with ticket, only those about that ticket. Their texts are in "
          + "the caller's language (their profile's, else the browser's) where i18n/<language>.json words them.")
  @ApiResponse(responseCode = "200", description = "The notifications")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping("/api/notifications")
  List<Notifications.Received> mine(Authentication caller,
      @Parameter(description = "Only the notifications about this ticket", example = "INC-000042")
      @RequestParam(required = false) @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
          message = "must be a ticket number such as INC-000042") String ticket) {
    CurrentUser user = CurrentUser.of(caller);
    UnaryOperator<String> inTheirLanguage = texts.reader(languages.ofCaller(user.id()), Notifications.WORDS);
    return notifications.forUser(user, ticket, 100).stream().map(n -> new Notifications.Received(n.id(),
        n.recipientUser(), n.recipientGroup(), n.ticketNumber(), n.kind(), inTheirLanguage.apply(n.text()),
        n.createdAt(), n.read())).toList();
  }

  @Operation(operationId = "readNotification", summary = "Mark a notification read",
      description = "Marks one of the caller's (or their groups') notifications read for the caller; the other "
          + "members of a group still see it unread.")
  @ApiResponse(responseCode = "204", description = "Read")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/api/notifications/{id}/read")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void read(@Parameter(description = "The notification's id (GET /api/notifications)") @PathVariable long id,
      Authentication caller) {
    if (!notifications.markRead(CurrentUser.of(caller), id, clock.instant())) {
      throw new NotFoundException("notification", String.valueOf(id));
    }
  }

  @Operation(operationId = "readAllNotifications", summary = "Mark all notifications read",
      description = "Marks every notification of the caller and their groups read for the caller.")
  @ApiResponse(responseCode = "204", description = "Read")
  @PostMapping("/api/notifications/read")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void readAll(Authentication caller) {
    notifications.markAllRead(CurrentUser.of(caller), clock.instant());
  }
}
