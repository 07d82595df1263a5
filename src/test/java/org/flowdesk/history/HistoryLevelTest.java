package org.flowdesk.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
 * What FlowDesk's history level keeps and what it leaves out, on an incident's whole life
 * through the API with the real delegates: no variable's history is written (ACT_HI_VARINST,
 * ACT_HI_DETAIL), the texts a person wrote in the report never become variables (checked while
 * the instance waits, when variables are in the database), and what the measures, the
 * bottleneck analysis and the audit read is all there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HistoryLevelTest {

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
            "assignmentGroup", "responseTarget", "resolutionTarget", "slaCalendarType", "slaWarningPercent");

    api.work(agent, ticket, "Work incident", Map.of("action", "ask_requester", "question", "Which VPN client?"));
    api.work("alice", ticket, "Provide information", Map.of("answer", "The built-in one"));
    api.work(agent, ticket, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated"));
    api.work("alice", ticket, "Confirm resolution", Map.of("confirmation", "confirm"));
    api.work("alice", ticket, "Rate your experience", Map.of("rating", 5));

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
        instance)).isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_TASKINST WHERE PROC_INST_ID_ = ?", instance)).isEqualTo(5);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_IDENTITYLINK l JOIN ACT_HI_TASKINST t ON t.ID_ = l.TASK_ID_ "
        + "WHERE t.PROC_INST_ID_ = ? AND l.TYPE_ = 'assignee'", instance)).isPositive();
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DECINST WHERE PROC_INST_ID_ = ?", instance)).isEqualTo(3);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DEC_IN i JOIN ACT_HI_DECINST d ON d.ID_ = i.DEC_INST_ID_ "
        + "WHERE d.PROC_INST_ID_ = ?", instance)).isEqualTo(5);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_DEC_OUT o JOIN ACT_HI_DECINST d ON d.ID_ = o.DEC_INST_ID_ "
        + "WHERE d.PROC_INST_ID_ = ?", instance)).isEqualTo(6);
    assertThat(count("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE PROCESS_INSTANCE_ID_ = ?", instance)).isPositive();
    assertThat(jdbc.sql("SELECT REMOVAL_TIME_ FROM ACT_HI_PROCINST WHERE ID_ = ?").param(instance)
        .query(java.sql.Timestamp.class).single()).as("removal time for the cleanup").isNotNull();

    // The texts are where people read them: the ticket and its timeline.
    JsonNode shown = api.get("alice", "/api/tickets/" + ticket);
    assertThat(shown.get("title").asText()).isEqualTo(TITLE);
    assertThat(shown.get("description").asText()).isEqualTo(DESCRIPTION);
    assertThat(api.get("alice", "/api/tickets/" + ticket + "/timeline").toString()).contains("Which VPN client?", "The built-in one",
        "Firmware updated");
  }

  private long count(String sql, Object... params) {
    return jdbc.sql(sql).params(List.of(params)).query(Long.class).single();
  }
}
