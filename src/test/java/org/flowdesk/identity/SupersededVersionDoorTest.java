package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A designer tightens the report form; a version it supersedes cannot be started by its id to get around it, at
 * Camunda's REST API as at FlowDesk's. The latest version starts as before.
 */
@EditableModelsTest
class SupersededVersionDoorTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;

  static final Map<String, Object> WITHOUT_DESCRIPTION = Map.of("variables", Map.of(
      "title", Map.of("value", "VPN drops"), "service", Map.of("value", "vpn"), "category", Map.of("value", "network"),
      "impact", Map.of("value", 3), "urgency", Map.of("value", 3)));

  @Test
  void aSupersededVersionCannotBeStartedByItsId() {
    ApiClient api = new ApiClient(rest);
    ProcessDefinition before = latest();
    MODELS.replace("forms/incident-report.form", "\"validate\": {\n        \"maxLength\": 20000\n      }",
        "\"validate\": {\n        \"required\": true,\n        \"maxLength\": 20000\n      }");
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    ProcessDefinition after = latest();
    assertThat(after.getVersion()).isGreaterThan(before.getVersion());
    long tickets = ticketCount(api);

    for (String door : new String[] {"/start", "/submit-form"}) {
      ResponseEntity<String> old = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/"
          + before.getId() + door, WITHOUT_DESCRIPTION);
      assertThat(old.getStatusCode()).as(old.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(ApiClient.read(old).get("detail").asText()).contains("superseded", "version " + after.getVersion());
    }
    ResponseEntity<String> latestById = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/"
        + after.getId() + "/start", WITHOUT_DESCRIPTION);
    assertThat(latestById.getStatusCode()).as(latestById.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(latestById).get("errors").findValuesAsText("field")).containsExactly("description");
    assertThat(ticketCount(api)).isEqualTo(tickets);

    Map<String, Object> withDescription = Map.of("variables", Map.of(
        "title", Map.of("value", "VPN drops"), "description", Map.of("value", "Every hour since Monday"),
        "service", Map.of("value", "vpn"), "category", Map.of("value", "network"),
        "impact", Map.of("value", 3), "urgency", Map.of("value", 3)));
    ResponseEntity<String> started = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/"
        + after.getId() + "/start", withDescription);
    assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
  }

  ProcessDefinition latest() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident").latestVersion()
        .singleResult();
  }

  long ticketCount(ApiClient api) {
    return api.get("alice", "/api/tickets?size=1").path("total").asLong(-1);
  }
}
