package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.EngineTime;
import org.flowdesk.TestPorts;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/** Access requests: security approves, provisioning runs asynchronously, the access team takes over when it keeps failing. */
// The provisioning system of application-test.yaml: this class runs it, so the context is the common one.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessRequestTest {

  static HttpServer provisioning;
  static final AtomicInteger ANSWER = new AtomicInteger(200);
  static final AtomicInteger CALLS = new AtomicInteger();

  @BeforeAll
  static void provisioningSystem() throws Exception {
    provisioning = HttpServer.create(new InetSocketAddress("localhost", TestPorts.PROVISIONING), 0);
    provisioning.createContext("/provision", exchange -> {
      CALLS.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(ANSWER.get(), -1);
      exchange.close();
    });
    provisioning.start();
  }

  @AfterAll
  static void stop() {
    provisioning.stop(0);
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  /** Runs the ticket's jobs that are due, and those they make due, as the job executor would. */
  void runDueJobs(String ticket) {
    for (int round = 0; round < 10; round++) {
      Set<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket).list()
          .stream().map(ProcessInstance::getId).collect(Collectors.toSet());
      if (instances.isEmpty()) {
        return;
      }
      List<Job> jobs = managementService.createJobQuery().processInstanceIds(instances).executable().list();
      if (jobs.isEmpty()) {
        return;
      }
      jobs.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  String orderVpn() throws Exception {
    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "vpn-access",
        "answers", Map.of("system", "vpn", "justification", "Working from home on Fridays")));
    assertThat(ordered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  @Test
  void securityApprovesAndTheProvisioningSystemGrantsTheAccess() throws Exception {
    ANSWER.set(200);
    CALLS.set(0);
    String number = orderVpn();
    api.work("sven", number, "Security approves", Map.of("decision", "approve"));
    assertThat(CALLS).as("provisioning runs after the approval's transaction").hasValue(0);

    runDueJobs(number);

    assertThat(CALLS).hasValue(1);
    assertThat(api.status("alice", number)).isEqualTo("resolved");
    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received"));
    assertThat(api.status("alice", number)).isEqualTo("closed");
  }

  @Test
  void whenProvisioningKeepsFailingTheAccessTeamGrantsItByHand() throws Exception {
    ANSWER.set(503);
    CALLS.set(0);
    String number = orderVpn();
    api.work("sven", number, "Security approves", Map.of("decision", "approve"));

    for (int attempt = 1; attempt <= 3; attempt++) {
      runDueJobs(number);
      assertThat(CALLS).hasValue(attempt);
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(5))));
    }
    assertThat(api.status("alice", number)).isEqualTo("in_progress");
    JsonNode manual = ApiClient.read(api.call("andy", HttpMethod.GET, "/api/tasks", null));
    assertThat(manual.findValuesAsText("name")).anyMatch(name -> name.startsWith("Grant access by hand " + number + ": "));

    api.work("andy", number, "Grant access by hand", Map.of("accessNotes", "VPN profile created"));
    assertThat(api.status("alice", number)).isEqualTo("resolved");
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/timeline", null))
        .findValuesAsText("text")).contains("Grant access by hand: done\nWhat you set up: VPN profile created");
    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received"));
    assertThat(api.status("alice", number)).isEqualTo("closed");
  }
}
