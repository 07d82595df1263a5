package org.flowdesk.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.EngineTime;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A process designer changes who approves changes and adds a blackout window, as files deployed
 * through the admin endpoint; the next change follows them, with no Java change.
 */
@EditableModelsTest
class ChangeModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    // Changes are planned in the weeks after ChangeApiTest's fixed "today", so the clock starts there.
    EngineTime.runningFrom(ChangeApiTest.TODAY + "T09:00");
    api = new ApiClient(rest);
  }

  String raiseMediumRiskChange(int weeksAhead) {
    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", ChangeApiTest.networkChange(weeksAhead));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(raised).get("number").asText();
    api.work("carl", number, "Assess the change", Map.of("decision", "proceed"));
    return number;
  }

  void deploy() {
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(deployed).get("deployed").asBoolean()).isTrue();
  }

  @Test
  void whenMediumRiskNeedsEveryCabMemberOneRejectionDecidesTheNextChange() {
    String before = raiseMediumRiskChange(3);
    api.work("nina", before, "CAB member votes", Map.of("vote", "reject", "voteReason", "Too close to the release"));
    // A majority of three: one rejection decides nothing yet.
    assertThat(api.status("nina", before)).isEqualTo("approval");

    MODELS.replace("decisions/change-approval.dmn",
        "<outputEntry id=\"OutputEntry_NormalMedium_2\"><text>\"majority\"</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_NormalMedium_2\"><text>\"unanimous\"</text></outputEntry>");
    MODELS.replace("decisions/change-approval.dmn", "<text>\"the change advisory board (a majority)\"</text>",
        "<text>\"the change advisory board (every member)\"</text>");
    deploy();

    String after = raiseMediumRiskChange(4);
    assertThat(api.get("nina", "/api/tickets/" + after + "/timeline").findValuesAsText("text"))
        .contains("Waiting for approval by the change advisory board (every member); medium risk");
    api.work("nina", after, "CAB member votes", Map.of("vote", "reject", "voteReason", "Too close to the release"));
    assertThat(api.status("nina", after)).isEqualTo("rejected");
    // The change raised before keeps the rule it was decided under.
    assertThat(api.status("nina", before)).isEqualTo("approval");
  }

  @Test
  void aChangeReadsItsChoicesAsTheFormsOfItsOwnVersionLabelThem() {
    String before = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/changes", ChangeApiTest.networkChange(5)))
        .get("number").asText();
    assertThat(api.get("carl", "/api/changes/" + before).at("/shown/complexity").asText()).isEqualTo("Medium");

    // The designer renames the option "medium" of the request form.
    MODELS.replace("forms/change-request.form", "\"label\": \"Medium\",\n          \"value\": \"medium\"",
        "\"label\": \"Moderate: a few steps, one team\",\n          \"value\": \"medium\"");
    deploy();

    String after = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/changes", ChangeApiTest.networkChange(6)))
        .get("number").asText();
    assertThat(api.get("carl", "/api/changes/" + after).at("/shown/complexity").asText())
        .isEqualTo("Moderate: a few steps, one team");
    // The change raised before reads as its own version's form labelled it when it was raised.
    assertThat(api.get("carl", "/api/changes/" + before).at("/shown/complexity").asText()).isEqualTo("Medium");
  }

  @Test
  void theRiskOfAStandardChangeIsTheRiskTablesFirstRule() {
    String low = raiseStandardChange(7, "08:00");
    assertThat(api.get("carl", "/api/changes/" + low).get("risk").asText()).isEqualTo("low");

    MODELS.replace("decisions/change-risk.dmn",
        "<outputEntry id=\"OutputEntry_Standard_1\"><text>\"low\"</text></outputEntry>",
        "<outputEntry id=\"OutputEntry_Standard_1\"><text>\"medium\"</text></outputEntry>");
    deploy();

    String medium = raiseStandardChange(7, "10:00");
    assertThat(api.get("carl", "/api/changes/" + medium).get("risk").asText()).isEqualTo("medium");
    assertThat(api.get("carl", "/api/tickets/" + medium + "/timeline").findValuesAsText("text"))
        .contains("Risk rated medium");
    // Still a standard change: pre-approved, so straight to the schedule.
    assertThat(api.status("bob", medium)).isEqualTo("scheduled");
    assertThat(api.get("carl", "/api/changes/" + low).get("risk").asText()).isEqualTo("low");
  }

  String raiseStandardChange(int weeksAhead, String at) {
    ResponseEntity<String> raised = api.call("bob", HttpMethod.POST, "/api/changes", Map.of("title", "Firmware",
        "service", "printer", "changeType", "standard", "template", "printer-firmware",
        "plannedStart", ChangeApiTest.saturday(weeksAhead, at),
        "plannedEnd", ChangeApiTest.saturday(weeksAhead, at.replace(":00", ":30")), "impact", 3));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(raised).get("number").asText();
  }

  @Test
  void aBlackoutWindowAddedToTheCatalogStopsAStandardChangeGoingStraightToTheSchedule() {
    Map<String, Object> standard = Map.of("title", "Firmware", "service", "printer", "changeType", "standard",
        "template", "printer-firmware", "plannedStart", ChangeApiTest.saturday(6, "08:00"),
        "plannedEnd", ChangeApiTest.saturday(6, "09:00"), "impact", 3);
    String first = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/changes", standard)).get("number").asText();
    assertThat(api.status("bob", first)).isEqualTo("scheduled");

    String day = ChangeApiTest.saturday(6, "00:00");
    MODELS.write("catalog/printer-freeze.yaml", """
        blackoutWindows:
          - id: printer-move
            name: Printers move to the new building
            services: [printer]
            from: %s
            to: %s
        """.formatted(day, day.substring(0, 10) + "T23:59"));
    deploy();

    String second = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/changes",
        Map.of("title", "Firmware", "service", "printer", "changeType", "standard", "template", "printer-firmware",
            "plannedStart", ChangeApiTest.saturday(6, "10:00"), "plannedEnd", ChangeApiTest.saturday(6, "11:00"),
            "impact", 3))).get("number").asText();
    assertThat(api.status("bob", second)).isEqualTo("approval");
    assertThat(api.get("carl", "/api/changes/" + second).get("conflicts").findValuesAsText("with"))
        .containsExactly("printer-move");
  }

  @Test
  void whoAssessesInsteadOfTheOnlyChangeManagerIsTheModelsToSay() {
    // As shipped: carl, the only change manager, raises a change; his manager sam assesses it.
    String before = raiseAs("carl");
    assertThat(api.taskOf("sam", before, "Assess the change")).isNotNull();
    assertThat(api.taskOf("carl", before, "Assess the change")).isNull();

    MODELS.replace("processes/change.bpmn",
        "people.membersExcept('change-managers', requester) ? people.managersOf(requester) :",
        "people.membersExcept('change-managers', requester) ? people.membersExcept('cab', requester) :");
    deploy();

    String after = raiseAs("carl");
    assertThat(api.taskOf("nina", after, "Assess the change")).isNotNull();
    assertThat(api.taskOf("sven", after, "Assess the change")).isNotNull();
    assertThat(api.taskOf("sam", after, "Assess the change")).isNull();
    assertThat(api.taskOf("carl", after, "Assess the change")).isNull();
  }

  String raiseAs(String user) {
    ResponseEntity<String> raised = api.call(user, HttpMethod.POST, "/api/changes", ChangeApiTest.networkChange(5));
    assertThat(raised.getStatusCode()).as(raised.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(raised).get("number").asText();
  }
}
