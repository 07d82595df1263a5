package org.flowdesk.models;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class ModelsConfiguration {

  @Bean
  ModelDeployer modelDeployer(RepositoryService repositoryService, ModelsProperties properties,
      ObjectProvider<ModelCompanion> companions) {
    return new ModelDeployer(repositoryService, properties.rootPath(), companions.orderedStream().toList());
  }

  /** Deploys the models before FlowDesk serves anyone; a broken model stops start-up. */
  @Bean
  @Order(0)
  ApplicationRunner deployModelsOnStartup(ModelDeployer deployer) {
    return args -> deployer.deploy();
  }
}
