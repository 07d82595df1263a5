package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Onboarding: HR first, then IT and facilities in parallel, joined; HR is reminded as the start date nears. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnboardingTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ManagementService managementService;

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void tuesday() {
    ClockUtil.setCurrentTime(Date.from(berlin("2026-11-24T10:00")));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Instant berlin(String local) {
    return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body), String.class);
  }

  JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  String taskOf(String user, String ticket, String name) throws Exception {
    for (JsonNode t : read(call(user, HttpMethod.GET, "/api/tasks", null))) {
      if (ticket.equals(t.path("ticketNumber").asText()) && name.equals(t.path("name").asText())) {
        return t.get("id").asText();
      }
    }
    return null;
  }

  void work(String user, String ticket, String name, Map<String, Object> form) throws Exception {
    String task = taskOf(user, ticket, name);
    assertThat(task).as(user + " has '" + name + "' for " + ticket).isNotNull();
    assertThat(call(user, HttpMethod.POST, "/api/tasks/" + task + "/complete", form).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Test
  void hrThenItAndFacilitiesInParallelWithAReminderBeforeTheStartDate() throws Exception {
    ResponseEntity<String> ordered = call("mark", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "Nora New", "startDate", "2026-12-07", "role", "Sales")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = read(ordered).get("number").asText();

    assertThat(taskOf("bob", number, "IT account and laptop")).as("IT waits for HR").isNull();
    work("hana", number, "HR paperwork", Map.of("contractReference", "C-2026-118"));
    assertThat(taskOf("bob", number, "IT account and laptop")).isNotNull();
    assertThat(taskOf("fred", number, "Desk and badge")).isNotNull();

    // Two working days before Monday 7 December: Thursday 3 December at opening.
    ClockUtil.setCurrentTime(Date.from(berlin("2026-12-03T08:00")));
    managementService.createJobQuery().timers().duedateLowerThan(Date.from(berlin("2026-12-03T08:00:01"))).list()
        .forEach(job -> managementService.executeJob(job.getId()));
    assertThat(read(call("hana", HttpMethod.GET, "/api/notifications", null))).anySatisfy(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("onboarding_reminder");
      assertThat(n.get("text").asText()).contains("Nora New starts on 2026-12-07");
    });

    work("bob", number, "IT account and laptop", Map.of("accountName", "nnew", "laptopAssetTag", "LT-0099"));
    assertThat(read(call("mark", HttpMethod.GET, "/api/tickets/" + number, null)).get("status").asText())
        .as("the join waits for facilities").isEqualTo("in_progress");
    work("fred", number, "Desk and badge", Map.of("desk", "S-3-12", "badgeNumber", "B-5521"));
    assertThat(read(call("mark", HttpMethod.GET, "/api/tickets/" + number, null)).get("status").asText())
        .isEqualTo("resolved");
  }

  @Test
  void onlyManagersAndHrMayOrderItAndTheStartDateMustBeADate() throws Exception {
    assertThat(call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee", "answers",
        Map.of("employeeName", "X", "startDate", "2026-12-07"))).getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    ResponseEntity<String> badDate = call("hana", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "X", "startDate", "2026-13-45")));
    assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(read(badDate).get("errors").findValuesAsText("field")).containsExactly("answers.startDate");
  }
}
