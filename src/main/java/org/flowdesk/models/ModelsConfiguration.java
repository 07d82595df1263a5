package org.flowdesk.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
      ObjectProvider<ModelCompanion> companions, ConfigurableListableBeanFactory beans, DeployedVocabulary vocabulary) {
    return new ModelDeployer(repositoryService, properties.rootPath(), companions.orderedStream().toList(),
        steps(beans), vocabulary);
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
    return new ModelSteps(Map.copyOf(steps));
  }

  /** Deploys the models before FlowDesk serves anyone; a broken model stops start-up. */
  @Bean
  @Order(0)
  ApplicationRunner deployModelsOnStartup(ModelDeployer deployer) {
    return args -> deployer.deploy();
  }
}
