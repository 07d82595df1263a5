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

  @Test
  void refusesToStartWithoutTheAdministratorsVariables() {
    assertThatThrownBy(() -> prod().run().close())
        .rootCause()
        .hasMessageContaining("FLOWDESK_ADMIN_ID");
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
    assertThatThrownBy(() -> prod().run("--FLOWDESK_ADMIN_ID=root", "--FLOWDESK_ADMIN_PASSWORD=secret").close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FLOWDESK_ADMIN_PASSWORD")
        .hasMessageContaining("at least 10 characters")
        .hasMessageContaining("upper-case");
  }

  /** A database first started with the demo data (default profile), as a later prod start finds it. */
  private static String[] demoDatabase() {
    // One database for all the starts: an H2 of its own, or on PostgreSQL one schema (see TestDatabase).
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String[] database = {"--spring.datasource.url=jdbc:h2:mem:demo-" + id + ";DB_CLOSE_DELAY=-1",
        "--flowdesk.test.schema=demo_" + id};
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
