package org.flowdesk.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.flowdesk.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Stores notifications; sending them by mail comes later and reads the same records. */
@Service
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  private static final int MAX_TEXT = 2000;

  private final JdbcClient jdbc;

  Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void toUser(String user, String ticketNumber, String kind, String text, Instant at) {
    insert(user, null, ticketNumber, kind, text, at);
  }

  public void toGroup(String group, String ticketNumber, String kind, String text, Instant at) {
    insert(null, group, ticketNumber, kind, text, at);
  }

  private void insert(String user, String group, String ticketNumber, String kind, String text, Instant at) {
    String shortened = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    jdbc.sql("INSERT INTO fd_notification (recipient_user, recipient_group, ticket_number, kind, text, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?)")
        .params(user, group, ticketNumber, kind, shortened, Timestamp.from(at)).update();
    LOG.info("{} notification {} for {}", ticketNumber, kind, user != null ? user : "group " + group);
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
        .query((rs, n) -> new Notification(rs.getLong("id"), rs.getString("recipient_user"),
            rs.getString("recipient_group"), rs.getString("ticket_number"), rs.getString("kind"),
            rs.getString("text"), rs.getTimestamp("created_at").toInstant()))
        .list();
  }
}
