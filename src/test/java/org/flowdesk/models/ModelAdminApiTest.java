package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A process designer's live redeploy through POST /api/admin/models/deploy. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class ModelAdminApiTest {

  static final ModelsFixture MODELS = ModelsFixture.copyOfTestModels();

  @DynamicPropertySource
  static void models(DynamicPropertyRegistry registry) {
    registry.add("flowdesk.models.root", () -> MODELS.root().toString());
  }

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;

  private ResponseEntity<Map<String, Object>> deployAs(String user) {
    return rest.withBasicAuth(user, user).exchange("/api/admin/models/deploy", HttpMethod.POST, null,
        new ParameterizedTypeReference<>() { });
  }

  private int latestVersionOf(String processKey) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
        .singleResult().getVersion();
  }

  @Test
  void deployingChangedModelsAnswersWithTheNewVersionsAndBrokenModelsAre422() {
    ResponseEntity<Map<String, Object>> unchanged = deployAs("admin");
    assertThat(unchanged.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(unchanged.getBody()).containsEntry("deployed", false);

    MODELS.replace("processes/fixture-review.bpmn", "name=\"Review\"", "name=\"Review the request\"");
    ResponseEntity<Map<String, Object>> changed = deployAs("admin");
    assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(changed.getBody()).containsEntry("deployed", true)
        .containsEntry("changedFiles", List.of("processes/fixture-review.bpmn"));
    assertThat(changed.getBody().get("definitions")).asList().contains(
        Map.of("type", "process", "key", "fixture-review", "version", 2, "resource", "processes/fixture-review.bpmn"),
        Map.of("type", "decision", "key", "fixture-priority", "version", 2,
            "resource", "decisions/fixture-priority.dmn"));
    assertThat(latestVersionOf("fixture-review")).isEqualTo(2);

    MODELS.replace("processes/fixture-review.bpmn", "sourceRef=\"Activity_Review\"", "sourceRef=\"Activity_Nowhere\"");
    ResponseEntity<Map<String, Object>> broken = deployAs("admin");
    assertThat(broken.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(broken.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) broken.getBody().get("detail")).contains("processes/fixture-review.bpmn")
        .contains("The running versions stay active");
    assertThat(broken.getBody().get("problems")).asList().isNotEmpty().allSatisfy(problem ->
        assertThat(problem).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
            .containsEntry("file", "processes/fixture-review.bpmn"));
    assertThat(latestVersionOf("fixture-review")).isEqualTo(2);
  }

  @Test
  void onlyAdministratorsMayDeploy() {
    assertThat(deployAs("alice").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(rest.postForEntity("/api/admin/models/deploy", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
