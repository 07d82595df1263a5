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

/** Stores notifications, and when mail is on, starts sending each one as mail. */
@Service
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final int MAX_TEXT = 2000;

  static final String MAIL_PROCESS = "notification-mail";

  private final JdbcClient jdbc;
  private final MailProperties mail;
  private final RuntimeService runtimeService;

  Notifications(JdbcClient jdbc, MailProperties mail, RuntimeService runtimeService) {
    this.jdbc = jdbc;
    this.mail = mail;
    this.runtimeService = runtimeService;
  }

  public void toUser(String user, String ticketNumber, String kind, String text, Instant at) {
    insert(user, null, ticketNumber, kind, text, at);
  }

  public void toGroup(String group, String ticketNumber, String kind, String text, Instant at) {
    insert(null, group, ticketNumber, kind, text, at);
  }

  private void insert(String user, String group, String ticketNumber, String kind, String text, Instant at) {
    String shortened = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO fd_notification (recipient_user, recipient_group, ticket_number, kind, text, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)")
        .params(user, group, ticketNumber, kind, shortened, UtcColumns.utc(at)).update(key, "id");
    LOG.info("{} notification {} for {}", ticketNumber, kind, user != null ? user : "group " + group);
    if (mail.enabled()) {
      // Sent by the mail process's asynchronous step, after this transaction commits.
      runtimeService.startProcessInstanceByKey(MAIL_PROCESS, ticketNumber,
          Map.of("notificationId", key.getKey().longValue()));
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

  /** The newest notifications for the user and the groups they belong to. */
  public List<Notification> forUser(CurrentUser user, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM fd_notification WHERE recipient_user = ?");
    List<Object> params = new ArrayList<>(List.of(user.id()));
    if (!user.groups().isEmpty()) {
      sql.append(" OR recipient_group IN (")
          .append(String.join(", ", user.groups().stream().map(g -> "?").toList())).append(")");
      params.addAll(user.groups());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params)
        .query(Notifications::notification)
        .list();
  }

  private static Notification notification(ResultSet rs, int row) throws SQLException {
    return new Notification(rs.getLong("id"), rs.getString("recipient_user"), rs.getString("recipient_group"),
        rs.getString("ticket_number"), rs.getString("kind"), rs.getString("text"),
        UtcColumns.instant(rs, "created_at"));
  }
}
