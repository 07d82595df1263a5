package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The models' words live in the models: a status added to change.bpmn, a group added to
 * incident-assignment.dmn and a milestone added to service-request.bpmn work everywhere once deployed
 * through the admin endpoint, with no Java or JavaScript change; a model that names an undeclared
 * status or milestone or a step that does not exist is refused, naming file and element.
 */
@EditableModelsTest
class VocabularyModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  MeterRegistry metrics;

  ApiClient api;

  /** Changes are planned in the weeks after a fixed day, so the clock starts there. */
  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  @BeforeEach
  void client() {
    EngineTime.runningFrom(TODAY + "T09:00");
    api = new ApiClient(rest);
  }

  static String saturday(int weeksAhead, String time) {
    return TODAY.plusWeeks(weeksAhead).with(TemporalAdjusters.next(DayOfWeek.SATURDAY)) + "T" + time;
  }

  ResponseEntity<String> deploy() {
    return api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
  }

  String standardChange(String from, String to) {
    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", Map.of("title", "Firmware",
        "service", "printer", "changeType", "standard", "template", "printer-firmware",
        "plannedStart", saturday(7, from), "plannedEnd", saturday(7, to), "impact", 3));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(raised).get("number").asText();
  }

  @Test
  void aStatusAddedToTheChangeProcessCountsInQueuesTheBacklogAndTheCalendar() {
    String schedule = "<camunda:inputParameter name=\"status\">scheduled</camunda:inputParameter>";
    MODELS.replace("processes/change.bpmn", schedule,
        "<camunda:inputParameter name=\"status\">testing</camunda:inputParameter>");

    ResponseEntity<String> undeclared = deploy();
    assertThat(undeclared.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    namesIt(ApiClient.read(undeclared).get("problems"), "processes/change.bpmn", "Activity_Schedule",
        "status 'testing'");
    assertThat(api.get("bob", "/api/vocabulary").get("statuses").findValuesAsText("code")).doesNotContain("testing");

    MODELS.replace("processes/change.bpmn", "<camunda:property name=\"status.new\" value=\"New | open\" />",
        "<camunda:property name=\"status.new\" value=\"New | open\" />\n"
            + "        <camunda:property name=\"status.testing\" value=\"Being tested | open, calendar\" />");
    assertThat(deploy().getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode testing = statusOf(api.get("bob", "/api/vocabulary"), "testing");
    assertThat(testing.get("label").asText()).isEqualTo("Being tested");
    assertThat(testing.get("open").asBoolean()).isTrue();
    assertThat(testing.get("calendar").asBoolean()).isTrue();

    String first = standardChange("08:00", "09:00");
    assertThat(api.status("bob", first)).isEqualTo("testing");
    // Queues list open tickets; the status filter takes the new word.
    assertThat(api.get("bob", "/api/tickets?mine=true&open=true&size=200").get("items").findValuesAsText("number"))
        .contains(first);
    assertThat(api.get("bob", "/api/tickets?status=testing&size=200").get("items").findValuesAsText("number"))
        .containsExactly(first);
    assertThat(api.call("bob", HttpMethod.GET, "/api/tickets?status=tested", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // The backlog counts it.
    long open = backlog();
    standardChange("12:00", "13:00");
    assertThat(backlog()).isEqualTo(open + 1);
    // And it holds its window: an overlapping standard change meets the conflict.
    String second = standardChange("08:30", "09:30");
    assertThat(api.status("bob", second)).isEqualTo("approval");
    assertThat(api.get("carl", "/api/changes/" + second).get("conflicts").findValuesAsText("with")).contains(first);
  }

  @Test
  void aStepThatDoesNotExistIsRefusedAtDeployment() {
    MODELS.replace("processes/incident.bpmn", "camunda:delegateExpression=\"${startSlaClocks}\"",
        "camunda:delegateExpression=\"${startSlaClockss}\"");
    ResponseEntity<String> refused = deploy();
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    namesIt(ApiClient.read(refused).get("problems"), "processes/incident.bpmn", "Activity_StartSlaClocks",
        "${startSlaClockss}", "no FlowDesk step");
  }

  /** A group nobody is in (a typo, or one not created yet) deploys, with a warning naming file and element. */
  @Test
  void aGroupTheIdentityServiceDoesNotKnowIsAWarningAtDeployment() {
    assertThat(ApiClient.read(deploy()).get("warnings").findValuesAsText("reason"))
        .noneMatch(reason -> reason.contains("identity service does not know"));
    MODELS.replace("processes/change.bpmn", "camunda:candidateGroups=\"change-managers\"",
        "camunda:candidateGroups=\"change-manager\"");
    ResponseEntity<String> deployed = deploy();
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    namesIt(ApiClient.read(deployed).get("warnings"), "processes/change.bpmn", "Activity_Review",
        "'change-manager'", "identity service does not know");
  }

  /** A helper's method misspelt, or a decision's text that is not FEEL, would deploy and fail every ticket there. */
  @Test
  void aMisspeltHelperMethodOrBrokenFeelIsRefusedAtDeployment() {
    MODELS.replace("decisions/request-sla-targets.dmn", "<text>\"gold\"</text>", "<text>\"gold</text>");
    ResponseEntity<String> feel = deploy();
    assertThat(feel.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    namesIt(ApiClient.read(feel).get("problems"), "decisions/request-sla-targets.dmn", "Rule_GoldWarnsEarlier",
        "not valid FEEL");
    MODELS.replace("decisions/request-sla-targets.dmn", "<text>\"gold</text>", "<text>\"gold\"</text>");

    MODELS.replace("processes/incident.bpmn", "name=\"Work incident ${ticketTitle.of(execution)}\"",
        "name=\"Work incident ${ticketTitle.off(execution)}\"");
    ResponseEntity<String> method = deploy();
    assertThat(method.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    namesIt(ApiClient.read(method).get("problems"), "processes/incident.bpmn", "Activity_WorkIncident",
        "ticketTitle.off", "does not have");
  }

  @Test
  void aMilestoneAddedOrRenamedInTheModelsChangesTheJourneyWithNoCodeChange() {
    String receipt = "<bpmn:userTask id=\"Activity_ConfirmReceipt\" name=\"Confirm receipt ${ticketTitle.of(execution)}\" camunda:formRef=\"request-confirm-receipt\" "
        + "camunda:formRefBinding=\"deployment\" camunda:assignee=\"${requester}\">";
    MODELS.replace("processes/service-request.bpmn", receipt, receipt + "\n      <bpmn:extensionElements><camunda:properties>"
        + "<camunda:property name=\"milestone\" value=\"confirming\" /></camunda:properties></bpmn:extensionElements>");

    // A step that names a milestone its process does not declare is refused, with file and element.
    ResponseEntity<String> undeclared = deploy();
    assertThat(undeclared.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    namesIt(ApiClient.read(undeclared).get("problems"), "processes/service-request.bpmn", "Activity_ConfirmReceipt",
        "milestone 'confirming'", "does not declare");

    MODELS.replace("processes/service-request.bpmn", "<camunda:property name=\"milestone.closed\" value=\"Closed\" />",
        "<camunda:property name=\"milestone.confirming\" value=\"Waiting for your confirmation\" />\n"
            + "        <camunda:property name=\"milestone.closed\" value=\"Closed\" />");
    MODELS.replace("processes/fulfil-facilities.bpmn", "value=\"Being done\"", "value=\"With facilities\"");
    ResponseEntity<String> deployed = deploy();
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("alice", "/api/vocabulary").get("milestones").findValuesAsText("label"))
        .contains("Waiting for your confirmation", "With facilities").doesNotContain("Being done");

    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair",
        "answers", Map.of("location", "Desk 7", "details", "Drawer stuck")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();
    assertThat(journey(number)).containsExactly("Submitted: done", "With facilities: current", "Delivered: ahead",
        "Waiting for your confirmation: ahead", "Closed: ahead");

    api.work("fred", number, "Do the job", Map.of("workNotes", "Drawer fixed"));
    assertThat(journey(number)).containsExactly("Submitted: done", "With facilities: done", "Delivered: done",
        "Waiting for your confirmation: current", "Closed: ahead");
  }

  private List<String> journey(String number) {
    List<String> steps = new java.util.ArrayList<>();
    api.get("alice", "/api/tickets/" + number + "/journey").get("milestones")
        .forEach(m -> steps.add(m.get("label").asText() + ": " + m.get("state").asText()));
    return steps;
  }

  @AfterEach
  void removeLegal() {
    if (identityService.createUserQuery().userId("lena").count() > 0) {
      identityService.deleteUser("lena");
    }
    if (identityService.createGroupQuery().groupId("legal").count() > 0) {
      identityService.deleteGroup("legal");
    }
  }

  @Test
  void aGroupAddedToTheRoutingTableGetsItsQueueTasklistTheEngineDoorAndItsMetric() {
    User lena = identityService.newUser("lena");
    lena.setPassword("lena");
    lena.setFirstName("Lena");
    lena.setLastName("Lind");
    lena.setEmail("lena@flowdesk.example");
    identityService.saveUser(lena);
    Group legal = identityService.newGroup("legal");
    legal.setName("Legal");
    identityService.saveGroup(legal);
    identityService.createMembership("lena", "legal");
    assertThat(api.get("lena", "/api/me").get("agentGroups")).isEmpty();

    MODELS.replace("decisions/incident-assignment.dmn", "      <rule id=\"Rule_HrPortal\">", """
              <rule id="Rule_Contracts">
                <description>Contracts are legal's</description>
                <inputEntry id="InputEntry_Contracts_1"><text>"contracts"</text></inputEntry>
                <inputEntry id="InputEntry_Contracts_2"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_Contracts_1"><text>"legal"</text></outputEntry>
              </rule>
              <rule id="Rule_HrPortal">""");
    MODELS.replace("catalog/services.yaml", "services:\n", """
        services:
          - id: contracts
            name: Contracts
            description: Contract reviews, signatures and templates.
            lineOfBusiness: finance
            ownerGroup: legal
            lifecycle: catalog
            supportHours: business
            monthlyCost: 900
            criticality: low
        """);
    MODELS.replace("forms/incident-report.form", "\"value\": \"email\"\n        },",
        "\"value\": \"email\"\n        },\n        {\n          \"label\": \"Contracts\",\n          \"value\": \"contracts\"\n        },");
    ResponseEntity<String> deployed = deploy();
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("bob", "/api/vocabulary").get("groups").findValuesAsText("id")).contains("legal");

    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "The supplier contract template is outdated", "service", "contracts", "category", "software",
        "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();
    assertThat(ApiClient.read(reported).get("assignmentGroup").asText()).isEqualTo("legal");

    // The portal's queue: lena is an agent of legal and its open tickets list hers.
    JsonNode me = api.get("lena", "/api/me");
    assertThat(me.get("agentGroups").toString()).isEqualTo("[\"legal\"]");
    assertThat(me.get("roles").toString()).contains("agent");
    assertThat(api.get("lena", "/api/tickets?group=legal&open=true").get("items").findValuesAsText("number"))
        .containsExactly(number);
    // Tasklist and /engine-rest: the application is open to her and the task is hers to see.
    assertThat(authorizations.isUserAuthorized("lena", List.of("legal"), Permissions.ACCESS, Resources.APPLICATION,
        "tasklist")).isTrue();
    ResponseEntity<String> engineTasks = api.call("lena", HttpMethod.GET,
        "/engine-rest/task?maxResults=10&processInstanceBusinessKey=" + number, null);
    assertThat(engineTasks.getStatusCode()).as(engineTasks.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(engineTasks).findValuesAsText("name")).singleElement().asString()
        .startsWith("Work incident " + number + ": ");
    assertThat(api.taskOf("lena", number, "Work incident")).isNotNull();
    // The metrics have her group's backlog.
    assertThat(metrics.find("flowdesk.backlog").tag("group", "legal").gauge()).isNotNull();

    // A change's review becomes legal's approval: lena approves, and the portal shows her its Approvals.
    assertThat(me.get("roles").toString()).doesNotContain("approver");
    MODELS.replace("processes/change.bpmn", "camunda:candidateGroups=\"change-managers\" camunda:formRef=\"change-review\" "
        + "camunda:formRefBinding=\"deployment\">\n      <bpmn:extensionElements>",
        "camunda:candidateGroups=\"legal\" camunda:formRef=\"change-review\" camunda:formRefBinding=\"deployment\">\n"
            + "      <bpmn:extensionElements>\n        <camunda:properties><camunda:property name=\"kind\" value=\"approval\" />"
            + "</camunda:properties>");
    ResponseEntity<String> approving = deploy();
    assertThat(approving.getStatusCode()).as(approving.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("lena", "/api/me").get("roles").toString()).contains("approver");
  }

  /** Among the problems (or warnings) one names the file, the element and, in its reason, each text given. */
  static void namesIt(JsonNode problems, String file, String element, String... reason) {
    assertThat(problems).anySatisfy(problem -> {
      assertThat(problem.get("file").asText()).isEqualTo(file);
      assertThat(problem.get("element").asText()).isEqualTo(element);
      assertThat(problem.get("reason").asText()).contains(reason);
    });
  }

  private long backlog() {
    JsonNode buckets = api.get("admin", "/api/measures/backlog?type=change").get("buckets");
    long total = 0;
    for (JsonNode bucket : buckets) {
      for (JsonNode count : bucket) {
        total += count.asLong();
      }
    }
    return total;
  }

  private static JsonNode statusOf(JsonNode vocabulary, String code) {
    for (JsonNode status : vocabulary.get("statuses")) {
      if (status.get("code").asText().equals(code)) {
        return status;
      }
    }
    throw new AssertionError("no status " + code + " in " + vocabulary);
  }
}
