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
 * Tasklist (through /engine-rest, as Tasklist reads it) and the portal list it so, with no Java change:
 * as shipped every user task of every process does; a designer who takes the ticket out of a name gets
 * the bare name.
 */
@EditableModelsTest
class TaskNamesModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  String report(String title) {
    var reported = ApiClient.as(rest, "alice", "alice").postForEntity("/api/incidents", Map.of("title", title,
        "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3), String.class);
    return ApiClient.read(reported).get("number").asText();
  }

  String tasklistName(String number) {
    JsonNode tasklist = ApiClient.read(ApiClient.as(rest, "bob", "bob").getForEntity(
        "/engine-rest/task?processInstanceBusinessKey=" + number + "&maxResults=10", String.class));
    return tasklist.get(0).get("name").asText();
  }

  String portalName(String number) {
    JsonNode portal = ApiClient.read(ApiClient.as(rest, "bob", "bob").getForEntity("/api/tasks?ticket=" + number,
        String.class));
    return portal.get(0).get("name").asText();
  }

  @Test
  void theShippedModelsNameTheWorkTaskWithTheTicketsNumberAndTitleInTasklistAndThePortal() {
    String number = report("Docking station flickers");
    String expected = "Work incident " + number + ": Docking station flickers";

    assertThat(tasklistName(number)).isEqualTo(expected);
    assertThat(portalName(number)).isEqualTo(expected);
  }

  @Test
  void aTaskNamedWithoutTheTicketReadsJustItsName() {
    MODELS.replace("processes/incident.bpmn", "name=\"Work incident ${ticketTitle.of(execution)}\"",
        "name=\"Work incident\"");
    var deployed = ApiClient.as(rest, "admin", "admin").postForEntity("/api/admin/models/deploy", null, String.class);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);

    String number = report("Dock does not charge");
    assertThat(tasklistName(number)).isEqualTo("Work incident");
    assertThat(portalName(number)).isEqualTo("Work incident");
  }

  @Test
  void everyUserTaskOfEveryProcessSaysWhichTicket() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        String xml = java.nio.file.Files.readString(file);
        java.util.regex.Matcher task = java.util.regex.Pattern.compile("<bpmn:userTask id=\"([^\"]+)\" name=\"([^\"]*)\"")
            .matcher(xml);
        while (task.find()) {
          assertThat(task.group(2)).as(file + " " + task.group(1)).endsWith(" ${ticketTitle.of(execution)}");
        }
      }
    }
  }
}
