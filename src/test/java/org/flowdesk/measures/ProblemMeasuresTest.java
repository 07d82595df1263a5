package org.flowdesk.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.measures.MeasuresTest.row;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;

/**
 * The problem measures on a week worked through the API and the real models, on Monday 5 March
 * 2029 (Europe/Berlin, business hours, no pause), every figure computed by hand. The week is no
 * other test's, so the shared context's other tickets do not count in it:
 *
 * <pre>
 * I1 printer  09:00 reported, 12:00 resolved as known_error            (3 h, with a known error)
 * I2 printer  09:00 reported, 13:00 resolved as solved, linked to P1   (4 h, with a known error: P1's since 11:00)
 * I3 printer  09:00 reported, 14:00 resolved as solved                 (5 h, without)
 * I4 email    09:00 reported, 15:00 resolved as solved                 (6 h, without)
 * I5 printer  09:00 reported, 10:00 resolved as solved, linked to P1   (1 h, without: P1 was no known error yet)
 * P1 printer  09:30 logged with I1 and I2 (I5 linked at 09:45), 11:00 known error (1.5 h);
 *             a change raised Monday, implemented Wednesday 7 March: resolved
 * P2 email    09:30 logged without incidents, 16:00 root cause found, no workaround
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemMeasuresTest {

  static final String WEEK = "from=2029-03-05&to=2029-03-12";
  static final String WEEK_AFTER = "from=2029-03-12&to=2029-03-19";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  ApiClient api;

  @BeforeAll
  void workTheWeek() {
    api = new ApiClient(rest);
    try {
      EngineTime.clockAt("2029-03-05T09:00");
      String i1 = report("printer", "Printer P-1 prints blank pages");
      String i2 = report("printer", "Printer P-2 prints blank pages");
      String i3 = report("printer", "Printer P-3 jams");
      String i4 = report("email", "Mail is slow");
      String i5 = report("printer", "Printer P-5 prints blank pages");
      EngineTime.clockAt("2029-03-05T09:30");
      String p1 = log("printer", "Blank pages from the floor 3 printers", List.of(i1, i2));
      String p2 = log("email", "Mail queue backs up", List.of());
      EngineTime.clockAt("2029-03-05T09:45");
      created(api.call("bob", HttpMethod.POST, "/api/problems/" + p1 + "/incidents", Map.of("incident", i5)),
          HttpStatus.OK);
      EngineTime.clockAt("2029-03-05T10:00");
      resolve(i5, "solved");
      EngineTime.clockAt("2029-03-05T11:00");
      api.work("bob", p1, "Investigate the problem", Map.of("rootCause", "The toner batch is empty",
          "affectedService", "printer", "workaround", "Use a cartridge from the spare shelf"));
      EngineTime.clockAt("2029-03-05T12:00");
      resolve(i1, "known_error");
      EngineTime.clockAt("2029-03-05T13:00");
      resolve(i2, "solved");
      EngineTime.clockAt("2029-03-05T14:00");
      resolve(i3, "solved");
      EngineTime.clockAt("2029-03-05T15:00");
      resolve(i4, "solved");
      EngineTime.clockAt("2029-03-05T16:00");
      api.work("bob", p2, "Investigate the problem", Map.of("rootCause", "The spam filter is slow",
          "affectedService", "email"));
      Map<String, Object> change = new HashMap<>(Map.of("title", "New toner batch for floor 3", "service", "printer",
          "changeType", "standard", "template", "printer-firmware", "plannedStart", "2029-03-07T10:00",
          "plannedEnd", "2029-03-07T11:00", "impact", 3));
      String fix = ApiClient.read(created(api.call("bob", HttpMethod.POST, "/api/problems/" + p1 + "/changes",
          change), HttpStatus.CREATED)).get("number").asText();
      EngineTime.clockAt("2029-03-07T10:00");
      EngineTime.fireDueTimers(managementService, runtimeService.createProcessInstanceQuery()
          .processInstanceBusinessKey(fix).singleResult());
      api.work("bob", fix, "Implement and record the outcome", Map.of("outcome", "successful",
          "outcomeNotes", "New batch in"));
      assertThat(api.get("bob", "/api/problems/" + p1).at("/ticket/status").asText()).isEqualTo("resolved");
    } finally {
      EngineTime.reset();
    }
  }

  @AfterAll
  void resetClock() {
    EngineTime.reset();
  }

  String report(String service, String title) {
    return ApiClient.read(created(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", service, "category", "printer".equals(service) ? "hardware" : "software", "impact", 3,
        "urgency", 3)), HttpStatus.CREATED))
        .get("number").asText();
  }

  String log(String service, String title, List<String> incidents) {
    return ApiClient.read(created(api.call("bob", HttpMethod.POST, "/api/problems", Map.of("title", title,
        "service", service, "assignmentGroup", "service-desk", "incidents", incidents)), HttpStatus.CREATED))
        .at("/ticket/number").asText();
  }

  void resolve(String incident, String code) {
    api.work("bob", incident, "Work incident", Map.of("action", "resolve", "resolutionCode", code,
        "resolutionNotes", "Done"));
  }

  static ResponseEntity<String> created(ResponseEntity<String> response, HttpStatus expected) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(expected);
    return response;
  }

  JsonNode measures(String query) {
    ResponseEntity<String> response = api.call("sofia", HttpMethod.GET, "/api/measures?" + query, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return ApiClient.read(response);
  }

  @Test
  void theWeeksProblemMeasuresAreWhatWasComputedByHand() {
    JsonNode all = row(measures(WEEK), "all");
    assertThat(all.get("problemsOpened").asLong()).isEqualTo(2);                        // P1 P2
    assertThat(all.get("problemsResolved").asLong()).isEqualTo(1);                      // P1
    assertThat(all.get("knownErrorMeanHours").asDouble()).isEqualTo(1.5);               // P1: 09:30 to 11:00
    assertThat(all.get("incidentsPerProblem").asDouble()).isEqualTo(1.5);               // P1 3, P2 none
    assertThat(all.get("knownErrorResolutionPercent").asDouble()).isEqualTo(20.0);      // I1 of five
    assertThat(all.get("resolveMeanHoursWithKnownError").asDouble()).isEqualTo(3.5);    // I1 3 h, I2 4 h
    assertThat(all.get("resolveMeanHoursWithoutKnownError").asDouble()).isEqualTo(4.0); // I3 5, I4 6, I5 1
  }

  @Test
  void perServiceAProblemWithoutIncidentsCountsAsNoneAndAServiceWithoutAKnownErrorHasNoTimeToIt() {
    JsonNode byService = measures(WEEK + "&groupBy=service");
    JsonNode printer = row(byService, "printer");
    assertThat(printer.get("problemsOpened").asLong()).isEqualTo(1);
    assertThat(printer.get("problemsResolved").asLong()).isEqualTo(1);
    assertThat(printer.get("incidentsPerProblem").asDouble()).isEqualTo(3.0);
    assertThat(printer.get("knownErrorMeanHours").asDouble()).isEqualTo(1.5);
    assertThat(printer.get("knownErrorResolutionPercent").asDouble()).isEqualTo(25.0);  // I1 of I1 I2 I3 I5
    assertThat(printer.get("resolveMeanHoursWithKnownError").asDouble()).isEqualTo(3.5);
    assertThat(printer.get("resolveMeanHoursWithoutKnownError").asDouble()).isEqualTo(3.0); // I3 5, I5 1

    JsonNode email = row(byService, "email");
    assertThat(email.get("problemsOpened").asLong()).isEqualTo(1);
    assertThat(email.get("problemsResolved").asLong()).isZero();
    assertThat(email.get("incidentsPerProblem").asDouble()).as("P2 has no incidents").isEqualTo(0.0);
    assertThat(email.get("knownErrorMeanHours").isNull()).as("P2 is no known error").isTrue();
    assertThat(email.get("knownErrorResolutionPercent").asDouble()).isEqualTo(0.0);
    assertThat(email.get("resolveMeanHoursWithKnownError").isNull()).isTrue();
    assertThat(email.get("resolveMeanHoursWithoutKnownError").asDouble()).isEqualTo(6.0);

    JsonNode problems = row(measures(WEEK + "&type=problem"), "all");
    assertThat(problems.get("opened").asLong()).isEqualTo(2);
    assertThat(problems.get("knownErrorResolutionPercent").isNull()).as("no incident among problems").isTrue();
  }

  @Test
  void aWeekWithoutProblemsHasNoneOfTheirFigures() {
    JsonNode after = measures(WEEK_AFTER);
    // P2 is still open then: the week has a row, with nothing of problems in it.
    assertThat(row(after, "all").get("backlog").asLong()).isPositive();
    for (JsonNode row : after.get("rows")) {
      assertThat(row.get("problemsOpened").asLong()).isZero();
      assertThat(row.get("problemsResolved").asLong()).isZero();
      assertThat(row.get("knownErrorMeanHours").isNull()).isTrue();
      assertThat(row.get("incidentsPerProblem").isNull()).isTrue();
      assertThat(row.get("knownErrorResolutionPercent").isNull()).isTrue();
      assertThat(row.get("resolveMeanHoursWithKnownError").isNull()).isTrue();
      assertThat(row.get("resolveMeanHoursWithoutKnownError").isNull()).isTrue();
    }
  }

  @Test
  void theMeasuresPageShowsTheProblemFiguresPerService(@LocalServerPort int port) {
    try (Browser browser = new Browser(port)) {
      Page sofia = browser.as("sofia");
      sofia.navigate("/measures?from=2029-03-05&to=2029-03-12");
      sofia.waitForSelector("body[data-ready=true]");
      assertThat(sofia.locator("#summary").textContent()).contains("Problems opened / resolved2 / 1")
          .contains("Time to known error, mean (hours)1.5").contains("Incidents resolved by a known error20 %")
          .contains("with / without a known error (SLA hours)3.5 / 4");
      List<String> printing = sofia.locator("#problems tr", new Page.LocatorOptions().setHasText("Printing"))
          .locator("th, td").allTextContents();
      assertThat(printing).containsExactly("Printing", "1", "1", "1.5", "3", "25 %", "3.5 / 3");
      assertThat(sofia.locator("#problems-none").isHidden()).isTrue();
      Browser.screenshot(sofia, "measures-problems");
    }
  }
}
