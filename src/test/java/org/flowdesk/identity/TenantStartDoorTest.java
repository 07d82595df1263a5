package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
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
 * the one deployed for no tenant. A tenant's superseded version is pointed to that tenant's latest. A start by key
 * that names no tenant starts the version of no tenant (FlowDesk's own), as Camunda's REST API does; a process only
 * tenants have is refused with their names, and FlowDesk's API starts its own versions whatever tenants have.
 */
@EditableModelsTest
class TenantStartDoorTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String TENANT = "acme";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /** The incident process for the tenant, with a report form that requires a description. */
  ProcessDefinition deployForTenant() {
    return deployForTenant(TENANT, "incident");
  }

  /** The incident process for a tenant under the key given, with a report form that requires a description. */
  ProcessDefinition deployForTenant(String tenant, String key) {
    String form = MODELS.read("forms/incident-report.form").replace("\"validate\": {\n        \"maxLength\": 20000",
        "\"validate\": {\n        \"required\": true,\n        \"maxLength\": 20000");
    assertThat(form).contains("\"required\": true,\n        \"maxLength\": 20000");
    String id = repositoryService.createDeployment().name(key + " for " + tenant).tenantId(tenant)
        .addString("processes/" + key + ".bpmn", MODELS.read("processes/incident.bpmn")
            .replace("<bpmn:process id=\"incident\"", "<bpmn:process id=\"" + key + "\""))
        .addString("forms/incident-report.form", form).deploy().getId();
    deployments.add(id);
    return repositoryService.createProcessDefinitionQuery().deploymentId(id).singleResult();
  }

  @Autowired
  org.camunda.bpm.engine.IdentityService identityService;
  @Autowired
  org.camunda.bpm.engine.TaskService taskService;

  /**
   * A member of a tenant takes on the tenant's task at Camunda's door: the door asks whether the caller reads the task
   * with the caller's tenants, as Camunda's REST API authenticates them; one outside the tenant gets "There is no task".
   */
  @Test
  void aTenantsMemberWorksTheTenantsTaskAtTheDoorAndOthersDoNotSeeIt() throws java.io.IOException {
    // The incident process with every decision and form it takes, as the tenant's own deployment.
    var deployment = repositoryService.createDeployment().name("incident for " + TENANT + ", whole").tenantId(TENANT)
        .addString("processes/incident.bpmn", MODELS.read("processes/incident.bpmn"));
    for (String folder : List.of("decisions", "forms")) {
      try (var files = java.nio.file.Files.list(MODELS.root().resolve(folder))) {
        for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
          deployment.addString(folder + "/" + file.getFileName(), java.nio.file.Files.readString(file));
        }
      }
    }
    deployments.add(deployment.deploy().getId());
    identityService.saveTenant(identityService.newTenant(TENANT));
    identityService.createTenantUserMembership(TENANT, "bob");
    try {
      String instance = runtimeService.createProcessInstanceByKey("incident").processDefinitionTenantId(TENANT)
          .setVariables(Map.of("title", "Tenant printer", "service", "printer", "category", "hardware", "impact", 3,
              "urgency", 3, "description", "Jams", "requester", "alice")).execute().getId();
      String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
      ApiClient api = new ApiClient(rest);

      ResponseEntity<String> sam = api.call("sam", HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
          Map.of("userId", "sam"));
      assertThat(sam.getStatusCode()).as(sam.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
      ResponseEntity<String> bob = api.call("bob", HttpMethod.POST, "/engine-rest/task/" + task + "/claim",
          Map.of("userId", "bob"));
      assertThat(bob.getStatusCode()).as(bob.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
      assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("bob");
    } finally {
      identityService.deleteTenant(TENANT);
    }
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

  @Test
  void aStartByKeyNamingNoTenantStartsTheVersionOfNoTenantWhateverTenantsHave() {
    ApiClient api = new ApiClient(rest);
    deployForTenant(TENANT, "incident");
    deployForTenant("globex", "incident");

    // FlowDesk's own report form asks for no description; the tenants' forms would refuse this start.
    for (String door : new String[] {"/start", "/submit-form"}) {
      ResponseEntity<String> started = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/key/"
          + "incident" + door, SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
      assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
      String definitionId = ApiClient.read(started).path("definitionId").asText();
      ProcessDefinition definition = repositoryService.getProcessDefinition(definitionId);
      assertThat(definition.getTenantId()).isNull();
      assertThat(definition.getKey()).isEqualTo("incident");
    }
  }

  @Test
  void aStartByKeyOfAProcessOnlyTenantsHaveMustNameTheTenant() {
    ApiClient api = new ApiClient(rest);
    deployForTenant(TENANT, "tenant-incident");
    deployForTenant("globex", "tenant-incident");

    for (String door : new String[] {"start", "submit-form"}) {
      ResponseEntity<String> refused = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/key/"
          + "tenant-incident/" + door, SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
      assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(ApiClient.read(refused).get("detail").asText()).isEqualTo("Process tenant-incident is deployed for "
          + "tenants acme, globex only: name the tenant, as /process-definition/key/tenant-incident/tenant-id/"
          + "{tenant}/" + door);
    }
    ResponseEntity<String> byAdmin = api.call("admin", HttpMethod.POST, "/engine-rest/process-definition/key/"
        + "tenant-incident/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(byAdmin.getStatusCode()).as(byAdmin.getBody()).isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> elsewhere = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/key/"
        + "tenant-incident/tenant-id/initech/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(elsewhere.getStatusCode()).as(elsewhere.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ApiClient.read(elsewhere).get("detail").asText())
        .isEqualTo("There is no process tenant-incident for tenant initech");

    // The tenant's own form is the one checked once the path names it.
    ResponseEntity<String> named = api.call("alice", HttpMethod.POST, "/engine-rest/process-definition/key/"
        + "tenant-incident/tenant-id/globex/start", SupersededVersionDoorTest.WITHOUT_DESCRIPTION);
    assertThat(named.getStatusCode()).as(named.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ApiClient.read(named).get("errors").findValuesAsText("field")).containsExactly("description");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("tenant-incident").count()).isZero();
  }

  @Test
  void flowDesksApiStartsItsOwnVersionsWhenTenantsHaveTheirs() {
    ApiClient api = new ApiClient(rest);
    deployForTenant(TENANT, "incident");
    deployForTenant("globex", "incident");
    deployments.add(repositoryService.createDeployment().name("service-request for " + TENANT).tenantId(TENANT)
        .addString("processes/service-request.bpmn", MODELS.read("processes/service-request.bpmn")).deploy().getId());

    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "VPN drops", "service", "vpn", "category", "network", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item",
        "desk-repair", "answers", Map.of("location", "Desk 7", "details", "Drawer stuck")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);

    for (String ticket : new String[] {ApiClient.read(reported).get("number").asText(),
        ApiClient.read(ordered).get("number").asText()}) {
      assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket).list())
          .isNotEmpty().allSatisfy(instance -> assertThat(instance.getTenantId()).isNull());
    }
  }
}
