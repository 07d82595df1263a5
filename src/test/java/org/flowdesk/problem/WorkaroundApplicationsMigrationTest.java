package org.flowdesk.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V39 on a database that has incidents given workarounds before it: their public comments become
 * applications, at the problem's current revision when the comment's workaround is today's, at an earlier one
 * when it changed since; on H2, or with {@code flowdesk.test.database=postgres} in a schema of its own.
 */
class WorkaroundApplicationsMigrationTest {

  static final OffsetDateTime NINE = OffsetDateTime.parse("2027-05-03T09:00:00Z");

  record Row(String incident, String problem, int revision, String by, OffsetDateTime at) {
  }

  @Test
  void workaroundsAppliedBeforeAreFoundInTheIncidentsTimelines() throws SQLException {
    try (SingleConnectionDataSource database = database()) {
      JdbcClient jdbc = JdbcClient.create(database);
      Flyway before = flyway(database).target("38").load();
      before.migrate();
      problem(jdbc, "PRB-000001", "Open the invitation in the web mailer");
      problem(jdbc, "PRB-000002", "Print from tray 1 until firmware 4.3");
      problem(jdbc, "PRB-000010", null);
      // Applied twice before the 409 existed: the first counts.
      comment(jdbc, "INC-000001", "bob", NINE, "Workaround for the known error PRB-000001 (Invitations vanish):\n"
          + "Open the invitation in the web mailer");
      comment(jdbc, "INC-000001", "sam", NINE.plusHours(1), "Workaround for the known error PRB-000001 (Invitations "
          + "vanish):\nOpen the invitation in the web mailer");
      // A workaround revised since: the last of the old ones is an earlier revision.
      comment(jdbc, "INC-000002", "bob", NINE, "Workaround for the known error PRB-000002 (Printer jams):\n"
          + "Feed one sheet at a time");
      comment(jdbc, "INC-000002", "sam", NINE.plusHours(2), "Workaround for the known error PRB-000002 (Printer "
          + "jams):\nFeed one sheet at a time from tray 2");
      // A problem whose workaround was withdrawn, and comments that only talk about workarounds.
      comment(jdbc, "INC-000003", "bob", NINE, "Workaround for the known error PRB-000010 (Badges):\nUse the side door");
      comment(jdbc, "INC-000004", "bob", NINE, "Tried the workaround of PRB-000001: Open the invitation in the web mailer");

      flyway(database).load().migrate();

      assertThat(jdbc.sql("SELECT incident_number, problem_number, workaround_revision, applied_by, applied_at "
          + "FROM fd_workaround_application ORDER BY incident_number, problem_number, workaround_revision")
          .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
              rs.getObject(5, OffsetDateTime.class)))
          .list()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("at").containsExactly(
              new Row("INC-000001", "PRB-000001", 1, "bob", null),
              new Row("INC-000002", "PRB-000002", 0, "sam", null),
              new Row("INC-000003", "PRB-000010", 0, "bob", null));
      assertThat(jdbc.sql("SELECT applied_at FROM fd_workaround_application WHERE incident_number = 'INC-000002'")
          .query(OffsetDateTime.class).single().toInstant()).isEqualTo(NINE.plusHours(2).toInstant());
      assertThat(jdbc.sql("SELECT DISTINCT workaround_revision FROM fd_problem").query(Integer.class).list())
          .containsExactly(1);
    }
  }

  static void problem(JdbcClient jdbc, String number, String workaround) {
    jdbc.sql("INSERT INTO fd_problem (ticket_number, root_cause, affected_service, workaround) VALUES (?, ?, ?, ?)")
        .params(number, "A cause", "email", workaround).update();
  }

  static void comment(JdbcClient jdbc, String ticket, String actor, OffsetDateTime at, String text) {
    jdbc.sql("INSERT INTO fd_timeline_entry (ticket_number, occurred_at, actor, kind, internal, text) "
        + "VALUES (?, ?, ?, 'comment', FALSE, ?)").params(ticket, at, actor, text).update();
  }

  static org.flywaydb.core.api.configuration.FluentConfiguration flyway(SingleConnectionDataSource database) {
    return Flyway.configure().dataSource(database).locations("classpath:db/migration").table("fd_schema_history");
  }

  /** A fresh database: in-memory H2, or a new schema of the PostgreSQL test database. */
  static SingleConnectionDataSource database() throws SQLException {
    if (!"postgres".equals(System.getProperty("flowdesk.test.database"))) {
      return new SingleConnectionDataSource("jdbc:h2:mem:migration-" + UUID.randomUUID(), "sa", "", true);
    }
    String server = System.getenv().getOrDefault("FLOWDESK_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/flowdesk_test");
    String user = System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres");
    String schema = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection connection = DriverManager.getConnection(server, user, "")) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return new SingleConnectionDataSource(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        user, "", true);
  }
}
