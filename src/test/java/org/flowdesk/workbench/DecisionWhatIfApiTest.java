package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
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
 * The designer's what-if: a changed decision table evaluated again on the inputs of the deployed
 * one's past evaluations, with figures computed by hand, the tickets it would have changed, and
 * the drafts it refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DecisionWhatIfApiTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  DecisionService decisionService;

  final List<String> deployments = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    EngineTime.reset();
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  /** A table of its own: sizes below the threshold are "small", the others "big". */
  static String sizes(String key, int threshold) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="Definitions_%1$s" name="Sizes" namespace="http://flowdesk.org/test">
          <decision id="%1$s" name="Sizes" camunda:historyTimeToLive="P1D">
            <decisionTable id="Table_%1$s" hitPolicy="UNIQUE">
              <input id="Input_Size" label="Size"><inputExpression id="Expression_Size" typeRef="integer"><text>size</text></inputExpression></input>
              <output id="Output_Group" label="Group" name="group" typeRef="string" />
              <rule id="Rule_Small"><inputEntry id="Entry_Small"><text>&lt; %2$d</text></inputEntry><outputEntry id="Out_Small"><text>"small"</text></outputEntry></rule>
              <rule id="Rule_Big"><inputEntry id="Entry_Big"><text>&gt;= %2$d</text></inputEntry><outputEntry id="Out_Big"><text>"big"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, threshold);
  }

  ResponseEntity<String> whatIf(String user, String key, String draft, String query) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/xml");
    return ApiClient.as(rest, user, user).exchange("/api/workbench/decisions/" + key + "/what-if" + query,
        HttpMethod.POST, new HttpEntity<>(draft.getBytes(StandardCharsets.UTF_8), headers), String.class);
  }

  /** Eight evaluations a second apart, of sizes 1, 5, 9, 10, 15, 20, 3 and 12, in that order. */
  String evaluatedEightTimes() {
    String key = "whatif-" + UUID.randomUUID().toString().substring(0, 8);
    deployments.add(repositoryService.createDeployment().addString(key + ".dmn", sizes(key, 10)).deploy().getId());
    Date start = ClockUtil.getCurrentTime();
    int second = 0;
    for (int size : new int[] {1, 5, 9, 10, 15, 20, 3, 12}) {
      ClockUtil.setCurrentTime(Date.from(start.toInstant().plus(Duration.ofSeconds(second++))));
      decisionService.evaluateDecisionByKey(key).variables(Variables.putValue("size", size)).evaluate();
    }
    EngineTime.reset();
    return key;
  }

  @Test
  void aLowerThresholdMovesTheSizesBetweenItHandComputed() {
    String key = evaluatedEightTimes();

    ResponseEntity<String> response = whatIf("dora", key, sizes(key, 5), "?last=8");

    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    JsonNode report = ApiClient.read(response);
    // Below 10 was small: 1, 5, 9, 3. Below 5 is small: 1, 3. So 5 and 9 turn big.
    assertThat(report.get("evaluations").asInt()).isEqualTo(8);
    assertThat(report.get("changed").asInt()).isEqualTo(2);
    assertThat(report.get("changes").findValues("inputs")).extracting(inputs -> inputs.get("size").asInt())
        .containsExactlyInAnyOrder(5, 9);
    assertThat(report.get("changes").get(0).get("before").get(0).get("group").asText()).isEqualTo("small");
    assertThat(report.get("changes").get(0).get("after").get(0).get("group").asText()).isEqualTo("big");
    assertThat(report.get("shifts").toString()).contains(
        "{\"output\":\"group\",\"value\":\"big\",\"before\":4,\"after\":6}",
        "{\"output\":\"group\",\"value\":\"small\",\"before\":4,\"after\":2}");
    assertThat(report.get("failures")).isEmpty();

    // The last three were 20, 3 and 12: none changes.
    JsonNode latest = ApiClient.read(whatIf("dora", key, sizes(key, 5), "?last=3"));
    assertThat(latest.get("evaluations").asInt()).isEqualTo(3);
    assertThat(latest.get("changed").asInt()).isZero();
    // The deployed table itself changes nothing.
    assertThat(ApiClient.read(whatIf("dora", key, sizes(key, 10), "?last=8")).get("changed").asInt()).isZero();
  }

  @Test
  void aChangedPriorityMatrixNamesTheIncidentsItWouldHaveChanged() throws Exception {
    ResponseEntity<String> reported = new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents",
        Map.of("title", "Whatif ferngully scanner jams", "service", "printer", "category", "hardware",
            "impact", 2, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();
    String deployed = Files.readString(Path.of("decisions/incident-priority.dmn"));
    String draft = deployed.replace("<outputEntry id=\"OutputEntry_Impact2Urgency3_1\"><text>4</text>",
        "<outputEntry id=\"OutputEntry_Impact2Urgency3_1\"><text>3</text>");
    assertThat(draft).isNotEqualTo(deployed);

    // Every evaluation there is: the suite's tests move the engine's clock back and forth (and on PostgreSQL
    // several contexts share one history), so "the last 20" need not hold this incident's.
    JsonNode report = ApiClient.read(whatIf("admin", "incident-priority", draft, "?last=100000"));

    assertThat(report.get("changes")).anySatisfy(change -> {
      assertThat(change.get("ticket").asText()).isEqualTo(number);
      assertThat(change.get("before").get(0).get("priority").asInt()).isEqualTo(4);
      assertThat(change.get("after").get(0).get("priority").asInt()).isEqualTo(3);
    });
    assertThat(report.get("changedTickets").asInt()).isPositive().isLessThanOrEqualTo(report.get("tickets").asInt());
  }

  @Test
  void onlyDesignersAndAdministratorsAsk() {
    String key = evaluatedEightTimes();
    for (String user : List.of("alice", "bob", "sofia", "carl")) {
      assertThat(whatIf(user, key, sizes(key, 5), "").getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(whatIf("dora", key, sizes(key, 5), "").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(whatIf("admin", key, sizes(key, 5), "").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(rest.exchange("/api/workbench/decisions/" + key + "/what-if", HttpMethod.POST,
        new HttpEntity<>(sizes(key, 5)), String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void hostileAndBrokenDraftsAreRefusedWithTheirReason() {
    String key = evaluatedEightTimes();
    String good = sizes(key, 5);
    Map<String, String> refused = Map.of(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>" + good.substring(good.indexOf("<definitions")),
        "document type",
        good.replace("<text>size</text>", "<text>java.lang.System.exit(1)</text>").replace("<inputExpression id=\"Expression_Size\"",
            "<inputExpression id=\"Expression_Size\" expressionLanguage=\"javascript\""),
        "Expression_Size uses the expression language 'javascript'",
        good.replace("<definitions ", "<definitions expressionLanguage=\"juel\" "),
        "expression language 'juel'",
        "this is not XML", "not a DMN file",
        sizes("another-table", 5), "has no decision table '" + key + "'");
    refused.forEach((draft, reason) -> {
      ResponseEntity<String> response = whatIf("dora", key, draft, "");
      assertThat(response.getStatusCode()).as(reason).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(response.getBody()).as(reason).contains(reason);
    });
    assertThat(whatIf("dora", key, good, "?last=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(whatIf("dora", key, good, "?last=100001").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(whatIf("dora", "no-such-decision", good, "").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // A draft whose input needs a variable the past evaluations did not have: reported, not a crash.
    JsonNode report = ApiClient.read(whatIf("dora", key, good.replace("<text>size</text>", "<text>weight</text>"), "?last=8"));
    assertThat(report.get("evaluations").asInt()).isZero();
    assertThat(report.get("failures")).hasSize(8);
    assertThat(report.get("failures").get(0).get("reason").asText())
        .isEqualTo("the draft reads weight, which the evaluation then did not have as an input");
  }
}
