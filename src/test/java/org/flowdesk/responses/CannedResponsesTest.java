package org.flowdesk.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.language.Languages;
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
 * Prepared answers as files a service owner edits (responses/*.md): offered to the agents of the
 * groups they name, for the ticket types they fit, filled from the ticket, in the requester's
 * language; a new file is offered at the next call, a broken one is left out.
 */
@EditableModelsTest
class CannedResponsesTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  Languages languages;
  @Autowired
  CannedResponses responses;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  @AfterEach
  void englishAgain() {
    languages.choose("greta", null);
  }

  String report(String requester, String service, String category) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Cannot log in to the laptop", "description", "Since the update", "service", service,
        "category", category, "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  JsonNode byId(JsonNode answers, String id) {
    for (JsonNode answer : answers) {
      if (id.equals(answer.get("id").asText())) {
        return answer;
      }
    }
    return null;
  }

  @Test
  void anAgentGetsHisGroupsAnswersFilledFromTheTicketInTheRequestersLanguage() {
    String alices = report("alice", "laptop", "hardware");
    JsonNode answers = api.get("bob", "/api/tickets/" + alices + "/responses");
    assertThat(answers.findValuesAsText("id")).containsExactlyInAnyOrder("need-more-information", "password-reset",
        "working-on-it");
    // By title.
    assertThat(answers.findValuesAsText("title")).containsExactly("Ask for more information",
        "Reset your password yourself", "We are working on it");
    String asked = byId(answers, "need-more-information").get("text").asText();
    assertThat(asked).startsWith("Hello Alice,\n\nthank you for your ticket " + alices
        + " (\"Cannot log in to the laptop\").").endsWith("Bob Becker, Service desk").doesNotContain("{{");
    assertThat(byId(answers, "working-on-it").get("text").asText()).contains("Laptops and desktops");

    // greta reads German: the answers come in German, the group and the service by their German names.
    languages.choose("greta", "de");
    String gretas = report("greta", "laptop", "hardware");
    JsonNode german = api.get("bob", "/api/tickets/" + gretas + "/responses");
    assertThat(byId(german, "need-more-information").get("title").asText()).isEqualTo("Um weitere Angaben bitten");
    // The group by its German name in the German answers (i18n/de.json, groups), the service by the catalog's.
    assertThat(byId(german, "need-more-information").get("text").asText()).startsWith("Hallo Greta,")
        .endsWith("Bob Becker, Service-Desk");
    assertThat(byId(german, "working-on-it").get("title").asText()).isEqualTo("Wir arbeiten daran");
    assertThat(byId(german, "working-on-it").get("text").asText()).startsWith("Hallo Greta,\n\nService-Desk arbeitet an "
        + gretas).contains("Laptops und Desktops").doesNotContain("{{");
  }

  @Test
  void answersForAGroupAreItsAndOnlyTheAgentsWorkingTheTicketGetAny() {
    String payslip = report("alice", "hr-portal", "software");
    JsonNode hr = api.get("hana", "/api/tickets/" + payslip + "/responses");
    assertThat(hr.findValuesAsText("id")).contains("payslip-correction").doesNotContain("password-reset");

    assertThat(api.call("alice", HttpMethod.GET, "/api/tickets/" + payslip + "/responses", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("nina", HttpMethod.GET, "/api/tickets/" + payslip + "/responses", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("bob", HttpMethod.GET, "/api/tickets/INC-999999/responses", null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(rest.getForEntity("/api/tickets/" + payslip + "/responses", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aServiceOwnerAddsAnAnswerAsAFileAndItIsOfferedAtOnceWhileABrokenOneIsLeftOut() {
    String incident = report("alice", "laptop", "hardware");
    MODELS.write("responses/docking-firmware.md", """
        ---
        title: Update the docking station firmware
        groups: service-desk
        types: incident
        ---
        Hi {{requesterFirstName}}, please run "Dock update" from the software center and restart.
        """);
    MODELS.write("responses/broken.md", """
        ---
        title: Broken
        ---
        Dear {{customer}}
        """);
    JsonNode answers = api.get("bob", "/api/tickets/" + incident + "/responses");
    assertThat(byId(answers, "docking-firmware").get("text").asText())
        .isEqualTo("Hi Alice, please run \"Dock update\" from the software center and restart.");
    assertThat(answers.findValuesAsText("id")).doesNotContain("broken");
  }

  @Test
  void aResponseFileIsCheckedAndWhatIsWrongIsNamed() {
    assertThatThrownBy(() -> responses.parse("Bad Name.md", "---\ntitle: x\n---\ntext"))
        .hasMessageContaining("<id>.md");
    assertThatThrownBy(() -> responses.parse("a.md", "no front matter")).hasMessageContaining("front matter");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ngroups: [hr]\n---\ntext")).hasMessageContaining("title");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ntitle: x\ncolour: red\n---\ntext"))
        .hasMessageContaining("'colour'");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ntitle: x\ngroups: [astronauts]\n---\ntext"))
        .hasMessageContaining("[astronauts] work no tickets");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ntitle: x\ntypes: [ticket]\n---\ntext"))
        .hasMessageContaining("types must be of");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ntitle: x\n---\n")).hasMessageContaining("no text");
    assertThatThrownBy(() -> responses.parse("a.md", "---\ntitle: x\n---\nHi {{password}}"))
        .hasMessageContaining("{{password}} is no placeholder");
    CannedResponses.Written ok = responses.parse("a.de.md", "---\ntitle: Hallo\ngroups: hr, network\n---\nText");
    assertThat(ok.language()).isEqualTo("de");
    assertThat(ok.groups()).isEqualTo(List.of("hr", "network"));
  }

  @Test
  void everyShippedResponseIsValid() {
    assertThat(responses.read().keySet()).containsExactlyInAnyOrder("need-more-information", "password-reset",
        "working-on-it", "payslip-correction");
    // The shipped languages are English (the models' own) and German: every answer is written in both.
    responses.read().forEach((id, byLanguage) -> assertThat(byLanguage.keySet()).as(id).containsExactlyInAnyOrder("", "de"));
  }
}
