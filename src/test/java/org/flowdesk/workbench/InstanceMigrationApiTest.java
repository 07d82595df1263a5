package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Moving running instances to a newer version: offered with Camunda's plan and moved when the waiting step
 * is only renamed; refused with the reason, and nothing moved, when the step they wait on is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InstanceMigrationApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  JdbcClient jdbc;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  void deploy(String key, String taskId, String taskName) {
    deployments.add(repositoryService.createDeployment()
        .addString(key + ".bpmn", ModelVersionsApiTest.waiting(key, taskId, taskName)).deploy().getId());
  }

  String definition(String key, int version) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).processDefinitionVersion(version)
        .singleResult().getId();
  }

  ResponseEntity<String> migrate(String user, String key, Object body) {
    return new ApiClient(rest).call(user, HttpMethod.POST, "/api/workbench/processes/" + key + "/migration", body);
  }

  @Test
  void instancesOnARenamedStepMoveAndThoseOnARemovedStepStay() {
    String key = "migrate-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "Activity_Wait", "Wait");
    String first = runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-1").getId();
    String second = runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-2").getId();
    deploy(key, "Activity_Wait", "Wait a little longer");

    // Version 2 only renames the step: both instances of version 1 can move.
    ResponseEntity<String> offered = new ApiClient(rest).call("dora", HttpMethod.GET,
        "/api/workbench/processes/" + key + "/migration", null);
    assertThat(offered.getStatusCode()).as(offered.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode plans = ApiClient.read(offered);
    assertThat(plans).hasSize(1);
    JsonNode plan = plans.get(0);
    assertThat(plan.get("fromVersion").asInt()).isEqualTo(1);
    assertThat(plan.get("toVersion").asInt()).isEqualTo(2);
    assertThat(plan.get("instances").asInt()).isEqualTo(2);
    assertThat(plan.get("movable").asInt()).isEqualTo(2);
    assertThat(plan.get("unmovable")).isEmpty();
    assertThat(plan.get("problems")).isEmpty();
    assertThat(plan.get("instructions").toString()).contains(
        "{\"from\":[\"Activity_Wait\"],\"to\":[\"Activity_Wait\"],\"updateEventTrigger\":false}");
    // Offering moved nothing.
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 1)).count())
        .isEqualTo(2);

    ResponseEntity<String> moved = migrate("dora", key, Map.of("fromVersion", 1, "toVersion", 2));

    assertThat(moved.getStatusCode()).as(moved.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(moved).get("moved").asInt()).isEqualTo(2);
    assertThat(ApiClient.read(moved).get("notMoved")).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 2)).count())
        .isEqualTo(2);
    // The task they wait on moved with them (Camunda keeps its name as it was created).
    assertThat(taskService.createTaskQuery().processInstanceId(first).singleResult().getProcessDefinitionId())
        .isEqualTo(definition(key, 2));
    assertThat(jdbc.sql("SELECT details FROM fd_audit_log WHERE action = 'models.migrate' AND actor = 'dora' "
        + "AND target = ?").param(key).query(String.class).list()).containsExactly("version 1 → 2: 2 moved");

    // Version 3 no longer has the step they wait on: refused with the reason, nothing moved.
    deploy(key, "Activity_Other", "Something else");
    JsonNode incompatible = ApiClient.read(new ApiClient(rest).call("admin", HttpMethod.GET,
        "/api/workbench/processes/" + key + "/migration?to=3", null)).get(0);
    assertThat(incompatible.get("fromVersion").asInt()).isEqualTo(2);
    assertThat(incompatible.get("instances").asInt()).isEqualTo(2);
    assertThat(incompatible.get("movable").asInt()).isZero();
    assertThat(incompatible.get("unmovable")).hasSize(2).allSatisfy(unmovable -> {
      assertThat(unmovable.get("ticket").asText()).startsWith("TEST-" + key);
      assertThat(unmovable.get("activities").toString()).isEqualTo("[\"Activity_Wait\"]");
      assertThat(unmovable.get("reasons").toString()).contains("Activity_Wait", "no migration instruction");
    });
    ResponseEntity<String> refused = migrate("dora", key, Map.of("fromVersion", 2, "toVersion", 3));
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode result = ApiClient.read(refused);
    assertThat(result.get("moved").asInt()).isZero();
    assertThat(result.get("notMoved").findValuesAsText("processInstanceId")).containsExactlyInAnyOrder(first, second);
    assertThat(result.get("notMoved").get(0).get("reasons").toString()).contains("Activity_Wait");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 2)).count())
        .isEqualTo(2);
    // Nothing runs on version 1 any more: it is not offered.
    assertThat(ApiClient.read(new ApiClient(rest).call("dora", HttpMethod.GET,
        "/api/workbench/processes/" + key + "/migration?to=3", null))).hasSize(1);
  }

  /** Version 1 of a process whose instances wait on Activity_Wait, or on Activity_Gone when started with gone = true. */
  static String forking(String key) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://flowdesk.org/test">
          <bpmn:process id="%1$s" name="Forking" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Event_Start" name="Started" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="Event_Start" targetRef="Gateway_Which" />
            <bpmn:exclusiveGateway id="Gateway_Which" name="Gone?" default="Flow_Stay" />
            <bpmn:sequenceFlow id="Flow_Stay" sourceRef="Gateway_Which" targetRef="Activity_Wait" />
            <bpmn:sequenceFlow id="Flow_Gone" sourceRef="Gateway_Which" targetRef="Activity_Gone">
              <bpmn:conditionExpression>${gone}</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:userTask id="Activity_Wait" name="Wait" camunda:candidateGroups="service-desk" />
            <bpmn:userTask id="Activity_Gone" name="Gone in version 2" camunda:candidateGroups="service-desk" />
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="Activity_Wait" targetRef="Event_End" />
            <bpmn:sequenceFlow id="Flow_GoneOut" sourceRef="Activity_Gone" targetRef="Event_End" />
            <bpmn:endEvent id="Event_End" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key);
  }

  @Test
  void manyInstancesAreTriedAndMovedInBatchesAndEachRefusedOneIsNamed() {
    String key = "migrate-" + UUID.randomUUID().toString().substring(0, 8);
    deployments.add(repositoryService.createDeployment().addString(key + ".bpmn", forking(key)).deploy().getId());
    // More than two batches; every seventh instance waits on the step version 2 no longer has, so the batches
    // that try them fail again and again and are narrowed down to the refused ones.
    int count = 2 * InstanceMigration.BATCH + 30;
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-" + i, Map.of("gone", i % 7 == 3))
          .getId();
      if (i % 7 == 3) {
        gone.add(id);
      }
    }
    deploy(key, "Activity_Wait", "Wait longer");

    JsonNode plan = ApiClient.read(new ApiClient(rest).call("dora", HttpMethod.GET,
        "/api/workbench/processes/" + key + "/migration", null)).get(0);
    assertThat(plan.get("instances").asInt()).isEqualTo(count);
    assertThat(plan.get("movable").asInt()).isEqualTo(count - gone.size());
    assertThat(plan.get("unmovable").findValuesAsText("processInstanceId")).as("ordered by instance")
        .containsExactlyElementsOf(gone.stream().sorted().toList());
    assertThat(plan.get("unmovable")).allSatisfy(unmovable -> {
      assertThat(unmovable.get("activities").toString()).isEqualTo("[\"Activity_Gone\"]");
      assertThat(unmovable.get("reasons").toString()).contains("Activity_Gone", "no migration instruction");
    });
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 1)).count())
        .as("the trial moved nothing").isEqualTo(count);

    JsonNode result = ApiClient.read(migrate("dora", key, Map.of("fromVersion", 1, "toVersion", 2)));

    assertThat(result.get("moved").asInt()).isEqualTo(count - gone.size());
    assertThat(result.get("notMoved").findValuesAsText("processInstanceId"))
        .containsExactlyElementsOf(gone.stream().sorted().toList());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 2)).count())
        .isEqualTo(count - gone.size());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 1)).list())
        .extracting(instance -> instance.getId()).containsExactlyInAnyOrderElementsOf(gone);
    assertThat(taskService.createTaskQuery().processDefinitionId(definition(key, 2)).count())
        .as("their tasks moved with them").isEqualTo(count - gone.size());
  }

  @Test
  void onlyDesignersAndAdministratorsMoveInstancesAndBadRequestsAreRefused() {
    String key = "migrate-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key, "Activity_Wait", "Wait");
    runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-1");
    deploy(key, "Activity_Wait", "Wait longer");
    ApiClient api = new ApiClient(rest);
    for (String user : List.of("alice", "bob")) {
      assertThat(api.call(user, HttpMethod.GET, "/api/workbench/processes/" + key + "/migration", null)
          .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(migrate(user, key, Map.of("fromVersion", 1, "toVersion", 2)).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 1)).count())
        .isEqualTo(1);
    assertThat(migrate("dora", key, Map.of("fromVersion", 1)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(migrate("dora", key, Map.of("fromVersion", 0, "toVersion", 2)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(migrate("dora", key, Map.of("fromVersion", 2, "toVersion", 2)).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(migrate("dora", key, Map.of("fromVersion", 1, "toVersion", 9)).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(migrate("dora", "no-such-process", Map.of("fromVersion", 1, "toVersion", 2)).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("dora", HttpMethod.GET, "/api/workbench/processes/" + key + "/migration?to=9", null)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(definition(key, 1)).count())
        .isEqualTo(1);
  }
}
