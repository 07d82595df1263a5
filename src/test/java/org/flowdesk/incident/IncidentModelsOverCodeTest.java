package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A process designer changes a decision table; the next incident follows it, with no Java change. */
@EditableModelsTest
class IncidentModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  Map<String, Object> report(String service, String category, int impact, int urgency) {
    ResponseEntity<Map<String, Object>> response = rest.withBasicAuth("alice", "alice").exchange("/api/incidents",
        HttpMethod.POST, new HttpEntity<>(Map.of("title", "Something is off", "service", service, "category", category,
            "impact", impact, "urgency", urgency)), new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return response.getBody();
  }

  void deploy() {
    ResponseEntity<Map<String, Object>> deployed = rest.withBasicAuth("admin", "admin").exchange(
        "/api/admin/models/deploy", HttpMethod.POST, null, new ParameterizedTypeReference<Map<String, Object>>() { });
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody()).containsEntry("deployed", true);
  }

  @Test
  void changingThePriorityTableChangesTheNextIncidentsPriority() {
    assertThat(report("email", "software", 3, 3)).containsEntry("priority", 5);

    MODELS.replace("decisions/incident-priority.dmn",
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>4</text></outputEntry>");
    deploy();

    assertThat(report("email", "software", 3, 3)).containsEntry("priority", 4);
  }

  @Test
  void changingARoutingRuleSendsTheNextIncidentToAnotherGroup() {
    assertThat(report("hr-portal", "access", 3, 3)).containsEntry("assignmentGroup", "hr");

    MODELS.replace("decisions/incident-assignment.dmn",
        "<outputEntry id=\"OutputEntry_HrPortal_1\"><text>\"hr\"</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_HrPortal_1\"><text>\"service-desk\"</text></outputEntry>");
    deploy();

    assertThat(report("hr-portal", "access", 3, 3)).containsEntry("assignmentGroup", "service-desk");
  }
}
