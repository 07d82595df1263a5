package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A start at Camunda's REST API that names a tenant (/process-definition/key/{key}/tenant-id/{tenant}/start) is
 * checked against the start form of the version the engine starts: that tenant's latest, not another tenant's or
 * the one deployed for no tenant. A tenant's superseded version is pointed to that tenant's latest.
 */
@EditableModelsTest
class TenantStartDoorTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String TENANT = "acme";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /** The incident process for the tenant, with a report form that requires a description. */
  ProcessDefinition deployForTenant() {
    String form = MODELS.read("forms/incident-report.form").replace("\"validate\": {\n        \"maxLength\": 20000",
        "\"validate\": {\n        \"required\": true,\n        \"maxLength\": 20000");
    assertThat(form).contains("\"required\": true,\n        \"maxLength\": 20000");
    String id = repositoryService.createDeployment().name("incident for " + TENANT).tenantId(TENANT)
        .addString("processes/incident.bpmn", MODELS.read("processes/incident.bpmn"))
        .addString("forms/incident-report.form", form).deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  @Test
  void aStartForATenantIsCheckedAgainstThatTenantsLatestVersion() {
    ApiClient api = new ApiClient(rest);
    ProcessDefinition first = deployForTenant();
    ProcessDefinition latest = deployForTenant();
    assertThat(latest.getTenantId()).isEqualTo(TENANT);

    ResponseEntity<String> byKey = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/key/incident/"
        + "tenant-id/" + TENANT + "/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(byKey.getStatusCode()).as(byKey.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(byKey).get("errors").findValuesAsText("field")).containsExactly("description");

    ResponseEntity<String> latestById = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/"
        + latest.getId() + "/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(latestById.getStatusCode()).as(latestById.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(latestById).get("errors").findValuesAsText("field")).containsExactly("description");

    ResponseEntity<String> superseded = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/"
        + first.getId() + "/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(superseded.getStatusCode()).as(superseded.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.read(superseded).get("detail").asText()).contains("Version " + first.getVersion(),
        "version " + latest.getVersion(), "/process-definition/key/incident/tenant-id/" + TENANT + "/start");
  }
}
