package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deployed versions of a process and a decision with their files, for the browser's diff, and the rules
 * that changed between two versions of a decision table, or in a draft.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelVersionsApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  DecisionService decisionService;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /** A waiting process of its own: one user task, named as given. */
  static String waiting(String key, String taskId, String taskName) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_%1$s" targetNamespace="http://flowdesk.org/test">
          <bpmn:process id="%1$s" name="Waiting" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="Event_Start" name="Started" />
            <bpmn:sequenceFlow id="Flow_In" sourceRef="Event_Start" targetRef="%2$s" />
            <bpmn:userTask id="%2$s" name="%3$s" camunda:candidateGroups="service-desk" />
            <bpmn:sequenceFlow id="Flow_Out" sourceRef="%2$s" targetRef="Event_End" />
            <bpmn:endEvent id="Event_End" name="Done" />
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, taskId, taskName);
  }

  /** A priority table of its own, with the rules given as (id, size entry, output, annotation). */
  static String table(String key, String[]... rules) {
    StringBuilder rows = new StringBuilder();
    for (String[] rule : rules) {
      rows.append("""
              <rule id="%1$s"><description>%4$s</description><inputEntry id="%1$s_In"><text>%2$s</text></inputEntry><inputEntry id="%1$s_Kind"><text></text></inputEntry><outputEntry id="%1$s_Out"><text>%3$s</text></outputEntry></rule>
          """.formatted(rule[0], rule[1], rule[2], rule[3]));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_%1$s" name="Sizes" namespace="http://flowdesk.org/test">
          <decision id="%1$s" name="Sizes" camunda:historyTimeToLive="P1D">
            <decisionTable id="Table_%1$s" hitPolicy="FIRST">
              <input id="Input_Size" label="Size"><inputExpression id="Expression_Size" typeRef="integer"><text>size</text></inputExpression></input>
              <input id="Input_Kind"><inputExpression id="Expression_Kind" typeRef="string"><text>kind</text></inputExpression></input>
              <output id="Output_Group" label="Group" name="group" typeRef="string" />
        %2$s    </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, rows);
  }

  static final String[] SMALL = {"DecisionRule_Small", "&lt; 10", "\"small\"", "Below ten"};
  static final String[] BIG = {"DecisionRule_Big", "&gt;= 10", "\"big\"", "Ten and more"};
  static final String[] HUGE = {"DecisionRule_Huge", "&gt;= 100", "\"huge\"", "A hundred and more"};
  static final String[] TINY = {"DecisionRule_Tiny", "&lt; 2", "\"tiny\"", "Below two"};

  String deploy(String name, String content) {
    String id = repositoryService.createDeployment().addString(name, content).deploy().getId();
    deployments.add(id);
    return id;
  }

  ResponseEntity<String> get(String user, String path) {
    return ApiClient.as(rest, user, user).getForEntity(path, String.class);
  }

  ResponseEntity<String> postXml(String user, String path, String xml) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/xml");
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST,
        new HttpEntity<>(xml.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  @Test
  void aProcessListsItsVersionsNewestFirstWithTheirFilesAndRunningInstances() {
    String key = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    String first = waiting(key, "Activity_Wait", "Wait");
    String second = waiting(key, "Activity_Wait", "Wait a little longer");
    String firstDeployment = deploy(key + ".bpmn", first);
    runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-1");
    runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-2");
    String secondDeployment = deploy(key + ".bpmn", second);
    runtimeService.startProcessInstanceByKey(key, "TEST-" + key + "-3");

    ResponseEntity<String> response = get("dora", "/api/workbench/processes/" + key + "/versions");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode versions = ApiClient.read(response);
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
    assertThat(versions.get(0).get("deploymentId").asText()).isEqualTo(secondDeployment);
    assertThat(versions.get(0).get("definitionId").asText()).startsWith(key + ":2:");
    assertThat(versions.get(0).get("resource").asText()).isEqualTo(key + ".bpmn");
    assertThat(versions.get(0).get("running").asInt()).isEqualTo(1);
    assertThat(versions.get(0).get("deployedAt").asText()).endsWith("Z");
    assertThat(versions.get(0).has("evaluations")).isFalse();
    assertThat(versions.get(1).get("version").asInt()).isEqualTo(1);
    assertThat(versions.get(1).get("deploymentId").asText()).isEqualTo(firstDeployment);
    assertThat(versions.get(1).get("running").asInt()).isEqualTo(2);

    ResponseEntity<String> xml = get("admin", "/api/workbench/processes/" + key + "/versions/1/xml");
    assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(xml.getHeaders().getContentType().toString()).startsWith("application/xml");
    assertThat(xml.getBody()).isEqualTo(first);
    assertThat(get("dora", "/api/workbench/processes/" + key + "/versions/2/xml").getBody()).isEqualTo(second);

    ResponseEntity<String> unknown = get("dora", "/api/workbench/processes/" + key + "/versions/3/xml");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("process");
    assertThat(get("dora", "/api/workbench/processes/no-such-process/versions").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("dora", "/api/workbench/processes/" + key + "/versions/two/xml").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void twoVersionsOfADecisionDifferByTheirAddedRemovedAndChangedRules() {
    String key = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    String first = table(key, TINY, SMALL, BIG);
    String[] smallChanged = {"DecisionRule_Small", "&lt; 20", "\"small\"", "Below twenty"};
    String second = table(key, HUGE, smallChanged, BIG);
    deploy(key + ".dmn", first);
    decisionService.evaluateDecisionByKey(key).variables(Variables.putValue("size", 5).putValue("kind", "x"))
        .evaluate();
    deploy(key + ".dmn", second);

    JsonNode versions = ApiClient.read(get("dora", "/api/workbench/decisions/" + key + "/versions"));
    assertThat(versions.findValuesAsText("version")).containsExactly("2", "1");
    assertThat(versions.get(1).get("evaluations").asInt()).isEqualTo(1);
    assertThat(versions.get(0).get("evaluations").asInt()).isZero();
    assertThat(versions.get(0).has("running")).isFalse();
    assertThat(versions.get(0).get("resource").asText()).isEqualTo(key + ".dmn");
    assertThat(get("dora", "/api/workbench/decisions/" + key + "/versions/1/xml").getBody()).isEqualTo(first);

    ResponseEntity<String> response = get("dora", "/api/workbench/decisions/" + key + "/diff?from=1&to=2");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode diff = ApiClient.read(response);
    assertThat(diff.get("key").asText()).isEqualTo(key);
    assertThat(diff.get("from").asInt()).isEqualTo(1);
    assertThat(diff.get("to").asInt()).isEqualTo(2);
    assertThat(diff.get("inputs").toString()).isEqualTo("[\"Size\",\"kind\"]");
    assertThat(diff.get("outputs").toString()).isEqualTo("[\"Group\"]");
    assertThat(diff.get("added").toString()).isEqualTo("[{\"id\":\"DecisionRule_Huge\",\"index\":1,"
        + "\"inputs\":[\">= 100\",\"-\"],\"outputs\":[\"\\\"huge\\\"\"],\"annotation\":\"A hundred and more\"}]");
    assertThat(diff.get("removed").findValuesAsText("id")).containsExactly("DecisionRule_Tiny");
    assertThat(diff.get("changed")).hasSize(1);
    assertThat(diff.at("/changed/0/before/inputs/0").asText()).isEqualTo("< 10");
    assertThat(diff.at("/changed/0/before/index").asInt()).isEqualTo(2);
    assertThat(diff.at("/changed/0/after/inputs/0").asText()).isEqualTo("< 20");
    assertThat(diff.at("/changed/0/after/annotation").asText()).isEqualTo("Below twenty");
    assertThat(diff.get("unchanged").asInt()).as("the big rule").isEqualTo(1);

    // A draft against the latest version (2), and against version 1.
    String draft = table(key, HUGE, smallChanged, new String[] {"DecisionRule_Big", "&gt;= 20", "\"big\"",
        "Ten and more"});
    JsonNode againstLatest = ApiClient.read(postXml("dora", "/api/workbench/decisions/" + key + "/diff", draft));
    assertThat(againstLatest.get("from").asInt()).isEqualTo(2);
    assertThat(againstLatest.get("to").isNull()).isTrue();
    assertThat(againstLatest.get("added")).isEmpty();
    assertThat(againstLatest.get("removed")).isEmpty();
    assertThat(againstLatest.get("changed").findValuesAsText("id")).containsOnly("DecisionRule_Big");
    assertThat(againstLatest.get("unchanged").asInt()).isEqualTo(2);
    JsonNode againstFirst = ApiClient.read(postXml("admin", "/api/workbench/decisions/" + key + "/diff?from=1",
        draft));
    assertThat(againstFirst.get("changed")).hasSize(2);
    assertThat(againstFirst.get("removed").findValuesAsText("id")).containsExactly("DecisionRule_Tiny");

    // Refused as the what-if refuses a draft; unknown versions and decisions are 404.
    ResponseEntity<String> entities = postXml("dora", "/api/workbench/decisions/" + key + "/diff",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + draft.substring(draft.indexOf("<definitions")));
    assertThat(entities.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(entities.getBody()).contains("document type");
    assertThat(postXml("dora", "/api/workbench/decisions/" + key + "/diff", table("another", SMALL))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> unknown = get("dora", "/api/workbench/decisions/" + key + "/diff?from=1&to=3");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("decision");
    assertThat(get("dora", "/api/workbench/decisions/no-such-decision/versions").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("dora", "/api/workbench/decisions/" + key + "/diff?from=1").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void onlyDesignersAndAdministratorsSeeTheVersions() {
    String key = "versions-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(key + ".dmn", table(key, SMALL));
    deploy(key + ".bpmn", waiting(key + "-process", "Activity_Wait", "Wait"));
    List<String> paths = List.of("/api/workbench/decisions/" + key + "/versions",
        "/api/workbench/decisions/" + key + "/versions/1/xml", "/api/workbench/decisions/" + key + "/diff?from=1&to=1",
        "/api/workbench/processes/" + key + "-process/versions",
        "/api/workbench/processes/" + key + "-process/versions/1/xml");
    for (String path : paths) {
      for (String user : List.of("alice", "bob")) {
        assertThat(get(user, path).getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.FORBIDDEN);
      }
      assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(get("dora", path).getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    }
    assertThat(postXml("bob", "/api/workbench/decisions/" + key + "/diff", table(key, SMALL)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }
}
