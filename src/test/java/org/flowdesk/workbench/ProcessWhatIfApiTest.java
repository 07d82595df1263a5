package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.flowdesk.ApiClient;
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
 * A changed process before it is rolled out: the deployment's checks on the draft with their
 * elements, the steps it removes and the tickets waiting on them now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProcessWhatIfApiTest {

  @Autowired
  TestRestTemplate rest;

  ResponseEntity<String> whatIf(String user, String key, String draft) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/xml");
    return ApiClient.as(rest, user, user).exchange("/api/workbench/processes/" + key + "/what-if",
        HttpMethod.POST, new HttpEntity<>(draft.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  static String incident() throws Exception {
    return Files.readString(Path.of("processes/incident.bpmn"));
  }

  @Test
  void aRenamedStepLeavesTheTicketsWaitingOnItOnTheirVersion() throws Exception {
    ResponseEntity<String> reported = new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents",
        Map.of("title", "Whatif marram scanner offline", "service", "printer", "category", "hardware",
            "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();
    String draft = incident().replace("Activity_WorkIncident", "Activity_WorkTheIncident");

    ResponseEntity<String> response = whatIf("dora", "incident", draft);

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode report = ApiClient.read(response);
    assertThat(report.get("file").asText()).isEqualTo("processes/incident.bpmn");
    assertThat(report.get("errors")).isEmpty();
    assertThat(report.get("removed").findValuesAsText("id")).containsExactly("Activity_WorkIncident");
    assertThat(report.get("added").findValuesAsText("id")).containsExactly("Activity_WorkTheIncident");
    assertThat(report.get("waiting")).anySatisfy(waiting -> {
      assertThat(waiting.get("ticket").asText()).isEqualTo(number);
      assertThat(waiting.get("step").asText()).isEqualTo("Activity_WorkIncident");
      assertThat(waiting.get("version").asInt()).isEqualTo(report.get("deployedVersion").asInt());
    });
    // The deployed file itself removes nothing.
    assertThat(ApiClient.read(whatIf("dora", "incident", incident())).get("removed")).isEmpty();
  }

  @Test
  void aBrokenReferenceAScriptAndABeanAreNamedWithTheirElement() throws Exception {
    String draft = incident().replaceFirst("camunda:delegateExpression=\"\\$\\{[A-Za-z]+}\"",
        "camunda:delegateExpression=\"\\${notfy}\"")
        .replace("camunda:formRef=\"incident-work\" camunda:formRefBinding=\"deployment\" "
            + "camunda:candidateGroups=\"${assignmentGroup}\"", "camunda:formRef=\"incident-work\" "
            + "camunda:formRefBinding=\"deployment\" camunda:candidateGroups=\"${jdbcClient.sql('select 1').query()"
            + ".singleValue()}\"");

    JsonNode report = ApiClient.read(whatIf("dora", "incident", draft));

    assertThat(report.get("errors").findValuesAsText("reason")).anyMatch(reason -> reason.startsWith("calls ${notfy}"))
        .anyMatch(reason -> reason.startsWith("names the bean 'jdbcClient'"));
    assertThat(report.get("errors")).allSatisfy(error -> {
      assertThat(error.get("file").asText()).isEqualTo("processes/incident.bpmn");
      assertThat(error.get("element").asText()).isNotBlank();
    });
    assertThat(report.get("errors").findValuesAsText("element")).contains("Activity_WorkIncident");
  }

  @Test
  void draftsThatAreNoProcessOrNotForDesignersAreRefused() throws Exception {
    assertThat(whatIf("bob", "incident", incident()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(whatIf("dora", "no-such-process", incident()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(whatIf("dora", "change", incident()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(whatIf("dora", "incident", "<definitions/>").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    ResponseEntity<String> entities = whatIf("dora", "incident", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
        + "\"file:///etc/passwd\">]>" + incident().substring(incident().indexOf("<bpmn:definitions")));
    assertThat(entities.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(entities.getBody()).contains("document type");
  }
}
