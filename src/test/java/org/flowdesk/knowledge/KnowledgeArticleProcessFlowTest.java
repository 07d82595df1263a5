package org.flowdesk.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.EngineTime;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/knowledge-article.bpmn on its own: review by the service's owners (approve, or send
 * back for the author to revise), publication, the periodic review six months on (keep, revise,
 * retire), a revision or retirement asked for while published; and the review rule changed in the
 * model.
 */
class KnowledgeArticleProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("knowledge-article");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    delegates = new ProcessFlow.Delegates();
    EngineTime.clockAt("2027-03-01T10:00");
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance submitted() {
    return engine.getRuntimeService().startProcessInstanceByKey("knowledge-article", "KB-000001",
        Map.of("reviewGroup", "network", "author", "nina"));
  }

  ProcessInstance published() {
    ProcessInstance instance = submitted();
    complete(task(instance), withVariables("decision", "approve"));
    return instance;
  }

  @Test
  void theServicesOwnersApproveAndTheArticleIsPublished() {
    ProcessInstance instance = submitted();
    assertThat(task(instance)).hasDefinitionKey("Activity_Review").hasCandidateGroup("network");

    complete(task(instance), withVariables("decision", "approve"));

    assertThat(instance).hasPassed("Activity_Publish").isWaitingAt("Gateway_Published");
    assertThat(delegates.calls("recordArticleReview")).hasSize(1);
    assertThat(delegates.calls("publishArticle")).hasSize(1);
  }

  @Test
  void anArticleSentBackGoesToItsAuthorAndIsReviewedAgain() {
    ProcessInstance instance = submitted();
    complete(task(instance), withVariables("decision", "send_back"));

    assertThat(instance).hasPassed("Activity_SendBack");
    assertThat(task(instance)).hasDefinitionKey("Activity_Revise").isAssignedTo("nina");
    complete(task(instance));
    assertThat(task(instance)).hasDefinitionKey("Activity_Review");
    complete(task(instance), withVariables("decision", "approve"));
    assertThat(instance).hasPassed("Activity_Publish");
    assertThat(delegates.calls("publishArticle")).hasSize(1);
  }

  @Test
  void sixMonthsAfterPublicationTheOwnersReviewItAgainAndKeepIt() {
    ProcessInstance instance = published();
    Job due = job("Event_ReviewDue", instance);
    assertThat(due.getDuedate()).isEqualTo(monthsOn(6));

    ClockUtil.setCurrentTime(monthsOn(6));
    execute(due);

    assertThat(instance).hasPassed("Activity_MarkDue");
    assertThat(task(instance)).hasDefinitionKey("Activity_PeriodicReview").hasCandidateGroup("network");
    complete(task(instance), withVariables("outcome", "keep"));
    assertThat(instance).hasPassed("Activity_Keep").isWaitingAt("Gateway_Published");
    // The next review is six months after this one.
    assertThat(job("Event_ReviewDue", instance).getDuedate()).isEqualTo(monthsOn(12));
  }

  @Test
  void aPeriodicReviewMaySendTheArticleForRevision() {
    ProcessInstance instance = published();
    execute(job("Event_ReviewDue", instance));
    complete(task(instance), withVariables("outcome", "revise"));

    assertThat(task(instance)).hasDefinitionKey("Activity_Revise").isAssignedTo("nina");
    assertThat(delegates.calls("sendArticleBack")).hasSize(1);
  }

  @Test
  void aPeriodicReviewMayRetireTheArticle() {
    ProcessInstance instance = published();
    execute(job("Event_ReviewDue", instance));
    complete(task(instance), withVariables("outcome", "retire"));

    assertThat(instance).hasPassed("Activity_Retire", "Event_Retired").isEnded();
  }

  @Test
  void aRevisionOfAPublishedArticleIsReviewed() {
    ProcessInstance instance = published();
    engine.getRuntimeService().createMessageCorrelation("ArticleRevised").processInstanceId(instance.getId())
        .correlate();

    assertThat(task(instance)).hasDefinitionKey("Activity_Review");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aKnownErrorIsPublishedWithoutAReviewAndLivesAsAnyArticleAfter() {
    ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByMessage("KnownErrorRecorded",
        "KB-000002", Map.of("reviewGroup", "network", "author", "nina"));

    assertThat(instance).hasPassed("Event_KnownErrorRecorded", "Activity_Publish").hasNotPassed("Activity_Review")
        .isWaitingAt("Gateway_Published");
    assertThat(delegates.calls("recordArticleReview")).isEmpty();
    engine.getRuntimeService().createMessageCorrelation("ArticleRetired").processInstanceId(instance.getId())
        .correlate();
    assertThat(instance).hasPassed("Activity_Retire").isEnded();
  }

  @Test
  void aPublishedArticleMayBeRetiredAtAnyTime() {
    ProcessInstance instance = published();
    engine.getRuntimeService().createMessageCorrelation("ArticleRetired").processInstanceId(instance.getId())
        .correlate();

    assertThat(instance).hasPassed("Activity_Retire").isEnded();
  }

  @Test
  void theReviewRuleIsTheModels() throws Exception {
    // A designer reviews every three months, by the service desk instead of the service's owners.
    String model = Files.readString(Path.of("processes/knowledge-article.bpmn"))
        .replace(">P6M<", ">P3M<")
        .replace("camunda:candidateGroups=\"${reviewGroup}\">\n      <bpmn:extensionElements>",
            "camunda:candidateGroups=\"service-desk\">\n      <bpmn:extensionElements>");
    var deployment = engine.getRepositoryService().createDeployment().name("changed-review-rule")
        .addString("processes/knowledge-article.bpmn", model);
    for (String form : new String[] {"article-review", "article-revise", "article-periodic-review"}) {
      deployment.addString("forms/" + form + ".form", Files.readString(Path.of("forms/" + form + ".form")));
    }
    String id = deployment.deploy().getId();
    try {
      ProcessInstance instance = submitted();
      assertThat(task(instance)).hasCandidateGroup("service-desk");
      complete(task(instance), withVariables("decision", "approve"));
      assertThat(job("Event_ReviewDue", instance).getDuedate()).isEqualTo(monthsOn(3));
    } finally {
      engine.getRepositoryService().deleteDeployment(id, true);
    }
  }

  /** Months after 1 March 2027, 10:00 in Berlin, as the engine counts them (in UTC). */
  static Date monthsOn(int months) {
    return Date.from(EngineTime.berlin("2027-03-01T10:00").atZone(ZoneOffset.UTC).plusMonths(months).toInstant());
  }
}
