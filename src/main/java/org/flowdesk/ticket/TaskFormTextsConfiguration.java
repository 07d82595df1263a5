package org.flowdesk.ticket;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.flowdesk.models.TaskForms;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link TaskFormTexts} in front of Camunda's REST API and the webapps' engine API, after
 * Spring Security and the engine door: a filter of its own, because it reads (the door decides
 * writes) and only adds what the engine already let the caller see.
 */
@Configuration(proxyBeanMethods = false)
class TaskFormTextsConfiguration {

  @Bean
  FilterRegistrationBean<TaskFormTexts> taskFormTexts(TaskService taskService, TaskForms taskForms,
      RuntimeService runtimeService, IdentityService identityService, TicketTexts ticketTexts) {
    FilterRegistrationBean<TaskFormTexts> registration = new FilterRegistrationBean<>(
        new TaskFormTexts(taskService, taskForms, runtimeService, identityService, ticketTexts));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 20);
    return registration;
  }
}
