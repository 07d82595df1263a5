package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.FlowDeskApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The prod profile: no demo people, and the administrator must come from the environment. */
class ProdProfileTest {

  /** Meets Camunda's default password policy, which is on in prod. */
  static final String STRONG = "S3cret-from-env";

  private static SpringApplicationBuilder prod() {
    return new SpringApplicationBuilder(FlowDeskApplication.class)
        .profiles("test", "prod")
        .properties("flowdesk.models.root=src/test/resources/models", "server.port=0");
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
}
