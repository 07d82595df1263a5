package org.flowdesk.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Changes through the API as agents, change managers and the CAB use it: raising with the rules
 * checked, approval through the task endpoints, the change's page, the calendar and cancelling.
 * The clock runs from Monday 1 March 2027, a quiet time of the year, and windows lie in the weeks
 * after it, so the test neither ages nor runs into a blackout window on some days of the year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChangeApiTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.runningFrom(TODAY + "T09:00");
    api = new ApiClient(rest);
  }

  @AfterEach
  void clock() {
    EngineTime.reset();
  }

  /** A Saturday some weeks ahead, at the time given (network's maintenance window is Saturday 06–18). */
  static String saturday(int weeksAhead, String time) {
    return TODAY.plusWeeks(weeksAhead).with(TemporalAdjusters.next(DayOfWeek.SATURDAY)) + "T" + time;
  }

  static Map<String, Object> networkChange(int weeksAhead) {
    Map<String, Object> change = new HashMap<>();
    change.put("title", "Replace the core switch power supplies");
    change.put("description", "Both supplies are past their service life");
    change.put("service", "network");
    change.put("changeType", "normal");
    change.put("plannedStart", saturday(weeksAhead, "08:00"));
    change.put("plannedEnd", saturday(weeksAhead, "10:00"));
    change.put("impact", 2);
    change.put("implementationGroup", "network");
    change.put("complexity", "medium");
    change.put("tested", true);
    change.put("implementationPlan", "Swap one supply at a time");
    change.put("backoutPlan", "Put the old supply back");
    change.put("testEvidence", "Vendor procedure, done at the branch office");
    return change;
  }

  static Map<String, Object> with(Map<String, Object> change, Object... keyValues) {
    Map<String, Object> copy = new HashMap<>(change);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] == null) {
        copy.remove(keyValues[i]);
      } else {
        copy.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return copy;
  }

  ResponseEntity<String> raise(String user, Map<String, Object> change) {
    return api.call(user, HttpMethod.POST, "/api/changes", change);
  }

  String raised(String user, Map<String, Object> change) {
    ResponseEntity<String> response = raise(user, change);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(response).get("number").asText();
  }

  long changes() {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE ticket_type = 'change'").query(Long.class).single();
  }

  List<String> fieldsOf(ResponseEntity<String> response) {
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    return ApiClient.read(response).get("errors").findValuesAsText("field");
  }

  /** Raised, assessed and approved by two of the three CAB members. */
  String approvedNetworkChange(int weeksAhead) {
    String number = raised("nina", networkChange(weeksAhead));
    api.work("carl", number, "Assess the change", Map.of("decision", "proceed"));
    api.work("carl", number, "CAB member votes", Map.of("vote", "approve"));
    api.work("sven", number, "CAB member votes", Map.of("vote", "approve"));
    return number;
  }

  @Test
  void aNormalChangeIsRaisedAssessedVotedOnAndScheduledThroughTheApi() {
    String number = raised("nina", networkChange(3));
    assertThat(number).matches("CHG-\\d{6}");

    JsonNode change = api.get("nina", "/api/changes/" + number);
    assertThat(change.at("/ticket/status").asText()).isEqualTo("assessment");
    assertThat(change.at("/ticket/type").asText()).isEqualTo("change");
    assertThat(change.get("risk").asText()).isEqualTo("medium");
    // As people read the plan: the labels of the change process's forms.
    assertThat(change.at("/shown/changeType").asText()).isEqualTo("Normal");
    assertThat(change.at("/shown/risk").asText()).isEqualTo("Medium");
    assertThat(change.at("/shown/complexity").asText()).isEqualTo("Medium");
    assertThat(change.path("shown").has("outcome")).isFalse();
    assertThat(change.get("implementationPlan").asText()).isEqualTo("Swap one supply at a time");
    assertThat(change.get("conflicts")).isEmpty();

    // The assessment form shows the risk and the conflicts to the change manager.
    String assessment = api.taskOf("carl", number, "Assess the change");
    JsonNode task = api.get("carl", "/api/tasks/" + assessment);
    assertThat(task.at("/values/risk").asText()).isEqualTo("medium");
    assertThat(task.at("/values/conflicts").asText()).isEqualTo("None");
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "carl", "carl").exchange("/api/tasks/" + assessment, HttpMethod.GET,
        new HttpEntity<>(german), String.class)).at("/values/conflicts").asText()).isEqualTo("Keine");
    ResponseEntity<String> noReason = api.call("carl", HttpMethod.POST, "/api/tasks/" + assessment + "/complete",
        Map.of("decision", "reject"));
    assertThat(fieldsOf(noReason)).containsExactly("decisionReason");
    api.work("carl", number, "Assess the change", Map.of("decision", "proceed"));

    assertThat(api.status("nina", number)).isEqualTo("approval");
    assertThat(api.taskOf("alice", number, "CAB member votes")).isNull();
    // nina raised it: she is on the CAB but does not vote on her own change; two of two decide.
    assertThat(api.taskOf("nina", number, "CAB member votes")).isNull();
    // The CAB's votes so far: who still votes, by name, and since when.
    JsonNode before = api.get("nina", "/api/tickets/" + number + "/approvals");
    assertThat(before.get("decided")).isEmpty();
    assertThat(before.get("waiting").findValuesAsText("step")).containsOnly("CAB member votes");
    assertThat(before.get("waiting").findValues("people").stream().map(p -> p.get(0).get("id").asText()))
        .containsExactlyInAnyOrder("carl", "sven");
    api.work("carl", number, "CAB member votes", Map.of("vote", "approve"));
    JsonNode between = api.get("sven", "/api/tickets/" + number + "/approvals");
    assertThat(between.get("decided")).hasSize(1);
    assertThat(between.at("/decided/0/approver").asText()).isEqualTo("carl");
    assertThat(between.at("/decided/0/approverName").asText()).isNotEqualTo("carl").contains(" ");
    assertThat(between.at("/decided/0/approved").asBoolean()).isTrue();
    assertThat(between.at("/decided/0/step").asText()).isEqualTo("CAB vote");
    assertThat(between.at("/decided/0/stepName").asText()).isEqualTo("CAB member votes");
    assertThat(between.get("waiting").findValues("people").stream().map(p -> p.get(0).get("id").asText()))
        .containsExactly("sven");
    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + number + "/approvals", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    api.work("sven", number, "CAB member votes", Map.of("vote", "approve"));
    assertThat(api.status("nina", number)).isEqualTo("scheduled");
    JsonNode after = api.get("nina", "/api/tickets/" + number + "/approvals");
    assertThat(after.get("decided").findValuesAsText("approver")).containsExactly("carl", "sven");
    assertThat(after.get("waiting")).isEmpty();

    List<String> timeline = api.get("nina", "/api/tickets/" + number + "/timeline").findValuesAsText("text");
    assertThat(timeline).contains("Risk rated medium", "Approved (CAB member votes)", "Approved and scheduled",
        "Assess the change: decided to proceed",
        "Waiting for approval by the change advisory board (a majority); medium risk");
    // Read in German, the change's own steps too.
    List<String> germanTimeline = ApiClient.read(ApiClient.as(rest, "nina", "nina").exchange("/api/tickets/" + number
        + "/timeline", HttpMethod.GET, new HttpEntity<>(german), String.class)).findValuesAsText("text");
    assertThat(germanTimeline).contains("Risiko bewertet: mittel",
        "Keine Konflikte vor der Genehmigung mit genehmigten Changes oder Sperrzeiten", "Genehmigt und eingeplant",
        "Change bewerten: entschieden, fortzufahren",
        "Wartet auf Genehmigung durch das Change Advisory Board (Mehrheit); Risiko mittel");
    // The CAB's bell names the service by the catalog's name, in German by catalog/i18n's.
    assertThat(api.get("sven", "/api/notifications?ticket=" + number).findValuesAsText("text"))
        .contains("Please vote on " + number + ": a normal change of medium risk to Network and Wi-Fi.");
    assertThat(ApiClient.read(ApiClient.as(rest, "sven", "sven").exchange("/api/notifications?ticket=" + number,
        HttpMethod.GET, new HttpEntity<>(german), String.class)).findValuesAsText("text"))
        .contains("Bitte stimmen Sie über " + number + " ab: Change (normal) an Netzwerk und WLAN, Risiko mittel.");
    // The requester of the change, a CAB member, and an agent of its group see it; a requester does not.
    assertThat(api.call("alice", HttpMethod.GET, "/api/changes/" + number, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("sven", "/api/tickets?type=change&status=scheduled").get("items").findValuesAsText("number"))
        .contains(number);
  }

  @Test
  void invalidPlansAreRefusedNamingTheFieldAndCreateNothing() {
    long before = changes();
    Map<String, Object> valid = networkChange(4);

    assertThat(fieldsOf(raise("nina", with(valid, "plannedEnd", saturday(4, "07:00"))))).containsExactly("plannedEnd");
    assertThat(fieldsOf(raise("nina", with(valid, "backoutPlan", null)))).containsExactly("backoutPlan");
    assertThat(fieldsOf(raise("nina", with(valid, "changeType", "emergency", "backoutPlan", " "))))
        .containsExactly("backoutPlan");
    assertThat(fieldsOf(raise("nina", with(valid, "plannedStart", "2020-01-04T08:00", "plannedEnd", "2020-01-04T09:00"))))
        .containsExactly("plannedStart");
    assertThat(fieldsOf(raise("nina", with(valid, "plannedStart", "next Saturday")))).containsExactly("plannedStart");
    assertThat(fieldsOf(raise("nina", with(valid, "service", "teleportation")))).containsExactly("service");
    // One answer names every problem, the form's and the change rules'.
    assertThat(fieldsOf(raise("nina", with(valid, "backoutPlan", null, "plannedEnd", saturday(4, "07:00")))))
        .containsExactlyInAnyOrder("backoutPlan", "plannedEnd");
    assertThat(fieldsOf(raise("nina", with(valid, "changeType", "urgent")))).containsExactly("changeType");

    Map<String, Object> standard = Map.of("title", "Firmware", "service", "printer", "changeType", "standard",
        "plannedStart", saturday(4, "08:00"), "plannedEnd", saturday(4, "09:00"), "impact", 3);
    assertThat(fieldsOf(raise("bob", standard))).containsExactly("template");
    assertThat(fieldsOf(raise("bob", with(standard, "template", "no-such-template")))).containsExactly("template");
    assertThat(fieldsOf(raise("bob", with(standard, "template", "wifi-access-point")))).containsExactly("template");
    assertThat(fieldsOf(raise("bob", with(standard, "template", "printer-firmware", "plannedEnd", saturday(4, "11:00")))))
        .containsExactly("plannedEnd");
    assertThat(ApiClient.read(raise("bob", with(standard, "template", "printer-firmware", "plannedEnd",
        saturday(4, "11:00")))).get("detail").asText()).contains("at most 2h");

    assertThat(raise("alice", valid).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(changes()).isEqualTo(before);
  }

  /** A German reader reads the change form's refusals with the form's German labels (forms/i18n), not its English. */
  @Test
  void aGermanReaderReadsTheRefusedFieldsByTheFormsGermanLabels() {
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    german.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> refused = ApiClient.as(rest, "nina", "nina").exchange("/api/changes", HttpMethod.POST,
        new HttpEntity<>(with(networkChange(4), "title", null, "plannedStart", null), german), String.class);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("message")).contains("Titel ist erforderlich",
        "Geplanter Beginn (Datum) ist erforderlich");
  }

  @Test
  void aStandardChangeIsScheduledAtOnceWithItsTemplatesPlans() {
    String number = raised("bob", Map.of("title", "Firmware on the floor 3 printers", "service", "printer",
        "changeType", "standard", "template", "printer-firmware", "plannedStart", saturday(5, "08:00"),
        "plannedEnd", saturday(5, "09:30"), "impact", 3));
    JsonNode change = api.get("bob", "/api/changes/" + number);
    assertThat(change.at("/ticket/status").asText()).isEqualTo("scheduled");
    assertThat(change.get("template").asText()).isEqualTo("printer-firmware");
    assertThat(change.at("/shown/template").asText()).isEqualTo("Printer firmware update");
    assertThat(change.at("/shown/changeType").asText()).isEqualTo("Standard (pre-approved template)");
    // In German (forms/i18n/change-request.de.json, catalog/i18n/de.yaml) for a reader whose browser asks for it.
    org.springframework.http.HttpHeaders german = new org.springframework.http.HttpHeaders();
    german.set("Accept-Language", "de-DE,de;q=0.9");
    JsonNode inGerman = ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange("/api/changes/" + number,
        HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class));
    assertThat(inGerman.at("/shown/template").asText()).isEqualTo("Firmware-Update eines Druckers");
    assertThat(inGerman.at("/shown/changeType").asText()).isEqualTo("Standard (vorab genehmigte Vorlage)");
    assertThat(inGerman.get("changeType").asText()).as("the value stays the model's").isEqualTo("standard");
    // The planning step names the group by its name, in every language (German's own, i18n/de.json groups).
    assertThat(api.get("bob", "/api/tickets/" + number + "/timeline").findValuesAsText("text")).anyMatch(text ->
        text.startsWith("Standard change planned from ") && text.contains(" 08:00 ") && text.contains(" to ")
            && text.endsWith(", implemented by Service desk, from the template Printer firmware update"));
    assertThat(ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange("/api/tickets/" + number + "/timeline",
        HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class)).findValuesAsText("text"))
        // The window as German writes dates ("… 08:00 MEZ bis … 09:30 MEZ"), in the desk's zone; the template by
        // the German catalog's name for it (catalog/i18n).
        .anyMatch(text -> text.matches("Change \\(Standard\\) geplant von \\d\\d\\.\\d\\d\\.\\d{4}, 08:00 ME(S)?Z bis "
            + "\\d\\d\\.\\d\\d\\.\\d{4}, 09:30 ME(S)?Z, umgesetzt von Service-Desk, nach der Vorlage "
            + "Firmware-Update eines Druckers"));
    assertThat(change.get("implementationGroup").asText()).isEqualTo("service-desk");
    assertThat(change.get("backoutPlan").asText()).startsWith("Reinstall the previous firmware");
  }

  /**
   * A change has no work form with a choice: once its window opens, bulk take-on takes its implementation step,
   * offered to the implementation group. Someone outside that group is refused for it.
   */
  @Test
  void anAgentOfTheImplementationGroupTakesAChangeOnInBulkOnceItsWindowOpens() {
    String number = raised("bob", Map.of("title", "Firmware on the floor 4 printers", "service", "printer",
        "changeType", "standard", "template", "printer-firmware", "plannedStart", saturday(6, "08:00"),
        "plannedEnd", saturday(6, "09:30"), "impact", 3));
    Map<String, Object> takeOn = Map.of("action", "assign", "tickets", List.of(number));
    // Before its window there is no step to take on.
    assertThat(ApiClient.read(api.call("sam", HttpMethod.POST, "/api/tickets/bulk", takeOn)).at("/results/0/refusal")
        .asText()).isEqualTo("no_step");

    EngineTime.clockAt(saturday(6, "08:00"));
    EngineTime.fireDueTimers(managementService, runtimeService, number);
    assertThat(api.get("bob", "/api/changes/" + number).at("/ticket/status").asText()).isEqualTo("implementing");

    JsonNode refused = ApiClient.read(api.call("nina", HttpMethod.POST, "/api/tickets/bulk", takeOn));
    assertThat(refused.get("done").asInt()).as(refused.toString()).isZero();
    assertThat(refused.at("/results/0/refusal").asText()).as(refused.toString()).isEqualTo("not_yours");

    JsonNode report = ApiClient.read(api.call("sam", HttpMethod.POST, "/api/tickets/bulk", takeOn));
    assertThat(report.get("done").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(api.get("bob", "/api/tickets/" + number).get("assignee").asText()).isEqualTo("sam");
    assertThat(api.taskOf("sam", number, "Implement and record the outcome")).isNotNull();
  }

  @Test
  void aRetriedRequestWithTheSameIdempotencyKeyRaisesOneChange() {
    long before = changes();
    Map<String, Object> change = networkChange(6);
    HttpHeaders headers = new HttpHeaders();
    headers.set("Idempotency-Key", "chg-retry-1");
    headers.set("Content-Type", "application/json");
    ResponseEntity<String> first = ApiClient.as(rest, "nina", "nina").exchange("/api/changes", HttpMethod.POST,
        new HttpEntity<>(change, headers), String.class);
    ResponseEntity<String> retry = ApiClient.as(rest, "nina", "nina").exchange("/api/changes", HttpMethod.POST,
        new HttpEntity<>(change, headers), String.class);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(retry).get("number")).isEqualTo(ApiClient.read(first).get("number"));
    assertThat(changes()).isEqualTo(before + 1);
  }

  /**
   * The forms show a change's conflicts as they are when they are read, not as they were when it was raised: a change
   * approved into its window meanwhile is there for the change manager (and the CAB after). The service by its name.
   */
  @Test
  void theFormsShowTheConflictsAsTheyAreNowAndTheServiceByItsName() {
    String later = raised("nina", with(networkChange(9), "title", "Re-cable rack 5"));
    String assessment = "/api/tasks/" + api.taskOf("carl", later, "Assess the change");
    assertThat(api.get("carl", assessment).at("/values/conflicts").asText()).isEqualTo("None");
    assertThat(api.get("carl", assessment).at("/values/service").asText()).isEqualTo("Network and Wi-Fi");

    String first = approvedNetworkChange(9);
    assertThat(api.get("carl", assessment).at("/values/conflicts").asText()).startsWith(first
        + " \"Replace the core switch power supplies\" (Scheduled) changes Network and Wi-Fi from ");
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode inGerman = ApiClient.read(ApiClient.as(rest, "carl", "carl").exchange(assessment, HttpMethod.GET,
        new HttpEntity<>(german), String.class));
    assertThat(inGerman.at("/values/service").asText()).isEqualTo("Netzwerk und WLAN");
    assertThat(inGerman.at("/values/conflicts").asText()).startsWith(first
        + " \"Replace the core switch power supplies\" (Eingeplant) ändert Netzwerk und WLAN von ");
  }

  @Test
  void theCalendarShowsApprovedChangesBlackoutsAndTheirConflicts() {
    String first = approvedNetworkChange(8);
    String second = raised("nina", with(networkChange(8), "title", "Re-cable rack 4"));
    // The second overlaps the first: the change manager sees the conflict when assessing it.
    JsonNode assessment = api.get("carl", "/api/tasks/" + api.taskOf("carl", second, "Assess the change"));
    assertThat(assessment.at("/values/conflicts").asText()).contains(first + " ").contains("(Scheduled)");
    // A German change manager reads it in German (the form's field says "words": "timeline"): the status, the service
    // and the window's ends in German words, the other change's title as it was written.
    HttpHeaders inGerman = new HttpHeaders();
    inGerman.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode germanAssessment = ApiClient.read(ApiClient.as(rest, "carl", "carl").exchange("/api/tasks/"
        + api.taskOf("carl", second, "Assess the change"), HttpMethod.GET, new HttpEntity<>(inGerman), String.class));
    assertThat(germanAssessment.at("/values/conflicts").asText()).startsWith(first + " \"Replace the core switch power "
        + "supplies\" (Eingeplant) ändert Netzwerk und WLAN von ").contains(", 08:00 ME").contains(" bis ")
        .doesNotContain("Scheduled");
    JsonNode germanChange = ApiClient.read(ApiClient.as(rest, "carl", "carl").exchange("/api/changes/" + second,
        HttpMethod.GET, new HttpEntity<>(inGerman), String.class));
    assertThat(germanChange.at("/conflicts/0/text").asText()).isEqualTo(germanAssessment.at("/values/conflicts")
        .asText());
    api.work("carl", second, "Assess the change", Map.of("decision", "proceed"));
    api.work("carl", second, "CAB member votes", Map.of("vote", "approve"));
    api.work("sven", second, "CAB member votes", Map.of("vote", "approve"));

    JsonNode calendar = api.get("bob", "/api/changes/calendar?from=" + saturday(8, "00:00").substring(0, 10)
        + "&to=" + LocalDate.parse(saturday(8, "00:00").substring(0, 10)).plusDays(1));
    assertThat(calendar.get("changes").findValuesAsText("number")).containsExactlyInAnyOrder(first, second);
    assertThat(calendar.get("conflicts")).hasSize(1);
    assertThat(calendar.at("/conflicts/0/kind").asText()).isEqualTo("change");
    assertThat(List.of(calendar.at("/conflicts/0/change").asText(), calendar.at("/conflicts/0/with").asText()))
        .containsExactlyInAnyOrder(first, second);
    assertThat(calendar.at("/conflicts/0/text").asText()).contains("(Scheduled)");
    assertThat(ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange("/api/changes/calendar?from="
        + saturday(8, "00:00").substring(0, 10) + "&to=" + LocalDate.parse(saturday(8, "00:00").substring(0, 10))
        .plusDays(1), HttpMethod.GET, new HttpEntity<>(inGerman), String.class)).at("/conflicts/0/text").asText())
        .contains("(Eingeplant) ändert Netzwerk und WLAN von ");

    JsonNode holidays = api.get("bob", "/api/changes/calendar?from=2026-12-20&to=2027-01-10");
    assertThat(holidays.get("blackouts").findValuesAsText("id")).containsExactly("holiday-freeze", "year-end-closing",
        "quarter-end-closing", "quarter-end-closing", "quarter-end-closing");
    assertThat(holidays.at("/blackouts/0/name").asText()).isEqualTo("Holiday change freeze");
    // A German reader reads the windows' names as catalog/i18n/de.yaml words them.
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode germanHolidays = ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange(
        "/api/changes/calendar?from=2026-12-20&to=2027-01-10", HttpMethod.GET, new HttpEntity<>(german), String.class));
    assertThat(germanHolidays.get("blackouts").findValuesAsText("name")).startsWith("Änderungsstopp über die Feiertage",
        "Jahresabschluss in der Finanzabteilung", "Quartalsabschluss in der Finanzabteilung");
    // The windows recur: a year later (and across New Year) each occurrence is listed once, without a catalog edit.
    JsonNode nextYear = api.get("bob", "/api/changes/calendar?from=2027-12-20&to=2028-01-10");
    assertThat(nextYear.get("blackouts").findValuesAsText("id")).containsExactly("holiday-freeze",
        "year-end-closing", "quarter-end-closing", "quarter-end-closing", "quarter-end-closing");
    assertThat(nextYear.at("/blackouts/0/from").asText()).isEqualTo("2027-12-23T17:00:00Z");
    assertThat(nextYear.at("/blackouts/1/to").asText()).isEqualTo("2028-01-05T23:00:00Z");

    assertThat(fieldsOf(api.call("bob", HttpMethod.GET, "/api/changes/calendar?from=tomorrow", null)))
        .containsExactly("from");
    assertThat(fieldsOf(api.call("bob", HttpMethod.GET, "/api/changes/calendar?from=2027-01-10&to=2026-12-20", null)))
        .containsExactly("to");
  }

  @Test
  void theRequesterCancelsBeforeImplementationAndLinksShowOnBothTickets() {
    String number = approvedNetworkChange(10);
    String incident = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Wi-Fi drops on floor 2", "service", "network", "category", "network", "impact", 2, "urgency", 2)))
        .get("number").asText();
    ResponseEntity<String> linked = api.call("nina", HttpMethod.POST, "/api/tickets/" + number + "/links",
        Map.of("ticket", incident, "relation", "fixes"));
    assertThat(linked.getStatusCode()).as(linked.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(api.get("nina", "/api/changes/" + number).get("links").findValuesAsText("number")).containsExactly(incident);
    assertThat(api.get("alice", "/api/tickets/" + incident + "/timeline").findValuesAsText("text"))
        .contains("Linked to " + number + " (fixed by)");
    // The requester of the incident sees the link, not the change (it is not hers to see).
    assertThat(api.get("alice", "/api/tickets/" + incident + "/links")).isEmpty();

    assertThat(api.call("sven", HttpMethod.POST, "/api/changes/" + number + "/cancel", Map.of("reason", "No"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> cancelled = api.call("nina", HttpMethod.POST, "/api/changes/" + number + "/cancel",
        Map.of("reason", "The supplies arrived broken"));
    assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(api.status("nina", number)).isEqualTo("cancelled");
    assertThat(api.get("nina", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .contains("Cancelled by Nina Novak: The supplies arrived broken");
    // A refusal the caller caused is no engine error in the log (the engine's command log, off in tests, is listened to).
    ch.qos.logback.classic.Logger engineLog = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "org.camunda.bpm.engine.context");
    ch.qos.logback.classic.Level level = engineLog.getLevel();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    engineLog.addAppender(logged);
    engineLog.setLevel(ch.qos.logback.classic.Level.ERROR);
    ResponseEntity<String> again;
    try {
      again = api.call("nina", HttpMethod.POST, "/api/changes/" + number + "/cancel", null);
    } finally {
      engineLog.detachAppender(logged);
      engineLog.setLevel(level);
    }
    assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(again).get("detail").asText()).contains("can no longer be cancelled: it is Cancelled");

    // Once its history is cleaned up, the change's choices read as the latest version's forms word them.
    String shownBefore = api.get("nina", "/api/changes/" + number).get("shown").toString();
    historyService.deleteHistoricProcessInstances(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(number).list().stream().map(HistoricProcessInstance::getId).toList());
    JsonNode cleanedUp = api.get("nina", "/api/changes/" + number);
    assertThat(cleanedUp.at("/shown/changeType").asText()).isEqualTo("Normal");
    assertThat(cleanedUp.get("shown").toString()).isEqualTo(shownBefore);
  }

  @Test
  void tasklistStartsAreHeldToTheSameRules() {
    assertThat(api.get("nina", "/engine-rest/process-definition?startableInTasklist=true&startablePermissionCheck=true"
        + "&latestVersion=true&maxResults=50").findValuesAsText("key")).contains("change");
    long before = changes();
    Map<String, Object> variables = new HashMap<>();
    with(networkChange(4), "plannedEnd", saturday(4, "07:00")).forEach((key, value) ->
        variables.put(key, Map.of("value", value)));
    // Camunda answers the start listener's refusal with a 500; EngineErrorFilter makes it the 400 it is.
    ResponseEntity<String> started = api.call("nina", HttpMethod.POST,
        "/engine-rest/process-definition/key/change/submit-form", Map.of("variables", variables));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(started.getBody()).contains("Not raised: plannedEnd: Planned end must be after the planned start");
    assertThat(changes()).isEqualTo(before);
  }
}
