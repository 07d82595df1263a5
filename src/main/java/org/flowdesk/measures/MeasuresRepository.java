package org.flowdesk.measures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.flowdesk.UtcColumns;
import org.flowdesk.ticket.Ticket;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for the measures: FlowDesk's tickets and clocks, and Camunda's history of activities. */
@Repository
class MeasuresRepository {

  private final JdbcClient jdbc;

  MeasuresRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Tickets with something in [from, to) or still open at {@code to}; of one type, or all when null.
   * A problem's incidents are those linked to it before {@code to}.
   */
  List<TicketFacts> tickets(Instant from, Instant to, String type) {
    return jdbc.sql("""
        SELECT t.ticket_number, t.ticket_type, t.service, t.priority, t.assignment_group, t.status, t.created_at,
            t.responded_at, t.resolved_at, t.closed_at, t.reopen_count, t.reassignment_count, t.satisfaction,
            t.resolution_code, pr.known_error_at, mi.declared_at AS major_declared_at,
            (SELECT COUNT(*) FROM fd_ticket_link l JOIN fd_ticket i ON i.ticket_number = l.linked_number
              WHERE l.ticket_number = t.ticket_number AND l.relation = 'caused' AND i.ticket_type = 'incident'
                AND l.created_at < ?) AS incidents,
            (SELECT MIN(kp.known_error_at) FROM fd_ticket_link k JOIN fd_problem kp ON kp.ticket_number = k.linked_number
              WHERE k.ticket_number = t.ticket_number AND k.relation = 'caused_by') AS problem_known_error_at,
            rs.target AS rs_target, rs.calendar AS rs_calendar, rs.due_at AS rs_due, rs.breached_at AS rs_breached,
            rr.target AS rr_target, rr.calendar AS rr_calendar, rr.due_at AS rr_due, rr.breached_at AS rr_breached,
            c.change_type, c.outcome,
            (SELECT MIN(e.occurred_at) FROM fd_timeline_entry e
              WHERE e.ticket_number = t.ticket_number AND e.kind = 'approval_requested') AS approval_requested,
            (SELECT MAX(e.occurred_at) FROM fd_timeline_entry e
              WHERE e.ticket_number = t.ticket_number AND e.kind IN ('approved', 'rejected')) AS approval_decided
        FROM fd_ticket t
        LEFT JOIN fd_sla_clock rs ON rs.ticket_number = t.ticket_number AND rs.clock = 'response'
        LEFT JOIN fd_sla_clock rr ON rr.ticket_number = t.ticket_number AND rr.clock = 'resolution'
        LEFT JOIN fd_change c ON c.ticket_number = t.ticket_number
        LEFT JOIN fd_problem pr ON pr.ticket_number = t.ticket_number
        LEFT JOIN fd_major_incident mi ON mi.ticket_number = t.ticket_number
        WHERE t.created_at < ? AND (t.closed_at IS NULL OR t.closed_at >= ?) AND (CAST(? AS VARCHAR(20)) IS NULL OR t.ticket_type = ?)
        """)
        .params(ts(to), ts(to), ts(from), type, type)
        .query(MeasuresRepository::facts).list();
  }

  /** How long a group held a ticket (an OLA clock that stopped), for the OLA measures. */
  record HeldClock(String group, String target, String calendar, Instant dueAt, Instant stoppedAt,
      Instant breachedAt) {
  }

  /** The OLA clocks stopped in [from, to), of tickets of one type or of all when null. */
  List<HeldClock> olaClocksStopped(Instant from, Instant to, String type) {
    return jdbc.sql("""
        SELECT o.assignment_group, o.target, o.calendar, o.due_at, o.stopped_at, o.breached_at
        FROM fd_ola_clock o LEFT JOIN fd_ticket t ON t.ticket_number = o.ticket_number
        WHERE o.stopped_at >= ? AND o.stopped_at < ? AND (CAST(? AS VARCHAR(20)) IS NULL OR t.ticket_type = ?)
        ORDER BY o.id
        """)
        .params(ts(from), ts(to), type, type)
        .query((rs, n) -> new HeldClock(rs.getString("assignment_group"), rs.getString("target"),
            rs.getString("calendar"), UtcColumns.instant(rs, "due_at"), UtcColumns.instant(rs, "stopped_at"),
            UtcColumns.instant(rs, "breached_at")))
        .list();
  }

