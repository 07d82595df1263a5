package org.flowdesk;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the Spring Boot tests on PostgreSQL when {@code flowdesk.test.database=postgres} (the
 * Maven profile {@code postgres} sets it): each application context gets a schema of its own
 * in the database {@code FLOWDESK_TEST_DB_URL} names, so contexts never see each other's data;
 * starts that must find one another's data (a restart) name one with {@code flowdesk.test.schema}.
 * Without the property the tests use the in-memory H2 of application-test.yaml.
 */
public class TestDatabase implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"postgres".equals(System.getProperty("flowdesk.test.database"))) {
      return;
    }
    String schema = environment.getProperty("flowdesk.test.schema",
        "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    String url = System.getenv().getOrDefault("FLOWDESK_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/flowdesk_test");
    Map<String, Object> properties = new HashMap<>();
    properties.put("spring.datasource.url", url);
    properties.put("spring.datasource.username", System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres"));
    properties.put("spring.datasource.password", System.getenv().getOrDefault("FLOWDESK_TEST_DB_PASSWORD", ""));
    properties.put("spring.datasource.hikari.connection-init-sql",
        "CREATE SCHEMA IF NOT EXISTS " + schema + "; SET search_path TO " + schema);
    properties.put("spring.flyway.schemas", schema);
    properties.put("camunda.bpm.database.schema-name", schema);
    properties.put("camunda.bpm.database.table-prefix", schema + ".");
    environment.getPropertySources().addFirst(new MapPropertySource("flowdesk-test-postgres", properties));
  }
}
