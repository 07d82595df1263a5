package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.flowdesk.sla.OlaClock;
import org.flowdesk.sla.OlaClocks;
import org.flowdesk.sla.SlaClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A process designer changes how long the service desk may hold an incident (decisions/ola-targets.dmn) and who
 * leads it (catalog/groups.yaml); the next incident follows, with no Java change.
 */
@EditableModelsTest
class OlaModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  OlaClocks olaClocks;
  @Autowired
  SlaClocks slaClocks;
  @Autowired
  JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  void deploy() {
    ResponseEntity<Map<String, Object>> deployed = ApiClient.as(rest, "admin", "admin").exchange(
        "/api/admin/models/deploy", HttpMethod.POST, null, new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody()).containsEntry("deployed", true);
  }

  /** A P3 mail incident for the service desk, reported on Thursday 10:00. */
  ProcessInstance report() {
    clockAt("2026-11-26T10:00");
    return runtimeService.startProcessInstanceByKey("incident", new HashMap<>(Map.of("title",
        "Calendar invites bounce for the tundra team", "description", "Every invite bounces", "service", "email",
        "category", "software", "impact", 2, "urgency", 2, "requester", "alice")));
  }

  OlaClock clock(ProcessInstance instance) {
    return olaClocks.held(instance.getBusinessKey()).orElseThrow();
  }

  @Test
  void aLongerTargetInTheDecisionGivesTheNextIncidentsGroupMoreTime() {
    ProcessInstance before = report();
    assertThat(clock(before).target()).isEqualTo("PT2H");
    assertThat(clock(before).dueAt()).isEqualTo(berlin("2026-11-26T12:00"));

    MODELS.replace("decisions/ola-targets.dmn",
        "<outputEntry id=\"OutputEntry_ServiceDesk_1\"><text>\"PT2H\"</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_ServiceDesk_1\"><text>\"PT3H\"</text></outputEntry>");
    deploy();

    ProcessInstance after = report();
    assertThat(clock(after).target()).isEqualTo("PT3H");
    assertThat(clock(after).dueAt()).isEqualTo(berlin("2026-11-26T13:00"));
    assertThat(clock(after).warnAt()).isEqualTo(berlin("2026-11-26T12:15"));
  }

  @Test
  void anotherLeadInTheCatalogIsTheOneWarned() {
    MODELS.replace("catalog/groups.yaml", "  - id: service-desk\n    lead: sam", "  - id: service-desk\n    lead: bob");
    deploy();
    ProcessInstance instance = report();

    clockAt("2026-11-26T11:30");
    EngineTime.fireDueTimers(managementService, instance);

    assertThat(new IncidentTrail(slaClocks, managementService, jdbc).notifications(instance, "ola_warning"))
        .containsExactly("bob");
  }

  @Test
  void aGroupWithoutALeadOrDescribedTwiceIsRefusedAndTheLeadsInForceStay() {
    MODELS.replace("catalog/groups.yaml", "  - id: network\n    lead: nina",
        "  - id: network\n  - id: service-desk\n    lead: bob");
    ResponseEntity<String> refused = ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy",
        HttpMethod.POST, null, String.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("catalog/groups.yaml")
        .contains("a group needs an id and a lead (the user warned before its OLAs run out)")
        .contains("group 'service-desk' is also described in catalog/groups.yaml");
    ProcessInstance instance = report();
    clockAt("2026-11-26T11:30");
    EngineTime.fireDueTimers(managementService, instance);
    assertThat(new IncidentTrail(slaClocks, managementService, jdbc).notifications(instance, "ola_warning"))
        .containsExactly("sam");
  }
}
