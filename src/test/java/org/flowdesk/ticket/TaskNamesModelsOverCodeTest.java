package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A process designer names a task with the ticket it works on (${ticketTitle.of(execution)}), and
 * Tasklist (through /engine-rest, as Tasklist reads it) and the portal list it so, with no Java change.
 */
@EditableModelsTest
class TaskNamesModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  @Test
  void aTaskNamedWithTheTicketsTitleReadsTheNumberAndTitleInTasklistAndThePortal() {
    MODELS.replace("processes/incident.bpmn", "<bpmn:userTask id=\"Activity_WorkIncident\" name=\"Work incident\"",
        "<bpmn:userTask id=\"Activity_WorkIncident\" name=\"Work incident ${ticketTitle.of(execution)}\"");
    var deployed = rest.withBasicAuth("admin", "admin").postForEntity("/api/admin/models/deploy", null, String.class);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    var reported = rest.withBasicAuth("alice", "alice").postForEntity("/api/incidents", Map.of("title",
        "Docking station flickers", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3), String.class);
    String number = ApiClient.read(reported).get("number").asText();
    String expected = "Work incident " + number + ": Docking station flickers";

    JsonNode tasklist = ApiClient.read(rest.withBasicAuth("bob", "bob").getForEntity(
        "/engine-rest/task?processInstanceBusinessKey=" + number + "&maxResults=10", String.class));
    assertThat(tasklist.get(0).get("name").asText()).isEqualTo(expected);
    JsonNode portal = ApiClient.read(rest.withBasicAuth("bob", "bob").getForEntity("/api/tasks?ticket=" + number,
        String.class));
    assertThat(portal.get(0).get("name").asText()).isEqualTo(expected);
  }
}
