package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.EngineTime;
import org.flowdesk.ApiClient;
import org.flowdesk.UtcColumns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/** Ordering from the catalog through the API: approvals, fulfilment, receipt, rejection. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RequestApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;
  @Autowired
  TaskService taskService;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  String order(String user, String item, Map<String, Object> answers) throws Exception {
    ResponseEntity<String> ordered = api.call(user, HttpMethod.POST, "/api/requests", Map.of("item", item, "answers", answers));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  JsonNode ticket(String user, String number) throws Exception {
    return ApiClient.read(api.call(user, HttpMethod.GET, "/api/tickets/" + number, null));
  }

  List<String> timeline(String user, String number) throws Exception {
    return ApiClient.read(api.call(user, HttpMethod.GET, "/api/tickets/" + number + "/timeline", null)).findValuesAsText("text");
  }

  JsonNode withdrawal(String user, String number) {
    return ApiClient.read(api.call(user, HttpMethod.GET, "/api/requests/" + number + "/withdrawal", null));
  }

  @Test
  void theRequesterWithdrawsARequestWhileItWaitsForApprovalAndNotOnceWorkHasBegun() throws Exception {
    String number = order("alice", "monitor", Map.of("size", "27", "reason", "Spreadsheets"));
    assertThat(withdrawal("alice", number).get("possible").asBoolean()).isTrue();
    // The approver sees the request but it is not theirs to withdraw; others do not see it at all.
    assertThat(withdrawal("mark", number).get("possible").asBoolean()).isFalse();
    assertThat(api.call("mark", HttpMethod.POST, "/api/requests/" + number + "/withdraw", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("hana", HttpMethod.POST, "/api/requests/" + number + "/withdraw", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> withdrawn = api.call("alice", HttpMethod.POST, "/api/requests/" + number + "/withdraw",
        Map.of("reason", "Found one in the store room"));
    assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("cancelled");
    assertThat(timeline("alice", number)).contains("Cancelled by Alice Andersen: Found one in the store room");
    assertThat(api.taskOf("mark", number, "Manager approves")).as("the approval is gone").isNull();
    assertThat(api.get("alice", "/api/tickets/" + number + "/journey").get("milestones").findValuesAsText("code"))
        .contains("withdrawn");
    ResponseEntity<String> again = api.call("alice", HttpMethod.POST, "/api/requests/" + number + "/withdraw", null);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody()).contains("can no longer be withdrawn: work on it has begun (it is Cancelled)");

    // Approved, the request is being fulfilled: too late.
    String approved = order("alice", "monitor", Map.of("size", "24", "reason", "Home office"));
    api.work("mark", approved, "Manager approves", Map.of("decision", "approve"));
    assertThat(withdrawal("alice", approved).get("possible").asBoolean()).isFalse();
    assertThat(api.call("alice", HttpMethod.POST, "/api/requests/" + approved + "/withdraw", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(ticket("alice", approved).get("status").asText()).isEqualTo("in_progress");
    // An incident is no request.
    String incident = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", "Slow",
        "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3))).get("number").asText();
    assertThat(api.call("alice", HttpMethod.POST, "/api/requests/" + incident + "/withdraw", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  /** Answers are recorded in the models' words; each reader reads the form's labels in their own language. */
  @Test
  void aRequestsAnswersReadInTheReadersLanguageAndKeepWhatWasTyped() throws Exception {
    ResponseEntity<String> ordered = api.call("greta", HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "standard", "reason", "Tabellen mit vielen Spalten")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();
    // The order's answer reads them as the ticket does: in German (it read them in English before).
    assertThat(ApiClient.read(ordered).get("answers").findValuesAsText("shown")).containsExactly("Standard (14 Zoll)",
        "Tabellen mit vielen Spalten");

    JsonNode german = ticket("greta", number).get("answers");
    assertThat(german.findValuesAsText("label")).containsExactly("Modell", "Wofür brauchen Sie ihn?");
    assertThat(german.findValuesAsText("shown")).containsExactly("Standard (14 Zoll)", "Tabellen mit vielen Spalten");
    assertThat(german.findValuesAsText("value")).containsExactly("standard", "Tabellen mit vielen Spalten");
    // Her manager's profile names no language and his browser none: the form's own words.
    JsonNode english = ticket("mark", number).get("answers");
    assertThat(english.findValuesAsText("label")).containsExactly("Model", "Why do you need it?");
    assertThat(english.findValuesAsText("shown")).containsExactly("Standard (14 inch)", "Tabellen mit vielen Spalten");
    // His approval form shows them so too ("What was asked for", properties.ticket: answers), and in German when his
    // browser asks for it.
    String approval = "/api/tasks/" + api.taskOf("mark", number, "Manager approves");
    assertThat(api.get("mark", approval).at("/values/answers").asText())
        .isEqualTo("Model: Standard (14 inch)\nWhy do you need it?: Tabellen mit vielen Spalten");
    HttpHeaders inGerman = new HttpHeaders();
    inGerman.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "mark", "mark").exchange(approval, HttpMethod.GET,
        new HttpEntity<>(inGerman), String.class)).at("/values/answers").asText())
        .isEqualTo("Modell: Standard (14 Zoll)\nWofür brauchen Sie ihn?: Tabellen mit vielen Spalten");
  }

  @Test
  void aLaptopIsApprovedByTheManagerAndTheBudgetOwnerThenDeliveredAndReceived() throws Exception {
    String number = order("alice", "new-laptop", Map.of("model", "developer", "reason", "Builds take ages"));
    assertThat(number).matches("REQ-\\d{6}");
    JsonNode ordered = ticket("alice", number);
    assertThat(ordered.get("status").asText()).isEqualTo("awaiting_approval");
    assertThat(ordered.get("item").asText()).isEqualTo("new-laptop");
    assertThat(ordered.get("price").asDouble()).isEqualTo(1400.0);
    assertThat(ordered.get("resolutionDue").isNull()).as("the delivery clock runs").isFalse();
    // The approvals the decision listed are kept as JSON, never with Java serialization (the starter's own
    // default-serialization-format: as a generic property it was overwritten, and the list was Java-serialized).
    String[] instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).list().stream()
        .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId).toArray(String[]::new);
    org.camunda.bpm.engine.runtime.VariableInstance listed = runtimeService.createVariableInstanceQuery()
        .variableName("approvals").processInstanceIdIn(instances).disableCustomObjectDeserialization().singleResult();
    assertThat(listed.getTypeName()).isEqualTo("object");
    assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) listed.getTypedValue()).getSerializationDataFormat())
        .isEqualTo("application/json");
    assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) listed.getTypedValue()).getValueSerialized())
        .isEqualTo("[\"manager\",\"budget-owner\"]");

    assertThat(ApiClient.read(api.call("mark", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("approval_needed");
      assertThat(n.get("recipientUser").asText()).isEqualTo("mark");
      assertThat(n.get("text").asText()).contains("New laptop — Developer (16 inch, 32 GB), for Alice Andersen, 1400");
    });
    api.work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Go ahead"));
    assertThat(ApiClient.read(api.call("bea", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("recipientUser").asText()).isEqualTo("bea");
    });
    // The requester sees who approved and on whom the order waits now: the budget owners, by name.
    JsonNode approvals = ApiClient.read(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/approvals", null));
    assertThat(approvals.get("decided").findValuesAsText("approver")).containsExactly("mark");
    assertThat(approvals.at("/decided/0/comment").asText()).isEqualTo("Go ahead");
    // The decision is named as it was while it waited: its task's name, besides the approval chain's code.
    assertThat(approvals.at("/decided/0/step").asText()).isEqualTo("manager");
    assertThat(approvals.at("/decided/0/stepName").asText()).isEqualTo("Manager approves");
    assertThat(approvals.get("waiting").findValuesAsText("step")).containsExactly("Budget owner approves");
    assertThat(approvals.at("/waiting/0/people").findValuesAsText("id")).contains("bea").doesNotContain("alice");
    // One approval of two is not the request approved: the requester hears nothing yet.
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/notifications?ticket=" + number, null)))
        .noneSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("request_approved"));
    api.work("bea", number, "Budget owner approves", Map.of("decision", "approve"));
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("in_progress");
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/notifications?ticket=" + number, null)))
        .filteredOn(n -> n.get("kind").asText().equals("request_approved")).singleElement().satisfies(n -> {
          assertThat(n.get("recipientUser").asText()).isEqualTo("alice");
          assertThat(n.get("text").asText()).isEqualTo(number + " (" + ordered.get("title").asText()
              + ") was approved. Fulfilment begins; you will be told when it is delivered.");
        });
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/approvals", null))
        .get("waiting")).isEmpty();

    api.work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-4711"));
    api.work("bob", number, "Prepare the device", Map.of("assetTag", "LT-0042"));
    api.work("bob", number, "Hand it over", Map.of("handoverNotes", "At the front desk"));
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("resolved");

    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received"));
    JsonNode closed = ticket("alice", number);
    assertThat(closed.get("status").asText()).isEqualTo("closed");
    assertThat(jdbc.sql("SELECT service || ' ' || line_of_business || ' ' || item_id || ' ' || CAST(price AS INTEGER) "
        + "FROM fd_cost_record WHERE ticket_number = ?").param(number).query(String.class).single())
        .isEqualTo("laptop it new-laptop 1400");
    // Each step with what its form asked the fulfiller, labelled as the form labels it
    assertThat(timeline("alice", number)).contains("Approved (Manager approves): Go ahead", "Approved (Budget owner approves)",
        "Order from the supplier: done\nSupplier order number: PO-4711", "Prepare the device: done\nAsset tag: LT-0042",
        "Hand it over: done\nHandover notes: At the front desk");
  }

  /**
   * An approval's decision on the timeline names its step as the approvals card does, by its task's name, in the
   * reader's language (the words files' steps); a decision written before the task's name was kept (V38) still reads
   * by the approval's code.
   */
  @Test
  void anApprovalOnTheTimelineNamesItsStepAsTheCardDoesInEveryLanguage() throws Exception {
    String number = order("alice", "monitor", Map.of("size", "24", "reason", "A second screen"));
    api.work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Fine"));

    assertThat(timeline("alice", number)).contains("Approved (Manager approves): Fine")
        .noneMatch(text -> text.contains("(manager)"));
    assertThat(germanTimeline("alice", number)).contains("Genehmigt (Vorgesetzte Person genehmigt): Fine");
    JsonNode card = ApiClient.read(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/approvals", null));
    assertThat(card.at("/decided/0/stepName").asText()).isEqualTo("Manager approves");

    // As written before V38: by the approval's code, which still reads as it did.
    jdbc.sql("INSERT INTO fd_timeline_entry (ticket_number, occurred_at, actor, kind, internal, text) "
        + "VALUES (?, ?, 'mark', 'approved', FALSE, 'Approved (manager): Earlier')").params(number,
            UtcColumns.utc(java.time.Instant.now())).update();
    assertThat(timeline("alice", number)).contains("Approved (manager): Earlier");
    assertThat(germanTimeline("alice", number)).contains("Genehmigt (Vorgesetzte Person): Earlier");
  }

  List<String> germanTimeline(String user, String number) {
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    return ApiClient.read(ApiClient.as(rest, user, user).exchange("/api/tickets/" + number + "/timeline",
        HttpMethod.GET, new HttpEntity<>(german), String.class)).findValuesAsText("text");
  }

  /** The task's form and values as the portal gets them. */
  JsonNode taskForm(String user, String number, String taskName) throws Exception {
    return api.get(user, "/api/tasks/" + api.taskOf(user, number, taskName));
  }

  /** The task's form variables as Tasklist gets them from Camunda's REST API. */
  JsonNode formVariables(String user, String number, String taskName) throws Exception {
    ResponseEntity<String> answer = ApiClient.as(rest, user, user).getForEntity(
        "/engine-rest/task/" + api.taskOf(user, number, taskName) + "/form-variables?deserializeValues=false",
        String.class);
    assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
    return ApiClient.read(answer);
  }

  @Test
  void theRequestersAnswersReachTheTicketTheApproversAndTheFulfillersAsTheFormLabelsThem() throws Exception {
    String number = order("alice", "new-laptop", Map.of("model", "developer", "reason", "Builds take ages"));

    JsonNode ordered = ticket("alice", number);
    assertThat(ordered.get("title").asText()).isEqualTo("New laptop — Developer (16 inch, 32 GB), for Alice Andersen");
    assertThat(ordered.get("answers")).hasSize(2);
    assertThat(ordered.get("answers").get(0).get("label").asText()).isEqualTo("Model");
    assertThat(ordered.get("answers").get(0).get("value").asText()).isEqualTo("developer");
    assertThat(ordered.get("answers").get(0).get("shown").asText()).isEqualTo("Developer (16 inch, 32 GB)");
    assertThat(ordered.get("answers").get(1).get("label").asText()).isEqualTo("Why do you need it?");
    assertThat(ordered.get("answers").get(1).get("shown").asText()).isEqualTo("Builds take ages");
    String answers = "Model: Developer (16 inch, 32 GB)\nWhy do you need it?: Builds take ages";

    // mark approves: in the portal (FlowDesk's API) and in Tasklist (Camunda's REST API) alike
    JsonNode approval = taskForm("mark", number, "Manager approves");
    assertThat(approval.get("values").get("answers").asText()).isEqualTo(answers);
    assertThat(approval.get("values").get("title").asText()).startsWith("New laptop — Developer");
    JsonNode tasklist = formVariables("mark", number, "Manager approves");
    assertThat(tasklist.get("answers").get("value").asText()).isEqualTo(answers);
    assertThat(tasklist.get("answers").get("type").asText()).isEqualTo("String");
    assertThat(tasklist.get("title").get("value").asText()).startsWith("New laptop — Developer");

    // What is sent back for the shown answers is ignored: they are the ticket's, not the approver's
    String managerTask = api.taskOf("mark", number, "Manager approves");
    ResponseEntity<String> completed = ApiClient.as(rest, "mark", "mark").postForEntity(
        "/engine-rest/task/" + managerTask + "/complete", Map.of("variables", Map.of(
            "decision", Map.of("value", "approve", "type", "String"),
            "answers", Map.of("value", "Model: Gaming rig", "type", "String"))), String.class);
    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticket("alice", number).get("answers").get(0).get("shown").asText())
        .isEqualTo("Developer (16 inch, 32 GB)");

    assertThat(taskForm("bea", number, "Budget owner approves").get("values").get("answers").asText())
        .isEqualTo(answers);
    api.work("bea", number, "Budget owner approves", Map.of("decision", "approve"));

    // petra orders the model alice chose, in the called fulfilment process
    assertThat(taskForm("petra", number, "Order from the supplier").get("values").get("answers").asText())
        .isEqualTo(answers);
    assertThat(formVariables("petra", number, "Order from the supplier").get("answers").get("value").asText())
        .isEqualTo(answers);

    // The texts are FlowDesk's: no process variable holds them
    List<String> names = jdbc.sql("SELECT NAME_ FROM ACT_RU_VARIABLE v JOIN ACT_RU_EXECUTION e "
        + "ON v.PROC_INST_ID_ = e.PROC_INST_ID_ WHERE e.BUSINESS_KEY_ = ?").param(number).query(String.class).list();
    assertThat(names).contains("ticketNumber", "model").doesNotContain("reason", "title", "itemName",
        "description", "answers");
    List<String> texts = jdbc.sql("SELECT TEXT_ FROM ACT_RU_VARIABLE v JOIN ACT_RU_EXECUTION e "
        + "ON v.PROC_INST_ID_ = e.PROC_INST_ID_ WHERE e.BUSINESS_KEY_ = ? AND TEXT_ IS NOT NULL")
        .param(number).query(String.class).list();
    assertThat(texts).noneMatch(text -> text.contains("Builds take ages") || text.contains("Developer (16"));
  }

  @Test
  void aBadAnswerIsRefusedWithTheFieldAndOpensNothing() throws Exception {
    long tickets = jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();
    long answers = jdbc.sql("SELECT COUNT(*) FROM fd_ticket_answer").query(Long.class).single();

    ResponseEntity<String> refused = api.call("alice", HttpMethod.POST, "/api/requests",
        Map.of("item", "new-laptop", "answers", Map.of("model", "gaming", "reason", "Games")));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).containsExactly("answers.model");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single()).isEqualTo(tickets);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket_answer").query(Long.class).single()).isEqualTo(answers);
  }

  @Test
  void anItemShowsItsFormAndAServiceItsTicketCounts() throws Exception {
    JsonNode item = ApiClient.read(api.call("alice", HttpMethod.GET, "/api/catalog/items/new-laptop", null));
    assertThat(item.get("item").get("price").asDouble()).isEqualTo(1400.0);
    assertThat(item.get("form").get("id").asText()).isEqualTo("item-laptop");
    assertThat(item.get("form").get("components").findValuesAsText("key")).contains("model", "reason");
    assertThat(api.call("alice", HttpMethod.GET, "/api/catalog/items/company-phone", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    order("alice", "desk-move", Map.of("location", "B1", "details", "To the window"));
    JsonNode building = ApiClient.read(api.call("alice", HttpMethod.GET, "/api/services/building", null));
    assertThat(building.get("tickets").get("open").asLong()).isPositive();
    assertThat(building.get("items").findValuesAsText("id")).contains("desk-repair", "desk-move");
  }

  @Test
  void aRejectionEndsTheRequestAndTellsTheRequesterWhy() throws Exception {
    String number = order("alice", "monitor", Map.of("size", "27"));
    // A no needs a reason the requester can read: the form asks for it only then.
    String approval = api.taskOf("mark", number, "Manager approves");
    ResponseEntity<String> noReason = api.call("mark", HttpMethod.POST, "/api/tasks/" + approval + "/complete",
        Map.of("decision", "reject", "approvalComment", "Ignored: the form hides it on a rejection"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(noReason).get("errors").findValuesAsText("field")).containsExactly("rejectionReason");
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("awaiting_approval");
    api.work("mark", number, "Manager approves", Map.of("decision", "reject", "rejectionReason", "You have two already"));

    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("rejected");
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("request_rejected");
      assertThat(n.get("text").asText()).contains("You have two already");
    });
    assertThat(ApiClient.read(api.call("bea", HttpMethod.GET, "/api/tasks", null)).findValuesAsText("ticketNumber"))
        .doesNotContain(number);
  }

  @Test
  void aFreeRepairNeedsNoApprovalAndGoesStraightToFacilities() throws Exception {
    String number = order("alice", "desk-repair", Map.of("location", "B2, floor 3, desk 12", "details", "Chair wobbles"));
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("in_progress");
    // Nobody approved it, so nobody says it was approved.
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/notifications?ticket=" + number, null)))
        .noneSatisfy(n -> assertThat(n.get("kind").asText()).isEqualTo("request_approved"));

    api.work("fred", number, "Do the job", Map.of("workNotes", "Replaced the chair"));
    api.work("alice", number, "Confirm receipt", Map.of("receipt", "received", "receiptComment", "Thanks"));
    assertThat(ticket("alice", number).get("status").asText()).isEqualTo("closed");
  }

  @Test
  void whoTakesOnAFulfilmentStepWorksTheRequestInTheGroupsQueue() throws Exception {
    String number = order("alice", "desk-repair", Map.of("location", "B2, floor 3, desk 14", "details", "Drawer stuck"));
    assertThat(ticket("fred", number).get("assignmentGroup").asText()).isEqualTo("facilities");
    assertThat(ticket("fred", number).path("assignee").isNull()).isTrue();

    String job = api.taskOf("fred", number, "Do the job");
    assertThat(api.call("fred", HttpMethod.POST, "/api/tasks/" + job + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(ticket("alice", number).get("assignee").asText()).isEqualTo("fred");
    assertThat(ApiClient.read(api.call("fred", HttpMethod.GET, "/api/tickets?group=facilities&assignee=me&open=true",
        null)).get("items").findValuesAsText("number")).contains(number);
    assertThat(ApiClient.read(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/timeline", null))
        .findValuesAsText("text")).contains("Taken on by Fred Fischer");
    // Given back to the group (in Tasklist), it is nobody's again.
    assertThat(api.call("fred", HttpMethod.POST, "/engine-rest/task/" + job + "/unclaim", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ticket("alice", number).path("assignee").isNull()).isTrue();
  }

  @Test
  void anAgentTakesOnSeveralRequestsOfTheGroupsQueueAtOnce() throws Exception {
    String first = order("alice", "desk-repair", Map.of("location", "B2, desk 20", "details", "Lamp flickers"));
    String second = order("alice", "room-repair", Map.of("location", "Room 4.03", "details", "Screen stuck"));
    // A headset is the service desk's: fred may not take it on.
    String desk = order("alice", "headset", Map.of("colour", "white"));

    // alice sees her request but is not of its group: not hers to take on.
    JsonNode hers = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "assign",
        "tickets", List.of(first))));
    assertThat(hers.get("results").get(0).get("refusal").asText()).isEqualTo("not_yours");

    JsonNode report = ApiClient.read(api.call("fred", HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "assign",
        "tickets", List.of(first, second, desk))));

    assertThat(report.get("done").asInt()).isEqualTo(2);
    assertThat(report.get("results").get(2).get("refusal").asText()).isEqualTo("not_found");
    assertThat(ticket("alice", first).get("assignee").asText()).isEqualTo("fred");
    assertThat(ticket("alice", second).get("assignee").asText()).isEqualTo("fred");
    assertThat(api.taskOf("fred", first, "Do the job")).isNotNull();
    assertThat(ticket("alice", desk).path("assignee").isNull()).isTrue();
  }

  @Test
  void aLateDeliveryWarnsTheGroupThatDeliversItThenTellsTheServiceDeskManagers() throws Exception {
    String number = order("alice", "room-repair", Map.of("location", "Room 4.01", "details", "Projector dead"));
    // Three business days later the delivery target has passed while facilities still works on it.
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(
        java.time.Instant.parse(ticket("alice", number).get("resolutionDue").asText()).plusSeconds(1)));
    try {
      // In due order, as the job executor takes them: the warning, then the breach (a warning
      // that came after the breach would say nothing).
      EngineTime.fireDueTimers(managementService, runtimeService, number);
    } finally {
      EngineTime.reset();
    }
    assertThat(ticket("alice", number).get("resolutionBreached").asBoolean()).isTrue();
    // Facilities delivers room repairs: its members are warned, not the service desk.
    assertThat(ApiClient.read(api.call("bob", HttpMethod.GET, "/api/notifications?ticket=" + number, null))
        .findValuesAsText("kind")).doesNotContain("sla_warning");
    assertThat(ApiClient.read(api.call("fred", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("sla_warning");
      // When it is due as people write it, in the desk's zone: "is due Thu 3 Dec 2026, 17:00 CET".
      assertThat(n.get("text").asText()).matches(".* is due \\w{3} \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} CES?T");
    });
    assertThat(ApiClient.read(api.call("sam", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("sla_breach");
    });
  }

  @Test
  void aManagersOwnOrderSkipsTheManagerApproval() throws Exception {
    String number = order("mark", "monitor", Map.of("size", "24"));
    assertThat(ticket("mark", number).get("status").asText()).isEqualTo("in_progress");
  }

  @Test
  void itemsThatCannotBeOrderedAndBadAnswersAreRefusedAndCreateNothing() throws Exception {
    long before = jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();

    ResponseEntity<String> pipeline = api.call("alice", HttpMethod.POST, "/api/requests",
        Map.of("item", "company-phone", "answers", Map.of("size", "24")));
    assertThat(pipeline.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ApiClient.read(pipeline).get("detail").asText()).contains("not offered yet");
    ResponseEntity<String> retired = api.call("alice", HttpMethod.POST, "/api/requests",
        Map.of("item", "fax-toner", "answers", Map.of("colour", "black")));
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ApiClient.read(retired).get("detail").asText()).contains("retired");
    assertThat(api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "unicorn", "answers", Map.of()))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> badAnswer = api.call("alice", HttpMethod.POST, "/api/requests",
        Map.of("item", "new-laptop", "answers", Map.of("model", "gold-plated")));
    assertThat(badAnswer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(badAnswer).get("errors").findValuesAsText("field")).contains("answers.model", "answers.reason");

    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single()).isEqualTo(before);
  }

  // --- nobody approves their own request ----------------------------------------------------

  static final Map<String, Object> LAPTOP = Map.of("model", "developer", "reason", "Mine is five years old");

  List<String> candidates(String taskId) {
    return taskService.getIdentityLinksForTask(taskId).stream().filter(link -> "candidate".equals(link.getType()))
        .map(link -> link.getUserId() != null ? link.getUserId() : "group:" + link.getGroupId()).sorted().toList();
  }

  @Test
  void theOnlyBudgetOwnersOwnOrderIsApprovedByHerManagerNeverByHer() throws Exception {
    // bea is the only budget owner; the people directory names sam as her manager.
    String number = order("bea", "new-laptop", LAPTOP);

    assertThat(api.taskOf("bea", number, "Budget owner approves")).isNull();
    assertThat(api.get("bea", "/api/tasks?size=200").findValuesAsText("ticketNumber")).doesNotContain(number);
    String task = api.taskOf("sam", number, "Budget owner approves");
    assertThat(task).isNotNull();
    assertThat(candidates(task)).containsExactly("sam");
    assertThat(ApiClient.read(api.call("sam", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("approval_needed");
    });
    assertThat(ApiClient.read(api.call("bea", HttpMethod.GET, "/api/notifications?ticket=" + number, null)))
        .noneSatisfy(n -> assertThat(n.get("kind").asText() + n.get("ticketNumber").asText())
            .isEqualTo("approval_needed" + number));

    api.work("sam", number, "Budget owner approves", Map.of("decision", "approve", "approvalComment", "Fine"));
    assertThat(ticket("bea", number).get("status").asText()).isEqualTo("in_progress");
    assertThat(timeline("bea", number)).contains("Approved (Budget owner approves): Fine");
  }

  @Test
  void anotherBudgetOwnerApprovesABudgetOwnersOrderWhenThereIsOne() throws Exception {
    User otto = identityService.newUser("otto");
    otto.setPassword("otto");
    identityService.saveUser(otto);
    identityService.createMembership("otto", "requesters");
    identityService.createMembership("otto", "budget-owners");
    try {
      String number = order("bea", "new-laptop", LAPTOP);
      String task = api.taskOf("otto", number, "Budget owner approves");
      assertThat(task).isNotNull();
      assertThat(candidates(task)).containsExactly("otto");
      assertThat(api.taskOf("bea", number, "Budget owner approves")).isNull();
      assertThat(api.taskOf("sam", number, "Budget owner approves")).isNull();
      api.work("otto", number, "Budget owner approves", Map.of("decision", "approve"));
      assertThat(ticket("bea", number).get("status").asText()).isEqualTo("in_progress");
    } finally {
      identityService.deleteUser("otto");
    }
  }

  @Test
  void theOnlySecurityMembersOwnAccessIsApprovedByHisManager() throws Exception {
    String number = order("sven", "vpn-access", Map.of("system", "vpn", "justification", "On call from home"));
    assertThat(api.taskOf("sven", number, "Security approves")).isNull();
    String task = api.taskOf("sam", number, "Security approves");
    assertThat(task).isNotNull();
    assertThat(candidates(task)).containsExactly("sam");
  }

  @Test
  void aRequesterCannotClaimOrCompleteTheApprovalOfHerOwnOrderThroughAnyDoor() throws Exception {
    String number = order("bea", "new-laptop", LAPTOP);
    String task = api.taskOf("sam", number, "Budget owner approves");
    List<String> before = timeline("bea", number);

    Map<String, Object> approve = Map.of("decision", "approve", "approvalComment", "Mine");
    Map<String, Object> engineApprove = Map.of("variables", Map.of("decision", Map.of("value", "approve")));
    for (ResponseEntity<String> attempt : List.of(
        api.call("bea", HttpMethod.POST, "/api/tasks/" + task + "/claim", null),
        api.call("bea", HttpMethod.POST, "/api/tasks/" + task + "/complete", approve),
        api.call("bea", HttpMethod.POST, "/engine-rest/task/" + task + "/claim", Map.of("userId", "bea")),
        api.call("bea", HttpMethod.POST, "/engine-rest/task/" + task + "/complete", engineApprove),
        api.call("bea", HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form", engineApprove),
        api.call("bea", HttpMethod.GET, "/engine-rest/task/" + task, null))) {
      assertThat(attempt.getStatusCode().is4xxClientError()).as(attempt.getStatusCode() + " " + attempt.getBody())
          .isTrue();
    }
    assertThat(ApiClient.read(api.call("bea", HttpMethod.GET, "/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + number,
        null))).isEmpty();

    var open = taskService.createTaskQuery().taskId(task).singleResult();
    assertThat(open).as("the task is still open").isNotNull();
    assertThat(open.getAssignee()).isNull();
    assertThat(candidates(task)).containsExactly("sam");
    assertThat(ticket("bea", number).get("status").asText()).isEqualTo("awaiting_approval");
    assertThat(timeline("bea", number)).isEqualTo(before);
  }
}
