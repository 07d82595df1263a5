package org.flowdesk.identity;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.StartForms;
import org.flowdesk.models.TaskForms;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link EngineDoor} in front of Camunda's REST API and the webapps' engine API, after
 * Spring Security, so that it knows who calls.
 */
@Configuration(proxyBeanMethods = false)
class EngineDoorConfiguration {

  @Bean
  FilterRegistrationBean<EngineDoor> engineDoor(IdentityService identityService, RepositoryService repositoryService,
      RuntimeService runtimeService, TaskService taskService, TaskForms taskForms, StartForms startForms,
      TaskTakers takers, People people, LatestProcess latestProcess) {
    FilterRegistrationBean<EngineDoor> registration = new FilterRegistrationBean<>(
        new EngineDoor(identityService, repositoryService, runtimeService, taskService, taskForms, startForms,
            takers, people, latestProcess));
    registration.addUrlPatterns(EngineDoor.ENGINE_REST + "/*", EngineDoor.WEBAPP_ENGINE_API + "/*",
        EngineDoor.COCKPIT_API + "/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }
}
