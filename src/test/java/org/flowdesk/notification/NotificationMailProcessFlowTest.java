package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.ProcessFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** processes/notification-mail.bpmn on its own: the mail goes out in an asynchronous step with retries. */
class NotificationMailProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("notification-mail");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    delegates = new ProcessFlow.Delegates();
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance notified() {
    return engine.getRuntimeService().startProcessInstanceByKey("notification-mail", "INC-000001",
        Map.of("notificationId", 17L));
  }

  @Test
  void theMailIsSentAfterTheNotificationIsCommitted() {
    ProcessInstance instance = notified();
    assertThat(instance).isWaitingAt("Activity_SendMail");
    assertThat(delegates.calls("sendNotificationMail")).isEmpty();

    execute(job(instance));

    assertThat(instance).hasPassed("Event_MailSent").isEnded();
    assertThat(delegates.calls("sendNotificationMail")).hasSize(1);
  }

  @Test
  void aMailServerThatIsDownLeavesTheJobToBeRetriedLater() {
    delegates.on("sendNotificationMail", execution -> {
      throw new IllegalStateException("mail server down");
    });
    ProcessInstance instance = notified();
    Job send = job(instance);

    assertThatThrownBy(() -> engine.getManagementService().executeJob(send.getId()))
        .hasMessageContaining("mail server down");

    Job again = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).singleResult();
    // The model's retry cycle PT30S,PT2M,PT10M,PT30M,PT2H: five tries, the next one 30 seconds on.
    assertThat(again.getRetries()).isEqualTo(5);
    assertThat(again.getDuedate()).isNotNull();
    assertThat(instance).isWaitingAt("Activity_SendMail");
  }
}
