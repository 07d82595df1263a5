package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowdesk.ApiClient;
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

/**
 * On behalf of someone: who is the requester, who is told, who approves; and who may not. Tickets
 * are told apart by a title of their own, since other tests' tickets share the tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnBehalfApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  static String unique(String title) {
    return title + " " + UUID.randomUUID().toString().substring(0, 8);
  }

  static Map<String, Object> report(String title, String requestedFor) {
    Map<String, Object> report = new LinkedHashMap<>(Map.of("title", title, "description", "Called the desk",
        "service", "vpn", "category", "network", "impact", 3, "urgency", 3));
    if (requestedFor != null) {
      report.put("requestedFor", requestedFor);
    }
    return report;
  }

  long ticketsTitled(String title) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE title LIKE ?").param("%" + title + "%").query(Long.class)
        .single();
  }

  @Test
  void anAgentReportsForACallerWhoBecomesTheRequesterSeesItAndIsToldWhoReportedIt() {
    String title = unique("VPN drops at home");
    ResponseEntity<String> reported = api.call("bob", HttpMethod.POST, "/api/incidents", report(title, "alice"));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode ticket = ApiClient.read(reported);
    String number = ticket.get("number").asText();
    assertThat(ticket.get("requester").asText()).isEqualTo("alice");
    assertThat(ticket.get("enteredBy").asText()).isEqualTo("bob");

    // alice's ticket: she reads it, finds it among her own, and was told who reported it for her.
    assertThat(api.get("alice", "/api/tickets/" + number).get("enteredBy").asText()).isEqualTo("bob");
    assertThat(api.get("alice", "/api/tickets?mine=true&size=200").get("items").findValuesAsText("number"))
        .contains(number);
    assertThat(api.get("alice", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("received");
      assertThat(n.get("recipientUser").asText()).isEqualTo("alice");
      assertThat(n.get("text").asText()).startsWith("We received " + number
          + " from Bob Becker, who reported it for you. It has priority");
    });
    assertThat(api.get("bob", "/api/notifications?ticket=" + number)).noneSatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("received");
    });
    // The timeline says who entered it for whom; bob follows it though the network team works it.
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .contains("Reported by Bob Becker for Alice Andersen: " + title);
    assertThat(api.get("alice", "/api/tickets/" + number + "/watchers").toString()).contains("\"bob\"");
    assertThat(api.call("bob", HttpMethod.GET, "/api/tickets/" + number, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    // The resolution is alice's to confirm, as for any incident she reported.
    api.work("nina", number, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Router restarted"));
    assertThat(api.taskOf("alice", number, "Confirm resolution")).isNotNull();
    assertThat(api.taskOf("bob", number, "Confirm resolution")).isNull();
  }

  @Test
  void anIdempotencyKeyIsTheCallersAndTheSameKeyForAnotherPersonIsAnotherRequest() {
    String title = unique("Retried call");
    String key = "call-" + title.substring(title.length() - 8);
    HttpHeaders headers = new HttpHeaders();
    headers.set("Idempotency-Key", key);
    ResponseEntity<String> first = withKey(report(title, "alice"), headers);
    ResponseEntity<String> retried = withKey(report(title, "alice"), headers);
    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(retried).get("number")).isEqualTo(ApiClient.read(first).get("number"));
    ResponseEntity<String> forGreta = withKey(report(title, "greta"), headers);
    assertThat(forGreta.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(ticketsTitled(title)).isOne();
  }

  @Test
  void aTicketTheRequesterEntersHasNobodyElseAsEnteredBy() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents",
        report(unique("Own report"), "alice"));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(reported).get("enteredBy").isNull()).isTrue();
  }

  @Test
  void anOrderForSomeoneIsApprovedByTheirManagerNotTheAgents() {
    ResponseEntity<String> ordered = api.call("bob", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "27", "reason", "Alice called: spreadsheets"), "requestedFor", "alice"));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode ticket = ApiClient.read(ordered);
    String number = ticket.get("number").asText();
    assertThat(ticket.get("requester").asText()).isEqualTo("alice");
    assertThat(ticket.get("enteredBy").asText()).isEqualTo("bob");
    assertThat(ticket.get("status").asText()).isEqualTo("awaiting_approval");

    // alice's manager mark approves, not bob's manager sam; the title names alice.
    assertThat(api.taskOf("mark", number, "Manager approves")).isNotNull();
    assertThat(api.taskOf("sam", number, "Manager approves")).isNull();
    assertThat(api.get("mark", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("approval_needed");
      assertThat(n.get("text").asText()).contains("for Alice Andersen");
    });
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .anySatisfy(text -> assertThat(text).startsWith("Reported by Bob Becker for Alice Andersen: "));
    // alice is told who ordered it for her; bob is not told of his own order.
    assertThat(api.get("alice", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n.get("ticketNumber").asText()).isEqualTo(number);
      assertThat(n.get("kind").asText()).isEqualTo("ordered_for_you");
      assertThat(n.get("text").asText()).startsWith("Bob Becker ordered " + number + " for you: Extra monitor");
    });
    assertThat(api.get("bob", "/api/notifications?ticket=" + number)).noneSatisfy(n ->
        assertThat(n.get("ticketNumber").asText()).isEqualTo(number));

    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));
    assertThat(api.status("alice", number)).isEqualTo("in_progress");
    // alice, whose request it is, is told it was approved; bob, who entered it and so watches it, hears it as a watcher.
    assertThat(api.get("alice", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("request_approved");
      assertThat(n.get("text").asText()).startsWith(number + " (Extra monitor").endsWith("was approved. Fulfilment "
          + "begins; you will be told when it is delivered.");
    });
    assertThat(api.get("bob", "/api/notifications?ticket=" + number)).singleElement().satisfies(n -> {
      assertThat(n.get("kind").asText()).isEqualTo("request_approved");
      assertThat(n.get("text").asText()).isEqualTo(number + ", which you watch, was approved.");
    });
  }

  /**
   * mark orders for his report greta and so watches the order; he approves it himself as her manager: greta is
   * told, mark is not told of his own decision as a watcher.
   */
  @Test
  void aManagerWhoApprovesWhatHeOrderedForAReportIsNotToldOfHisOwnDecision() {
    String number = orderedByMarkFor("greta", "Greta's second screen");
    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));

    assertThat(api.status("greta", number)).isEqualTo("in_progress");
    assertThat(api.get("greta", "/api/notifications?ticket=" + number).findValuesAsText("kind"))
        .contains("request_approved");
    assertThat(api.get("mark", "/api/notifications?ticket=" + number).findValuesAsText("kind"))
        .containsExactly("approval_needed");
  }

  /**
   * greta's profile says German: the request mark orders for her is titled with the item's German name, and her
   * bell tells her of it in German; mark, whose profile names no language, reads his in English.
   */
  @Test
  void theTitleNamesTheItemAndTheBellSpeaksInTheRequestersLanguage() {
    String number = orderedByMarkFor("greta", "Greta's desk");
    // Wholly German: the catalog's German title (catalog/i18n) with the form's German option (forms/i18n).
    assertThat(api.get("greta", "/api/tickets/" + number).get("title").asText())
        .isEqualTo("Zusätzlicher Monitor — 27 Zoll, für Greta Graf");
    assertThat(api.get("mark", "/api/notifications?ticket=" + number)).singleElement().satisfies(n ->
        assertThat(n.get("text").asText()).startsWith("Please approve " + number + ": Zusätzlicher Monitor — 27")
            .endsWith(", 250.00 EUR."));
    // Read in German (mark's browser asking for it), the price is in German numbers, not the model's 250.0.
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "mark", "mark").exchange("/api/notifications?ticket=" + number,
        HttpMethod.GET, new HttpEntity<>(german), String.class)).findValuesAsText("text")).singleElement()
        .isEqualTo("Bitte genehmigen Sie " + number + ": Zusätzlicher Monitor — 27 Zoll, für Greta Graf, 250,00 EUR.");

    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));
    JsonNode told = api.get("greta", "/api/notifications?ticket=" + number);
    assertThat(told.findValuesAsText("text")).contains("Mark Meyer hat " + number + " für Sie bestellt: "
        + api.get("greta", "/api/tickets/" + number).get("title").asText() + ". Sie erfahren, wie es weitergeht, und "
        + "bestätigen den Empfang, wenn es ankommt.");
    assertThat(told.findValuesAsText("text")).anySatisfy(text -> assertThat(text)
        .startsWith(number + " (Zusätzlicher Monitor — 27").endsWith(") wurde genehmigt. Die Erfüllung beginnt; Sie "
            + "erfahren, wenn es geliefert ist."));
  }

  /** Without a language in the profile, the bell speaks the browser's; the texts stay as they were written. */
  @Test
  void theBellSpeaksTheBrowsersLanguageWhenTheProfileNamesNone() {
    ResponseEntity<String> ordered = api.call("bob", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", unique("Alice called")), "requestedFor", "alice"));
    String number = ApiClient.read(ordered).get("number").asText();
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9");
    ResponseEntity<String> bell = ApiClient.as(rest, "alice", "alice").exchange("/api/notifications?ticket=" + number,
        HttpMethod.GET, new HttpEntity<>(german), String.class);

    assertThat(ApiClient.read(bell).findValuesAsText("text")).containsExactly("Bob Becker hat " + number
        + " für Sie bestellt: Extra monitor — 24 inch, for Alice Andersen. Sie erfahren, wie es weitergeht, und bestätigen "
        + "den Empfang, wenn es ankommt.");
    assertThat(api.get("alice", "/api/notifications?ticket=" + number).findValuesAsText("text")).containsExactly(
        "Bob Becker ordered " + number + " for you: Extra monitor — 24 inch, for Alice Andersen. You will be told how it "
            + "goes, and you confirm when it arrives.");
  }

  /** The same through Camunda's REST API: mark rejects what he ordered for alice, and only alice hears it. */
  @Test
  void aManagerWhoRejectsWhatHeOrderedForAReportAtTheEngineRestIsNotToldOfHisOwnDecision() {
    String number = orderedByMarkFor("alice", "Alice's second screen");
    ResponseEntity<String> rejected = ApiClient.as(rest, "mark", "mark").postForEntity(
        "/engine-rest/task/" + api.taskOf("mark", number, "Manager approves") + "/complete",
        Map.of("variables", Map.of("decision", Map.of("value", "reject", "type", "String"),
            "rejectionReason", Map.of("value", "One screen is enough", "type", "String"))), String.class);
    assertThat(rejected.getStatusCode()).as(rejected.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(api.status("alice", number)).isEqualTo("rejected");
    assertThat(api.get("alice", "/api/notifications?ticket=" + number).findValuesAsText("kind"))
        .contains("request_rejected");
    assertThat(api.get("mark", "/api/notifications?ticket=" + number).findValuesAsText("kind"))
        .containsExactly("approval_needed");
  }

  /** mark orders a monitor for one of his reports; he watches it as the one who entered it. */
  String orderedByMarkFor(String report, String reason) {
    ResponseEntity<String> ordered = api.call("mark", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "27", "reason", unique(reason)), "requestedFor", report));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(ordered).get("number").asText();
    assertThat(api.get("mark", "/api/tickets/" + number + "/watchers").toString()).contains("mark");
    return number;
  }

  @Test
  void aManagerOrdersForADirectReportButForNobodyElse() {
    ResponseEntity<String> ordered = api.call("mark", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "Greta starts at the new desk"), "requestedFor", "greta"));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(ordered).get("requester").asText()).isEqualTo("greta");
    assertThat(ApiClient.read(ordered).get("enteredBy").asText()).isEqualTo("mark");

    String title = unique("Not mark's report");
    ResponseEntity<String> refused = api.call("mark", HttpMethod.POST, "/api/incidents", report(title, "hana"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).contains("hana is not one of your direct reports");
    assertThat(ticketsTitled(title)).isZero();
  }

  @Test
  void aRequesterMayNotReportOrOrderForSomeoneElseAndNothingIsCreated() {
    String title = unique("Greta's printer");
    ResponseEntity<String> refused = api.call("alice", HttpMethod.POST, "/api/incidents", report(title, "greta"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
    assertThat(refused.getBody()).contains("Only service desk agents, and managers for their direct reports");
    assertThat(ticketsTitled(title)).isZero();

    long gretasRequests = jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE requester = 'greta' AND ticket_type = "
        + "'request'").query(Long.class).single();
    ResponseEntity<String> order = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "For greta"), "requestedFor", "greta"));
    assertThat(order.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE requester = 'greta' AND ticket_type = 'request'")
        .query(Long.class).single()).isEqualTo(gretasRequests);
  }

  @Test
  void anUnknownPersonIsRefusedNamingRequestedForAndNothingIsCreated() {
    String title = unique("For a stranger");
    ResponseEntity<String> refused = api.call("bob", HttpMethod.POST, "/api/incidents", report(title, "nobody-here"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = ApiClient.read(refused);
    assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("requestedFor");
    assertThat(problem.get("errors").get(0).get("message").asText()).contains("there is no person 'nobody-here'");
    assertThat(ticketsTitled(title)).isZero();

    ResponseEntity<String> order = api.call("bob", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", title), "requestedFor", "nobody-here"));
    assertThat(order.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(order.getBody()).contains("requestedFor");

    ResponseEntity<String> notAnId = api.call("bob", HttpMethod.POST, "/api/incidents",
        plus(report(title, null), "requestedFor", List.of("alice")));
    assertThat(notAnId.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ticketsTitled(title)).isZero();
  }

  @Test
  void theItemMustBeOrderableByThePersonItIsFor() {
    // Onboarding is for HR and approvers: alice is neither, whoever orders for her.
    ResponseEntity<String> refused = api.call("bob", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of(), "requestedFor", "alice"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("Alice Andersen is not one");
  }

  @Test
  void thePickerOffersAgentsAnyoneManagersTheirReportsAndRequestersNobody() {
    assertThat(api.get("bob", "/api/people?q=ander")).anySatisfy(person -> {
      assertThat(person.get("userId").asText()).isEqualTo("alice");
      assertThat(person.get("name").asText()).isEqualTo("Alice Andersen");
    });
    assertThat(api.get("bob", "/api/people?q=greta").findValuesAsText("userId")).containsExactly("greta");
    assertThat(api.get("bob", "/api/people").findValuesAsText("userId")).doesNotContain("bob").isNotEmpty();
    assertThat(api.get("mark", "/api/people").findValuesAsText("userId")).containsExactly("alice", "greta");
    assertThat(api.get("mark", "/api/people?q=graf").findValuesAsText("userId")).containsExactly("greta");
    assertThat(api.get("alice", "/api/people?q=greta")).isEmpty();
  }

  ResponseEntity<String> withKey(Map<String, Object> report, HttpHeaders headers) {
    return ApiClient.as(rest, "bob", "bob").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(report, headers), String.class);
  }

  static Map<String, Object> plus(Map<String, Object> values, String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(values);
    more.put(name, value);
    return more;
  }
}
