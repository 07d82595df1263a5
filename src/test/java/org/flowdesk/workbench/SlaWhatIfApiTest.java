package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The what-if of a changed SLA table counts the breaches: which tickets' resolution clocks breached with the
 * targets they had, and which would have with the draft's, measured in the clocks' own calendar.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "flowdesk.test.context=sla-what-if")
@ActiveProfiles("test")
// A context of its own (the property above): its tickets are reported years ahead, where no other class's lists
// should meet them; closed after the class.
@DirtiesContext
class SlaWhatIfApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  HistoryService historyService;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  String report(ApiClient api, String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "email", "category", "software", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  void resolve(ApiClient api, String ticket) {
    api.work("bob", ticket, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Mailbox repaired"));
  }

  @Test
  void aShorterResolutionTargetCountsTheTicketsThatWouldHaveBreachedHandComputed() throws Exception {
    ApiClient api = new ApiClient(rest);
    // The first Monday of a September later than every SLA evaluation so far (on PostgreSQL the suite's runs share
    // one history), 09:00 in Berlin: no holiday in the three weeks after; business hours 08:00-18:00.
    HistoricDecisionInstance latest = historyService.createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey("sla-targets").orderByEvaluationTime().desc().listPage(0, 1).stream().findFirst()
        .orElse(null);
    int year = Math.max(2041, latest == null ? 0 : latest.getEvaluationTime().toInstant().atZone(EngineTime.BERLIN)
        .getYear() + 1);
    LocalDate monday = LocalDate.of(year, 9, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    EngineTime.runningFrom(monday + "T09:00");
    String threeHours = report(api, "Slawhatif mailbox gone");
    String oneHour = report(api, "Slawhatif calendar gone");
    String stillOpen = report(api, "Slawhatif contacts gone");
    assertThat(jdbc.sql("SELECT target || ' ' || calendar FROM fd_sla_clock WHERE ticket_number = ? "
        + "AND clock = 'resolution'").param(stillOpen).query(String.class).single()).isEqualTo("P10D business");
    EngineTime.runningFrom(monday + "T10:00");
    resolve(api, oneHour);
    EngineTime.runningFrom(monday + "T12:00");
    resolve(api, threeHours);
    // Three weeks on: the open one has used 15 working days (150 business hours) of its 10 (100 hours).
    EngineTime.runningFrom(monday.plusWeeks(3) + "T09:00");

    String deployed = Files.readString(Path.of("decisions/sla-targets.dmn"));
    String draft = deployed.replace("<outputEntry id=\"OutputEntry_P5_2\"><text>\"P10D\"</text>",
        "<outputEntry id=\"OutputEntry_P5_2\"><text>\"PT2H\"</text>");
    assertThat(draft).isNotEqualTo(deployed);
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/xml");
    // The three evaluations of that Monday are the latest the history has.
    ResponseEntity<String> response = ApiClient.as(rest, "dora", "dora").exchange(
        "/api/workbench/decisions/sla-targets/what-if?last=3", HttpMethod.POST,
        new HttpEntity<>(draft.getBytes(StandardCharsets.UTF_8), headers), String.class);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode breaches = ApiClient.read(response).get("breaches");
    assertThat(breaches.get("compared").asInt()).isEqualTo(3);
    // With P10D only the open one breached; with PT2H the one resolved after three hours breaches too, and the one
    // resolved after an hour does not.
    assertThat(breaches.get("before").asInt()).isEqualTo(1);
    assertThat(breaches.get("after").asInt()).isEqualTo(2);
    assertThat(breaches.get("tickets").findValuesAsText("ticket")).containsExactlyInAnyOrder(threeHours, stillOpen);
    JsonNode resolvedLate = breaches.get("tickets").findParents("ticket").stream()
        .filter(ticket -> ticket.get("ticket").asText().equals(threeHours)).findFirst().orElseThrow();
    assertThat(resolvedLate.get("breachedBefore").asBoolean()).isFalse();
    assertThat(resolvedLate.get("breachedAfter").asBoolean()).isTrue();
    assertThat(resolvedLate.get("targetBefore").asText()).isEqualTo("P10D");
    assertThat(resolvedLate.get("targetAfter").asText()).isEqualTo("PT2H");
    assertThat(resolvedLate.get("calendar").asText()).isEqualTo("business");
    assertThat(java.time.Duration.parse(resolvedLate.get("used").asText()))
        .isBetween(java.time.Duration.ofMinutes(175), java.time.Duration.ofMinutes(185));

    // A decision that decides no resolution target has no breaches.
    String priorities = Files.readString(Path.of("decisions/incident-priority.dmn"));
    ResponseEntity<String> other = ApiClient.as(rest, "dora", "dora").exchange(
        "/api/workbench/decisions/incident-priority/what-if?last=3", HttpMethod.POST,
        new HttpEntity<>(priorities.getBytes(StandardCharsets.UTF_8), headers), String.class);
    assertThat(ApiClient.read(other).has("breaches")).isFalse();
  }
}
