package org.flowdesk.models;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

  @Bean
  DeployedVocabulary deployedVocabulary(ApplicationEventPublisher events) {
    return new DeployedVocabulary(events);
  }

  @Bean
  ModelDeployer modelDeployer(RepositoryService repositoryService, ModelsProperties properties,
      ObjectProvider<ModelCompanion> companions, ConfigurableListableBeanFactory beans, DeployedVocabulary vocabulary,
      IdentityService identityService) {
    return new ModelDeployer(repositoryService, properties.rootPath(), companions.orderedStream().toList(),
        steps(beans), vocabulary, group -> groupExists(identityService, group));
  }

  /** Asked without the caller's authorizations: a designer deploying need not be allowed to read every group. */
  private static boolean groupExists(IdentityService identityService, String group) {
    org.camunda.bpm.engine.impl.identity.Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return identityService.createGroupQuery().groupId(group).count() > 0;
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /**
   * The steps models may call: FlowDesk's delegates and listeners, with the statuses each writes.
   * Read from the bean definitions, without creating the beans.
   */
  static ModelSteps steps(ConfigurableListableBeanFactory beans) {
    Map<String, Set<String>> steps = new HashMap<>();
    for (Class<?> type : List.of(JavaDelegate.class, TaskListener.class, ExecutionListener.class)) {
      for (String name : beans.getBeanNamesForType(type, true, false)) {
        SetsStatus sets = beans.findAnnotationOnBean(name, SetsStatus.class, false);
        steps.put(name, sets == null ? Set.of() : Set.of(sets.value()));
      }
    }
    Set<String> helpers = Set.of(beans.getBeanNamesForAnnotation(ModelHelper.class));
    Set<String> others = new java.util.HashSet<>(List.of(beans.getBeanDefinitionNames()));
    others.addAll(List.of(beans.getSingletonNames()));
    others.removeAll(helpers);
    others.removeAll(steps.keySet());
    Map<String, Set<String>> methods = new HashMap<>();
    for (String name : java.util.stream.Stream.concat(helpers.stream(), steps.keySet().stream()).toList()) {
      Class<?> type = beans.getType(name, false);
      if (type != null) {
        methods.put(name, java.util.Arrays.stream(org.springframework.util.ClassUtils.getUserClass(type).getMethods())
            .filter(m -> m.getDeclaringClass() != Object.class).map(java.lang.reflect.Method::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
      }
    }
    return new ModelSteps(Map.copyOf(steps), helpers, Set.copyOf(others), Map.copyOf(methods));
  }

  /**
   * The engine's expressions reach the steps and the {@link ModelHelper helpers}, not every Spring
   * bean: Camunda's Spring expression manager resolves names from this map instead of the
   * application context.
   */
  @Bean
  ModelBeans modelBeans(ConfigurableListableBeanFactory beans) {
    return new ModelBeans(beans, allowedNames(beans));
  }

  @Bean
  AbstractProcessEnginePlugin modelBeansOnly(ModelBeans allowed, org.springframework.context.ApplicationContext context) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBeans(allowed);
        configuration.setExpressionManager(new SpringExpressionManager(context, allowed));
      }
    };
  }

  /** The decision tables' FEEL parsed once per text, not at every evaluation. */
  @Bean
  FeelParsedOnce feelParsedOnce() {
    return new FeelParsedOnce();
  }

  /** A deployment's decisions files read once per content, as the lint reads them. */
  @Bean
  DecisionsReadOnce decisionsReadOnce() {
    return new DecisionsReadOnce();
  }

  /** The steps' and helpers' bean names. */
  static Set<String> allowedNames(ConfigurableListableBeanFactory beans) {
    ModelSteps steps = steps(beans);
    Set<String> names = new java.util.TreeSet<>(steps.statusesByStep().keySet());
    names.addAll(steps.helpers());
    return names;
  }

  /** Deploys the models before FlowDesk serves anyone; a broken model stops start-up. */
  @Bean
  @Order(0)
  ApplicationRunner deployModelsOnStartup(ModelDeployer deployer) {
    return args -> deployer.deploy();
  }
}
