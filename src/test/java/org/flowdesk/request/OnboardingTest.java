package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.EngineTime;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/** Onboarding: HR first, then IT and facilities in parallel, joined; HR is reminded as the start date nears. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnboardingTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  @BeforeEach
  void tuesday() {
    ClockUtil.setCurrentTime(Date.from(berlin("2026-11-24T10:00")));
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
  }

  @Test
  void hrThenItAndFacilitiesInParallelWithAReminderBeforeTheStartDate() throws Exception {
    ResponseEntity<String> ordered = api.call("mark", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "Nora New", "startDate", "2026-12-07", "role", "Sales")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();

    assertThat(api.taskOf("bob", number, "IT account and laptop")).as("IT waits for HR").isNull();
    api.work("hana", number, "HR paperwork", Map.of("contractReference", "C-2026-118"));
    assertThat(api.taskOf("bob", number, "IT account and laptop")).isNotNull();
    assertThat(api.taskOf("fred", number, "Desk and badge")).isNotNull();

    // Two working days before Monday 7 December: Thursday 3 December at opening.
    ClockUtil.setCurrentTime(Date.from(berlin("2026-12-03T08:00")));
    EngineTime.fireDueTimers(managementService, runtimeService, number);
    assertThat(ApiClient.read(api.call("hana", HttpMethod.GET, "/api/notifications?ticket=" + number, null))).anySatisfy(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("onboarding_reminder");
      assertThat(n.get("text").asText()).contains("Nora New starts on 2026-12-07");
    });

    api.work("bob", number, "IT account and laptop", Map.of("accountName", "nnew", "laptopAssetTag", "LT-0099"));
    assertThat(ApiClient.read(api.call("mark", HttpMethod.GET, "/api/tickets/" + number, null)).get("status").asText())
        .as("the join waits for facilities").isEqualTo("in_progress");
    api.work("fred", number, "Desk and badge", Map.of("desk", "S-3-12", "badgeNumber", "B-5521"));
    assertThat(ApiClient.read(api.call("mark", HttpMethod.GET, "/api/tickets/" + number, null)).get("status").asText())
        .isEqualTo("resolved");
    // History keeps the join, where the branches waited for each other, not the split they passed.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE ACT_ID_ = 'Gateway_JoinPreparation' "
        + "AND END_TIME_ IS NOT NULL").query(Long.class).single()).isPositive();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE ACT_ID_ = 'Gateway_SplitPreparation'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void onlyManagersAndHrMayOrderItAndTheStartDateMustBeADate() throws Exception {
    assertThat(api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee", "answers",
        Map.of("employeeName", "X", "startDate", "2026-12-07"))).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    ResponseEntity<String> badDate = api.call("hana", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "X", "startDate", "2026-13-45")));
    assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(badDate).get("errors").findValuesAsText("field")).containsExactly("answers.startDate");
    // The item's form refuses a first working day that has passed (disallowPassedDates in item-onboarding.form).
    ResponseEntity<String> passed = api.call("hana", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "X", "startDate", "2026-11-20")));
    assertThat(passed.getStatusCode()).as(passed.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(passed).get("errors").findValuesAsText("field")).containsExactly("answers.startDate");
  }
}
