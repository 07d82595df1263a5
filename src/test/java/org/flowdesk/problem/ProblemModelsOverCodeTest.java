package org.flowdesk.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process designer hands the review of a fixed problem to the group that investigated it
 * instead of the service desk managers, and calls a known error what the desk calls it, in
 * processes/problem.bpmn deployed through the admin endpoint; the next problem follows, with no
 * Java change.
 */
@EditableModelsTest
class ProblemModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.runningFrom("2027-05-03T09:00");
    api = new ApiClient(rest);
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  @Test
  void theReviewGoesToTheGroupThatInvestigatedWhenTheModelSaysSo() {
    MODELS.replace("processes/problem.bpmn", "camunda:candidateGroups=\"service-desk-managers\"",
        "camunda:candidateGroups=\"${assignmentGroup}\"");
    MODELS.replace("processes/problem.bpmn", "value=\"Known error | open\"", "value=\"Workaround published | open\"");
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> logged = api.call("bob", HttpMethod.POST, "/api/problems", Map.of("title",
        "Floor 2 printer drops off the network", "assignmentGroup", "network"));
    assertThat(logged.getStatusCode()).as(logged.getBody()).isEqualTo(HttpStatus.CREATED);
    String problem = ApiClient.read(logged).at("/ticket/number").asText();
    api.work("nina", problem, "Investigate the problem", Map.of("rootCause", "Firmware 4.1 drops its DHCP lease",
        "affectedService", "printer", "workaround", "Power-cycle the printer"));
    assertThat(api.get("nina", "/api/vocabulary").toString()).contains("Workaround published");

    String change = ApiClient.read(api.call("nina", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        ProblemApiTest.firmwareChange())).get("number").asText();
    EngineTime.clockAt("2027-05-05T10:00");
    EngineTime.fireDueTimers(managementService, runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(change).singleResult());
    api.work("bob", change, "Implement and record the outcome", Map.of("outcome", "successful",
        "outcomeNotes", "4.2 everywhere"));

    // The network team investigated, so it reviews; the service desk managers have nothing to do.
    assertThat(api.taskOf("sam", problem, "Review the problem")).isNull();
    api.work("nina", problem, "Review the problem", Map.of("reviewFindings", "Held"));
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("closed");
  }

  @Test
  void aKnownErrorIsPublishedForEveryoneWhenTheModelSaysSo() {
    MODELS.replace("processes/problem.bpmn", "<camunda:inputParameter name=\"articleAudience\">agents<",
        "<camunda:inputParameter name=\"articleAudience\">everyone<");
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    String problem = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems", Map.of("title",
        "VPN drops every hour", "description", "The tunnel closes on the hour", "assignmentGroup", "network")))
        .at("/ticket/number").asText();
    api.work("nina", problem, "Investigate the problem", Map.of("rootCause", "The concentrator's lease is an hour",
        "affectedService", "vpn", "workaround", "Reconnect; the tunnel comes back within a minute"));
    String article = jdbc.sql("SELECT id FROM fd_article WHERE source_ticket = ? AND kind = 'known_error'")
        .param(problem).query(String.class).single();
    // A requester finds it, without the root cause, which is for agents.
    ResponseEntity<String> read = api.call("alice", HttpMethod.GET, "/api/articles/" + article, null);
    assertThat(read.getStatusCode()).as(read.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(read).get("html").asText()).contains("Reconnect; the tunnel comes back within a minute")
        .doesNotContain("lease");
  }

  /** The hourly timer of problem-detection.bpmn comes: its one job, run now. */
  void detect() {
    managementService.executeJob(managementService.createJobQuery().processDefinitionKey("problem-detection")
        .timers().singleResult().getId());
  }

  List<String> proposals(String incident) {
    return jdbc.sql("SELECT text FROM fd_notification WHERE kind = 'problem_proposed' AND ticket_number = ? "
        + "AND recipient_group IS NOT NULL").param(incident).query(String.class).list();
  }

  @Test
  void threeIncidentsSuggestAProblemWhenTheDetectionTableSaysThreeAndAreProposedOnce() {
    // The incidents of earlier tests are no cluster of this one.
    jdbc.sql("INSERT INTO fd_problem_proposal_incident (incident_number, proposed_at) SELECT ticket_number, "
        + "CURRENT_TIMESTAMP FROM fd_ticket t WHERE ticket_type = 'incident' AND NOT EXISTS "
        + "(SELECT 1 FROM fd_problem_proposal_incident p WHERE p.incident_number = t.ticket_number)").update();
    List<String> incidents = Stream.of("alice", "greta", "hana").map(requester -> ApiClient.read(api.call(requester,
        HttpMethod.POST, "/api/incidents", Map.of("title", "The scanner on floor 3 hangs", "service", "printer",
            "category", "hardware", "impact", 3, "urgency", 3))).get("number").asText()).toList();

    // As shipped, five within 24 hours suggest a problem: three do not.
    detect();
    assertThat(proposals(incidents.get(0))).isEmpty();

    MODELS.replace("decisions/problem-detection.dmn", "<text>&gt;= 5</text>", "<text>&gt;= 3</text>");
    MODELS.replace("decisions/problem-detection.dmn", "\"5 or more incidents", "\"3 or more incidents");
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    detect();
    List<String> proposed = proposals(incidents.get(0));
    assertThat(proposed).hasSize(1);
    assertThat(proposed.get(0)).startsWith("A problem may be behind the incidents of printer / hardware (3 or more "
        + "incidents of the same service and category within 24 hours): ").contains(incidents);

    // The next hour proposes them no more.
    detect();
    assertThat(proposals(incidents.get(0))).hasSize(1);
  }
}
