package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agent's queue views on GET /api/tickets (and its export): by assignee (me, none, a user),
 * priority, breached, due within hours, sorted by a column either way, counted; never a ticket the
 * caller may not see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkspaceListApiTest {

  @Autowired
  IdentityService identityService;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  String report(String requester, String service, String title, int impact, int urgency) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "description", "Seen since this morning", "service", service, "category", "hardware", "impact", impact,
        "urgency", urgency));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  void takeOn(String agent, String ticket) {
    JsonNode report = ApiClient.read(api.call(agent, HttpMethod.POST, "/api/tickets/bulk",
        Map.of("action", "assign", "tickets", List.of(ticket))));
    assertThat(report.get("done").asInt()).as(report.toString()).isEqualTo(1);
  }

  List<String> numbers(String user, String query) {
    JsonNode page = api.get(user, "/api/tickets?size=200&" + query);
    assertThat(page.has("items")).as(page.toString()).isTrue();
    List<String> numbers = page.get("items").findValuesAsText("number");
    assertThat(page.get("total").asLong()).as("the count of " + query).isEqualTo(numbers.size());
    return numbers;
  }

  @Test
  void anAgentNarrowsTheQueueByAssigneeAndPriorityAndSortsItEitherWay() {
    String mine = report("alice", "printer", "Frumlox printer 1 blurs", 3, 3);
    String sams = report("greta", "printer", "Frumlox printer 2 blurs", 2, 2);
    String nobodys = report("alice", "printer", "Frumlox printer 3 blurs", 3, 2);
    String hidden = report("alice", "vpn", "Frumlox tunnel drops", 3, 3);
    takeOn("bob", mine);
    takeOn("sam", sams);

    assertThat(numbers("bob", "q=Frumlox")).containsExactlyInAnyOrder(mine, sams, nobodys);
    assertThat(numbers("bob", "q=Frumlox&assignee=me")).containsExactly(mine);
    assertThat(numbers("bob", "q=Frumlox&assignee=none")).containsExactly(nobodys);
    assertThat(numbers("bob", "q=Frumlox&assignee=sam")).containsExactly(sams);
    int samsPriority = api.get("bob", "/api/tickets/" + sams).get("priority").asInt();
    assertThat(numbers("bob", "q=Frumlox&priority=" + samsPriority)).contains(sams).doesNotContain(mine);
    // The network team's ticket is never counted for bob, whatever he filters by.
    assertThat(numbers("bob", "q=Frumlox&assignee=none&group=network")).isEmpty();
    assertThat(numbers("nina", "q=Frumlox&assignee=none")).containsExactly(hidden);

    // Sorted by requester: alice's before greta's; descending the other way round; ties by number.
    List<String> byRequester = numbers("bob", "q=Frumlox&sort=requester");
    assertThat(byRequester).containsExactly(mine, nobodys, sams);
    assertThat(numbers("bob", "q=Frumlox&sort=-requester")).containsExactly(sams, nobodys, mine);
    List<JsonNode> items = new ArrayList<>();
    api.get("bob", "/api/tickets?q=Frumlox&sort=priority").get("items").forEach(items::add);
    assertThat(items).isSortedAccordingTo(Comparator.comparingInt((JsonNode t) -> t.get("priority").asInt()));
    items.clear();
    api.get("bob", "/api/tickets?q=Frumlox&sort=-priority").get("items").forEach(items::add);
    assertThat(items).isSortedAccordingTo(Comparator.comparingInt((JsonNode t) -> t.get("priority").asInt()).reversed());
    // Age ascending is the youngest first; the last update is bob's and sam's taking on.
    assertThat(numbers("bob", "q=Frumlox&sort=age")).containsExactly(nobodys, sams, mine);
    assertThat(numbers("bob", "q=Frumlox&sort=-age")).containsExactly(mine, sams, nobodys);
    assertThat(numbers("bob", "q=Frumlox&sort=-updated").get(2)).isEqualTo(nobodys);
    assertThat(numbers("bob", "q=Frumlox&sort=service")).hasSize(3);
    assertThat(numbers("bob", "q=Frumlox&sort=due")).hasSize(3);
  }

  @Test
  void breachedAndDueWithinHoursFindTheTicketsWhoseClocksSaySo() {
    String urgent = report("alice", "printer", "Glimbrot printer on fire", 1, 1);
    String calm = report("alice", "printer", "Glimbrot printer squeaks", 3, 3);
    Instant urgentDue = Instant.parse(api.get("bob", "/api/tickets/" + urgent).get("resolutionDue").asText());
    Instant calmDue = Instant.parse(api.get("bob", "/api/tickets/" + calm).get("resolutionDue").asText());
    long hours = Duration.between(EngineTime.now(), urgentDue).toHours() + 1;
    assertThat(calmDue).as("the test needs the calm one due later").isAfter(EngineTime.now().plus(Duration.ofHours(hours)));

    assertThat(numbers("bob", "q=Glimbrot&dueWithinHours=" + hours)).containsExactly(urgent);
    assertThat(numbers("bob", "q=Glimbrot&breached=true")).isEmpty();
    assertThat(numbers("bob", "q=Glimbrot&breached=false")).containsExactlyInAnyOrder(urgent, calm);

    // The calm one's clocks run out.
    EngineTime.advance(Duration.between(EngineTime.now(), calmDue).plusDays(1));
    EngineTime.fireDueTimers(managementService,
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(calm).singleResult());
    assertThat(numbers("bob", "q=Glimbrot&breached=true")).containsExactly(calm);
    assertThat(numbers("bob", "q=Glimbrot&breached=false")).containsExactly(urgent);
    // Overdue is due within any hours.
    assertThat(numbers("bob", "q=Glimbrot&dueWithinHours=1")).containsExactlyInAnyOrder(urgent, calm);
  }

  @Test
  void theExportTakesTheSameViewAndOrder() throws IOException {
    String first = report("alice", "printer", "Snarvel printer 1 hums", 3, 3);
    String second = report("alice", "printer", "Snarvel printer 2 hums", 3, 3);
    takeOn("bob", second);

    ResponseEntity<byte[]> response = ApiClient.as(rest, "bob", "bob")
        .getForEntity("/api/tickets/export?q=Snarvel&sort=-age", byte[].class);
    String text = new String(response.getBody(), StandardCharsets.UTF_8).substring(1);
    List<String> exported = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text)).getRecords().stream().map(row -> row.get("number")).toList();
    assertThat(exported).containsExactly(first, second);
    response = ApiClient.as(rest, "bob", "bob").getForEntity("/api/tickets/export?q=Snarvel&assignee=me", byte[].class);
    text = new String(response.getBody(), StandardCharsets.UTF_8).substring(1);
    assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text))
        .getRecords().stream().map(row -> row.get("number")).toList()).containsExactly(second);
  }

  @Test
  void filtersOutsideTheirLimitsAreRefused() {
    for (String query : List.of("sort=title", "sort=--age", "sort=age;drop", "priority=0", "priority=x",
        "dueWithinHours=0", "dueWithinHours=9999", "breached=maybe", "assignee=" + "a".repeat(65))) {
      ResponseEntity<String> response = api.call("bob", HttpMethod.GET, "/api/tickets?" + query, null);
      assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
      response = api.call("bob", HttpMethod.GET, "/api/tickets/export?" + query, null);
      assertThat(response.getStatusCode()).as("export " + query).isEqualTo(HttpStatus.BAD_REQUEST);
    }
  }

  @Test
  void requestersSortByTheNamePeopleReadNotByTheirUserId() {
    // zeno's name is Aaron Zeller: first by name, last by id.
    if (identityService.createUserQuery().userId("zeno").count() == 0) {
      User zeno = identityService.newUser("zeno");
      zeno.setFirstName("Aaron");
      zeno.setLastName("Zeller");
      zeno.setPassword("zeno");
      identityService.saveUser(zeno);
      identityService.createMembership("zeno", "requesters");
    }
    String aarons = report("zeno", "printer", "Glimmerdash printer 1 hums", 3, 3);
    String alices = report("alice", "printer", "Glimmerdash printer 2 hums", 3, 3);
    String gretas = report("greta", "printer", "Glimmerdash printer 3 hums", 3, 3);

    try {
      assertThat(numbers("bob", "q=Glimmerdash&sort=requester")).containsExactly(aarons, alices, gretas);
      assertThat(numbers("bob", "q=Glimmerdash&sort=-requester")).containsExactly(gretas, alices, aarons);
    } finally {
      // The shared context's directory is the demo's again; zeno's tickets keep his id.
      identityService.deleteUser("zeno");
    }
  }
}
