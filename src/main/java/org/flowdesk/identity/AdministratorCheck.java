package org.flowdesk.identity;

import java.util.Map;

import org.camunda.bpm.engine.impl.identity.DefaultPasswordPolicyImpl;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/**
 * Refuses a start whose administrator cannot be made before anything else starts: before the database is opened or
 * migrated, the engine built or the web server started. The administrator's id and password must be set
 * ({@link AdminProperties}' own checks, FLOWDESK_ADMIN_ID and FLOWDESK_ADMIN_PASSWORD in the prod profile) and, with
 * Camunda's password policy on ({@code enable-password-policy}), the password must meet Camunda's default policy. An
 * operator who forgot a variable hears so within seconds, and an empty database stays empty.
 *
 * <p>What needs the database (an administrator or demo people already there) and a password policy a plugin puts in
 * Camunda's place are checked once the engine runs ({@link IdentitySetup}).
 */
@Component
class AdministratorCheck implements BeanFactoryPostProcessor, EnvironmentAware {

  /** Camunda's generic engine properties, among them enable-password-policy (application-prod.yaml sets it). */
  static final String GENERIC = "camunda.bpm.generic-properties.properties";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    Bindable<AdminProperties> target = Bindable.of(AdminProperties.class);
    AdminProperties admin = Binder.get(environment).bindOrCreate("flowdesk.admin", target);
    if (blank(admin.id()) || blank(admin.password())) {
      // Bound again and validated as Spring binds the configuration properties, for the same messages and exception;
      // only then, as a validator takes a moment to make.
      try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
        validator.afterPropertiesSet();
        BindHandler validated = new ValidationBindHandler(validator);
        admin = Binder.get(environment).bindOrCreate("flowdesk.admin", target, validated);
      }
    }
    if (policyOn()) {
      IdentitySetup.weakPassword(new DefaultPasswordPolicyImpl(), admin).ifPresent(problem -> {
        throw new IllegalStateException("FlowDesk does not start: " + problem);
      });
    }
  }

  /** Whether Camunda's generic properties turn its password policy on, written either way Camunda reads it. */
  private boolean policyOn() {
    Map<String, String> generic = Binder.get(environment)
        .bind(GENERIC, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    return "true".equalsIgnoreCase(generic.get("enable-password-policy"))
        || "true".equalsIgnoreCase(generic.get("enablePasswordPolicy"));
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
