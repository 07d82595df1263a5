package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incidents and changes name a configuration item of their service: the field of their start forms, checked at
 * every door (FlowDesk's API, Camunda's REST API for a person and for an administrator), stored on the ticket,
 * shown with it and on its timeline; and the CIs a form offers for a service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NamedCiApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;
  /** This test's CIs: the VPN's application runs on a server; a retired one; one of the printers. */
  String app;
  String server;
  String retired;
  String printing;
  /** Laptops of the laptop service: alice's and bob's. */
  String alicesLaptop;
  String bobsLaptop;

  @BeforeEach
  void cmdb() {
    // Changes are planned after a fixed "today", as in the change tests.
    EngineTime.runningFrom("2027-03-01T09:00");
    api = new ApiClient(rest);
    String run = UUID.randomUUID().toString().substring(0, 8);
    server = "t-srv-" + run;
    app = "t-vpn-" + run;
    retired = "t-old-" + run;
    printing = "t-prn-" + run;
    create(Map.of("key", server, "class", "server", "name", "VPN host " + run, "ownerGroup", "network",
        "criticality", "high", "attributes", Map.of("hostname", "vpnhost", "os", "linux")));
    create(Map.of("key", app, "class", "application", "name", "VPN gateway software " + run, "ownerGroup", "network",
        "criticality", "low", "attributes", Map.of("hosting", "on-premises"),
        "relations", List.of(Map.of("type", "runs-on", "to", server)), "services", List.of("vpn")));
    create(Map.of("key", retired, "class", "application", "name", "Old VPN client " + run, "ownerGroup", "network",
        "lifecycle", "retired", "attributes", Map.of("hosting", "on-premises"), "services", List.of("vpn")));
    create(Map.of("key", printing, "class", "application", "name", "Print server software " + run,
        "ownerGroup", "network", "attributes", Map.of("hosting", "on-premises"), "services", List.of("printer")));
    alicesLaptop = "t-lt-a-" + run;
    bobsLaptop = "t-lt-b-" + run;
    create(Map.of("key", alicesLaptop, "class", "laptop", "name", "Laptop of alice " + run, "ownerGroup",
        "service-desk", "attributes", Map.of("assetTag", "A-" + run, "assignedTo", "alice"), "services",
        List.of("laptop")));
    create(Map.of("key", bobsLaptop, "class", "laptop", "name", "Laptop of bob " + run, "ownerGroup",
        "service-desk", "attributes", Map.of("assetTag", "B-" + run, "assignedTo", "bob"), "services",
        List.of("laptop")));
  }

  void create(Map<String, Object> ci) {
    ResponseEntity<String> created = api.call("admin", HttpMethod.POST, "/api/cis", ci);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  static Map<String, Object> report(String ci) {
    Map<String, Object> report = new HashMap<>(Map.of("title", "VPN drops", "description", "Since this morning",
        "service", "vpn", "category", "network", "impact", 2, "urgency", 2));
    if (ci != null) {
      report.put("configurationItem", ci);
    }
    return report;
  }

  long tickets() {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();
  }

  @Test
  void anIncidentNamesACiItsServiceStandsOnAndShowsItWithItsTimeline() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", report(app));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();

    JsonNode ticket = api.get("nina", "/api/tickets/" + number);
    assertThat(ticket.get("configurationItem").asText()).isEqualTo(app);
    assertThat(api.get("nina", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .anyMatch(text -> text.equals("Reported: VPN drops (configuration item " + app + ")"));
    assertThat(jdbc.sql("SELECT ci_key FROM fd_ticket WHERE ticket_number = ?").param(number).query(String.class)
        .single()).isEqualTo(app);

    // The server the application runs on: the VPN stands on it through the application.
    ResponseEntity<String> onServer = api.call("alice", HttpMethod.POST, "/api/incidents", report(server));
    assertThat(onServer.getStatusCode()).as(onServer.getBody()).isEqualTo(HttpStatus.CREATED);
    // Without one, as before.
    ResponseEntity<String> without = api.call("alice", HttpMethod.POST, "/api/incidents", report(null));
    assertThat(without.getStatusCode()).as(without.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(api.get("nina", "/api/tickets/" + ApiClient.read(without).get("number").asText())
        .get("configurationItem").isNull()).isTrue();
  }

  static Map<String, Object> aboutTheLaptop(String service, String ci) {
    Map<String, Object> report = report(ci);
    report.put("title", "My laptop does not start");
    report.put("service", service);
    report.put("category", "hardware");
    return report;
  }

  @Test
  void aRequesterNamesHerOwnDeviceUnderAnyServiceButNeverSomeoneElses() {
    for (String service : List.of("laptop", "vpn")) {
      ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents",
          aboutTheLaptop(service, alicesLaptop));
      assertThat(reported.getStatusCode()).as(service + ": " + reported.getBody()).isEqualTo(HttpStatus.CREATED);
      assertThat(api.get("admin", "/api/tickets/" + ApiClient.read(reported).get("number").asText())
          .get("configurationItem").asText()).isEqualTo(alicesLaptop);
    }
    ResponseEntity<String> started = api.call("alice", HttpMethod.POST,
        "/engine-rest/process-definition/key/incident/start",
        Map.of("variables", engineVariables(aboutTheLaptop("laptop", alicesLaptop))));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(api.get("admin", "/api/tickets/" + ApiClient.read(started).get("businessKey").asText())
        .get("configurationItem").asText()).isEqualTo(alicesLaptop);

    // bob's laptop: the laptop service stands on it, yet it is not alice's to name, at either door.
    long before = tickets();
    ResponseEntity<String> refused = api.call("alice", HttpMethod.POST, "/api/incidents",
        aboutTheLaptop("laptop", bobsLaptop));
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).containsExactly("configurationItem");
    // alice does not read the CMDB: the refusal says nothing of what the key is (bob's device).
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("message")).singleElement().asString()
        .contains("is none of the configuration items you may name here").doesNotContain("bob", "device of");
    ResponseEntity<String> engineRefused = api.call("alice", HttpMethod.POST,
        "/engine-rest/process-definition/key/incident/start",
        Map.of("variables", engineVariables(aboutTheLaptop("laptop", bobsLaptop))));
    assertThat(engineRefused.getStatusCode()).as(engineRefused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(engineRefused.getBody()).contains("configurationItem").contains("is none of the configuration items")
        .doesNotContain("someone else's device");
    // Nor for bob's colleague at the desk reporting for themselves, nor a service's CI it does not stand on. nina, an
    // agent who reads the CMDB, is told why.
    ResponseEntity<String> ninas = api.call("nina", HttpMethod.POST, "/api/incidents",
        aboutTheLaptop("laptop", bobsLaptop));
    assertThat(ninas.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ninas.getBody()).contains("someone else's device");
    assertThat(api.call("alice", HttpMethod.POST, "/api/incidents", aboutTheLaptop("laptop", printing))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tickets()).isEqualTo(before);
    // bob names his own.
    assertThat(api.call("bob", HttpMethod.POST, "/api/incidents", aboutTheLaptop("laptop", bobsLaptop))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);

    // Taking alice's call, bob is offered her devices, and names her laptop for her (not his own).
    assertThat(api.get("bob", "/api/people/alice/devices").findValuesAsText("key")).contains(alicesLaptop)
        .doesNotContain(bobsLaptop);
    Map<String, Object> forAlice = new java.util.HashMap<>(aboutTheLaptop("laptop", alicesLaptop));
    forAlice.put("requestedFor", "alice");
    ResponseEntity<String> forHer = api.call("bob", HttpMethod.POST, "/api/incidents", forAlice);
    assertThat(forHer.getStatusCode()).as(forHer.getBody()).isEqualTo(HttpStatus.CREATED);
    forAlice.put("configurationItem", bobsLaptop);
    assertThat(api.call("bob", HttpMethod.POST, "/api/incidents", forAlice).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    // Someone else's devices are for those who may report for them: alice may not read bob's; nobody is nobody's.
    assertThat(api.call("alice", HttpMethod.GET, "/api/people/bob/devices", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("bob", HttpMethod.GET, "/api/people/no-such-person/devices", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.get("alice", "/api/people/alice/devices").findValuesAsText("key")).contains(alicesLaptop);
  }

  @Test
  void aCiOfHighCriticalityMakesTheIncidentOneStepMoreUrgent() {
    // Impact 2 and urgency 2: priority 3 by the matrix, on the application of low criticality as without a CI.
    assertThat(priorityOf(report(null))).isEqualTo(3);
    assertThat(priorityOf(report(app))).isEqualTo(3);
    // The server it runs on is of high criticality: decisions/incident-priority.dmn raises it by one.
    assertThat(priorityOf(report(server))).isEqualTo(2);
  }

  int priorityOf(Map<String, Object> report) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", report);
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("priority").asInt();
  }

  @Test
  void aRetiredUnknownOrOtherServicesCiIsRefusedNamingTheFieldAndNothingStarts() {
    long before = tickets();
    for (String refused : List.of(retired, printing, "t-nothing-" + app, "not a key; DROP TABLE fd_ci")) {
      ResponseEntity<String> answer = api.call("alice", HttpMethod.POST, "/api/incidents", report(refused));
      assertThat(answer.getStatusCode()).as(refused + ": " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(ApiClient.read(answer).get("errors").findValuesAsText("field")).as(refused)
          .containsExactly("configurationItem");
    }
    // alice may not read the CMDB: whether a key is retired, someone's or another service's, she is told the same,
    // naming the key she sent and nothing the CMDB holds. nina, an agent, is told why, by the key.
    for (String refused : List.of(retired, printing, "t-nothing-" + app)) {
      assertThat(ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", report(refused))).get("errors")
          .findValuesAsText("message")).singleElement().asString()
          .isEqualTo("'" + refused + "' is none of the configuration items you may name here: choose one of the "
              + "service's or one of your devices");
    }
    assertThat(ApiClient.read(api.call("nina", HttpMethod.POST, "/api/incidents", report(retired))).get("errors")
        .findValuesAsText("message")).singleElement().asString().contains("retired").doesNotContain("Old VPN client");
    assertThat(ApiClient.read(api.call("nina", HttpMethod.POST, "/api/incidents", report(printing))).get("errors")
        .findValuesAsText("message")).singleElement().asString().contains("does not stand on")
        .doesNotContain("Print server software");
    // A number, not a key.
    Map<String, Object> number = report(null);
    number.put("configurationItem", 42);
    assertThat(api.call("alice", HttpMethod.POST, "/api/incidents", number).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tickets()).isEqualTo(before);
  }

  @Test
  void throughCamundasRestApiNoOneNamesACiTheFormWouldRefuse() {
    long before = tickets();
    for (String user : List.of("alice", "admin")) {
      Map<String, Object> variables = engineVariables(report(printing));
      if (user.equals("admin")) {
        // An administrator's start passes no door; "Open ticket" checks it all the same.
        variables.put("requester", Map.of("value", "alice", "type", "String"));
      }
      ResponseEntity<String> refused = api.call(user, HttpMethod.POST,
          "/engine-rest/process-definition/key/incident/start", Map.of("variables", variables));
      assertThat(refused.getStatusCode()).as(user + ": " + refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      // For alice, whoever starts it: the one sentence for all that she may not name.
      assertThat(refused.getBody()).contains("configurationItem").contains("is none of the configuration items");
    }
    ResponseEntity<String> retiredOne = api.call("alice", HttpMethod.POST,
        "/engine-rest/process-definition/key/incident/start", Map.of("variables", engineVariables(report(retired))));
    assertThat(retiredOne.getStatusCode()).as(retiredOne.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tickets()).isEqualTo(before);

    ResponseEntity<String> started = api.call("alice", HttpMethod.POST,
        "/engine-rest/process-definition/key/incident/start", Map.of("variables", engineVariables(report(app))));
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
    String number = ApiClient.read(started).get("businessKey").asText();
    assertThat(api.get("nina", "/api/tickets/" + number).get("configurationItem").asText()).isEqualTo(app);
  }

  static Map<String, Object> engineVariables(Map<String, Object> form) {
    Map<String, Object> variables = new HashMap<>();
    form.forEach((key, value) -> variables.put(key, Map.of("value", value,
        "type", value instanceof Integer ? "Integer" : value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  @Test
  void aChangeNamesACiOfItsServiceOrIsRefused() {
    Map<String, Object> change = change(printing);
    long before = tickets();
    ResponseEntity<String> refused = api.call("bob", HttpMethod.POST, "/api/changes", change);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).containsExactly("configurationItem");
    assertThat(tickets()).isEqualTo(before);

    // Tasklist's way in, as nina of the network team: the same check.
    ResponseEntity<String> submitted = api.call("nina", HttpMethod.POST,
        "/engine-rest/process-definition/key/change/submit-form", Map.of("variables", engineVariables(change)));
    assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(submitted.getBody()).contains("configurationItem").contains("does not stand on");
    assertThat(tickets()).isEqualTo(before);

    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", change(app));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(raised).get("number").asText();
    assertThat(api.get("nina", "/api/tickets/" + number).get("configurationItem").asText()).isEqualTo(app);
  }

  static Map<String, Object> change(String ci) {
    String day = "2027-04-14";
    Map<String, Object> change = new HashMap<>(Map.of("title", "Upgrade the VPN gateway", "service", "vpn",
        "changeType", "normal", "plannedStart", day + "T02:00", "plannedEnd", day + "T03:00", "impact", 3,
        "implementationGroup", "network", "complexity", "low", "tested", true,
        "implementationPlan", "Install the new release"));
    change.put("backoutPlan", "Reinstall the old release");
    change.put("configurationItem", ci);
    return change;
  }

  @Test
  void theFormsOfferTheCisTheServiceStandsOnToTheCmdbsReaders() {
    JsonNode offered = api.get("bob", "/api/services/vpn/cis");
    assertThat(offered.findValuesAsText("key")).contains(app, server).doesNotContain(retired, printing);
    // People's devices are theirs to name ("my devices"), not every agent's.
    assertThat(api.get("bob", "/api/services/laptop/cis").findValuesAsText("key"))
        .doesNotContain(alicesLaptop, bobsLaptop);
    assertThat(api.call("alice", HttpMethod.GET, "/api/services/vpn/cis", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("bob", HttpMethod.GET, "/api/services/teleportation/cis", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }
}
