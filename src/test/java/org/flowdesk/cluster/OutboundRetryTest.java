package org.flowdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A step that talks to the outside runs asynchronously: when it fails it is retried with a
 * back-off, after the last retry it becomes a Camunda incident for operations, and a retry
 * once the fault is fixed completes the work. Nothing the requester was told is lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "flowdesk.models.root=src/test/resources/models-outbound")
@ActiveProfiles("test")
// A context of its own (its models and its flaky provisioning bean), which no other class can use:
// closed after the class rather than kept in the cache until the JVM ends.
@DirtiesContext
class OutboundRetryTest {

  /** A provisioning system that is down for its first three calls. */
  @TestConfiguration
  static class FlakyProvisioning {
    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    @Bean
    JavaDelegate provisioningGateway() {
      return execution -> {
        CALLS.incrementAndGet();
        if (FAILURES_LEFT.getAndDecrement() > 0) {
          throw new IllegalStateException("Provisioning system unreachable");
        }
      };
    }
  }

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TestRestTemplate rest;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  Job job(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
  }

  void runJob(Job job) {
    try {
      managementService.executeJob(job.getId());
    } catch (RuntimeException expectedWhileDown) {
      // the engine records the failure on the job
    }
  }

  @Test
  void aStepThatFailsThreeTimesBecomesAnIncidentAndARetryAfterTheFixCompletesIt() {
    FlakyProvisioning.CALLS.set(0);
    FlakyProvisioning.FAILURES_LEFT.set(3);
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("fixture-provisioning", Map.of());
    // The caller's transaction ended before the outside was called.
    assertThat(FlakyProvisioning.CALLS).hasValue(0);
    assertThat(job(instance).getRetries()).isEqualTo(3);

    runJob(job(instance));
    Job afterFirst = job(instance);
    assertThat(afterFirst.getRetries()).isEqualTo(2);
    assertThat(afterFirst.getExceptionMessage()).isEqualTo("Provisioning system unreachable");
    // Back-off: the next try is five minutes later.
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), afterFirst.getDuedate().toInstant()))
        .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));

    ClockUtil.setCurrentTime(Date.from(afterFirst.getDuedate().toInstant()));
    runJob(job(instance));
    ClockUtil.setCurrentTime(Date.from(job(instance).getDuedate().toInstant()));
    runJob(job(instance));
    assertThat(job(instance).getRetries()).isZero();

    // Operations see it in Cockpit and through Camunda's REST API.
    String incidents = ApiClient.as(rest, "admin", "admin")
        .getForObject("/engine-rest/incident?maxResults=50&processInstanceId=" + instance.getId(), String.class);
    assertThat(incidents).contains("failedJob").contains("Provisioning system unreachable")
        .contains("Activity_Provision");

    // The fault is fixed; an operator retries the job as Cockpit's "Retry" does.
    assertThat(ApiClient.as(rest, "admin", "admin").exchange("/engine-rest/job/" + job(instance).getId() + "/retries",
        HttpMethod.PUT, new HttpEntity<>(Map.of("retries", 1)), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    runJob(job(instance));

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count()).isZero();
    assertThat(FlakyProvisioning.CALLS).hasValue(4);
    assertThat(ApiClient.as(rest, "admin", "admin").getForObject(
        "/engine-rest/incident?maxResults=50&processInstanceId=" + instance.getId(), List.class)).isEmpty();
  }
}
