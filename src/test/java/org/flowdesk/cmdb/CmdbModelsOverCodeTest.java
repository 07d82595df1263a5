package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What a ticket's configuration item means for its priority and risk is the decision tables' to say: a process
 * designer edits a rule that uses the CI's criticality or its impact, and the next ticket follows, with no Java change.
 */
@EditableModelsTest
class CmdbModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  ApiClient api;
  String critical;
  String shared;

  @BeforeEach
  void cmdb() {
    EngineTime.runningFrom("2027-03-01T09:00");
    api = new ApiClient(rest);
    String run = UUID.randomUUID().toString().substring(0, 8);
    critical = "t-gw-" + run;
    shared = "t-db-" + run;
    create(Map.of("key", critical, "class", "network-device", "name", "VPN gateway " + run, "ownerGroup", "network",
        "criticality", "high", "attributes", Map.of("kind", "vpn-gateway"), "services", List.of("vpn")));
    create(Map.of("key", shared, "class", "database", "name", "Shared database " + run, "ownerGroup", "network",
        "attributes", Map.of("engine", "postgresql"), "services", List.of("printer", "email", "erp")));
  }

  void create(Map<String, Object> ci) {
    ResponseEntity<String> created = api.call("admin", HttpMethod.POST, "/api/cis", ci);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  void deploy() {
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(deployed).get("deployed").asBoolean()).isTrue();
  }

  int priorityOfIncidentOn(String ci) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "VPN refuses logins", "service", "vpn", "category", "network", "impact", 2, "urgency", 2,
        "configurationItem", ci));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("priority").asInt();
  }

  String riskOfChangeOn(String ci, String day) {
    Map<String, Object> change = new HashMap<>(Map.of("title", "Move the print queues", "service", "printer",
        "changeType", "normal", "plannedStart", day + "T08:00", "plannedEnd", day + "T09:00", "impact", 3,
        "implementationGroup", "service-desk", "complexity", "low", "tested", true,
        "implementationPlan", "Move them one by one"));
    change.put("backoutPlan", "Move them back");
    change.put("configurationItem", ci);
    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", change);
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return api.get("bob", "/api/changes/" + ApiClient.read(raised).get("number").asText()).get("risk").asText();
  }

  @Test
  void theRuleForACriticalCiDecidesHowMuchMoreUrgentAnIncidentOnItIs() {
    // As shipped: one step more urgent, P3 becomes P2.
    assertThat(priorityOfIncidentOn(critical)).isEqualTo(2);

    MODELS.replace("decisions/incident-priority.dmn",
        "<outputEntry id=\"OutputEntry_CriticalCiImpact2Urgency2_1\"><text>2</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_CriticalCiImpact2Urgency2_1\"><text>1</text></outputEntry>");
    deploy();

    assertThat(priorityOfIncidentOn(critical)).isEqualTo(1);
  }

  @Test
  void theRuleForCriticalServicesBehindACiDecidesTheRiskOfAChangeOfIt() {
    // As shipped: two business-critical services behind the CI make a high risk.
    assertThat(riskOfChangeOn(shared, "2027-04-07")).isEqualTo("high");

    MODELS.replace("decisions/change-risk.dmn",
        "<inputEntry id=\"InputEntry_CriticalServicesImpacted_8\"><text>&gt;= 2</text></inputEntry>",
        "<inputEntry id=\"InputEntry_CriticalServicesImpacted_8\"><text>&gt;= 3</text></inputEntry>");
    deploy();

    // Two are no longer enough: one critical service behind it is medium risk.
    assertThat(riskOfChangeOn(shared, "2027-04-08")).isEqualTo("medium");
  }

  @Test
  void whichServicesAreBusinessCriticalIsTheCiClassesFilesWord() {
    // As shipped businessCritical is [high]: e-mail and ERP behind the database, two, a high risk.
    assertThat(riskOfChangeOn(shared, "2027-04-13")).isEqualTo("high");

    MODELS.replace("catalog/ci-classes.yaml", "businessCritical: [high]", "businessCritical: [low]");
    deploy();

    // Only the printing service (low) counts now: one business-critical service, three services, a medium risk.
    assertThat(riskOfChangeOn(shared, "2027-04-14")).isEqualTo("medium");
  }
}
