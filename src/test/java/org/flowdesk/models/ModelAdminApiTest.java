package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A process designer's live redeploy through POST /api/admin/models/deploy. */
@EditableModelsTest
class ModelAdminApiTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;

  private ResponseEntity<Map<String, Object>> deployAs(String user) {
    return ApiClient.as(rest, user, user).exchange("/api/admin/models/deploy", HttpMethod.POST, null,
        new ParameterizedTypeReference<>() { });
  }

  private int latestVersionOf(String processKey) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
        .singleResult().getVersion();
  }

  private int latestDecisionVersionOf(String decisionKey) {
    return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).latestVersion()
        .singleResult().getVersion();
  }

  @Test
  void deployingChangedModelsAnswersWithTheNewVersionsAndBrokenModelsAre422() {
    ResponseEntity<Map<String, Object>> unchanged = deployAs("admin");
    assertThat(unchanged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(unchanged.getBody()).containsEntry("deployed", false);
    int incident = latestVersionOf("incident");
    int priority = latestDecisionVersionOf("incident-priority");

    MODELS.write("processes/incident.bpmn", MODELS.read("processes/incident.bpmn") + "<!-- A designer's note -->\n");
    ResponseEntity<Map<String, Object>> changed = deployAs("admin");
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(changed.getBody()).containsEntry("deployed", true)
        .containsEntry("changedFiles", List.of("processes/incident.bpmn"));
    // All files are deployed together: the decision nobody touched gets a new version as well.
    assertThat(changed.getBody().get("definitions")).asList().contains(
        Map.of("type", "process", "key", "incident", "version", incident + 1, "resource", "processes/incident.bpmn"),
        Map.of("type", "decision", "key", "incident-priority", "version", priority + 1,
            "resource", "decisions/incident-priority.dmn"));
    assertThat(latestVersionOf("incident")).isEqualTo(incident + 1);

    MODELS.write("processes/incident.bpmn", MODELS.read("processes/incident.bpmn")
        .replaceFirst("sourceRef=\"[^\"]*\"", "sourceRef=\"Activity_Nowhere\""));
    ResponseEntity<Map<String, Object>> broken = deployAs("admin");
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(broken.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) broken.getBody().get("detail")).contains("processes/incident.bpmn")
        .contains("The running versions stay active");
    assertThat(broken.getBody().get("problems")).asList().isNotEmpty().allSatisfy(problem ->
        assertThat(problem).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("file", "processes/incident.bpmn"));
    assertThat(latestVersionOf("incident")).isEqualTo(incident + 1);
  }

  @Test
  void onlyAdministratorsMayDeploy() {
    assertThat(deployAs("alice").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity("/api/admin/models/deploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
