package org.flowdesk.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A fresh PostgreSQL database for one cluster test, dropped afterwards. */
public final class ClusterDatabase implements AutoCloseable {

  static final String SERVER = System.getenv().getOrDefault("FLOWDESK_TEST_DB_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres");

  final String name = "flowdesk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final SingleConnectionDataSource dataSource;
  final JdbcClient jdbc;

  public ClusterDatabase() throws SQLException {
    admin("CREATE DATABASE " + name);
    dataSource = new SingleConnectionDataSource(url(), USER, "", true);
    jdbc = JdbcClient.create(dataSource);
  }

  public String url() {
    return SERVER + name;
  }

  long count(String sql, Object... params) {
    return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
  }

  private static void admin(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
      connection.createStatement().execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    dataSource.destroy();
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