  /** Open tickets now, counted by age bucket and priority. */
  record AgeCount(String bucket, Integer priority, long tickets) {
  }

  List<AgeCount> backlogByAge(Instant now, String type, List<String> openStatuses) {
    if (openStatuses.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        SELECT bucket, priority, COUNT(*) AS tickets FROM (
          SELECT CASE WHEN created_at > ? THEN '< 1 day' WHEN created_at > ? THEN '1-3 days'
                      WHEN created_at > ? THEN '3-7 days' WHEN created_at > ? THEN '7-30 days'
                      ELSE '> 30 days' END AS bucket, priority
          FROM fd_ticket
          WHERE status IN (%s) AND (CAST(? AS VARCHAR(20)) IS NULL OR ticket_type = ?)) aged
        GROUP BY bucket, priority
        """.formatted(String.join(", ", Collections.nCopies(openStatuses.size(), "?"))))
        .params(backlogParams(now, type, openStatuses))
        .query((rs, n) -> new AgeCount(rs.getString("bucket"), integer(rs, "priority"), rs.getLong("tickets")))
        .list();
  }

  private static List<Object> backlogParams(Instant now, String type, List<String> openStatuses) {
    List<Object> params = new ArrayList<>(List.of(ts(now.minusSeconds(86_400)), ts(now.minusSeconds(3 * 86_400)),
        ts(now.minusSeconds(7 * 86_400)), ts(now.minusSeconds(30 * 86_400L))));
    params.addAll(openStatuses);
    params.add(type);
    params.add(type);
    return params;
  }

  /**
   * One activity of a process instance that ended in [from, to), with the moment its task was
   * first assigned (claimed) for user tasks. Gateways and plain start and end events are left out:
   * a token passes them in no time, and FlowDesk's history level does not record them.
   */
  record ActivityRun(String processKey, int version, String processName, String processInstanceId,
      long processMillis, String activityId, String activityName, String activityType, Instant start, Instant end,
      Instant claimed) {
  }

  List<ActivityRun> activities(Instant from, Instant to, String processKey) {
    return jdbc.sql("""
        SELECT d.KEY_ AS process_key, d.VERSION_ AS version, d.NAME_ AS process_name, p.ID_ AS instance_id,
            p.DURATION_ AS process_millis, a.ACT_ID_ AS activity_id, a.ACT_NAME_ AS activity_name,
            a.ACT_TYPE_ AS activity_type, a.START_TIME_ AS started, a.END_TIME_ AS ended,
            (SELECT MIN(l.TIMESTAMP_) FROM ACT_HI_IDENTITYLINK l
              WHERE l.TASK_ID_ = a.TASK_ID_ AND l.TYPE_ = 'assignee' AND l.OPERATION_TYPE_ = 'add') AS claimed
        FROM ACT_HI_PROCINST p
        JOIN ACT_RE_PROCDEF d ON d.ID_ = p.PROC_DEF_ID_
        JOIN ACT_HI_ACTINST a ON a.PROC_INST_ID_ = p.ID_
        WHERE p.END_TIME_ >= ? AND p.END_TIME_ < ? AND a.END_TIME_ IS NOT NULL AND (CAST(? AS VARCHAR(255)) IS NULL OR d.KEY_ = ?)
          AND a.ACT_TYPE_ NOT IN ('subProcess', 'multiInstanceBody', 'exclusiveGateway', 'parallelGateway',
            'inclusiveGateway', 'startEvent', 'noneEndEvent', 'intermediateNoneThrowEvent')
        """)
        .params(engineTime(from), engineTime(to), processKey, processKey)
        .query((rs, n) -> new ActivityRun(rs.getString("process_key"), rs.getInt("version"),
            rs.getString("process_name"), rs.getString("instance_id"), rs.getLong("process_millis"),
            rs.getString("activity_id"), rs.getString("activity_name"), rs.getString("activity_type"),
            engineTime(rs.getTimestamp("started")), engineTime(rs.getTimestamp("ended")),
            engineTime(rs.getTimestamp("claimed"))))
        .list();
  }

  /** Fulfilled requests' prices in [from, to), per service. */
  record CostLine(String service, long requests, java.math.BigDecimal total) {
  }

  List<CostLine> requestCosts(Instant from, Instant to) {
    return jdbc.sql("SELECT service, COUNT(*) AS requests, SUM(price) AS total FROM fd_cost_record "
        + "WHERE recorded_at >= ? AND recorded_at < ? GROUP BY service")
        .params(ts(from), ts(to))
        .query((rs, n) -> new CostLine(rs.getString("service"), rs.getLong("requests"), rs.getBigDecimal("total")))
        .list();
  }

  /** Minutes worked in [from, to) by one agent on one service's tickets for one group. */
  record TimeLine(String actor, String service, String group, long minutes) {
  }

  List<TimeLine> timeWorked(Instant from, Instant to) {
    return jdbc.sql("SELECT actor, service, assignment_group, SUM(minutes) AS minutes FROM fd_time_worked "
        + "WHERE worked_at >= ? AND worked_at < ? GROUP BY actor, service, assignment_group")
        .params(ts(from), ts(to))
        .query((rs, n) -> new TimeLine(rs.getString("actor"), rs.getString("service"),
            rs.getString("assignment_group"), rs.getLong("minutes")))
        .list();
  }

  /**
   * Files kept now for the tickets and knowledge articles of one service (null: tickets without a
   * service).
   */
  record StorageLine(String service, long files, long bytes) {
  }

  List<StorageLine> storageByService() {
    return jdbc.sql("""
        SELECT f.service, COUNT(*) AS files, SUM(f.size_bytes) AS bytes FROM (
            SELECT t.service, a.size_bytes FROM fd_attachment a JOIN fd_ticket t ON t.ticket_number = a.ticket_number
            UNION ALL
            SELECT r.service, a.size_bytes FROM fd_attachment a JOIN fd_article r ON r.id = a.article_id) f
        GROUP BY f.service
        """)
        .query((rs, n) -> new StorageLine(rs.getString("service"), rs.getLong("files"), rs.getLong("bytes")))
        .list();
  }

  private static TicketFacts facts(ResultSet rs, int row) throws SQLException {
    return new TicketFacts(rs.getString("ticket_number"), rs.getString("ticket_type"), rs.getString("service"),
        integer(rs, "priority"), rs.getString("assignment_group"), rs.getString("status"),
        instant(rs, "created_at"), instant(rs, "responded_at"),
        instant(rs, "resolved_at"), instant(rs, "closed_at"), rs.getInt("reopen_count"),
        rs.getInt("reassignment_count"), integer(rs, "satisfaction"), clock(rs, "rs"), clock(rs, "rr"),
        rs.getString("change_type"), rs.getString("outcome"), instant(rs, "approval_requested"),
        instant(rs, "approval_decided"), rs.getString("resolution_code"), instant(rs, "known_error_at"),
        rs.getLong("incidents"), instant(rs, "problem_known_error_at"), instant(rs, "major_declared_at"));
  }

  private static TicketFacts.Clock clock(ResultSet rs, String prefix) throws SQLException {
    String target = rs.getString(prefix + "_target");
    return target == null ? null : new TicketFacts.Clock(target, rs.getString(prefix + "_calendar"),
        instant(rs, prefix + "_due"), instant(rs, prefix + "_breached"));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static OffsetDateTime ts(Instant instant) {
    return UtcColumns.utc(instant);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return UtcColumns.instant(rs, column);
  }

  /** Camunda's history columns are TIMESTAMP in the JVM's zone, as the engine writes them. */
  private static Timestamp engineTime(Instant instant) {
    return Timestamp.from(instant);
  }

  private static Instant engineTime(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
