package org.flowdesk.identity;

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

  /** Camunda's generic property that turns its password policy on, as application-prod.yaml sets it. */
  static final String POLICY_ON = "camunda.bpm.generic-properties.properties.enable-password-policy";

  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    AdminProperties admin;
    try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
      validator.afterPropertiesSet();
      BindHandler validated = new ValidationBindHandler(validator);
      // Bound and validated as Spring binds the configuration properties: the same messages, the same exception.
      admin = Binder.get(environment).bindOrCreate("flowdesk.admin", Bindable.of(AdminProperties.class), validated);
    }
    if (environment.getProperty(POLICY_ON, Boolean.class, false)) {
      IdentitySetup.weakPassword(new DefaultPasswordPolicyImpl(), admin).ifPresent(problem -> {
        throw new IllegalStateException("FlowDesk does not start: " + problem);
      });
    }
  }
}
