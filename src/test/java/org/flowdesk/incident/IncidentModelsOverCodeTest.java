package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A process designer changes a decision table; the next incident follows it, with no Java change. */
@EditableModelsTest
class IncidentModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  org.camunda.bpm.engine.TaskService taskService;

  Map<String, Object> report(String service, String category, int impact, int urgency) {
    ResponseEntity<Map<String, Object>> response = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents",
        HttpMethod.POST, new HttpEntity<>(Map.of("title", "Something is off", "service", service, "category", category,
            "impact", impact, "urgency", urgency)), new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return response.getBody();
  }

  void deploy() {
    ResponseEntity<Map<String, Object>> deployed = ApiClient.as(rest, "admin", "admin").exchange(
        "/api/admin/models/deploy", HttpMethod.POST, null, new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody()).containsEntry("deployed", true);
  }

  @Test
  void changingThePriorityTableChangesTheNextIncidentsPriority() {
    assertThat(report("email", "software", 3, 3)).containsEntry("priority", 5);

    MODELS.replace("decisions/incident-priority.dmn",
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>4</text></outputEntry>");
    deploy();

    assertThat(report("email", "software", 3, 3)).containsEntry("priority", 4);
  }

  @Test
  void changingARoutingRuleSendsTheNextIncidentToAnotherGroup() {
    assertThat(report("hr-portal", "access", 3, 3)).containsEntry("assignmentGroup", "hr");

    MODELS.replace("decisions/incident-assignment.dmn",
        "<outputEntry id=\"OutputEntry_HrPortal_1\"><text>\"hr\"</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_HrPortal_1\"><text>\"service-desk\"</text></outputEntry>");
    deploy();

    assertThat(report("hr-portal", "access", 3, 3)).containsEntry("assignmentGroup", "service-desk");
  }

  @Test
  void widerMajorIncidentConditionMakesTheNextPriorityTwoAMajorIncident() {
    String before = (String) report("email", "software", 1, 2).get("number");
    assertThat(ticket(before)).containsEntry("priority", 2).containsEntry("major", false);

    MODELS.replace("processes/incident.bpmn", "${priority == 1}", "${priority &lt;= 2}");
    deploy();

    String after = (String) report("email", "software", 1, 2).get("number");
    assertThat(ticket(after)).containsEntry("priority", 2).containsEntry("major", true);
  }

  @Test
  void anotherReviewDueDateInTheModelIsThePostIncidentReviewsDueDate() {
    MODELS.replace("processes/incident.bpmn", "camunda:dueDate=\"P5D\"", "camunda:dueDate=\"P2D\"");
    deploy();

    String number = (String) report("vpn", "network", 3, 3).get("number");
    ApiFlow flow = new ApiFlow(rest);
    flow.post("nina", "/api/tickets/" + number + "/major", null);
    java.time.Instant resolved = org.flowdesk.EngineTime.now(); // the engine's clock, which the suite may move
    flow.post("nina", "/api/tasks/" + flow.taskFor("nina", number) + "/complete", Map.of("action", "resolve",
        "resolutionCode", "solved", "resolutionNotes", "Router restarted"));

    org.camunda.bpm.engine.task.Task review = taskService.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Activity_PostIncidentReview").singleResult();
    assertThat(java.time.Duration.between(resolved, review.getDueDate().toInstant()))
        .isBetween(java.time.Duration.ofDays(2).minusMinutes(5), java.time.Duration.ofDays(2).plusMinutes(5));
  }

  Map<String, Object> ticket(String number) {
    return ApiClient.as(rest, "bob", "bob").exchange("/api/tickets/" + number, HttpMethod.GET, null,
        new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
  }

  /** alice's VPN incident, resolved by nina and confirmed by alice: closed now. */
  String closedIncident() {
    String number = (String) report("vpn", "network", 3, 3).get("number");
    ApiFlow flow = new ApiFlow(rest);
    String work = flow.taskFor("nina", number);
    flow.post("nina", "/api/tasks/" + work + "/complete", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Router restarted"));
    flow.post("alice", "/api/tasks/" + flow.taskFor("alice", number) + "/complete", Map.of("confirmation", "confirm"));
    return number;
  }

  @Test
  void aChangedPriorityTakesItsTargetsFromTheTablesTheIncidentRunsWith() {
    try {
      EngineTime.runningFrom("2027-03-02T09:00"); // a Tuesday morning
      MODELS.replace("decisions/sla-targets.dmn", "<outputEntry id=\"OutputEntry_P1_2\"><text>\"PT4H\"</text>",
          "<outputEntry id=\"OutputEntry_P1_2\"><text>\"PT2H\"</text>");
      deploy();
      String number = (String) report("network", "network", 2, 2).get("number");

      ResponseEntity<Map<String, Object>> changed = ApiClient.as(rest, "nina", "nina").exchange(
          "/api/tickets/" + number + "/priority", HttpMethod.POST, new HttpEntity<>(Map.of("impact", 1, "urgency", 1,
              "reason", "The whole floor is down")), new ParameterizedTypeReference<Map<String, Object>>() { });

      assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(changed.getBody()).containsEntry("priority", 1);
      java.time.Instant due = java.time.Instant.parse((String) changed.getBody().get("resolutionDue"));
      // Two hours around the clock, less the seconds the P3 ran for.
      assertThat(java.time.Duration.between(EngineTime.now(), due))
          .isBetween(java.time.Duration.ofMinutes(118), java.time.Duration.ofMinutes(120));
    } finally {
      EngineTime.reset();
    }
  }

  @Test
  void theReopenWindowIsTheOneTheIncidentModelDeclares() {
    try {
      EngineTime.runningFrom("2026-09-07T09:00");
      String closedBeforeTheChange = closedIncident();
      EngineTime.runningFrom("2026-09-12T09:00");
      assertThat(reopen(closedBeforeTheChange).getStatusCode()).isEqualTo(HttpStatus.OK);

      MODELS.replace("processes/incident.bpmn", "<camunda:property name=\"reopenWithin\" value=\"P14D\" />",
          "<camunda:property name=\"reopenWithin\" value=\"P3D\" />");
      deploy();

      EngineTime.runningFrom("2026-09-14T09:00");
      String closedAfterTheChange = closedIncident();
      EngineTime.runningFrom("2026-09-16T09:00");
      assertThat(ApiClient.as(rest, "alice", "alice").getForEntity("/api/tickets/" + closedAfterTheChange
          + "/reopening", Map.class).getBody()).containsEntry("possible", true);
      EngineTime.runningFrom("2026-09-19T09:00");
      ResponseEntity<Map<String, Object>> late = reopen(closedAfterTheChange);
      assertThat(late.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
      assertThat((String) late.getBody().get("detail")).contains("3 days after closing");
    } finally {
      EngineTime.reset();
    }
  }

  @Test
  void aReopenWindowThatIsNoDurationIsRefusedAtDeployment() {
    MODELS.replace("processes/incident.bpmn", "<camunda:property name=\"reopenWithin\" value=\"P14D\" />",
        "<camunda:property name=\"reopenWithin\" value=\"two weeks\" />");
    ResponseEntity<String> refused = ApiClient.as(rest, "admin", "admin").postForEntity("/api/admin/models/deploy",
        null, String.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("processes/incident.bpmn").contains("Event_ClosedIncidentReopened")
        .contains("reopenWithin 'two weeks' is no positive ISO-8601 duration");
  }

  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  /** alice's incident, watched by mark, resolved by nina: what mark was told. */
  List<String> toldTheWatcher() {
    String number = (String) report("vpn", "network", 3, 3).get("number");
    ApiFlow flow = new ApiFlow(rest);
    flow.post("alice", "/api/tickets/" + number + "/watchers", Map.of("user", "mark"));
    flow.post("nina", "/api/tasks/" + flow.taskFor("nina", number) + "/complete", Map.of("action", "resolve",
        "resolutionCode", "solved", "resolutionNotes", "Router restarted"));
    return jdbc.sql("SELECT text FROM fd_notification WHERE ticket_number = ? AND recipient_user = 'mark' ORDER BY id")
        .param(number).query(String.class).list().stream().map(text -> text.replace(number, "{number}")).toList();
  }

  @Test
  void theIncidentModelSaysWhetherAndInWhatWordsWatchersHearOfTheResolution() {
    assertThat(toldTheWatcher()).containsExactly("{number}, which you watch, is resolved.");

    MODELS.replace("processes/incident.bpmn", "${ticketNumber}, which you watch, is resolved.",
        "${ticketNumber} (you follow it) has been fixed.");
    deploy();
    assertThat(toldTheWatcher()).containsExactly("{number} (you follow it) has been fixed.");

    MODELS.replace("processes/incident.bpmn", "<camunda:inputParameter name=\"watcherText\">${ticketNumber} (you follow "
        + "it) has been fixed.</camunda:inputParameter>", "");
    deploy();
    assertThat(toldTheWatcher()).isEmpty();
  }

  ResponseEntity<Map<String, Object>> reopen(String number) {
    return ApiClient.as(rest, "alice", "alice").exchange("/api/tickets/" + number + "/reopen", HttpMethod.POST,
        new HttpEntity<>(Map.of("reason", "It is broken again")), new ParameterizedTypeReference<Map<String, Object>>() { });
  }

  /** The task steps of a test through the API. */
  record ApiFlow(TestRestTemplate rest) {

    String taskFor(String user, String number) {
      ResponseEntity<List<Map<String, Object>>> tasks = ApiClient.as(rest, user, user).exchange(
          "/api/tasks?ticket=" + number, HttpMethod.GET, null, new ParameterizedTypeReference<List<Map<String, Object>>>() { });
      return tasks.getBody().stream().map(t -> (String) t.get("id")).findFirst()
          .orElseThrow(() -> new AssertionError(user + " has no task for " + number));
    }

    void post(String user, String path, Object body) {
      ResponseEntity<String> done = ApiClient.as(rest, user, user).postForEntity(path, body, String.class);
      assertThat(done.getStatusCode().is2xxSuccessful()).as(done.getBody()).isTrue();
    }
  }
}
