package org.flowdesk.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What FlowDesk's history level keeps and what it leaves out, on an incident's, a request's and
 * a change's life through the API with the real delegates: no variable's history is written
 * (ACT_HI_VARINST, ACT_HI_DETAIL); what people write (reports, answers, questions, comments,
 * notes, plans) never becomes a variable, checked at every wait, when variables are in the
 * database, against the models' declared names ({@link DeclaredVariables}); and what the
 * measures, the bottleneck analysis and the audit read is all there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HistoryLevelTest {

  /** In every text the tests type, to find it wherever it went. */
  static final String MARK = "(typed-26)";
  static final String TITLE = "VPN drops every few minutes (title-7f3a)";
  static final String DESCRIPTION = "Since this morning, on every network (description-7f3a)";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ProcessEngine engine;

  @Test
  void theEngineRunsWithFlowDesksHistoryLevel() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel())
        .isSameAs(FlowDeskHistoryLevel.INSTANCE);
    assertThat(jdbc.sql("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'historyLevel'").query(String.class)
        .single()).isEqualTo(String.valueOf(FlowDeskHistoryLevel.ID));
  }

  @Test
  void anIncidentsLifeKeepsItsHistoryButNoVariableUpdatesAndNoTexts() {
    ApiClient api = new ApiClient(rest);
    var reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", TITLE,
        "description", DESCRIPTION, "service", "vpn", "category", "network", "impact", 2, "urgency", 2));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String ticket = ApiClient.read(reported).get("number").asText();
    String agent = "nina"; // the network team
    // While the instance waits its variables are the ticket number and what the decisions took
    // and gave, nothing a person wrote: a delegate that stores a text in a variable fails here.
    assertThat(jdbc.sql("SELECT v.NAME_ FROM ACT_RU_VARIABLE v JOIN ACT_RU_EXECUTION e ON e.ID_ = v.PROC_INST_ID_ "
        + "WHERE e.BUSINESS_KEY_ = ?").param(ticket).query(String.class).list())
        .containsExactlyInAnyOrder("ticketNumber", "requester", "service", "category", "impact", "urgency", "priority",
            "assignmentGroup", "responseTarget", "resolutionTarget", "slaCalendarType", "slaWarningPercent",
            "olaTarget", "olaCalendarType", "olaWarningPercent");

    api.work(agent, ticket, "Work incident", Map.of("action", "reassign", "newGroup", "service-desk",
        "reassignReason", "Not ours " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("bob", ticket, "Work incident", Map.of("action", "ask_requester", "question", "Which VPN client? " + MARK));
    assertOnlyDeclaredVariables(ticket);
    // The requester's form shows the question from the ticket, not from a variable.
    assertThat(api.get("alice", "/api/tasks/" + api.taskOf("alice", ticket, "Provide information"))
        .at("/values/question").asText()).isEqualTo("Which VPN client? " + MARK);
    api.work("alice", ticket, "Provide information", Map.of("answer", "The built-in one " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("bob", ticket, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated " + MARK));
    assertOnlyDeclaredVariables(ticket);
    assertThat(api.get("alice", "/api/tasks/" + api.taskOf("alice", ticket, "Confirm resolution"))
        .at("/values/resolutionNotes").asText()).isEqualTo("Firmware updated " + MARK);
    api.work("alice", ticket, "Confirm resolution", Map.of("confirmation", "confirm",
        "confirmationComment", "Works again " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("alice", ticket, "Rate your experience", Map.of("rating", 5, "ratingComment", "Quick " + MARK));

    String instance = jdbc.sql("SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ?").param(ticket)
        .query(String.class).single();
    assertThat(jdbc.sql("SELECT END_TIME_ FROM ACT_HI_PROCINST WHERE ID_ = ?").param(instance)
        .query(java.sql.Timestamp.class).single()).as("the instance ended").isNotNull();

    // Left out: the history of variables, and the report's texts from the variables.
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DETAIL")).as("variable updates recorded one by one").isZero();
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_VARINST")).as("variables' history").isZero();
    assertThat(jdbc.sql("SELECT COALESCE(TEXT_, '') FROM ACT_RU_VARIABLE").query(String.class).list())
        .as("variables holding the report's texts").noneMatch(v -> v.contains("7f3a"));
    // Kept: what the measures, the bottleneck analysis, Cockpit and the audit read.
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'Activity_WorkIncident'",
        instance)).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ?", instance)).isEqualTo(6);
    // Not kept: the elements a token only passes through (gateways, plain events), unless they
    // mark a journey milestone.
    assertThat(jdbc.sql("SELECT DISTINCT ACT_TYPE_ FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ?").param(instance)
        .query(String.class).list()).doesNotContain("exclusiveGateway", "noneEndEvent")
        .contains("serviceTask", "userTask", "businessRuleTask", "subProcess");
    assertThat(jdbc.sql("SELECT ACT_ID_ FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_TYPE_ = 'startEvent'")
        .param(instance).query(String.class).list()).as("the start event marks the milestone 'reported'")
        .containsExactly("Event_IncidentReported");
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_IDENTITYLINK l JOIN ACT_HI_TASKINST t ON t.ID_ = l.TASK_ID_ "
        + "WHERE t.PROC_INST_ID_ = ? AND l.TYPE_ = 'assignee'", instance)).isPositive();
    // Priority, assignment and SLA targets once; the group's OLA target at each of the three times a
    // group took the work on (network, then the service desk, then again after the requester's answer).
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DECINST WHERE PROC_INST_ID_ = ?", instance)).isEqualTo(6);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DEC_IN i JOIN ACT_HI_DECINST d ON d.ID_ = i.DEC_INST_ID_ "
        + "WHERE d.PROC_INST_ID_ = ?", instance)).as("impact, urgency and the CI's criticality; service and "
        + "category; the SLA targets' ticket type, priority, service level, criticality, support hours and group; "
        + "three times the OLA targets' ticket type, group and priority").isEqualTo(20);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DEC_OUT o JOIN ACT_HI_DECINST d ON d.ID_ = o.DEC_INST_ID_ "
        + "WHERE d.PROC_INST_ID_ = ?", instance)).isEqualTo(15);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE PROCESS_INSTANCE_ID_ = ?", instance)).isPositive();
    // The engine's ids are FlowDesk's short sequence numbers, not 36-character UUIDs (an activity
    // instance's is its element's id and one of them).
    assertThat(instance).as("an engine id").matches("[0-9]{4,12}");
    assertThat(jdbc.sql("SELECT ID_ FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ?").param(instance).query(String.class)
        .list()).allMatch(id -> id.matches("\\w+:[0-9]{4,12}"));
    assertThat(jdbc.sql("SELECT REMOVAL_TIME_ FROM ACT_HI_PROCINST WHERE ID_ = ?").param(instance)
        .query(java.sql.Timestamp.class).single()).as("removal time for the cleanup").isNotNull();

    // The texts are where people read them: the ticket and its timeline.
    JsonNode shown = api.get("alice", "/api/tickets/" + ticket);
    assertThat(shown.get("title").asText()).isEqualTo(TITLE);
    assertThat(shown.get("description").asText()).isEqualTo(DESCRIPTION);
    assertThat(api.get("alice", "/api/tickets/" + ticket + "/timeline").toString()).contains("Which VPN client?", "The built-in one",
        "Firmware updated", "Not ours", "Works again", "Quick");
  }

  @Test
  void aRequestsAnswersCommentsAndNotesLiveInTheTicketNotInVariables() {
    ApiClient api = new ApiClient(rest);
    var ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "developer", "reason", "Builds take ages " + MARK)));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String ticket = ApiClient.read(ordered).get("number").asText();
    assertOnlyDeclaredVariables(ticket);

    api.work("mark", ticket, "Manager approves", Map.of("decision", "approve", "approvalComment", "Fine " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("bea", ticket, "Budget owner approves", Map.of("decision", "approve", "approvalComment", "Ok " + MARK));
    assertOnlyDeclaredVariables(ticket); // waiting in the called fulfilment, whose variables count too
    api.work("petra", ticket, "Order from the supplier", Map.of("supplierOrder", "PO-4711 " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("bob", ticket, "Prepare the device", Map.of("assetTag", "LT-0042 " + MARK));
    api.work("bob", ticket, "Hand it over", Map.of("handoverNotes", "At the front desk " + MARK));
    assertOnlyDeclaredVariables(ticket);
    api.work("alice", ticket, "Confirm receipt", Map.of("receipt", "received", "receiptComment", "Thanks " + MARK));

    assertThat(count("SELECT COUNT(*) FROM ACT_HI_VARINST")).isZero();
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DETAIL")).isZero();
    // Every text reached the ticket, where people read it.
    JsonNode shown = api.get("alice", "/api/tickets/" + ticket);
    assertThat(shown.get("answers").toString()).contains("Builds take ages " + MARK);
    assertThat(api.get("alice", "/api/tickets/" + ticket + "/timeline").toString()).contains("Fine " + MARK,
        "Ok " + MARK, "PO-4711 " + MARK, "LT-0042 " + MARK, "At the front desk " + MARK, "Thanks " + MARK);
  }

  @Test
  void aChangesPlansDecisionsAndVotesLiveInTheTicketNotInVariables() {
    ApiClient api = new ApiClient(rest);
    // A Saturday three weeks ahead, in the network's maintenance window
    java.time.LocalDate saturday = java.time.LocalDate.ofInstant(
        org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant(), java.time.ZoneId.of("Europe/Berlin"))
        .plusWeeks(3).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY));
    Map<String, Object> change = new java.util.HashMap<>();
    change.put("title", "Replace the core switch power supplies " + MARK);
    change.put("description", "Both supplies are past their service life " + MARK);
    change.put("service", "network");
    change.put("changeType", "normal");
    change.put("plannedStart", saturday + "T08:00");
    change.put("plannedEnd", saturday + "T10:00");
    change.put("impact", 2);
    change.put("implementationGroup", "network");
    change.put("complexity", "medium");
    change.put("tested", true);
    change.put("implementationPlan", "Swap one supply at a time " + MARK);
    change.put("backoutPlan", "Put the old supply back " + MARK);
    change.put("testEvidence", "Vendor procedure " + MARK);
    // bob raises it, so carl, nina and sven all vote and one rejection leaves the vote open
    var raised = api.call("bob", HttpMethod.POST, "/api/changes", change);
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String ticket = ApiClient.read(raised).get("number").asText();
    assertOnlyDeclaredVariables(ticket);

    api.work("carl", ticket, "Assess the change", Map.of("decision", "proceed"));
    assertOnlyDeclaredVariables(ticket);
    api.work("carl", ticket, "CAB member votes", Map.of("vote", "reject", "voteReason", "Not now " + MARK));
    assertOnlyDeclaredVariables(ticket); // one rejection of three leaves the vote open
    api.work("nina", ticket, "CAB member votes", Map.of("vote", "approve"));
    api.work("sven", ticket, "CAB member votes", Map.of("vote", "approve"));
    assertThat(api.status("bob", ticket)).isEqualTo("scheduled");
    assertOnlyDeclaredVariables(ticket);

    assertThat(api.get("bob", "/api/changes/" + ticket).get("implementationPlan").asText())
        .isEqualTo("Swap one supply at a time " + MARK);
    assertThat(api.get("bob", "/api/tickets/" + ticket + "/timeline").toString()).contains("Not now " + MARK);
  }

  @Test
  void aProblemsTextsAndFindingsLiveInTheProblemNotInVariables() {
    ApiClient api = new ApiClient(rest);
    var logged = api.call("bob", HttpMethod.POST, "/api/problems", Map.of("title", "Printers jam " + MARK,
        "description", "Since the firmware update " + MARK, "service", "printer", "assignmentGroup", "service-desk"));
    assertThat(logged.getStatusCode()).as(logged.getBody()).isEqualTo(HttpStatus.CREATED);
    String problem = ApiClient.read(logged).at("/ticket/number").asText();
    assertOnlyDeclaredVariables(problem);

    api.work("bob", problem, "Investigate the problem", Map.of("rootCause", "Firmware 4.1 " + MARK,
        "affectedService", "printer", "workaround", "Feed one sheet at a time " + MARK));
    assertOnlyDeclaredVariables(problem);
    assertThat(api.get("bob", "/api/problems/" + problem).get("workaround").asText())
        .isEqualTo("Feed one sheet at a time " + MARK);
  }

  /**
   * Every variable of the ticket's waiting instances (its own and the ones it called) is one the
   * models declare, and none holds a text a person wrote: free texts are marked with {@link #MARK}.
   */
  private void assertOnlyDeclaredVariables(String ticket) {
    List<Map<String, Object>> variables = jdbc.sql("SELECT v.NAME_, v.TEXT_ FROM ACT_RU_VARIABLE v "
        + "JOIN ACT_RU_EXECUTION e ON e.ID_ = v.PROC_INST_ID_ WHERE e.BUSINESS_KEY_ = ?").param(ticket)
        .query().listOfRows();
    assertThat(variables).as("variables of " + ticket + " while it waits").isNotEmpty();
    Set<String> declared = DeclaredVariables.of(Path.of("."));
    assertThat(variables).allSatisfy(variable -> {
      String name = String.valueOf(variable.get("NAME_"));
      assertThat(declared).as("variable '" + name + "' of " + ticket + " is not a ticket number, decision input or "
          + "output, choice of a form or engine tally the models declare").contains(name);
      assertThat(String.valueOf(variable.get("TEXT_"))).as("variable '" + name + "' of " + ticket)
          .doesNotContain(MARK);
    });
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
  }
}
