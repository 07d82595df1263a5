package org.flowdesk.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.flowdesk.UtcColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

/** Who did which administrative action, and when: model deployments, catalog, users and groups. */
@Service
public class AuditLog {

  private static final Logger LOG = LoggerFactory.getLogger("org.flowdesk.audit");

  private final JdbcClient jdbc;
  private final Clock clock;

  public AuditLog(JdbcClient jdbc, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
  }

  /** An audit record: what a request's action did. Written in its own transaction, so a refused action is kept too. */
  @Schema(name = "AuditEntry")
  public record Entry(long id, Instant at, String actor, String action, String target, String details) {
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(String actor, String action, String target, String details) {
    Instant at = clock.instant();
    jdbc.sql("INSERT INTO fd_audit_log (occurred_at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)")
        .params(UtcColumns.utc(at), actor, action, cut(target, 400), cut(details, 4000)).update();
    LOG.info("{} {} {} {}", actor, action, target == null ? "" : target, details == null ? "" : details);
  }

  @Transactional(readOnly = true)
  public List<Entry> newest(int limit) {
    return jdbc.sql("SELECT * FROM fd_audit_log ORDER BY occurred_at DESC, id DESC LIMIT ?").param(limit)
        .query((rs, n) -> new Entry(rs.getLong("id"), UtcColumns.instant(rs, "occurred_at"),
            rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("details")))
        .list();
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
