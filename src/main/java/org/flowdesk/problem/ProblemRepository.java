package org.flowdesk.problem;

import java.time.Instant;
import java.util.Optional;

import org.flowdesk.UtcColumns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The problem table, next to the ticket it belongs to. */
@Repository
class ProblemRepository {

  private final JdbcClient jdbc;

  ProblemRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The investigation's findings; an investigation after a failed fix replaces them. */
  void recordFindings(String number, String rootCause, String affectedService, String workaround) {
    int updated = jdbc.sql("UPDATE fd_problem SET root_cause = ?, affected_service = ?, workaround = ? "
        + "WHERE ticket_number = ?").params(rootCause, affectedService, workaround, number).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO fd_problem (ticket_number, root_cause, affected_service, workaround) VALUES (?, ?, ?, ?)")
          .params(number, rootCause, affectedService, workaround).update();
    }
  }

  /** The first time the problem became a known error. */
  void markKnownError(String number, Instant at) {
    jdbc.sql("UPDATE fd_problem SET known_error_at = ? WHERE ticket_number = ? AND known_error_at IS NULL")
        .params(UtcColumns.utc(at), number).update();
  }

  Optional<ProblemRecord> find(String number) {
    return jdbc.sql("SELECT * FROM fd_problem WHERE ticket_number = ?").param(number)
        .query((rs, n) -> new ProblemRecord(rs.getString("ticket_number"), rs.getString("root_cause"),
            rs.getString("affected_service"), rs.getString("workaround"), UtcColumns.instant(rs, "known_error_at")))
        .optional();
  }
}
