package org.flowdesk.change;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.flowdesk.UtcColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The change table, next to the ticket it belongs to. */
@Repository
class ChangeRepository {

  /** A change on the calendar: its plan with the ticket's title, service, status and the CI it names (or null). */
  record Scheduled(ChangePlan plan, String title, String service, String status, String configurationItem) {
  }

  private final JdbcClient jdbc;

  ChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(ChangePlan p) {
    jdbc.sql("""
        INSERT INTO fd_change (ticket_number, change_type, template_id, planned_start, planned_end,
            implementation_group, complexity, tested, implementation_plan, backout_plan, test_evidence, risk)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(p.number(), p.type(), p.template(), UtcColumns.utc(p.plannedStart()), UtcColumns.utc(p.plannedEnd()),
            p.implementationGroup(), p.complexity(), p.tested(), p.implementationPlan(), p.backoutPlan(),
            p.testEvidence(), p.risk())
        .update();
  }

  Optional<ChangePlan> find(String number) {
    return jdbc.sql("SELECT * FROM fd_change WHERE ticket_number = ?").param(number)
        .query(ChangeRepository::plan).optional();
  }

  void setRisk(String number, String risk) {
    jdbc.sql("UPDATE fd_change SET risk = ? WHERE ticket_number = ?").params(risk, number).update();
  }

  void setWindow(String number, Instant start, Instant end) {
    jdbc.sql("UPDATE fd_change SET planned_start = ?, planned_end = ? WHERE ticket_number = ?")
        .params(UtcColumns.utc(start), UtcColumns.utc(end), number).update();
  }

  void setOutcome(String number, String outcome, String notes) {
    jdbc.sql("UPDATE fd_change SET outcome = ?, outcome_notes = ? WHERE ticket_number = ?")
        .params(outcome, notes, number).update();
  }

  /** Changes in one of the statuses whose window overlaps [from, to), optionally of one service. */
  List<Scheduled> overlapping(Instant from, Instant to, Collection<String> statuses, String service) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String sql = "SELECT c.*, t.title, t.service, t.status, t.ci_key FROM fd_change c "
        + "JOIN fd_ticket t ON t.ticket_number = c.ticket_number "
        + "WHERE c.planned_start < ? AND c.planned_end > ? AND t.status IN ("
        + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")"
        + (service == null ? "" : " AND t.service = ?") + " ORDER BY c.planned_start, c.ticket_number";
    JdbcClient.StatementSpec statement = jdbc.sql(sql).param(UtcColumns.utc(to)).param(UtcColumns.utc(from));
    for (String status : statuses) {
      statement = statement.param(status);
    }
    if (service != null) {
      statement = statement.param(service);
    }
    return statement.query((rs, n) -> new Scheduled(plan(rs, n), rs.getString("title"), rs.getString("service"),
        rs.getString("status"), rs.getString("ci_key"))).list();
  }

  private static ChangePlan plan(ResultSet rs, int row) throws SQLException {
    boolean tested = rs.getBoolean("tested");
    Boolean testedOrNull = rs.wasNull() ? null : tested;
    return new ChangePlan(rs.getString("ticket_number"), rs.getString("change_type"), rs.getString("template_id"),
        UtcColumns.instant(rs, "planned_start"), UtcColumns.instant(rs, "planned_end"),
        rs.getString("implementation_group"), rs.getString("complexity"), testedOrNull,
        rs.getString("implementation_plan"), rs.getString("backout_plan"), rs.getString("test_evidence"),
        rs.getString("risk"), rs.getString("outcome"), rs.getString("outcome_notes"));
  }
}
