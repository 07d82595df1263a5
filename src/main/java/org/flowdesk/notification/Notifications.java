package org.flowdesk.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.UtcColumns;
import org.flowdesk.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores notifications, and when mail is on, starts sending each one as mail. */
@Service
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final int MAX_TEXT = 2000;

  static final String MAIL_PROCESS = "notification-mail";
  /** The section of {@code i18n/<language>.json} that words the notifications' texts in the language. */
  static final String WORDS = "notifications";

  private final JdbcClient jdbc;
  private final MailProperties mail;
  private final RuntimeService runtimeService;

  Notifications(JdbcClient jdbc, MailProperties mail, RuntimeService runtimeService) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.runtimeService = runtimeService;
  }

  public void toUser(String user, String ticketNumber, String kind, String text, Instant at) {
    insert(user, null, ticketNumber, kind, text, false, at);
  }

  public void toGroup(String group, String ticketNumber, String kind, String text, Instant at) {
    insert(null, group, ticketNumber, kind, text, false, at);
  }

  /**
   * Each watcher of the ticket but those {@code except} (who were told already, or whose action it was), one
   * notification each.
   */
  public void toWatchers(String ticketNumber, String kind, String text, java.util.Set<String> except, Instant at) {
    jdbc.sql("SELECT user_id FROM fd_ticket_watcher WHERE ticket_number = ? ORDER BY user_id").param(ticketNumber)
        .query(String.class).list().stream().filter(watcher -> !except.contains(watcher))
        .forEach(watcher -> insert(watcher, null, ticketNumber, kind, text, true, at));
  }

  private void insert(String user, String group, String ticketNumber, String kind, String text, boolean forWatcher,
      Instant at) {
    String shortened = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO fd_notification (recipient_user, recipient_group, ticket_number, kind, text, for_watcher, "
        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(user, group, ticketNumber, kind, shortened, forWatcher, UtcColumns.utc(at)).update(key, "id");
    LOG.info("{} notification {} for {}", ticketNumber, kind, user != null ? user : "group " + group);
    if (mail.enabled()) {
      // Sent by the mail process's asynchronous step, after this transaction commits.
      runtimeService.createProcessInstanceByKey(MAIL_PROCESS).processDefinitionWithoutTenantId()
          .businessKey(ticketNumber).setVariables(Map.of("notificationId", key.getKey().longValue())).execute();
    }
  }

  public Optional<Notification> find(long id) {
    return jdbc.sql("SELECT * FROM fd_notification WHERE id = ?").param(id).query(Notifications::notification)
        .optional();
  }

  /** Whether the user was notified of this kind about the ticket at or after the instant. */
  boolean sentSince(String user, String ticketNumber, String kind, Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_notification WHERE recipient_user = ? AND ticket_number = ? "
        + "AND kind = ? AND created_at >= ?").params(user, ticketNumber, kind, UtcColumns.utc(since))
        .query(Long.class).single() > 0;
  }

  /** A notification as its reader sees it: whether they have read it (named Notification in the API, as before). */
  @io.swagger.v3.oas.annotations.media.Schema(name = "Notification")
  public record Received(long id, String recipientUser, String recipientGroup, String ticketNumber, String kind,
      String text, Instant createdAt,
      @io.swagger.v3.oas.annotations.media.Schema(description = "Whether the caller has marked it read") boolean read) {
  }

  /**
   * The newest notifications for the user and the groups they belong to about one ticket (all of them when
   * {@code ticketNumber} is null), each marked read or not for the user.
   */
  public List<Received> forUser(CurrentUser user, String ticketNumber, int limit) {
    List<Object> params = new ArrayList<>(List.of(user.id()));
    String sql = "SELECT n.*, r.read_at FROM fd_notification n LEFT JOIN fd_notification_read r "
        + "ON r.notification_id = n.id AND r.user_id = ? WHERE (" + visibleTo(user, params) + ")";
    if (ticketNumber != null) {
      sql += " AND n.ticket_number = ?";
      params.add(ticketNumber);
    }
    sql += " ORDER BY n.created_at DESC, n.id DESC LIMIT ?";
    params.add(limit);
    return jdbc.sql(sql).params(params).query((rs, row) -> {
      Notification n = notification(rs, row);
      return new Received(n.id(), n.recipientUser(), n.recipientGroup(), n.ticketNumber(), n.kind(), n.text(),
          n.createdAt(), rs.getObject("read_at") != null);
    }).list();
  }

  /** Marks the notification read for the user; false when it is not theirs or their groups'. */
  @Transactional
  public boolean markRead(CurrentUser user, long id, Instant at) {
    List<Object> params = new ArrayList<>(List.of(user.id(), UtcColumns.utc(at), id));
    return jdbc.sql("INSERT INTO fd_notification_read (notification_id, user_id, read_at) SELECT n.id, ?, ? "
        + "FROM fd_notification n WHERE n.id = ? AND (" + visibleTo(user, params) + ") AND NOT EXISTS "
        + "(SELECT 1 FROM fd_notification_read r WHERE r.notification_id = n.id AND r.user_id = ?)")
        .params(append(params, user.id())).update() > 0 || isRead(user, id);
  }

  /** Marks every notification of the user and their groups read for the user. */
  @Transactional
  public int markAllRead(CurrentUser user, Instant at) {
    List<Object> params = new ArrayList<>(List.of(user.id(), UtcColumns.utc(at)));
    return jdbc.sql("INSERT INTO fd_notification_read (notification_id, user_id, read_at) SELECT n.id, ?, ? "
        + "FROM fd_notification n WHERE (" + visibleTo(user, params) + ") AND NOT EXISTS "
        + "(SELECT 1 FROM fd_notification_read r WHERE r.notification_id = n.id AND r.user_id = ?)")
        .params(append(params, user.id())).update();
  }

  private boolean isRead(CurrentUser user, long id) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_notification_read WHERE notification_id = ? AND user_id = ?")
        .params(id, user.id()).query(Long.class).single() > 0;
  }

  /** The condition that a notification (n) is the user's or one of their groups', its parameters added. */
  private static String visibleTo(CurrentUser user, List<Object> params) {
    params.add(user.id());
    if (user.groups().isEmpty()) {
      return "n.recipient_user = ?";
    }
    params.addAll(user.groups());
    return "(n.recipient_user = ? OR n.recipient_group IN ("
        + String.join(", ", user.groups().stream().map(g -> "?").toList()) + "))";
  }

  private static List<Object> append(List<Object> params, Object last) {
    params.add(last);
    return params;
  }

  private static Notification notification(ResultSet rs, int row) throws SQLException {
    return new Notification(rs.getLong("id"), rs.getString("recipient_user"), rs.getString("recipient_group"),
        rs.getString("ticket_number"), rs.getString("kind"), rs.getString("text"),
        UtcColumns.instant(rs, "created_at"), rs.getBoolean("for_watcher"));
  }
}
