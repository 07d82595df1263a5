package org.flowdesk.effort;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which steps ask for the time spent, and what an hour of a group's work costs, are the models' to
 * say: a designer adds the field to a step's form, or changes a rate in catalog/effort-rates.yaml,
 * deploys, and FlowDesk records and prices accordingly, with no change to Java.
 */
@EditableModelsTest
class TimeWorkedModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String DAY = "from=2031-05-06&to=2031-05-07";
  static final String FORM = """
      {"id": "fulfil-key-copy", "type": "default", "components": [
        {"id": "Field_KeyNumber", "key": "keyNumber", "label": "Key number", "type": "textfield",
         "validate": {"maxLength": 20}}]}
      """;

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  @AfterEach
  void suiteClock() {
    EngineTime.reset();
  }

  void deploy() {
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
  }

  String orderKeyCopy() {
    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "key-copy",
        "answers", Map.of()));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  ResponseEntity<String> cutKey(String number, Map<String, Object> form) {
    String task = api.taskOf("fred", number, "Cut a key");
    assertThat(task).as("fred's task for " + number).isNotNull();
    return api.call("fred", HttpMethod.POST, "/api/tasks/" + task + "/complete", form);
  }

  BigDecimal facilitiesCost() {
    for (JsonNode group : api.get("sofia", "/api/measures/time-worked?" + DAY).get("groups")) {
      if ("facilities".equals(group.get("group").asText())) {
        return new BigDecimal(group.get("effortCost").asText());
      }
    }
    throw new AssertionError("no facilities time on " + DAY);
  }

  @Test
  void aStepRecordsTimeOnceItsFormAsksForItAndTheCatalogsRatePricesIt() {
    EngineTime.clockAt("2031-05-06T09:00");
    MODELS.write("forms/fulfil-key-copy.form", FORM);
    MODELS.write("processes/fulfil-key-copy.bpmn", Bpmn.convertToString(Bpmn.createExecutableProcess("fulfil-key-copy")
        .name("Fulfil key copy").camundaHistoryTimeToLive(180)
        .startEvent("Event_KeyCopyApproved").name("Key copy to cut")
        .userTask("Activity_CutKey").name("Cut a key").camundaCandidateGroups("facilities")
        .camundaFormRef("fulfil-key-copy").camundaFormRefBinding("deployment")
        .endEvent("Event_KeyCut").name("Key cut")
        .done()));
    MODELS.write("catalog/key-copy.yaml", """
        requestItems:
          - id: key-copy
            name: Copy of an office key
            description: A second key to your office.
            service: building
            form: item-facilities-job
            process: fulfil-key-copy
            fulfilmentGroup: facilities
            price: 15
            deliveryTarget: P5D
        """.replace("item-facilities-job", "fulfil-key-copy"));
    deploy();

    // The form does not ask for the time spent: it is not a field of the step, and is refused.
    String first = orderKeyCopy();
    ResponseEntity<String> refused = cutKey(first, Map.of("keyNumber", "K-17", "timeSpentMinutes", 50));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("the form 'fulfil-key-copy' has no field 'timeSpentMinutes'");
    assertThat(cutKey(first, Map.of("keyNumber", "K-17")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // The designer adds the field to the form; the next key's step records the time.
    MODELS.replace("forms/fulfil-key-copy.form", "\"validate\": {\"maxLength\": 20}}]}", """
        "validate": {"maxLength": 20}},
          {"id": "Field_TimeSpent", "key": "timeSpentMinutes", "label": "Time spent (minutes)", "type": "number",
           "decimalDigits": 0, "validate": {"min": 1, "max": 1440}}]}""");
    deploy();
    String second = orderKeyCopy();
    ResponseEntity<String> done = cutKey(second, Map.of("keyNumber", "K-18", "timeSpentMinutes", 50));
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode worked = api.get("admin", "/api/tickets/" + second + "/time-worked");
    assertThat(worked.get("totalMinutes").asLong()).isEqualTo(50);
    assertThat(worked.get("entries").get(0).get("step").asText()).isEqualTo("Cut a key");
    assertThat(worked.get("entries").get(0).get("group").asText()).isEqualTo("facilities");

    // 50 minutes at the shipped 40 an hour, then at the rate the designer sets: past time is priced anew.
    assertThat(facilitiesCost()).isEqualByComparingTo("33.33");
    MODELS.replace("catalog/effort-rates.yaml", "  - group: facilities\n    hourlyRate: 40",
        "  - group: facilities\n    hourlyRate: 100");
    deploy();
    assertThat(facilitiesCost()).isEqualByComparingTo("83.33");
  }

  @Test
  void aRateOrATimeFieldTheCatalogOrFormCannotHaveIsRefusedNamingFileAndEntry() {
    MODELS.replace("catalog/effort-rates.yaml", "  - group: network\n    hourlyRate: 80",
        "  - group: network\n    hourlyRate: -80\n  - group: facilities\n    hourlyRate: 55");
    ResponseEntity<String> refused = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("catalog/effort-rates.yaml").contains("network")
        .contains("an effort rate needs an hourlyRate of 0 or more")
        .contains("the effort rate of group 'facilities' is also given in catalog/effort-rates.yaml");
    MODELS.replace("catalog/effort-rates.yaml", "hourlyRate: -80", "hourlyRate: 80");
    MODELS.replace("catalog/effort-rates.yaml", "  - group: facilities\n    hourlyRate: 55\n", "");

    // The time spent is whole minutes: a text field of that name is refused.
    MODELS.write("forms/fulfil-key-copy.form", """
        {"id": "fulfil-key-copy", "type": "default", "components": [
          {"id": "Field_TimeSpent", "key": "timeSpentMinutes", "label": "Time spent", "type": "textfield"}]}
        """);
    ResponseEntity<String> text = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(text.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(text.getBody()).contains("forms/fulfil-key-copy.form")
        .contains("field 'timeSpentMinutes' is the time a step took: it must be an editable number field");
  }
}
