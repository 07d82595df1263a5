package org.flowdesk.models;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.flowdesk.history.FlowDeskHistoryLevel;

/**
 * The engine for tests that need an engine but no Spring: in-memory H2, or with
 * {@code flowdesk.test.database=postgres} a schema of its own in the PostgreSQL test database.
 * Job executor off, FlowDesk's history level and FEEL engine. Not called "default" and not built from a
 * camunda.cfg.xml, so the Spring Boot tests' engines never meet it in Camunda's JVM-wide registry.
 */
public final class ProcessTestEngine {

  private static ProcessEngine engine;

  private ProcessTestEngine() {
  }

  public static synchronized ProcessEngine get() {
    if (engine == null) {
      StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
      configuration.setProcessEngineName("process-tests");
      if ("postgres".equals(System.getProperty("flowdesk.test.database"))) {
        String server = System.getenv().getOrDefault("FLOWDESK_TEST_DB_URL",
            "jdbc:postgresql://127.0.0.1:5432/flowdesk_test");
        String user = System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres");
        String schema = "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection connection = DriverManager.getConnection(server, user, "")) {
          connection.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
          throw new IllegalStateException("PostgreSQL test database not reachable at " + server, e);
        }
        configuration.setJdbcUrl(server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        configuration.setJdbcDriver("org.postgresql.Driver");
        configuration.setJdbcUsername(user);
        configuration.setJdbcPassword("");
        configuration.setDatabaseSchema(schema);
        configuration.setDatabaseTablePrefix(schema + ".");
      } else {
        configuration.setJdbcUrl("jdbc:h2:mem:camunda-process-tests;DB_CLOSE_DELAY=1000");
      }
      configuration.setDatabaseSchemaUpdate("true");
      configuration.setJobExecutorActivate(false);
      // The history level FlowDesk runs with, so process tests see what production history keeps.
      configuration.setCustomHistoryLevels(List.of(FlowDeskHistoryLevel.INSTANCE));
      configuration.setHistory(FlowDeskHistoryLevel.NAME);
      configuration.setProcessEnginePlugins(
          List.of(new SpinProcessEnginePlugin(), new FeelParsedOnce(), new DecisionsReadOnce()));
      engine = configuration.buildProcessEngine();
    }
    return engine;
  }
}
