package org.flowdesk.ticket;

import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Agents' saved queue views (fd_saved_view), each read and removed by its owner only. */
@Repository
class SavedViews {

  /** A saved view: its name, the list's filters and its order. */
  record Saved(long id, String name, TicketLists.View view, String sort) {
  }

  private final JdbcClient jdbc;

  SavedViews(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  long add(String owner, String name, TicketLists.View view, String sort, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO fd_saved_view (owner, name, mine, open_only, watching, status, assignment_group, ticket_type, "
        + "text_query, assignee, priority, breached, due_within_hours, sort, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(owner, name, view.mine(), view.open(), view.watching(), view.status(), view.group(), view.type(),
            view.q(), view.assignee(), view.priority(), view.breached(), view.dueWithinHours(), sort, utc(at))
        .update(key, "id");
    return key.getKey().longValue();
  }

  List<Saved> of(String owner) {
    return jdbc.sql("SELECT * FROM fd_saved_view WHERE owner = ? ORDER BY name, id").param(owner)
        .query(SavedViews::saved).list();
  }

  long countOf(String owner) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_saved_view WHERE owner = ?").param(owner).query(Long.class).single();
  }

  boolean exists(String owner, String name) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_saved_view WHERE owner = ? AND name = ?").params(owner, name)
        .query(Long.class).single() > 0;
  }

  /** Removes the owner's view; false when they have none of that id. */
  boolean remove(String owner, long id) {
    return jdbc.sql("DELETE FROM fd_saved_view WHERE id = ? AND owner = ?").params(id, owner).update() == 1;
  }

  private static Saved saved(ResultSet rs, int row) throws SQLException {
    return new Saved(rs.getLong("id"), rs.getString("name"), new TicketLists.View(rs.getBoolean("mine"),
        rs.getBoolean("open_only"), rs.getBoolean("watching"), rs.getString("status"), rs.getString("assignment_group"),
        rs.getString("ticket_type"), rs.getString("text_query"), rs.getString("assignee"), integer(rs, "priority"),
        bool(rs, "breached"), integer(rs, "due_within_hours")), rs.getString("sort"));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static Boolean bool(ResultSet rs, String column) throws SQLException {
    boolean value = rs.getBoolean(column);
    return rs.wasNull() ? null : value;
  }
}
