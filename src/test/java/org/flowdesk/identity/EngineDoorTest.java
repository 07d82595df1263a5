package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.flowdesk.models.StartForms;
import org.flowdesk.EngineTime;
import org.flowdesk.models.FormSchema;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Camunda's doors as a hostile requester and agent use them: {@code /engine-rest} with HTTP
 * Basic and Tasklist's {@code /camunda/api/engine} with a webapp login. Every start with start
 * instructions or a business key, every start and task completion with variables its form lacks
 * or values out of its range, process-instance modification, message correlation, signals, and
 * variable, job, job-definition and profile writes are refused with 4xx, and afterwards no
 * FlowDesk or Camunda runtime row and no ticket's timeline has changed. What a form declares
 * still goes through, acting on the instance's own ticket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineDoorTest {

  static final List<String> PROCESSES = List.of("incident", "service-request", "change", "fulfil-access",
      "fulfil-facilities", "fulfil-hardware", "fulfil-onboarding", "notification-mail", "problem");
  /** Variables a person must never set: the ticket, who acts, the engine's tallies, the rules' outputs. */
  static final Map<String, Object> FORGED = forged();

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  DataSource dataSource;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  FormService formService;

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> failures = new ArrayList<>();
  int sent;

  String alices;
  String hanas;

  static Map<String, Object> forged() {
    Map<String, Object> forged = new LinkedHashMap<>();
    forged.put("ticketNumber", "INC-999999");
    forged.put("requester", "hana");
    // On behalf of someone is FlowDesk's API's, after its access rule: no engine door starts a ticket for another.
    forged.put("requestedFor", "hana");
    forged.put("enteredBy", "sam");
    forged.put("actor", "sam");
    forged.put("agent", "sam");
    forged.put("newGroup", "network");
    forged.put("cabApprovals", 5);
    forged.put("cabRejections", 0);
    forged.put("cabSize", 1);
    forged.put("approvalRule", "single");
    forged.put("cabOutcome", "approved");
    forged.put("outcomeDecision", "change-approval");
    forged.put("nrOfInstances", 1);
    forged.put("priority", 1);
    forged.put("assignmentGroup", "hr");
    forged.put("itemId", "laptop");
    forged.put("price", 0);
    return forged;
  }

  @BeforeEach
  void ticketsOfTwoPeople() throws Exception {
    alices = report("alice", "Outlook crashes");
    hanas = report("hana", "Payroll export fails");
  }

  String report(String user, String title) throws Exception {
    HttpResponse<String> created = basic(user, "POST", "/api/incidents", Map.of("title", title, "service", "email",
        "category", "software", "impact", 3, "urgency", 3));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json.readTree(created.body()).get("number").asText();
  }

  // --- the doors ---------------------------------------------------------------------------

  HttpResponse<String> basic(String user, String method, String path, Object body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(
            StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Tasklist's way in: Camunda's login, its session cookie and CSRF token. */
  final class Tasklist {
    final CookieManager cookies = new CookieManager();
    final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    final String user;

    Tasklist(String user) throws Exception {
      this.user = user;
      client.send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/default/")).build(),
          HttpResponse.BodyHandlers.discarding());
      HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as("Tasklist login of " + user + ": " + login.body()).isEqualTo(200);
      // The login starts a new session with a CSRF token of its own.
      client.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).build(),
          HttpResponse.BodyHandlers.discarding());
    }

    String csrf() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElse("");
    }

    HttpResponse<String> call(String method, String path, Object body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default" + path))
          .header("Content-Type", "application/json").header("X-XSRF-TOKEN", csrf())
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // Refused by Camunda's CSRF filter is no proof of the door: the test must get past it.
      assertThat(response.headers().firstValue("X-XSRF-TOKEN").orElse("")).as(method + " " + path)
          .isNotEqualTo("Required");
      return response;
    }
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  interface Door {
    HttpResponse<String> call(String method, String path, Object body) throws Exception;
  }

  Door engineRest(String user) {
    return (method, path, body) -> basic(user, method, "/engine-rest" + path, body);
  }

  void expectRefused(String who, Door door, String method, String path, Object body) throws Exception {
    sent++;
    HttpResponse<String> response = door.call(method, path, body);
    if (response.statusCode() < 400 || response.statusCode() >= 500) {
      String shown = body == null ? "" : json.writeValueAsString(body);
      failures.add(who + " " + method + " " + path + " " + (shown.length() > 160 ? shown.substring(0, 160) + "…" : shown)
          + " → " + response.statusCode() + " " + response.body());
    }
  }

  static Map<String, Object> typed(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value, "type",
        value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  static Map<String, Object> withVariables(Map<String, Object> values) {
    return Map.of("variables", typed(values));
  }

  static Map<String, Object> without(Map<String, Object> values, String name) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.remove(name);
    return copy;
  }

  static Map<String, Object> plus(Map<String, Object> values, String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return copy;
  }

  static final Map<String, Object> VALID_REPORT = Map.of("title", "Printer jams", "service", "printer",
      "category", "hardware", "impact", 3, "urgency", 3);

  // --- what the database holds ----------------------------------------------------------------

  /** Row counts of FlowDesk's tables and Camunda's runtime, identity and authorization tables. */
  Map<String, Long> rows() throws Exception {
    List<String> tables = new ArrayList<>();
    try (var connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          String lower = name.toLowerCase();
          // The audit log records attempts, refused ones too; everything else must stay as it was.
          if (lower.startsWith("fd_") && !lower.equals("fd_schema_history") && !lower.equals("fd_audit_log")
              || lower.startsWith("act_ru_")
              || lower.startsWith("act_id_") || lower.startsWith("act_ge_bytearray")) {
            tables.add(name);
          }
        }
      }
    }
    Map<String, Long> counts = new TreeMap<>();
    for (String table : tables) {
      counts.put(table.toLowerCase(), jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  List<String> timeline(String ticket) {
    return jdbc.sql("SELECT kind || ' ' || actor || ': ' || COALESCE(text, '') FROM fd_timeline_entry "
        + "WHERE ticket_number = ? ORDER BY id").param(ticket).query(String.class).list();
  }

  FormSchema formOf(String taskId) throws Exception {
    try (var form = formService.getDeployedTaskForm(taskId)) {
      return FormSchema.parse(form);
    }
  }

  Task taskOf(String ticket, String taskDefinitionKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(ticket).taskDefinitionKey(taskDefinitionKey)
        .singleResult();
  }

  // --- the tests ------------------------------------------------------------------------------------

  @Test
  void hostileStartsCompletionsAndWritesThroughCamundasDoorsAreRefusedAndChangeNothing() throws Exception {
    EngineTime.runningFrom("2027-03-01T09:00"); // bob's change below is planned for 10 March 2027
    // Alice's incident waits on her: the agent resolved it, she is to confirm.
    Task work = taskOf(alices, "Activity_WorkIncident");
    taskService.claim(work.getId(), "bob");
    taskService.complete(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Reinstalled"));
    Task confirm = taskOf(alices, "Activity_ConfirmResolution");
    Task hanasWork = taskOf(hanas, "Activity_WorkIncident");
    taskService.claim(hanasWork.getId(), "bob");
    // A laptop for alice waits for her manager mark; bob's change waits for carl's assessment.
    HttpResponse<String> ordered = basic("alice", "POST", "/api/requests", Map.of("item", "new-laptop", "answers",
        Map.of("model", "developer", "reason", "Builds take ages")));
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
    Task approval = taskService.createTaskQuery()
        .processInstanceBusinessKey(json.readTree(ordered.body()).get("number").asText()).singleResult();
    HttpResponse<String> raised = basic("bob", "POST", "/api/changes", Map.of("title", "New docking firmware",
        "service", "laptop", "changeType", "normal", "plannedStart", "2027-03-10T10:00", "plannedEnd",
        "2027-03-10T12:00", "impact", 3, "implementationGroup", "service-desk", "complexity", "low",
        "implementationPlan", "Push the update", "backoutPlan", "Roll back"));
    assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
    Task assessment = taskService.createTaskQuery()
        .processInstanceBusinessKey(json.readTree(raised.body()).get("number").asText()).singleResult();
    // nina's medium-risk network change, assessed: carl, sven and sam vote as the CAB.
    HttpResponse<String> voted = basic("nina", "POST", "/api/changes", Map.ofEntries(Map.entry("title",
        "Replace the core switch power supplies"), Map.entry("service", "network"), Map.entry("changeType", "normal"),
        Map.entry("plannedStart", "2027-03-13T08:00"), Map.entry("plannedEnd", "2027-03-13T10:00"),
        Map.entry("impact", 2), Map.entry("implementationGroup", "network"), Map.entry("complexity", "medium"),
        Map.entry("tested", true), Map.entry("implementationPlan", "Swap one supply at a time"),
        Map.entry("backoutPlan", "Put the old supply back")));
    assertThat(voted.statusCode()).as(voted.body()).isEqualTo(201);
    String cabChange = json.readTree(voted.body()).get("number").asText();
    taskService.complete(taskOf(cabChange, "Activity_AssessChange").getId(), Map.of("decision", "proceed"));
    Task vote = taskService.createTaskQuery().processInstanceBusinessKey(cabChange)
        .taskDefinitionKey("Activity_CabVote").taskAssignee("carl").singleResult();
    String cabInstance = vote.getProcessInstanceId();
    String instance = confirm.getProcessInstanceId();
    Job job = managementService.createJobQuery().processInstanceId(instance).list().get(0);

    // bob's problem behind hana's incident waits for the service desk's investigation.
    HttpResponse<String> logged = basic("bob", "POST", "/api/problems", Map.of("title", "Payroll exports fail",
        "assignmentGroup", "service-desk", "incidents", List.of(hanas)));
    assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
    String problem = json.readTree(logged.body()).at("/ticket/number").asText();
    Task investigation = taskService.createTaskQuery().processInstanceBusinessKey(problem).singleResult();
    List<String> problemsTimeline = timeline(problem);
    Map<String, Long> before = rows();
    List<String> alicesTimeline = timeline(alices);
    List<String> hanasTimeline = timeline(hanas);

    Tasklist alicesTasklist = new Tasklist("alice");
    Tasklist bobsTasklist = new Tasklist("bob");
    Map<String, Door> requesterDoors = Map.of("alice /engine-rest", engineRest("alice"),
        "alice Tasklist", alicesTasklist::call);
    Map<String, Door> agentDoors = Map.of("bob /engine-rest", engineRest("bob"), "bob Tasklist", bobsTasklist::call);
    Map<String, Door> everyDoor = new LinkedHashMap<>(requesterDoors);
    everyDoor.putAll(agentDoors);

    for (var door : everyDoor.entrySet()) {
      String who = door.getKey();
      Door d = door.getValue();
      // 1. Starting at an inner step, with a business key, or with start-time knobs.
      for (String process : PROCESSES) {
        ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(process)
            .latestVersion().singleResult();
        for (FlowNode step : repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(FlowNode.class)) {
          if (step instanceof ServiceTask || step instanceof UserTask) {
            Map<String, Object> body = new LinkedHashMap<>(withVariables(Map.of("ticketNumber", hanas, "agent",
                "sam", "actor", "sam", "newGroup", "service-desk")));
            body.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId", step.getId())));
            expectRefused(who, d, "POST", "/process-definition/key/" + process + "/start", body);
          }
        }
        // 4. A start with what a form does not have: a requester of someone else, item and price, the rules' outputs.
        for (var forged : FORGED.entrySet()) {
          expectRefused(who, d, "POST", "/process-definition/key/" + process + "/start",
              withVariables(plus(VALID_REPORT, forged.getKey(), forged.getValue())));
          expectRefused(who, d, "POST", "/process-definition/key/" + process + "/submit-form",
              withVariables(plus(VALID_REPORT, forged.getKey(), forged.getValue())));
        }
        expectRefused(who, d, "POST", "/process-definition/" + definition.getId() + "/submit-form",
            withVariables(plus(VALID_REPORT, "requester", "hana")));
      }
      Map<String, Object> withKey = new LinkedHashMap<>(withVariables(VALID_REPORT));
      withKey.put("businessKey", hanas);
      expectRefused(who, d, "POST", "/process-definition/key/incident/start", withKey);
      Map<String, Object> skipping = new LinkedHashMap<>(withVariables(VALID_REPORT));
      skipping.put("skipCustomListeners", true);
      expectRefused(who, d, "POST", "/process-definition/key/incident/start", skipping);
      // Out of the form's range or type.
      expectRefused(who, d, "POST", "/process-definition/key/incident/start", withVariables(plus(VALID_REPORT, "impact", 7)));
      expectRefused(who, d, "POST", "/process-definition/key/incident/start",
          Map.of("variables", Map.of("title", Map.of("value", "x", "type", "String"), "service", Map.of("value", "printer"),
              "category", Map.of("value", "hardware"), "impact", Map.of("value", 2.5, "type", "Double"),
              "urgency", Map.of("value", 3, "type", "Integer"))));
      expectRefused(who, d, "POST", "/process-definition/key/incident/start",
          Map.of("variables", Map.of("title", Map.of("value", "{\"a\":1}", "type", "Json"))));
      expectRefused(who, d, "POST", "/process-definition/key/incident/start",
          Map.of("variables", Map.of("title", Map.of("value", "rO0ABXQAA2FiYw==", "type", "Object",
              "valueInfo", Map.of("objectTypeName", "java.lang.String", "serializationDataFormat",
                  "application/x-java-serialized-object")))));

      // 8. Modification, messages, signals, variables, jobs, job definitions, profiles, other people's tasks.
      expectRefused(who, d, "POST", "/process-instance/" + instance + "/modification", Map.of("instructions",
          List.of(Map.of("type", "startBeforeActivity", "activityId", "Activity_CloseConfirmed"))));
      expectRefused(who, d, "POST", "/message", Map.of("messageName", "any", "processVariables",
          typed(Map.of("ticketNumber", hanas))));
      expectRefused(who, d, "POST", "/signal", Map.of("name", "any"));
      expectRefused(who, d, "PUT", "/process-instance/" + instance + "/variables/ticketNumber",
          Map.of("value", hanas, "type", "String"));
      expectRefused(who, d, "POST", "/process-instance/" + instance + "/variables",
          Map.of("modifications", typed(Map.of("ticketNumber", hanas))));
      expectRefused(who, d, "DELETE", "/process-instance/" + instance + "/variables/requester", null);
      expectRefused(who, d, "POST", "/task/" + confirm.getId() + "/variables",
          Map.of("modifications", typed(Map.of("ticketNumber", hanas))));
      expectRefused(who, d, "PUT", "/task/" + confirm.getId() + "/localVariables/rating", Map.of("value", -100,
          "type", "Integer"));
      expectRefused(who, d, "PUT", "/execution/" + instance + "/localVariables/actor", Map.of("value", "sam"));
      expectRefused(who, d, "PUT", "/task/" + confirm.getId(), Map.of("name", "Renamed", "assignee", "hana"));
      expectRefused(who, d, "POST", "/task/create", Map.of("id", "forged", "name", "Forged"));
      expectRefused(who, d, "DELETE", "/process-instance/" + instance, null);
      expectRefused(who, d, "PUT", "/job/" + job.getId() + "/duedate", Map.of("duedate", "2030-01-01T00:00:00.000+0000"));
      expectRefused(who, d, "PUT", "/job/" + job.getId() + "/retries", Map.of("retries", 0));
      expectRefused(who, d, "POST", "/job/" + job.getId() + "/execute", null);
      expectRefused(who, d, "PUT", "/job-definition/" + job.getJobDefinitionId() + "/suspended", Map.of("suspended", true));
      expectRefused(who, d, "POST", "/history/cleanup", null);
      expectRefused(who, d, "PUT", "/user/alice/profile", Map.of("id", "alice", "firstName", "Alice", "lastName",
          "Admin", "email", "sam@flowdesk.test"));
      expectRefused(who, d, "PUT", "/user/hana/credentials", Map.of("password", "taken-over-123A!",
          "authenticatedUserPassword", "alice"));
      expectRefused(who, d, "POST", "/task/" + hanasWork.getId() + "/claim", Map.of("userId", "hana"));
      expectRefused(who, d, "POST", "/task/" + confirm.getId() + "/identity-links", Map.of("groupId", "camunda-admin",
          "type", "candidate"));
      expectRefused(who, d, "POST", "/deployment/create", null);
    }

    for (var door : requesterDoors.entrySet()) {
      // 2. Her own task, someone else's ticket or values the form does not allow.
      String path = "/task/" + confirm.getId();
      // ticketNumber is a read-only field of her form: ignored, as form-js ignores it (the other test shows it).
      for (var forged : without(FORGED, "ticketNumber").entrySet()) {
        expectRefused(door.getKey(), door.getValue(), "POST", path + "/complete",
            withVariables(plus(Map.of("confirmation", "confirm"), forged.getKey(), forged.getValue())));
        expectRefused(door.getKey(), door.getValue(), "POST", path + "/submit-form",
            withVariables(plus(Map.of("confirmation", "confirm"), forged.getKey(), forged.getValue())));
      }
      expectRefused(door.getKey(), door.getValue(), "POST", path + "/complete", withVariables(Map.of("confirmation",
          "maybe")));
      expectRefused(door.getKey(), door.getValue(), "POST", path + "/complete", withVariables(Map.of("rating", -100)));
      expectRefused(door.getKey(), door.getValue(), "POST", path + "/complete", Map.of());
    }
    for (var door : agentDoors.entrySet()) {
      // 3. Forged tallies and decisions on the agent's own work task.
      String path = "/task/" + hanasWork.getId();
      // ticketNumber (read-only) and newGroup (hidden unless reassigning) are fields of the work form.
      for (var forged : without(without(FORGED, "ticketNumber"), "newGroup").entrySet()) {
        expectRefused(door.getKey(), door.getValue(), "POST", path + "/complete",
            withVariables(plus(Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Done"),
                forged.getKey(), forged.getValue())));
      }
    }

    // A CAB member's own vote: the tally, the voting rule, the outcome and its decision are the engine's.
    Map<String, Door> voter = Map.of("carl /engine-rest", engineRest("carl"), "carl Tasklist", new Tasklist("carl")::call);
    Set<String> voteFields = formOf(vote.getId()).keys();
    for (var door : voter.entrySet()) {
      for (var forged : FORGED.entrySet()) {
        if (!voteFields.contains(forged.getKey())) {
          expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + vote.getId() + "/complete",
              withVariables(plus(Map.of("vote", "approve"), forged.getKey(), forged.getValue())));
          expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + vote.getId() + "/submit-form",
              withVariables(plus(Map.of("vote", "approve"), forged.getKey(), forged.getValue())));
        }
      }
      for (String tally : List.of("cabApprovals", "cabRejections", "cabSize", "approvalRule", "cabOutcome")) {
        expectRefused(door.getKey(), door.getValue(), "PUT", "/process-instance/" + cabInstance + "/variables/" + tally,
            Map.of("value", FORGED.get(tally), "type", FORGED.get(tally) instanceof Integer ? "Integer" : "String"));
        expectRefused(door.getKey(), door.getValue(), "POST", "/process-instance/" + cabInstance + "/variables",
            Map.of("modifications", typed(Map.of(tally, FORGED.get(tally)))));
        expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + vote.getId() + "/variables",
            Map.of("modifications", typed(Map.of(tally, FORGED.get(tally)))));
      }
      expectRefused(door.getKey(), door.getValue(), "PUT", "/task/" + vote.getId() + "/localVariables/outcomeDecision",
          Map.of("value", "change-approval", "type", "String"));
      expectRefused(door.getKey(), door.getValue(), "PUT", "/execution/" + vote.getExecutionId()
          + "/localVariables/outcomeDecision", Map.of("value", "change-approval", "type", "String"));
    }

    // The approver's and the change manager's own tasks: forged decisions, tallies, tickets and people.
    Map<String, Map<String, Door>> deciders = Map.of(
        approval.getId(), Map.of("mark /engine-rest", engineRest("mark"), "mark Tasklist", new Tasklist("mark")::call),
        assessment.getId(), Map.of("carl /engine-rest", engineRest("carl"), "carl Tasklist", new Tasklist("carl")::call));
    for (var decider : deciders.entrySet()) {
      Set<String> fields = formOf(decider.getKey()).keys();
      for (var door : decider.getValue().entrySet()) {
        for (var forged : FORGED.entrySet()) {
          if (!fields.contains(forged.getKey())) { // read-only fields of the form are ignored, not refused
            expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + decider.getKey() + "/complete",
                withVariables(plus(Map.of("decision", "approve"), forged.getKey(), forged.getValue())));
          }
        }
        expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + decider.getKey() + "/complete",
            withVariables(Map.of("decision", "approve-twice")));
      }
    }

    // A problem is started by FlowDesk's API only; its investigation is the group's; its messages are the
    // models' (the fixing change's outcome, the cascade to the incidents).
    for (var door : everyDoor.entrySet()) {
      expectRefused(door.getKey(), door.getValue(), "POST", "/process-definition/key/problem/start",
          withVariables(Map.of("title", "Forged problem", "assignmentGroup", "service-desk")));
      for (String message : List.of("ProblemFixRaised", "ProblemChangeSucceeded", "ProblemChangeFailed",
          "IncidentFixedByProblem", "IncidentMerged", "IncidentDeclaredMajor", "IncidentAttachedToMajor",
          "IncidentReprioritised",
          "MajorIncidentUpdated", "MajorIncidentResolved")) {
        expectRefused(door.getKey(), door.getValue(), "POST", "/message", Map.of("messageName", message,
            "businessKey", message.startsWith("Incident") ? hanas : problem));
      }
    }
    for (var door : requesterDoors.entrySet()) {
      expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + investigation.getId() + "/complete",
          withVariables(Map.of("rootCause", "None", "affectedService", "email")));
      expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + investigation.getId() + "/claim",
          Map.of("userId", "alice"));
    }
    for (var door : agentDoors.entrySet()) {
      // The gateway's input is the engine's, from the form's workaround.
      expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + investigation.getId() + "/complete",
          withVariables(Map.of("rootCause", "None", "affectedService", "email", "workaroundKnown", true)));
      expectRefused(door.getKey(), door.getValue(), "POST", "/task/" + investigation.getId() + "/complete",
          withVariables(Map.of("rootCause", "None", "affectedService", "email", "ticketNumber", alices,
              "requester", "hana")));
    }

    assertThat(failures).as(failures.size() + " of " + sent + " hostile requests were not refused with 4xx").isEmpty();
    assertThat(sent).isGreaterThan(500);
    assertThat(rows()).isEqualTo(before);
    assertThat(timeline(alices)).isEqualTo(alicesTimeline);
    assertThat(timeline(hanas)).isEqualTo(hanasTimeline);
    assertThat(timeline(problem)).isEqualTo(problemsTimeline);
    assertThat(taskService.createTaskQuery().taskId(investigation.getId()).count()).isEqualTo(1);
    assertThat(runtimeService.getVariable(instance, "ticketNumber")).isEqualTo(alices);
    assertThat(runtimeService.getVariable(cabInstance, "cabApprovals")).isEqualTo(0);
    assertThat(runtimeService.getVariable(cabInstance, "cabOutcome")).isEqualTo("open");
  }

  @Test
  void whatTheFormDeclaresGoesThroughAndActsOnTheInstancesOwnTicket() throws Exception {
    Task work = taskOf(alices, "Activity_WorkIncident");
    taskService.claim(work.getId(), "bob");
    taskService.complete(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Reinstalled"));
    Task confirm = taskOf(alices, "Activity_ConfirmResolution");
    List<String> hanasTimeline = timeline(hanas);

    // Tasklist's "Set follow-up date" sends the task back whole: the follow-up date may change, nothing else.
    JsonNode shown = json.readTree(basic("alice", "GET", "/engine-rest/task/" + confirm.getId(), null).body());
    ObjectNode followUp = ((ObjectNode) shown.deepCopy()).put("followUp", "2030-01-07T09:00:00.000+0000");
    followUp.remove("camundaFormRef"); // Camunda reads it but cannot take it back; Tasklist leaves it out too
    HttpResponse<String> later = basic("alice", "PUT", "/engine-rest/task/" + confirm.getId(), followUp);
    assertThat(later.statusCode()).as(later.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(confirm.getId()).singleResult().getFollowUpDate()).isNotNull();
    for (String field : List.of("name", "assignee", "priority", "due")) {
      ObjectNode changed = followUp.deepCopy();
      changed.put(field, field.equals("priority") ? "99" : field.equals("due") ? "2030-01-07T09:00:00.000+0000" : "hana");
      if (field.equals("priority")) {
        changed.put("priority", 99);
      }
      HttpResponse<String> refused = basic("alice", "PUT", "/engine-rest/task/" + confirm.getId(), changed);
      assertThat(refused.statusCode()).as(field + ": " + refused.body()).isEqualTo(403);
    }

    // A read-only field of the form (the ticket it shows) is ignored, as form-js ignores it.
    HttpResponse<String> done = basic("alice", "POST", "/engine-rest/task/" + confirm.getId() + "/complete",
        withVariables(Map.of("confirmation", "confirm", "ticketNumber", hanas)));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT status FROM fd_ticket WHERE ticket_number = ?").param(alices).query(String.class)
        .single()).isEqualTo("closed");
    assertThat(timeline(hanas)).isEqualTo(hanasTimeline);

    // Tasklist's start form: the requester is whoever is logged in.
    Tasklist tasklist = new Tasklist("alice");
    HttpResponse<String> started = tasklist.call("POST", "/process-definition/key/incident/submit-form",
        withVariables(VALID_REPORT));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String number = json.readTree(started.body()).get("businessKey").asText();
    assertThat(jdbc.sql("SELECT requester FROM fd_ticket WHERE ticket_number = ?").param(number).query(String.class)
        .single()).isEqualTo("alice");

    // A refusal names the form and each field, as FlowDesk's API does.
    HttpResponse<String> refused = basic("alice", "POST", "/engine-rest/process-definition/key/incident/start",
        withVariables(plus(plus(VALID_REPORT, "requester", "hana"), "impact", 9)));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("requester", "impact");
    assertThat(problem.get("detail").asText()).contains("incident-report");

    // Administrators keep Cockpit's operations: a modification through /engine-rest.
    ObjectNode modification = json.createObjectNode();
    modification.putArray("instructions").addObject().put("type", "startBeforeActivity")
        .put("activityId", "Activity_WorkIncident");
    String hanasInstance = taskOf(hanas, "Activity_WorkIncident").getProcessInstanceId();
    HttpResponse<String> modified = basic("admin", "POST", "/engine-rest/process-instance/" + hanasInstance
        + "/modification", modification);
    assertThat(modified.statusCode()).as(modified.body()).isEqualTo(204);
  }

  /** The queue a request goes to is the model's and the catalog's: an approver at Camunda's door cannot choose it. */
  @Test
  void anApproverAtTheEngineDoorCannotChooseTheQueueOfARequest() throws Exception {
    HttpResponse<String> ordered = basic("alice", "POST", "/api/requests", Map.of("item", "monitor", "answers",
        Map.of("size", "27")));
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
    String request = json.readTree(ordered.body()).get("number").asText();
    Task approval = taskService.createTaskQuery().processInstanceBusinessKey(request).singleResult();
    assertThat(approval.getAssignee()).isEqualTo("mark");

    HttpResponse<String> refused = basic("mark", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
        withVariables(Map.of("decision", "approve", "group", "network")));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json.readTree(refused.body()).get("errors").findValuesAsText("field")).containsExactly("group");
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).count()).isEqualTo(1);

    HttpResponse<String> approved = basic("mark", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
        withVariables(Map.of("decision", "approve")));
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT assignment_group FROM fd_ticket WHERE ticket_number = ?").param(request)
        .query(String.class).single()).isEqualTo("service-desk");
  }

  /**
   * Claim, unclaim and hand on at Camunda's doors follow FlowDesk's API: a task goes only to one it is offered to,
   * a step the model gives to one person stays theirs, a colleague's task is a conflict (409, not Camunda's 500),
   * and a former assignee keeps no grant on the task.
   */
  @Test
  void aTaskGoesOnlyToOneItIsOfferedToAtEveryDoor() throws Exception {
    // mark approves alice's laptop: the model gives the step to him alone, never to her.
    HttpResponse<String> ordered = basic("alice", "POST", "/api/requests", Map.of("item", "new-laptop", "answers",
        Map.of("model", "developer", "reason", "Builds take ages")));
    assertThat(ordered.statusCode()).as(ordered.body()).isEqualTo(201);
    String request = json.readTree(ordered.body()).get("number").asText();
    Task approval = taskService.createTaskQuery().processInstanceBusinessKey(request).singleResult();
    assertThat(approval.getAssignee()).isEqualTo("mark");
    Map<String, Door> marksDoors = Map.of("mark /engine-rest", engineRest("mark"),
        "mark Tasklist", new Tasklist("mark")::call);
    for (var door : marksDoors.entrySet()) {
      String path = "/task/" + approval.getId();
      for (Object junk : List.of("alice", "", "x".repeat(300), "<script>alert(1)</script>", 42)) {
        HttpResponse<String> handed = door.getValue().call("POST", path + "/assignee", Map.of("userId", junk));
        assertThat(handed.statusCode()).as(door.getKey() + " hands on to " + junk + ": " + handed.body()).isEqualTo(400);
      }
      HttpResponse<String> toAlice = door.getValue().call("POST", path + "/assignee", Map.of("userId", "alice"));
      assertThat(json.readTree(toAlice.body()).get("errors").findValuesAsText("field")).containsExactly("userId");
      HttpResponse<String> given = door.getValue().call("POST", path + "/unclaim", null);
      assertThat(given.statusCode()).as(door.getKey() + " unclaims: " + given.body()).isEqualTo(409);
      assertThat(json.readTree(given.body()).get("detail").asText()).contains("yours alone");
    }
    assertThat(taskService.createTaskQuery().taskId(approval.getId()).singleResult().getAssignee()).isEqualTo("mark");
    HttpResponse<String> selfApproved = basic("alice", "POST", "/engine-rest/task/" + approval.getId() + "/complete",
        withVariables(Map.of("decision", "approve", "approvalComment", "Mine")));
    // alice may not read mark's step: it is as absent as a task that does not exist, its name and ticket unsaid.
    assertThat(selfApproved.statusCode()).as(selfApproved.body()).isEqualTo(404);
    assertThat(selfApproved.body()).contains("There is no task " + approval.getId()).doesNotContain(request)
        .doesNotContain(approval.getName());

    // alice's incident waits for the service desk: bob and sam may take it on, alice and nina may not.
    Task work = taskOf(alices, "Activity_WorkIncident");
    String path = "/engine-rest/task/" + work.getId();
    // nina, of another group, reads nothing of it, at any door and by any verb: every refusal is the one a task
    // id that does not exist gets, so ids cannot be walked for other people's ticket numbers and titles.
    HttpResponse<String> absent = basic("nina", "POST", "/engine-rest/task/999999999/claim", Map.of("userId", "nina"));
    assertThat(absent.statusCode()).isEqualTo(404);
    // Reads of it and of what it has answer so too (the engine answered 403 for a task that exists, 404 for none).
    for (String read : List.of("", "/variables", "/form-variables", "/identity-links", "/comment", "/form")) {
      for (String task : List.of(work.getId(), "999999999")) {
        HttpResponse<String> refused = basic("nina", "GET", "/engine-rest/task/" + task + read, null);
        assertThat(refused.statusCode()).as("GET /task/" + task + read + ": " + refused.body()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(alices).doesNotContain("incident");
      }
    }
    // The desk's agents read it as before, and /task/count is no task.
    assertThat(basic("bob", "GET", "/engine-rest/task/" + work.getId() + "/form-variables", null).statusCode())
        .isEqualTo(200);
    assertThat(basic("nina", "GET", "/engine-rest/task/count", null).statusCode()).isEqualTo(200);
    for (Map.Entry<String, Door> door : Map.of("/engine-rest", engineRest("nina"), "Tasklist",
        (Door) new Tasklist("nina")::call).entrySet()) {
      String task = "/task/" + work.getId();
      for (Object[] call : List.of(new Object[] {"POST", task + "/claim", Map.of("userId", "nina")},
          new Object[] {"POST", task + "/assignee", Map.of("userId", "nina")},
          new Object[] {"POST", task + "/unclaim", null},
          new Object[] {"POST", task + "/complete", withVariables(Map.of("action", "resolve"))},
          new Object[] {"POST", task + "/submit-form", withVariables(Map.of("action", "resolve"))},
          new Object[] {"POST", task + "/resolve", withVariables(Map.of("action", "resolve"))},
          new Object[] {"POST", task + "/comment/create", Map.of("message", "x")},
          new Object[] {"PUT", task, Map.of("name", "guess", "priority", 50)})) {
        HttpResponse<String> refused = door.getValue().call((String) call[0], (String) call[1], call[2]);
        assertThat(refused.statusCode()).as(door.getKey() + " " + call[0] + " " + call[1] + ": " + refused.body())
            .isEqualTo(404);
        assertThat(refused.body()).as(door.getKey() + " " + call[1]).contains("There is no task " + work.getId())
            .doesNotContain(alices).doesNotContain(work.getName());
      }
    }
    assertThat(basic("bob", "POST", path + "/claim", Map.of("userId", "bob")).statusCode()).isEqualTo(204);
    for (String[] call : List.of(new String[] {"/claim", "sam"}, new String[] {"/assignee", "sam"},
        new String[] {"/unclaim", null})) {
      HttpResponse<String> taken = basic("sam", "POST", path + call[0], call[1] == null ? null
          : Map.of("userId", call[1]));
      assertThat(taken.statusCode()).as("sam " + call[0] + ": " + taken.body()).isEqualTo(409);
      assertThat(json.readTree(taken.body()).get("detail").asText()).contains("Bob");
    }
    HttpResponse<String> samCompletes = basic("sam", "POST", path + "/complete", withVariables(Map.of(
        "action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Not mine")));
    assertThat(samCompletes.statusCode()).as(samCompletes.body()).isEqualTo(409);
    HttpResponse<String> resolved = basic("bob", "POST", path + "/resolve", withVariables(Map.of(
        "action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Never delegated")));
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(409);
    HttpResponse<String> toAlice = basic("bob", "POST", path + "/assignee", Map.of("userId", "alice"));
    assertThat(toAlice.statusCode()).as(toAlice.body()).isEqualTo(400);
    HttpResponse<String> toSam = basic("bob", "POST", path + "/assignee", Map.of("userId", "sam"));
    assertThat(toSam.statusCode()).as(toSam.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(work.getId()).singleResult().getAssignee()).isEqualTo("sam");
    HttpResponse<String> bobCompletes = basic("bob", "POST", path + "/complete", withVariables(Map.of(
        "action", "resolve", "resolutionCode", "solved", "resolutionNotes", "Took it back")));
    assertThat(bobCompletes.statusCode()).as(bobCompletes.body()).isEqualTo(409);

    // A former assignee outside the task's groups keeps no grant on it once it is handed on.
    taskService.setAssignee(work.getId(), "hana"); // as an administrator may
    assertThat(json.readTree(basic("hana", "GET", path, null).body()).path("id").asText()).isEqualTo(work.getId());
    taskService.setAssignee(work.getId(), "bob");
    assertThat(basic("hana", "GET", path, null).statusCode()).isIn(403, 404);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_ID_ = ? AND USER_ID_ = 'hana'")
        .param(work.getId()).query(Long.class).single()).isZero();
    assertThat(basic("hana", "POST", path + "/claim", Map.of("userId", "hana")).statusCode()).isEqualTo(404);
  }

  /** What runs across the whole desk is Cockpit's; a task's comments would be read by nobody on the ticket. */
  @Test
  void instanceCountsAreForCockpitAndTaskCommentsPointToTheTicket() throws Exception {
    for (String path : List.of("/process-definition/statistics", "/process-definition/statistics/count",
        "/process-definition/statistics/", "/process-definition/%73tatistics", "/process-definition/key/incident/statistics",
        "/metrics/root-process-instance-start/sum", "/metrics?maxResults=5", "/metrics", "/job", "/job/count",
        "/job-definition", "/history/job-log", "/history/job-log/count", "/history/cleanup/jobs")) {
      assertThat(basic("alice", "GET", "/engine-rest" + path, null).statusCode()).as(path).isEqualTo(403);
      assertThat(new Tasklist("bob").call("GET", path, null).statusCode()).as(path).isEqualTo(403);
    }
    // Queried by POST, as Cockpit queries some, the same.
    for (String path : List.of("/job", "/job/count", "/history/job-log", "/history/job-log/count")) {
      assertThat(basic("alice", "POST", "/engine-rest" + path, Map.of()).statusCode()).as("POST " + path).isEqualTo(403);
      assertThat(new Tasklist("bob").call("POST", path, Map.of()).statusCode()).as("POST " + path).isEqualTo(403);
    }
    assertThat(basic("admin", "POST", "/engine-rest/job?maxResults=10", Map.of()).statusCode()).isEqualTo(200);
    assertThat(basic("admin", "GET", "/engine-rest/process-definition/statistics", null).statusCode()).isEqualTo(200);
    assertThat(basic("admin", "GET", "/engine-rest/metrics/root-process-instance-start/sum", null).statusCode())
        .isEqualTo(200);

    Tasklist alice = new Tasklist("alice");
    HttpResponse<String> cockpit = alice.client.send(HttpRequest.newBuilder(
        uri("/camunda/api/cockpit/plugin/base/default/process-definition/statistics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(cockpit.statusCode()).as(cockpit.body()).isEqualTo(403);
    // Cockpit's own scripts load before anyone logs in, or Cockpit could not show its login.
    assertThat(http.send(HttpRequest.newBuilder(uri("/camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js"))
        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    Tasklist admin = new Tasklist("admin");
    assertThat(admin.client.send(HttpRequest.newBuilder(
        uri("/camunda/api/cockpit/plugin/base/default/process-definition/statistics")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);

    Task work = taskOf(alices, "Activity_WorkIncident");
    HttpResponse<String> comment = basic("bob", "POST", "/engine-rest/task/" + work.getId() + "/comment/create",
        Map.of("message", "Looking into it"));
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(403);
    assertThat(json.readTree(comment.body()).get("detail").asText()).contains(alices, "/api/tickets/{number}/comments");
  }

  @Test
  void aStartIsCheckedOnceAtItsDoorAndOpenTicketChecksTheStartsThatPassedNoDoor() throws Exception {
    long tickets = jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();

    // The door's mark is no form field: a person cannot send it to skip the check.
    HttpResponse<String> forgedMark = basic("alice", "POST", "/engine-rest/process-definition/key/incident/start",
        withVariables(plus(plus(VALID_REPORT, StartForms.CHECKED, true), "impact", 9)));
    assertThat(forgedMark.statusCode()).as(forgedMark.body()).isEqualTo(400);
    assertThat(json.readTree(forgedMark.body()).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder(StartForms.CHECKED, "impact");

    // An administrator's start passes no door's check; "Open ticket" applies the start form.
    HttpResponse<String> adminStart = basic("admin", "POST", "/engine-rest/process-definition/key/incident/start",
        withVariables(plus(plus(VALID_REPORT, "requester", "alice"), "impact", 9)));
    assertThat(adminStart.statusCode()).as(adminStart.body()).isEqualTo(400);
    assertThat(adminStart.body()).contains("impact");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single()).isEqualTo(tickets);

    // A checked start leaves no trace of the mark: it was transient.
    HttpResponse<String> started = basic("alice", "POST", "/engine-rest/process-definition/key/incident/start",
        withVariables(VALID_REPORT));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String instance = json.readTree(started.body()).get("id").asText();
    assertThat(runtimeService.getVariables(instance)).doesNotContainKey(StartForms.CHECKED);
  }

  @Test
  void anAdministratorCannotGiveTwoPeopleOneEmailAddress() throws Exception {
    String hanasAddress = jdbc.sql("SELECT EMAIL_ FROM ACT_ID_USER WHERE ID_ = 'hana'").query(String.class).single();

    HttpResponse<String> created = basic("admin", "POST", "/engine-rest/user/create", Map.of("profile",
        Map.of("id", "olga", "firstName", "Olga", "lastName", "Olsen", "email", hanasAddress), "credentials",
        Map.of("password", "olga-Secret-1")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(409);
    assertThat(json.readTree(created.body()).get("detail").asText()).contains(hanasAddress).contains("hana");
    HttpResponse<String> edited = basic("admin", "PUT", "/engine-rest/user/alice/profile", Map.of("id", "alice",
        "firstName", "Alice", "lastName", "Archer", "email", hanasAddress));
    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(409);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_ID_USER WHERE EMAIL_ = ?").param(hanasAddress).query(Long.class)
        .single()).isEqualTo(1);

    // Her own address, unchanged, is no conflict.
    HttpResponse<String> own = basic("admin", "PUT", "/engine-rest/user/hana/profile", Map.of("id", "hana",
        "firstName", "Hana", "lastName", "Hartmann", "email", hanasAddress));
    assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
  }
}
