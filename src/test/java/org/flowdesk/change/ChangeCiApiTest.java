package org.flowdesk.change;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change names a configuration item: decisions/change-risk.dmn rates it by what the CI carries (the impact
 * analysis: services standing on it or on what depends on it, and how many are business-critical), and a change
 * of a CI tied to another scheduled change's CI (one depends on the other, transitively) is a conflict, as two
 * changes of one service are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChangeCiApiTest {

  @Autowired
  TestRestTemplate rest;

  ApiClient api;
  String run;

  @BeforeEach
  void client() {
    EngineTime.runningFrom(ChangeApiTest.TODAY + "T09:00");
    api = new ApiClient(rest);
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  void create(Map<String, Object> ci) {
    ResponseEntity<String> created = api.call("admin", HttpMethod.POST, "/api/cis", ci);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  String raised(String user, Map<String, Object> change) {
    ResponseEntity<String> raised = api.call(user, HttpMethod.POST, "/api/changes", change);
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(raised).get("number").asText();
  }

  /** A tested, simple normal change of the printers (low criticality, no maintenance window): low risk as such. */
  static Map<String, Object> printerChange(int weeksAhead, String ci) {
    return ChangeApiTest.with(ChangeApiTest.networkChange(weeksAhead), "title", "Move the print queues",
        "service", "printer", "impact", 3, "complexity", "low", "implementationGroup", "service-desk",
        "configurationItem", ci);
  }

  @Test
  void theRiskOfAChangeFollowsTheImpactOfItsCi() {
    String shared = "t-db-" + run;
    String quiet = "t-prq-" + run;
    // E-mail and the ERP, both business-critical, stand on the database; the print queue carries the printers only.
    create(Map.of("key", shared, "class", "database", "name", "Shared database " + run, "ownerGroup", "network",
        "attributes", Map.of("engine", "postgresql"), "services", List.of("printer", "email", "erp")));
    create(Map.of("key", quiet, "class", "application", "name", "Print queue " + run, "ownerGroup", "network",
        "attributes", Map.of("hosting", "on-premises"), "services", List.of("printer")));

    String onQuiet = raised("bob", printerChange(12, quiet));
    assertThat(api.get("bob", "/api/changes/" + onQuiet).get("risk").asText()).isEqualTo("low");
    String withoutCi = raised("bob", printerChange(12, null));
    assertThat(api.get("bob", "/api/changes/" + withoutCi).get("risk").asText()).isEqualTo("low");

    String onShared = raised("bob", printerChange(13, shared));
    JsonNode change = api.get("bob", "/api/changes/" + onShared);
    assertThat(change.get("risk").asText()).isEqualTo("high");
    assertThat(change.at("/ticket/configurationItem").asText()).isEqualTo(shared);
    assertThat(api.get("bob", "/api/tickets/" + onShared + "/timeline").findValuesAsText("text"))
        .contains("Risk rated high");
  }

  @Test
  void aChangeOfACiThatDependsOnAnotherScheduledChangesCiConflictsWithIt() {
    String server = "t-host-" + run;
    String app = "t-spool-" + run;
    create(Map.of("key", server, "class", "server", "name", "Print host " + run, "ownerGroup", "network",
        "attributes", Map.of("hostname", "prnhost", "os", "linux"), "services", List.of("network")));
    create(Map.of("key", app, "class", "application", "name", "Spooler " + run, "ownerGroup", "network",
        "attributes", Map.of("hosting", "on-premises"), "relations", List.of(Map.of("type", "runs-on", "to", server)),
        "services", List.of("printer")));

    // The network team's change of the host is approved and scheduled.
    String host = raised("nina", ChangeApiTest.with(ChangeApiTest.networkChange(15), "configurationItem", server));
    api.work("carl", host, "Assess the change", Map.of("decision", "proceed"));
    api.work("carl", host, "CAB member votes", Map.of("vote", "approve"));
    api.work("sven", host, "CAB member votes", Map.of("vote", "approve"));
    assertThat(api.status("nina", host)).isEqualTo("scheduled");

    // A change of the printers' spooler at the same time: another service, but the spooler runs on the host.
    String spooler = raised("bob", printerChange(15, app));
    JsonNode conflicts = api.get("carl", "/api/changes/" + spooler).get("conflicts");
    assertThat(conflicts.findValuesAsText("with")).contains(host);
    JsonNode conflict = conflicts.findParents("with").stream().filter(c -> c.get("with").asText().equals(host))
        .findFirst().orElseThrow();
    assertThat(conflict.get("kind").asText()).isEqualTo("change");
    assertThat(conflict.get("text").asText()).contains(server).contains(app).contains("depends on");
    // In German, as i18n/de.json's timeline words read it.
    org.springframework.http.HttpHeaders german = new org.springframework.http.HttpHeaders();
    german.set(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "carl", "carl").exchange("/api/changes/" + spooler,
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class))
        .get("conflicts").findValuesAsText("text")).anyMatch(text -> text.startsWith(host + " \"")
            && text.contains("\" (Eingeplant) ändert das Konfigurationselement " + server + ", von dem " + app
                + " dieses Changes abhängt, von ") && text.contains(", 08:00 ME") && text.contains(" bis "));
    // The change manager reads it when assessing, and the timeline keeps it.
    JsonNode assessment = api.get("carl", "/api/tasks/" + api.taskOf("carl", spooler, "Assess the change"));
    assertThat(assessment.at("/values/conflicts").asText()).contains(host).contains(server);

    // Approved, both are in the calendar, and so is their conflict, with its reason.
    api.work("carl", spooler, "Assess the change", Map.of("decision", "proceed"));
    api.work("carl", spooler, "Change manager decides", Map.of("decision", "approve"));
    assertThat(api.status("bob", spooler)).isEqualTo("scheduled");
    String day = ChangeApiTest.saturday(15, "00:00").substring(0, 10);
    JsonNode calendar = api.get("bob", "/api/changes/calendar?from=" + day + "&to="
        + java.time.LocalDate.parse(day).plusDays(1));
    assertThat(calendar.get("conflicts").findParents("change").stream()
        .filter(c -> List.of(c.get("change").asText(), c.get("with").asText()).containsAll(List.of(host, spooler))))
        .singleElement().satisfies(c -> assertThat(c.get("text").asText()).contains(server).contains(app));

    // The same window, a CI tied to neither: no conflict with the host's change.
    String unrelated = "t-lone-" + run;
    create(Map.of("key", unrelated, "class", "application", "name", "Label printer app " + run,
        "ownerGroup", "network", "attributes", Map.of("hosting", "saas"), "services", List.of("printer")));
    String alone = raised("bob", printerChange(15, unrelated));
    assertThat(api.get("carl", "/api/changes/" + alone).get("conflicts").findValuesAsText("with")).doesNotContain(host);
  }
}
