package org.flowdesk.problem;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowdesk.UtcColumns;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The problem table, next to the ticket it belongs to. */
@Repository
class ProblemRepository {

  private final JdbcClient jdbc;

  ProblemRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The investigation's findings; an investigation after a failed fix replaces them, and a workaround it changes
   * is the workaround's next revision.
   */
  void recordFindings(String number, String rootCause, String affectedService, String workaround) {
    int updated = jdbc.sql("UPDATE fd_problem SET root_cause = ?, affected_service = ?, workaround_revision = "
        + "CASE WHEN COALESCE(workaround, '') = COALESCE(?, '') THEN workaround_revision "
        + "ELSE workaround_revision + 1 END, "
        + "workaround = ? WHERE ticket_number = ?")
        .params(rootCause, affectedService, workaround, workaround, number).update();
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
            rs.getString("affected_service"), rs.getString("workaround"), UtcColumns.instant(rs, "known_error_at"),
            rs.getInt("workaround_revision")))
        .optional();
  }

  /** A workaround applied to an incident: its revision, by whom, when. */
  record Application(String problem, int revision, String by, Instant at) {
  }

  /**
   * The workaround's revision applied to the incident, by the agent, now; false when it was applied already. Of
   * two applying it at once, the second's insert waits for the first's transaction and fails on the key.
   */
  boolean recordApplication(String incident, String problem, int revision, String by, Instant at) {
    try {
      jdbc.sql("INSERT INTO fd_workaround_application (incident_number, problem_number, workaround_revision, "
          + "applied_by, applied_at) VALUES (?, ?, ?, ?, ?)")
          .params(incident, problem, revision, by, UtcColumns.utc(at)).update();
      return true;
    } catch (DuplicateKeyException appliedAlready) {
      return false;
    }
  }

  /** The workarounds applied to the incident, of every problem and revision, latest last. */
  List<Application> applications(String incident) {
    return jdbc.sql("SELECT problem_number, workaround_revision, applied_by, applied_at FROM fd_workaround_application "
        + "WHERE incident_number = ? ORDER BY applied_at, workaround_revision").param(incident)
        .query((rs, n) -> new Application(rs.getString("problem_number"), rs.getInt("workaround_revision"),
            rs.getString("applied_by"), UtcColumns.instant(rs, "applied_at"))).list();
  }

  /** What a list shows of a problem beside its ticket: how many incidents it causes and when it became a known error. */
  record Summary(long incidents, Instant knownErrorAt) {
  }

  /** The summaries of these problems, by number; a problem without incidents or findings has none. */
  Map<String, Summary> summaries(List<String> numbers) {
    if (numbers.isEmpty()) {
      return Map.of();
    }
    Map<String, Summary> found = new HashMap<>();
    jdbc.sql("SELECT p.ticket_number, f.known_error_at, (SELECT COUNT(*) FROM fd_ticket_link l "
        + "JOIN fd_ticket i ON i.ticket_number = l.linked_number WHERE l.ticket_number = p.ticket_number "
        + "AND l.relation = 'caused' AND i.ticket_type = 'incident') AS incidents "
        + "FROM fd_ticket p LEFT JOIN fd_problem f ON f.ticket_number = p.ticket_number "
        + "WHERE p.ticket_number IN (:numbers)")
        .param("numbers", numbers)
        .query(rs -> {
          found.put(rs.getString("ticket_number"), new Summary(rs.getLong("incidents"),
              UtcColumns.instant(rs, "known_error_at")));
        });
    return found;
  }

  /**
   * Open problems of a service (logged for it, or found to affect it), or whose incidents are of
   * the same service and category, oldest first.
   */
  List<String> openOf(String service, String category, List<String> openStatuses) {
    if (service == null || openStatuses.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT p.ticket_number FROM fd_ticket p LEFT JOIN fd_problem f ON f.ticket_number = p.ticket_number "
        + "WHERE p.ticket_type = 'problem' AND p.status IN (:open) AND (p.service = :service "
        + "OR f.affected_service = :service OR EXISTS (SELECT 1 FROM fd_ticket_link l "
        + "JOIN fd_ticket i ON i.ticket_number = l.linked_number WHERE l.ticket_number = p.ticket_number "
        + "AND l.relation = 'caused' AND i.service = :service AND i.category = :category)) "
        + "ORDER BY p.created_at, p.ticket_number")
        .param("open", openStatuses).param("service", service).param("category", category)
        .query(String.class).list();
  }

  /** An open incident not yet proposed nor linked to a problem, of one service and category. */
  record ClusterIncident(String number, Instant createdAt, int reopenCount) {
  }

  private static final String UNEXPLAINED = "t.ticket_type = 'incident' AND t.status IN (:open) "
      + "AND (t.created_at >= :since OR t.reopen_count > 0) "
      + "AND NOT EXISTS (SELECT 1 FROM fd_problem_proposal_incident p WHERE p.incident_number = t.ticket_number) "
      + "AND NOT EXISTS (SELECT 1 FROM fd_ticket_link l WHERE l.ticket_number = t.ticket_number "
      + "AND l.relation = 'caused_by') ";

  /**
   * The clusters ("service|category") of open incidents reported since then or reopened, that no
   * proposal and no problem explains yet.
   */
  List<String> incidentClusters(List<String> openStatuses, Instant since) {
    return jdbc.sql("SELECT DISTINCT t.service, COALESCE(t.category, '') AS category FROM fd_ticket t WHERE "
        + UNEXPLAINED + "AND t.service IS NOT NULL ORDER BY t.service, category")
        .param("open", openStatuses).param("since", UtcColumns.utc(since))
        .query((rs, n) -> rs.getString("service") + "|" + rs.getString("category")).list();
  }

  List<ClusterIncident> clusterIncidents(String service, String category, List<String> openStatuses, Instant since) {
    return jdbc.sql("SELECT t.ticket_number, t.created_at, t.reopen_count FROM fd_ticket t WHERE " + UNEXPLAINED
        + "AND t.service = :service AND COALESCE(t.category, '') = :category ORDER BY t.created_at, t.ticket_number")
        .param("open", openStatuses).param("since", UtcColumns.utc(since)).param("service", service)
        .param("category", category)
        .query((rs, n) -> new ClusterIncident(rs.getString("ticket_number"), UtcColumns.instant(rs, "created_at"),
            rs.getInt("reopen_count"))).list();
  }

  /** Each is proposed once: one proposed already (by another node) fails the whole proposal. */
  void recordProposal(List<String> incidents, Instant at) {
    for (String incident : incidents) {
      if (jdbc.sql("INSERT INTO fd_problem_proposal_incident (incident_number, proposed_at) SELECT ?, ? "
          + "WHERE NOT EXISTS (SELECT 1 FROM fd_problem_proposal_incident WHERE incident_number = ?)")
          .params(incident, UtcColumns.utc(at), incident).update() == 0) {
        throw new IllegalStateException(incident + " was proposed already");
      }
    }
  }
}
