package org.flowdesk.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Problems through the API as agents use them, with the real models, delegates and tables: three
 * printer incidents of three requesters, a problem logged from two and linked to the third, the
 * investigation through the task API, a standard change raised from the problem and implemented
 * (successfully, or failing and backed out), and the cascade to the incidents and their requesters.
 * The clock runs from Monday 3 May 2027, a quiet week for printer changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.runningFrom("2027-05-03T09:00");
    api = new ApiClient(rest);
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  String incident(String requester) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of(
        "title", "The floor 2 printer jams", "description", "Every few pages", "service", "printer",
        "category", "hardware", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  ResponseEntity<String> log(String agent, Object... incidents) {
    Map<String, Object> problem = new HashMap<>(Map.of("title", "Floor 2 printer jams after the firmware update",
        "description", "Several reports since Friday", "service", "printer", "assignmentGroup", "service-desk"));
    problem.put("incidents", List.of(incidents));
    return api.call(agent, HttpMethod.POST, "/api/problems", problem);
  }

  String logged(String agent, Object... incidents) {
    ResponseEntity<String> response = log(agent, incidents);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(response).at("/ticket/number").asText();
  }

  void investigate(String problem, String workaround) {
    Map<String, Object> findings = new HashMap<>(Map.of("rootCause", "Firmware 4.1 misreads the paper sensor",
        "affectedService", "printer"));
    if (workaround != null) {
      findings.put("workaround", workaround);
    }
    api.work("bob", problem, "Investigate the problem", findings);
  }

  /** A standard change of the printer-firmware template, planned for Wednesday 5 May 2027, 10:00. */
  static Map<String, Object> firmwareChange() {
    return firmwareChange("2027-05-05");
  }

  /**
   * The same on another day: each test's change has a window of its own, or one still scheduled
   * from another test would be a conflict for the change manager.
   */
  static Map<String, Object> firmwareChange(String day) {
    return new HashMap<>(Map.of("title", "Printer firmware 4.2 on floor 2", "service", "printer",
        "changeType", "standard", "template", "printer-firmware", "plannedStart", day + "T10:00",
        "plannedEnd", day + "T11:00", "impact", 3));
  }

  /** The change's planned start comes, and bob implements it with the outcome. */
  void implement(String change, String day, String outcome) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(change)
        .singleResult();
    EngineTime.clockAt(day + "T10:00");
    EngineTime.fireDueTimers(managementService, instance);
    api.work("bob", change, "Implement and record the outcome", Map.of("outcome", outcome,
        "outcomeNotes", "successful".equals(outcome) ? "4.2 on all floor 2 printers" : "4.2 bricked one printer"));
  }

  List<String> notified(String ticket, String kind) {
    return jdbc.sql("SELECT COALESCE(recipient_user, recipient_group) FROM fd_notification "
        + "WHERE ticket_number = ? AND kind = ? ORDER BY id").params(ticket, kind).query(String.class).list();
  }

  @Test
  void aKnownErrorFixedByAChangeResolvesItsThreeIncidentsAndTellsTheirThreeRequesters() {
    String alices = incident("alice");
    String gretas = incident("greta");
    String hanas = incident("hana");

    String problem = logged("bob", alices, gretas);
    assertThat(problem).matches("PRB-\\d{6}");
    ResponseEntity<String> linked = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", hanas));
    assertThat(linked.getStatusCode()).as(linked.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(linked).get("incidents").findValuesAsText("number"))
        .containsExactlyInAnyOrder(alices, gretas, hanas);
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("investigation");

    investigate(problem, "Feed one sheet at a time from tray 2");
    JsonNode knownError = api.get("bob", "/api/problems/" + problem);
    assertThat(knownError.at("/ticket/status").asText()).isEqualTo("known_error");
    assertThat(knownError.get("workaround").asText()).isEqualTo("Feed one sheet at a time from tray 2");
    assertThat(knownError.get("rootCause").asText()).isEqualTo("Firmware 4.1 misreads the paper sensor");
    assertThat(knownError.get("knownErrorAt").isNull()).isFalse();
    // Listed among the known errors for the agents.
    assertThat(api.get("nina", "/api/problems?status=known_error&size=200").get("items").findValuesAsText("number"))
        .contains(problem);
    // Published as a knowledge article of kind known_error, for agents (the model's articleAudience), at once.
    String article = knownErrorArticle(problem);
    JsonNode published = api.get("nina", "/api/articles/" + article);
    assertThat(published.get("kind").asText()).isEqualTo("known_error");
    assertThat(published.get("status").asText()).isEqualTo("published");
    assertThat(published.get("audience").asText()).isEqualTo("agents");
    assertThat(published.get("sourceTicket").asText()).isEqualTo(problem);
    assertThat(published.get("author").asText()).isEqualTo("bob");
    assertThat(published.get("title").asText()).isEqualTo("Known error: Floor 2 printer jams after the firmware update");
    assertThat(published.get("html").asText()).contains("Feed one sheet at a time from tray 2", "Symptoms",
        "Several reports since Friday", "Firmware 4.1 misreads the paper sensor");
    assertThat(api.call("alice", HttpMethod.GET, "/api/articles/" + article, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("bob", "/api/tickets/" + problem + "/timeline").findValuesAsText("text"))
        .anyMatch(text -> text.contains("published as the article " + article));

    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange());
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String change = ApiClient.read(raised).get("number").asText();
    JsonNode fixing = api.get("bob", "/api/problems/" + problem);
    assertThat(fixing.at("/ticket/status").asText()).isEqualTo("fixing");
    assertThat(fixing.get("changes").findValuesAsText("number")).containsExactly(change);
    // One fixing change at a time.
    ResponseEntity<String> second = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange());
    assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(second).get("detail").asText()).startsWith(problem + " is Being fixed: ");

    implement(change, "2027-05-05", "successful");

    JsonNode resolved = api.get("bob", "/api/problems/" + problem);
    assertThat(resolved.at("/ticket/status").asText()).isEqualTo("resolved");
    assertThat(resolved.at("/ticket/resolutionNotes").asText()).isEqualTo("Fixed by the change " + change
        + ": Printer firmware 4.2 on floor 2");
    for (String incident : List.of(alices, gretas, hanas)) {
      String requester = incident.equals(alices) ? "alice" : incident.equals(gretas) ? "greta" : "hana";
      JsonNode seen = api.get(requester, "/api/tickets/" + incident);
      assertThat(seen.get("status").asText()).as(incident).isEqualTo("resolved");
      assertThat(seen.get("resolutionCode").asText()).isEqualTo("problem_fixed");
      assertThat(seen.get("resolutionNotes").asText()).isEqualTo(problem + " is fixed: Fixed by the change " + change
          + ": Printer firmware 4.2 on floor 2");
      assertThat(notified(incident, "resolved")).containsExactly(requester);
    }

    // The fix is in: no one applies the workaround any more; its author (bob, who investigated) sees it retired.
    assertThat(api.get("bob", "/api/articles/" + article).get("status").asText()).isEqualTo("retired");
    assertThat(api.call("nina", HttpMethod.GET, "/api/articles/" + article, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("bob", "/api/tickets/" + problem + "/timeline").findValuesAsText("text"))
        .contains("Known error article retired: " + article);

    api.work("sam", problem, "Review the problem", Map.of("reviewFindings", "No jams for a week"));
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("closed");
    // A closed problem takes no more incidents.
    ResponseEntity<String> closed = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", incident("alice")));
    assertThat(closed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(closed).get("detail").asText())
        .isEqualTo(problem + " is Closed: link incidents to an open problem");
  }

  /** The known error article is in its author's language: its headings and closing words too, not only its text. */
  @Test
  void aGermanAgentsKnownErrorArticleIsWordedInGerman() {
    String problem = logged("bob", incident("alice"));
    java.util.HashMap<String, Object> german = new java.util.HashMap<>();
    german.put("language", "de");
    api.call("bob", HttpMethod.PUT, "/api/me/language", german);
    try {
      investigate(problem, "Ein Blatt nach dem anderen aus Fach 2 einziehen");
    } finally {
      java.util.HashMap<String, Object> none = new java.util.HashMap<>();
      none.put("language", null);
      api.call("bob", HttpMethod.PUT, "/api/me/language", none);
    }
    JsonNode article = api.get("nina", "/api/articles/" + knownErrorArticle(problem));
    assertThat(article.get("language").asText()).isEqualTo("de");
    assertThat(article.get("title").asText()).isEqualTo("Bekannter Fehler: Floor 2 printer jams after the firmware "
        + "update");
    assertThat(article.get("html").asText()).contains("Symptome", "Umgehung", "Ursache",
        "An einer Behebung wird unter " + problem + " gearbeitet").doesNotContain("Workaround", "Root cause");
  }

  String knownErrorArticle(String problem) {
    return jdbc.sql("SELECT id FROM fd_article WHERE source_ticket = ? AND kind = 'known_error'").param(problem)
        .query(String.class).single();
  }

  @Test
  void aKnownErrorFoundAgainAfterAFailedFixGetsItsNewWorkaroundAsTheArticlesNextVersion() {
    String problem = logged("bob", incident("alice"));
    investigate(problem, "Feed one sheet at a time from tray 2");
    String article = knownErrorArticle(problem);
    investigateAfterAFailedFix(problem, "2027-05-11", "Print from tray 1 until firmware 4.3");
    assertThat(knownErrorArticle(problem)).isEqualTo(article);
    JsonNode revised = api.get("nina", "/api/articles/" + article);
    assertThat(revised.get("version").asInt()).isEqualTo(2);
    assertThat(revised.get("status").asText()).isEqualTo("published");
    assertThat(revised.get("html").asText()).contains("Print from tray 1 until firmware 4.3")
        .doesNotContain("Feed one sheet");
    assertThat(api.get("nina", "/api/articles/" + article + "/versions").findValuesAsText("version"))
        .containsExactly("1", "2");
  }

  @Test
  void theListCountsEachProblemsIncidentsFindsItsWordsAndEveryAgentReadsItsTimeline() {
    String alices = incident("alice");
    String gretas = incident("greta");
    String problem = logged("bob", alices, gretas);
    String lonely = logged("bob");
    investigate(problem, "Feed one sheet at a time from tray 2");

    JsonNode listed = api.get("nina", "/api/problems?open=true&size=200");
    JsonNode withTwo = item(listed, problem);
    assertThat(withTwo.get("incidents").asLong()).isEqualTo(2);
    assertThat(withTwo.get("knownErrorAt").isNull()).as("a known error says since when").isFalse();
    assertThat(withTwo.get("title").asText()).as("the ticket's fields, as before").startsWith("Floor 2 printer");
    JsonNode none = item(listed, lonely);
    assertThat(none.get("incidents").asLong()).isZero();
    assertThat(none.get("knownErrorAt").isNull()).isTrue();

    // Words of the title, and a problem's number.
    jdbc.sql("UPDATE fd_ticket SET title = 'Badger gateway drops the floor 2 queue' WHERE ticket_number = ?")
        .param(lonely).update();
    assertThat(api.get("nina", "/api/problems?q=badger&size=200").get("items").findValuesAsText("number"))
        .containsExactly(lonely);
    assertThat(api.get("nina", "/api/problems?q=" + problem + "&size=200").get("items").findValuesAsText("number"))
        .containsExactly(problem);
    assertThat(api.get("nina", "/api/problems?q=badger&size=200").get("total").asLong()).isEqualTo(1);

    // nina (network) works none of it, yet reads its timeline as an agent: the findings and the links.
    JsonNode timeline = api.get("nina", "/api/problems/" + problem + "/timeline");
    assertThat(timeline.findValuesAsText("text")).anyMatch(text -> text.contains("Linked to " + alices))
        .anyMatch(text -> text.contains(gretas));
    assertThat(api.call("nina", HttpMethod.GET, "/api/tickets/" + problem + "/timeline", null).getStatusCode())
        .as("the ticket's own timeline stays its agents'").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("alice", HttpMethod.GET, "/api/problems/" + problem + "/timeline", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  static JsonNode item(JsonNode page, String number) {
    for (JsonNode item : page.get("items")) {
      if (number.equals(item.get("number").asText())) {
        return item;
      }
    }
    throw new AssertionError(number + " is not in " + page);
  }

  @Test
  void aFailedFixingChangeSendsTheProblemBackToInvestigation() {
    String alices = incident("alice");
    String problem = logged("bob", alices);
    // No fixing change before the root cause is known.
    ResponseEntity<String> early = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange("2027-05-06"));
    assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(early).get("detail").asText()).startsWith(problem + " is Under investigation: ");
    investigate(problem, null);
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("cause_found");
    String change = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange("2027-05-06"))).get("number").asText();

    implement(change, "2027-05-06", "failed");
    api.work("bob", change, "Back out the change", Map.of("backoutNotes", "Went back to 4.1"));

    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("investigation");
    assertThat(api.taskOf("bob", problem, "Investigate the problem")).isNotNull();
    assertThat(api.get("alice", "/api/tickets/" + alices).get("status").asText()).isNotEqualTo("resolved");
  }

  /** A problem's investigation has no work form with a choice: bulk take-on takes the step offered to its group. */
  @Test
  void anAgentOfItsGroupTakesOnAProblemFromTheQueueInBulk() {
    String problem = logged("bob", incident("hana"));

    JsonNode report = ApiClient.read(api.call("sam", HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "assign",
        "tickets", List.of(problem))));

    assertThat(report.get("done").asInt()).as(report.toString()).isEqualTo(1);
    assertThat(api.get("bob", "/api/tickets/" + problem).get("assignee").asText()).isEqualTo("sam");
    assertThat(api.taskOf("sam", problem, "Investigate the problem")).isNotNull();
  }

  @Test
  void aCancelledFixingChangeSendsTheProblemBackToInvestigationToo() {
    String problem = logged("bob", incident("hana"));
    investigate(problem, "Feed one sheet at a time from tray 2");
    String change = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange("2027-05-07"))).get("number").asText();
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("fixing");

    ResponseEntity<String> cancelled = api.call("bob", HttpMethod.POST, "/api/changes/" + change + "/cancel",
        Map.of("reason", "The vendor withdrew 4.2"));
    assertThat(cancelled.getStatusCode()).as(cancelled.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("investigation");
    assertThat(api.get("bob", "/api/tickets/" + problem + "/timeline").findValuesAsText("text"))
        .contains("The fixing change did not fix it; back to investigation");
  }

  @Test
  void problemsAreForAgentsAndTakeOnlyIncidentsTheAgentMaySee() {
    String alices = incident("alice");
    String problem = logged("bob", alices);

    // Requesters: no problems, but their own incident as before.
    assertThat(log("alice", alices).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("alice", HttpMethod.GET, "/api/problems", null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("alice", HttpMethod.GET, "/api/problems/" + problem, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + problem, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("alice", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", alices)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.get("alice", "/api/tickets/" + alices).get("number").asText()).isEqualTo(alices);

    // Not a problem, no such problem, not a number.
    assertThat(api.call("bob", HttpMethod.GET, "/api/problems/" + alices, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("bob", HttpMethod.GET, "/api/problems/PRB-999999", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> notANumber = api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", "INC-42'; DROP TABLE fd_ticket; --"));
    assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(notANumber).get("errors").findValuesAsText("field")).containsOnly("incident");

    // A change is no incident; nina (network) may not see a printer incident of the service desk.
    String change = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/changes", firmwareChange("2027-05-10")))
        .get("number").asText();
    assertThat(api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", change)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("nina", HttpMethod.POST, "/api/problems/" + problem + "/incidents",
        Map.of("incident", incident("greta"))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> refused = log("nina", alices, change);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("message"))
        .containsExactlyInAnyOrder("'" + alices + "' is no incident that you may see",
            "'" + change + "' is no incident that you may see");

    Map<String, Object> noGroup = Map.of("title", "Printers", "assignmentGroup", "nobody", "service", "teleporter");
    ResponseEntity<String> badGroup = api.call("bob", HttpMethod.POST, "/api/problems", noGroup);
    assertThat(badGroup.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(badGroup).get("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("assignmentGroup", "service");
    ResponseEntity<String> sleeping = api.call("bob", HttpMethod.GET, "/api/problems?status=sleeping", null);
    assertThat(sleeping.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The refusal names the statuses the models declare, as the ticket list's and the search's do.
    assertThat(ApiClient.read(sleeping).get("errors").get(0).get("message").asText())
        .startsWith("is no status the models declare; they declare ").contains("known_error");
  }

  /** An e-mail incident of alice's, worked by the service desk (bob). */
  String mailIncident(String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of(
        "title", title, "description", "Since this morning", "service", "email", "category", "software",
        "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  @Test
  void anAgentSeesTheKnownErrorOfAnIncidentAppliesItsWorkaroundAndResolvesItAsAKnownError() {
    String first = mailIncident("Calendar invitations vanish in Outlook");
    String problem = logged("bob", first);
    Map<String, Object> findings = new HashMap<>(Map.of("rootCause", "The mail gateway strips calendar parts",
        "affectedService", "email", "workaround", "Open the invitation in the web mailer"));
    api.work("bob", problem, "Investigate the problem", findings);
    // A problem of other words and no service is found by the words of the title alone.
    String worded = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems", Map.of(
        "title", "Invitations arrive twice", "assignmentGroup", "service-desk"))).at("/ticket/number").asText();

    String second = mailIncident("Invitations missing from my calendar");
    JsonNode known = api.get("bob", "/api/tickets/" + second + "/known-errors");
    JsonNode mine = null;
    JsonNode byWords = null;
    for (JsonNode p : known) {
      mine = problem.equals(p.get("number").asText()) ? p : mine;
      byWords = worded.equals(p.get("number").asText()) ? p : byWords;
    }
    assertThat(mine).as(known.toString()).isNotNull();
    assertThat(mine.get("workaround").asText()).isEqualTo("Open the invitation in the web mailer");
    assertThat(mine.get("status").asText()).isEqualTo("known_error");
    assertThat(mine.get("linked").asBoolean()).isFalse();
    // Logged for the printer, found to affect e-mail.
    assertThat(mine.get("matched").toString()).isEqualTo("[\"service\"]");
    assertThat(byWords).as(known.toString()).isNotNull();
    assertThat(byWords.get("matched").toString()).isEqualTo("[\"words\"]");
    assertThat(byWords.get("workaround").isNull()).isTrue();
    assertThat(mine.get("applied").isNull()).as("not applied yet").isTrue();

    ResponseEntity<String> applied = api.call("bob", HttpMethod.POST, "/api/tickets/" + second + "/workaround",
        Map.of("problem", problem));
    assertThat(applied.getStatusCode()).as(applied.getBody()).isEqualTo(HttpStatus.CREATED);
    // alice reads the workaround on her incident, which is now one of the problem's.
    assertThat(api.get("alice", "/api/tickets/" + second + "/timeline").findValuesAsText("text"))
        .contains("Workaround for the known error " + problem + " (Floor 2 printer jams after the firmware update):\n"
            + "Open the invitation in the web mailer");
    // Applied again (a second click, or forgotten): alice has it already and is not told twice.
    ResponseEntity<String> again = api.call("bob", HttpMethod.POST, "/api/tickets/" + second + "/workaround",
        Map.of("problem", problem));
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(again).get("detail").asText()).isEqualTo(problem + "'s workaround was applied to "
        + second + " already: its requester has it in a public comment");
    assertThat(api.get("alice", "/api/tickets/" + second + "/timeline").findValuesAsText("text"))
        .filteredOn(text -> text.startsWith("Workaround for the known error " + problem)).hasSize(1);
    assertThat(api.get("bob", "/api/problems/" + problem).get("incidents").findValuesAsText("number"))
        .containsExactlyInAnyOrder(first, second);
    JsonNode linkedNow = api.get("bob", "/api/tickets/" + second + "/known-errors").get(0);
    assertThat(linkedNow.get("number").asText()).isEqualTo(problem);
    assertThat(linkedNow.get("linked").asBoolean()).isTrue();
    // Its agents see it was applied, when and by whom, and that it is not to be applied again.
    assertThat(linkedNow.at("/applied/by").asText()).isEqualTo("bob");
    assertThat(linkedNow.at("/applied/byName").asText()).isEqualTo("Bob Becker");
    assertThat(linkedNow.at("/applied/at").asText()).isEqualTo(ApiClient.read(applied).get("at").asText());
    assertThat(linkedNow.at("/applied/revisedSince").asBoolean()).isFalse();
    // Its work form now offers "Solved with a known error's workaround" as the resolution code.
    JsonNode workForm = api.get("bob", "/api/tasks/" + api.taskOf("bob", second, "Work incident"));
    assertThat(workForm.at("/values/resolutionCode").asText()).isEqualTo("known_error");

    api.work("bob", second, "Work incident", Map.of("action", "resolve", "resolutionCode", "known_error",
        "resolutionNotes", "The web mailer shows it until the gateway is fixed"));
    JsonNode resolved = api.get("alice", "/api/tickets/" + second);
    assertThat(resolved.get("status").asText()).isEqualTo("resolved");
    assertThat(resolved.get("resolutionCode").asText()).isEqualTo("known_error");
    ResponseEntity<String> tooLate = api.call("bob", HttpMethod.POST, "/api/tickets/" + second + "/workaround",
        Map.of("problem", problem));
    assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(tooLate).get("detail").asText())
        .isEqualTo(second + " is Resolved: apply a workaround to an open incident");
  }

  /** The known error of the incident as its agents see it. */
  JsonNode knownError(String incident, String problem) {
    for (JsonNode known : api.get("bob", "/api/tickets/" + incident + "/known-errors")) {
      if (problem.equals(known.get("number").asText())) {
        return known;
      }
    }
    throw new AssertionError(problem + " is not among the known errors of " + incident);
  }

  /** The problem's fixing change fails on the day and is backed out; investigated again, it has that workaround. */
  void investigateAfterAFailedFix(String problem, String day, String workaround) {
    String change = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems/" + problem + "/changes",
        firmwareChange(day))).get("number").asText();
    implement(change, day, "failed");
    api.work("bob", change, "Back out the change", Map.of("backoutNotes", "Went back to 4.1"));
    investigate(problem, workaround);
  }

  List<String> workaroundComments(String incident, String problem) {
    return api.get("alice", "/api/tickets/" + incident + "/timeline").findValuesAsText("text").stream()
        .filter(text -> text.startsWith("Workaround for the known error " + problem)).toList();
  }

  @Test
  void aWorkaroundRevisedAfterAFailedFixIsOfferedAndAppliedAgainOnce() {
    String incident = incident("alice");
    String problem = logged("bob", incident);
    investigate(problem, "Feed one sheet at a time from tray 2");
    assertThat(api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(knownError(incident, problem).at("/applied/revisedSince").asBoolean()).isFalse();

    // The fix fails; investigated again, the problem has another workaround: its next revision.
    investigateAfterAFailedFix(problem, "2027-05-12", "Print from tray 1 until firmware 4.3");
    JsonNode revised = knownError(incident, problem);
    assertThat(revised.at("/applied/by").asText()).isEqualTo("bob");
    assertThat(revised.at("/applied/revisedSince").asBoolean()).as("the requester has the old one only").isTrue();

    ResponseEntity<String> again = api.call("sam", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem));
    assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(workaroundComments(incident, problem)).hasSize(2).last().asString()
        .endsWith("):\nPrint from tray 1 until firmware 4.3");
    JsonNode appliedNow = knownError(incident, problem).get("applied");
    assertThat(appliedNow.get("by").asText()).isEqualTo("sam");
    assertThat(appliedNow.get("revisedSince").asBoolean()).isFalse();
    ResponseEntity<String> thrice = api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem));
    assertThat(thrice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(workaroundComments(incident, problem)).hasSize(2);

    // Found again after another failed fix with the same workaround, it is no new revision: still applied.
    investigateAfterAFailedFix(problem, "2027-05-13", "Print from tray 1 until firmware 4.3");
    assertThat(knownError(incident, problem).at("/applied/revisedSince").asBoolean()).isFalse();
    assertThat(api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  /**
   * A fix fails and the investigation after it finds no workaround: the one applied to the incident is withdrawn. The
   * known errors say so (not "revised since"), nothing is offered or applied again, and the refusal says why, in the
   * caller's language; a workaround found again later is offered as a revision.
   */
  @Test
  void aWorkaroundWithdrawnAfterAFailedFixIsSaidSoAndNotAppliedAgain() {
    String incident = incident("alice");
    String problem = logged("bob", incident);
    investigate(problem, "Feed one sheet at a time from tray 2");
    assertThat(api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode appliedFirst = knownError(incident, problem).get("applied");
    assertThat(appliedFirst.get("revisedSince").asBoolean()).isFalse();
    assertThat(appliedFirst.get("withdrawnSince").asBoolean()).isFalse();

    String article = knownErrorArticle(problem);
    investigateAfterAFailedFix(problem, "2027-05-12", null);
    // Its known error article no longer offers the withdrawn workaround (problem.bpmn: "Retire a withdrawn known
    // error's article"); the problem has its root cause and no workaround.
    assertThat(api.get("bob", "/api/problems/" + problem).at("/ticket/status").asText()).isEqualTo("cause_found");
    assertThat(api.get("bob", "/api/articles/" + article).get("status").asText()).isEqualTo("retired");
    assertThat(api.get("bob", "/api/tickets/" + problem + "/timeline").findValuesAsText("text"))
        .containsSubsequence("Root cause found; there is no workaround", "Known error article retired: " + article);
    // In German: the service by the German catalog's name, the known error and its article's retirement in words.
    org.springframework.http.HttpHeaders germanReader = new org.springframework.http.HttpHeaders();
    germanReader.set(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange("/api/tickets/" + problem + "/timeline",
        HttpMethod.GET, new org.springframework.http.HttpEntity<>(germanReader), String.class))
        .findValuesAsText("text"))
        .contains("Ursache (Drucken): Firmware 4.1 misreads the paper sensor",
            "Bekannter Fehler. Umgehung: Feed one sheet at a time from tray 2 (als Artikel " + article
                + " veröffentlicht)", "Artikel zum bekannten Fehler zurückgezogen: " + article);

    JsonNode withdrawn = knownError(incident, problem);
    assertThat(withdrawn.get("workaround").isNull()).isTrue();
    assertThat(withdrawn.at("/applied/by").asText()).isEqualTo("bob");
    assertThat(withdrawn.at("/applied/byName").asText()).isEqualTo("Bob Becker");
    assertThat(withdrawn.at("/applied/at").asText()).isEqualTo(appliedFirst.get("at").asText());
    assertThat(withdrawn.at("/applied/withdrawnSince").asBoolean()).isTrue();
    assertThat(withdrawn.at("/applied/revisedSince").asBoolean()).as("there is no revision to apply").isFalse();

    ResponseEntity<String> again = api.call("sam", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", problem));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(again).get("detail").asText())
        .isEqualTo(problem + "'s workaround was withdrawn: it has none now");
    org.springframework.http.HttpHeaders german = new org.springframework.http.HttpHeaders();
    german.set(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "de");
    ResponseEntity<String> inGerman = ApiClient.as(rest, "sam", "sam").exchange("/api/tickets/" + incident
        + "/workaround", HttpMethod.POST, new org.springframework.http.HttpEntity<>(Map.of("problem", problem), german),
        String.class);
    assertThat(inGerman.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(inGerman).get("detail").asText())
        .isEqualTo("Die Umgehung von " + problem + " wurde zurückgezogen: es hat derzeit keine");
    assertThat(workaroundComments(incident, problem)).hasSize(1);

    // Another fix fails, and this investigation finds a workaround again: a revision the requester has not had.
    investigateAfterAFailedFix(problem, "2027-05-13", "Print from tray 1 until firmware 4.3");
    JsonNode revised = knownError(incident, problem).get("applied");
    assertThat(revised.get("withdrawnSince").asBoolean()).isFalse();
    assertThat(revised.get("revisedSince").asBoolean()).isTrue();
    // Published as a new known error article; the retired one stays retired.
    List<String> articles = jdbc.sql("SELECT id FROM fd_article WHERE source_ticket = ? AND kind = 'known_error' "
        + "ORDER BY id").param(problem).query(String.class).list();
    assertThat(articles).hasSize(2).startsWith(article);
    assertThat(api.get("bob", "/api/articles/" + article).get("status").asText()).isEqualTo("retired");
    JsonNode republished = api.get("bob", "/api/articles/" + articles.get(1));
    assertThat(republished.get("status").asText()).isEqualTo("published");
    assertThat(republished.toString()).contains("Print from tray 1 until firmware 4.3");
  }

  @Test
  void twoAgentsApplyingOneWorkaroundAtOnceGiveTheRequesterOneComment() throws Exception {
    String incident = mailIncident("Shared calendar shows no invitations");
    String problem = logged("bob", incident);
    api.work("bob", problem, "Investigate the problem", Map.of("rootCause", "The mail gateway strips calendar parts",
        "affectedService", "email", "workaround", "Open the invitation in the web mailer"));
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService agents = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<ResponseEntity<String>>> answers = new java.util.ArrayList<>();
      for (String agent : List.of("bob", "sam")) {
        answers.add(agents.submit(() -> {
          together.await();
          return api.call(agent, HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
              Map.of("problem", problem));
        }));
      }
      List<HttpStatus> statuses = new java.util.ArrayList<>();
      for (var answer : answers) {
        ResponseEntity<String> response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        statuses.add(HttpStatus.valueOf(response.getStatusCode().value()));
        if (response.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
          assertThat(ApiClient.read(response).get("detail").asText()).isEqualTo(problem + "'s workaround was "
              + "applied to " + incident + " already: its requester has it in a public comment");
        }
      }
      assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
    } finally {
      agents.shutdownNow();
    }
    assertThat(workaroundComments(incident, problem)).hasSize(1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_workaround_application WHERE incident_number = ?").param(incident)
        .query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void knownErrorsAndWorkaroundsRefuseWhatIsNotTheAgentsToAsk() {
    String incident = mailIncident("Outlook search finds nothing");
    String notYetKnown = logged("bob", incident);
    // Only the incident's agents: alice reported it (403), hana works for HR and may not see it (404).
    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + incident + "/known-errors", null)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("hana", HttpMethod.GET, "/api/tickets/" + incident + "/known-errors", null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("hana", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", notYetKnown)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("alice", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", notYetKnown)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    // A problem being investigated has no workaround to apply.
    ResponseEntity<String> noWorkaround = api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
        Map.of("problem", notYetKnown));
    assertThat(noWorkaround.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(noWorkaround.getBody()).contains(notYetKnown + " has no workaround yet");
    // An incident is no problem, nor is a number nobody has, nor words.
    for (String notAProblem : List.of(incident, "PRB-999999999", "CHG-000001")) {
      assertThat(api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
          Map.of("problem", notAProblem)).getStatusCode()).as(notAProblem).isEqualTo(HttpStatus.NOT_FOUND);
    }
    for (Object hostile : List.of("PRB-1'; DROP TABLE fd_ticket; --", "", "x".repeat(500))) {
      assertThat(api.call("bob", HttpMethod.POST, "/api/tickets/" + incident + "/workaround",
          Map.of("problem", hostile)).getStatusCode()).as(hostile.toString()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    // A problem's own page is no incident to show known errors for.
    assertThat(api.call("bob", HttpMethod.GET, "/api/tickets/" + notYetKnown + "/known-errors", null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("alice", "/api/tickets/" + incident + "/timeline").findValuesAsText("text"))
        .noneMatch(text -> text.startsWith("Workaround"));
  }
}
