package org.flowdesk.knowledge;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The steps of processes/knowledge-article.bpmn; the article is the instance's business key. */
@Configuration(proxyBeanMethods = false)
class KnowledgeDelegates {

  /** Task listener (complete) on the review: who reviewed, and why it went back (a transient text). */
  @Bean
  TaskListener recordArticleReview(Articles articles) {
    return task -> articles.reviewed(task.getExecution().getProcessBusinessKey(), task.getAssignee(),
        (String) task.getVariable("reason"));
  }

  @Bean
  JavaDelegate publishArticle(Articles articles) {
    return execution -> articles.publish(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate sendArticleBack(Articles articles) {
    return execution -> articles.sendBack(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate markArticleDueForReview(Articles articles) {
    return execution -> articles.dueForReview(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate keepArticle(Articles articles) {
    return execution -> articles.keep(execution.getProcessBusinessKey());
  }

  @Bean
  JavaDelegate retireArticle(Articles articles) {
    return execution -> articles.retired(execution.getProcessBusinessKey());
  }
}
