package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.FlowDeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile: no demo people, and the administrator must come from the environment. */
class ProdProfileTest {

  /** Meets Camunda's default password policy, which is on in prod. */
  static final String STRONG = "S3cret-from-env";

  private static SpringApplicationBuilder prod() {
    return app().profiles("test", "prod");
  }

  /**
   * FlowDesk on a free port: the builder's properties are defaults, below application.yaml's port
   * 8080, which a developer's running FlowDesk may hold; an initializer's come first.
   */
  private static SpringApplicationBuilder app() {
    return new SpringApplicationBuilder(FlowDeskApplication.class)
        .properties("flowdesk.models.root=src/test/resources/models")
        .initializers(context -> TestPropertyValues.of("server.port=0").applyTo(context));
  }

  /**
   * Refused before anything starts: the database is never opened, so a new one stays empty (on PostgreSQL its schema
   * is not even made), and the operator hears of the missing variable within seconds.
   */
  @Test
  void refusesToStartWithoutTheAdministratorsVariables() {
    String[] database = newDatabase();
    assertThatThrownBy(() -> prod().run(database).close())
        .rootCause()
        .hasMessageContaining("FLOWDESK_ADMIN_ID");
    assertThat(tablesIn(database)).isZero();
  }

  @Test
  void startsWithTheAdministratorFromTheEnvironmentAndNoDemoPeople() {
    try (ConfigurableApplicationContext context = prod().run(
        "--FLOWDESK_ADMIN_ID=root", "--FLOWDESK_ADMIN_PASSWORD=" + STRONG)) {
      IdentityService identity = context.getBean(IdentityService.class);
      assertThat(identity.checkPassword("root", STRONG)).isTrue();
      assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").list())
          .extracting(u -> u.getId()).containsExactly("root");
      assertThat(identity.createUserQuery().userId("alice").count()).isZero();
      assertThat(identity.createUserQuery().userId("admin").count()).isZero();
      // Behind TLS: cookies only over HTTPS, HSTS from Camunda's webapps too.
      assertThat(context.getEnvironment().getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
      assertThat(context.getEnvironment().getProperty("camunda.bpm.webapp.header-security.hsts-disabled"))
          .isEqualTo("false");
      assertThat(context.getEnvironment().getProperty("flowdesk.models.watch")).isEqualTo("false");
    }
  }

  @Test
  void refusesAWeakAdministratorPasswordAndSaysWhatIsMissing() {
    String[] database = newDatabase();
    assertThatThrownBy(() -> prod().run(with(database, "--FLOWDESK_ADMIN_ID=root", "--FLOWDESK_ADMIN_PASSWORD=secret"))
        .close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FLOWDESK_ADMIN_PASSWORD")
        .hasMessageContaining("at least 10 characters")
        .hasMessageContaining("upper-case");
    assertThat(tablesIn(database)).isZero();
  }

  /** A database of its own for the starts of one test: an H2 of its own, or on PostgreSQL one schema (TestDatabase). */
  private static String[] newDatabase() {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return new String[] {"--spring.datasource.url=jdbc:h2:mem:demo-" + id + ";DB_CLOSE_DELAY=-1",
        "--flowdesk.test.schema=demo_" + id};
  }

  /** The tables FlowDesk or Camunda made in the database; on PostgreSQL, none while its schema was never made. */
  private static int tablesIn(String[] database) {
    String schema = database[1].substring("--flowdesk.test.schema=".length());
    boolean postgres = "postgres".equals(System.getProperty("flowdesk.test.database"));
    String url = postgres ? System.getenv().getOrDefault("FLOWDESK_TEST_DB_URL",
        "jdbc:postgresql://127.0.0.1:5432/flowdesk_test") : database[0].substring("--spring.datasource.url=".length());
    String user = postgres ? System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres") : "sa";
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, "");
        java.sql.PreparedStatement tables = connection.prepareStatement(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?")) {
      tables.setString(1, postgres ? schema : "PUBLIC");
      try (java.sql.ResultSet count = tables.executeQuery()) {
        count.next();
        return count.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A database first started with the demo data (default profile), as a later prod start finds it. */
  private static String[] demoDatabase() {
    // One database for all the starts.
    String[] database = newDatabase();
    app().profiles("test").run(database).close();
    return database;
  }

  private static String[] with(String[] database, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(database), java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }

  @Test
  void refusesADemoDatabaseWithItsDemoUsersAndAdministratorAndChangesNothing() {
    String[] demo = demoDatabase();

    assertThatThrownBy(() -> prod().run(with(demo, "--FLOWDESK_ADMIN_ID=admin", "--FLOWDESK_ADMIN_PASSWORD=" + STRONG))
        .close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("admin already exists with a password other than FLOWDESK_ADMIN_PASSWORD")
        .hasMessageContaining("does not overwrite it")
        .hasMessageContaining("demo users alice, bob")
        .hasMessageContaining("DELETE /engine-rest/user/{id}");
    assertThatThrownBy(() -> prod().run(with(demo, "--FLOWDESK_ADMIN_ID=root", "--FLOWDESK_ADMIN_PASSWORD=" + STRONG))
        .close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("demo users admin, alice, bob")
        .hasMessageNotContaining("root already exists");

    // Nothing was overwritten or added: the demo start still finds admin/admin and no root.
    try (ConfigurableApplicationContext again = app().profiles("test").run(demo)) {
      IdentityService identity = again.getBean(IdentityService.class);
      assertThat(identity.checkPassword("admin", "admin")).isTrue();
      assertThat(identity.createUserQuery().userId("root").count()).isZero();
    }
  }
}
