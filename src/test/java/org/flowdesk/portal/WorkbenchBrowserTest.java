package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The designer's workbench in Chromium, as issue 23 asks: dora opens {@code incident-priority.dmn}, changes a
 * cell, sees how many of the last incidents would get another priority and which, rolls the draft out, an
 * incident reported then gets the new priority, and she rolls back; she opens {@code incident.bpmn}, renames a
 * task, sees the lint and the difference from the file on disk, and rolls it out. axe-core on the workbench's own
 * parts. Shares the context of the tests that edit the models (their files and engine are put back after each).
 */
@EditableModelsTest
class WorkbenchBrowserTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String MATRIX = "decisions/incident-priority.dmn";
  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;

  ApiClient api;
  final List<String> problems = new ArrayList<>();

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  JsonNode report(int impact, int urgency) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Workbench printer smudges", "description", "Grey lines", "service", "printer", "category", "hardware",
        "impact", impact, "urgency", urgency));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported);
  }

  void accessible(Page page, String where, String leftOut) {
    Axe.seriousViolations(page, leftOut).forEach(v -> problems.add(where + ": " + v));
  }

  @Test
  void aDesignerChangesACellSeesWhatItWouldHaveDoneRollsItOutAndBack() {
    // History to compare with: two low/low incidents (P5, P4 with the draft) and one the draft leaves alone.
    String lowLow = report(3, 3).get("number").asText();
    String another = report(3, 3).get("number").asText();
    String untouched = report(2, 2).get("number").asText();

    Page dora = browser.as("dora");
    go(dora, "/");
    link(dora, "Workbench").click();
    dora.locator("main[aria-busy=false][data-route=\"/workbench\"] h1").waitFor();
    accessible(dora, "/workbench", null);
    link(dora, "incident-priority.dmn").click();
    dora.locator("main[aria-busy=false][data-route=\"/workbench/edit/new/" + MATRIX + "\"] h1").waitFor();

    // The low/low cell of the matrix: 5 becomes 4.
    Locator cell = dora.locator("td[data-element-id=\"OutputEntry_Impact3Urgency3_1\"] .content-editable");
    cell.click();
    dora.keyboard().press("Control+A");
    dora.keyboard().type("4");
    assertThat(dora.locator("#saved-state")).hasText("Changed, not saved in the draft yet.");
    dora.getByLabel("Name of the new draft").fill("Low and low is P4");
    dora.getByLabel("Note (why, for the audit log)").fill("Printers have spares now");
    button(dora, "Save into the draft").click();
    dora.locator("main[aria-busy=false][data-route^=\"/workbench/edit/\"] #editor-canvas td[data-element-id]").first()
        .waitFor();
    assertThat(dora.locator("td[data-element-id=\"OutputEntry_Impact3Urgency3_1\"]")).hasText("4");
    assertThat(MODELS.read(MATRIX)).as("nothing is live before the roll-out").contains(
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text></outputEntry>");
    accessible(dora, "/workbench/edit (dmn)", ".workbench-editor");

    // What would it have decided? The same figures as the API gives for the same draft.
    dora.getByLabel("Past decisions").fill("50");
    button(dora, "What would it have decided?").click();
    Locator summary = dora.locator("#what-if .what-if-summary");
    summary.waitFor();
    JsonNode expected = ApiClient.read(whatIf(MODELS.read(MATRIX).replace(
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text>",
        "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>4</text>"), 50));
    assertThat(expected.get("changedTickets").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(summary).containsText(expected.get("changedTickets").asInt() + " of the last "
        + expected.get("tickets").asInt() + " incidents would get another priority.");
    Locator changes = dora.locator("#what-if table.what-if-changes");
    assertThat(changes).containsText(lowLow);
    assertThat(changes).containsText(another);
    assertThat(changes).not().containsText(untouched);
    Browser.screenshot(dora, "workbench-1-what-if");

    // The draft: checked and rolled out; the next low/low incident is P4.
    link(dora, "check and roll it out").click();
    dora.locator("main[aria-busy=false][data-route^=\"/workbench/drafts/\"] h1").waitFor();
    assertThat(dora.locator("main h1")).hasText("Low and low is P4");
    button(dora, "Check").click();
    assertThat(dora.locator("#check-outcome")).containsText("No problems");
    accessible(dora, "/workbench/drafts", null);
    button(dora, "Roll out").click();
    assertThat(dora.locator("#message")).containsText("Rolled out");
    assertThat(dora.locator("#draft-status")).hasText("rolled out");
    assertThat(MODELS.read(MATRIX)).containsPattern(lowLowIs(4));
    assertThat(report(3, 3).get("priority").asInt()).isEqualTo(4);

    // The decision's versions: the rule that changed, between the version before and the one rolled out.
    go(dora, "/workbench/versions/decision/incident-priority");
    Locator rules = dora.locator("#rule-differences");
    assertThat(rules).containsText("0 added, 0 removed, 1 changed");
    assertThat(rules.locator("tr.rule-changed del")).hasText("5");
    assertThat(rules.locator("tr.rule-changed ins")).hasText("4");
    dora.goBack();
    dora.locator("main[aria-busy=false][data-route^=\"/workbench/drafts/\"] h1").waitFor();

    // Roll back: the matrix of before, and the next low/low incident is P5 again.
    // Without a reason nothing happens; with one, the page asks once more before it replaces what is live.
    button(dora, "Roll back").click();
    assertThat(dora.locator("#message")).containsText("Say why you roll back");
    dora.getByLabel("Why roll back? (for the audit log)").fill("P4 was too much");
    dora.onceDialog(dialog -> dialog.accept());
    button(dora, "Roll back").click();
    assertThat(dora.locator("#message")).containsText("Rolled back");
    assertThat(dora.locator("main h1")).containsText("Roll back to");
    assertThat(MODELS.read(MATRIX)).containsPattern(lowLowIs(5));
    assertThat(report(3, 3).get("priority").asInt()).isEqualTo(5);
    Browser.screenshot(dora, "workbench-2-rolled-back");
    assertThat(problems).isEmpty();
  }

  /** The low/low cell's priority in the file, however the editor laid its XML out. */
  static Pattern lowLowIs(int priority) {
    return Pattern.compile("<outputEntry id=\"OutputEntry_Impact3Urgency3_1\">\\s*<text>" + priority + "</text>");
  }

  ResponseEntity<String> whatIf(String draft, int last) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    headers.setBasicAuth("dora", "dora");
    return rest.exchange("/api/workbench/decisions/incident-priority/what-if?last=" + last, HttpMethod.POST,
        new org.springframework.http.HttpEntity<>(draft, headers), String.class);
  }

  @Test
  void aDesignerRenamesATaskSeesTheLintAndTheDifferenceAndRollsItOut() {
    Page dora = browser.as("dora");
    go(dora, "/workbench/edit/new/processes/incident.bpmn");
    Locator task = dora.locator(".djs-element[data-element-id=\"Activity_WorkIncident\"]");
    task.waitFor();
    // Camunda Modeler's lint (bpmnlint with the project's .bpmnlintrc) runs in the editor: its findings are listed.
    assertThat(dora.locator("#lint")).containsText(Pattern.compile("Lint: (\\d+ problems?|no problems)"));
    // The token simulation (bpmn-js-token-simulation) plays the process: a token starts at a start event.
    dora.locator(".bts-toggle-mode").click();
    // (The start event's button is drawn beside it, outside the part of the large diagram on screen: clicked by its
    // event, as a person would after scrolling to it.)
    dora.locator(".bts-context-pad[title=\"Trigger Event\"]:not(.hidden)").first().dispatchEvent("click");
    assertThat(dora.locator(".bts-notifications")).containsText("Process started");
    dora.locator(".bts-toggle-mode").click();
    // The properties panel shows the Camunda 7 properties of what is selected.
    task.click();
    assertThat(dora.locator("#editor-properties")).containsText("Work incident");

    task.dblclick();
    dora.locator(".djs-direct-editing-parent").waitFor();
    dora.keyboard().press("Control+A");
    dora.keyboard().type("Work on the incident");
    dora.locator("#editor-canvas svg[data-element-id=\"incident\"]").click(
        new Locator.ClickOptions().setPosition(5, 5));
    assertThat(dora.locator("#saved-state")).hasText("Changed, not saved in the draft yet.");
    assertThat(dora.locator("#lint")).containsText("Lint:");

    button(dora, "Compare with the file on disk").click();
    Locator differences = dora.locator("#differences li[data-kind=changed]");
    assertThat(differences).hasCount(1);
    assertThat(differences).containsText("Work on the incident (UserTask, Activity_WorkIncident) · name");
    assertThat(dora.locator(".djs-element.diff-changed[data-element-id=\"Activity_WorkIncident\"]")).hasCount(1);
    accessible(dora, "/workbench/edit (bpmn)", ".workbench-editor");
    Browser.screenshot(dora, "workbench-3-bpmn-diff");

    // A ticket running on the version before: the workbench offers to move it once the new one is out.
    String running = report(2, 2).get("number").asText();
    dora.getByLabel("Name of the new draft").fill("Clearer name for the agents' task");
    button(dora, "Save into the draft").click();
    link(dora, "check and roll it out").click();
    dora.locator("main[aria-busy=false][data-route^=\"/workbench/drafts/\"] h1").waitFor();
    button(dora, "Roll out").click();
    assertThat(dora.locator("#draft-status")).hasText("rolled out");
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("incident")
        .latestVersion().singleResult().getId();
    UserTask renamed = repositoryService.getBpmnModelInstance(definition).getModelElementById("Activity_WorkIncident");
    assertThat(renamed.getName()).isEqualTo("Work on the incident");

    // The versions side by side: the renamed task coloured, and the running tickets offered a move to the new one.
    dora.locator("#nav").getByText("Workbench").click();
    dora.locator("main[aria-busy=false][data-route=\"/workbench\"] h1").waitFor();
    dora.locator("a[href=\"#/workbench/versions/process/incident\"]").click();
    assertThat(dora.locator("#version-differences li[data-kind=changed]"))
        .containsText("Work on the incident (UserTask, Activity_WorkIncident) · name");
    assertThat(dora.locator("#viewer-after .djs-element.diff-changed[data-element-id=\"Activity_WorkIncident\"]"))
        .hasCount(1);
    Locator move = dora.locator("#migration button", new Page.LocatorOptions().setHasText(Pattern.compile("^Move them to version \\d+$")));
    assertThat(move.first()).isVisible();
    accessible(dora, "/workbench/versions", ".workbench-compare");
    Browser.screenshot(dora, "workbench-4-versions");
    dora.onceDialog(dialog -> dialog.accept());
    move.first().click();
    assertThat(dora.locator("#message")).containsText("moved to version");
    String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(running).singleResult()
        .getProcessDefinitionId();
    assertThat(instance).isEqualTo(definition);
    assertThat(problems).isEmpty();
  }

  /** form-js's editor draws the form, and its properties panel changes a field's limit. */
  @Test
  void aDesignerEditsAFormInFormJsEditor() {
    Page dora = browser.as("dora");
    List<String> errors = new ArrayList<>();
    dora.onPageError(errors::add);
    go(dora, "/workbench/edit/new/forms/incident-report.form");
    Locator title = dora.locator("#editor-canvas .fjs-editor-container [data-id=\"Field_Title\"]");
    title.waitFor();
    title.click();
    dora.locator("#editor-canvas .bio-properties-panel-group-header", new Page.LocatorOptions().setHasText("Validation"))
        .click();
    Locator maxLength = dora.locator("#editor-canvas #bio-properties-panel-maxLength");
    assertThat(maxLength).hasValue("200");
    assertThat(dora.locator("#editor-canvas #bio-properties-panel-required")).isChecked();
    maxLength.fill("150");
    assertThat(dora.locator("#saved-state")).hasText("Changed, not saved in the draft yet.");
    accessible(dora, "/workbench/edit (form)", ".workbench-editor");
    Browser.screenshot(dora, "workbench-5-form");
    assertThat(errors).as("page errors").isEmpty();
    assertThat(problems).isEmpty();
  }

  /** A translator changes the German words in CodeMirror: broken JSON is marked, the words roll out without a deployment. */
  @Test
  void aTranslatorChangesTheGermanWordsInTheWorkbench() {
    Page dora = browser.as("dora");
    List<String> errors = new ArrayList<>();
    dora.onPageError(errors::add);
    go(dora, "/workbench");
    dora.locator("main[aria-busy=false][data-route=\"/workbench\"] h1").waitFor();
    // The words have folders of their own; forms/ lists the forms only.
    assertThat(dora.locator("section.card h3", new Page.LocatorOptions().setHasText("forms/i18n/"))).hasCount(1);
    assertThat(dora.locator("section.card h3", new Page.LocatorOptions().setHasText(Pattern.compile("^i18n/$"))))
        .hasCount(1);
    assertThat(dora.locator("a[href=\"#/workbench/edit/new/forms/i18n/incident-report.de.json\"]")).hasText(
        "incident-report.de.json");
    dora.locator("a[href=\"#/workbench/edit/new/i18n/de.json\"]").click();
    Locator editor = dora.locator("#editor-canvas .cm-content");
    editor.waitFor();
    // CodeMirror draws the lines in view: the first ones.
    assertThat(editor).containsText("\"language\": \"Deutsch\"");

    // A stray character: the lint marks it; taken back: clean.
    editor.click();
    dora.keyboard().press("Control+Home");
    dora.keyboard().type("x");
    assertThat(dora.locator("#lint")).containsText("Lint: 1 problem");
    // Each finding's place is a link the designer can read: the accent colour, not the top bar's white on a white card.
    assertThat(dora.locator("#lint li button.link").first()).hasCSS("color", "rgb(11, 92, 173)");
    dora.keyboard().press("Backspace");
    assertThat(dora.locator("#lint-clean")).hasText("Lint: no problems.");

    // The language's own name, changed on its line, saved into a draft, checked and rolled out.
    dora.keyboard().press("ArrowDown");
    dora.keyboard().press("End");
    dora.keyboard().press("Shift+Home");
    dora.keyboard().type("\"language\": \"Deutsch (Deutschland)\",");
    assertThat(dora.locator("#saved-state")).hasText("Changed, not saved in the draft yet.");
    accessible(dora, "/workbench/edit (words)", ".workbench-editor");
    Browser.screenshot(dora, "workbench-6-words");
    dora.getByLabel("Name of the new draft").fill("German: the language's name");
    button(dora, "Save into the draft").click();
    link(dora, "check and roll it out").click();
    dora.locator("main[aria-busy=false][data-route^=\"/workbench/drafts/\"] h1").waitFor();
    button(dora, "Check").click();
    assertThat(dora.locator("#check-outcome")).containsText("No problems");
    button(dora, "Roll out").click();
    assertThat(dora.locator("#draft-status")).hasText("rolled out");
    assertThat(MODELS.read("i18n/de.json")).contains("  \"language\": \"Deutsch (Deutschland)\",\n  \"portal\"");
    assertThat(api.get("alice", "/api/me/language").get("languages").findValuesAsText("name"))
        .contains("Deutsch (Deutschland)");
    assertThat(errors).as("page errors").isEmpty();
    assertThat(problems).isEmpty();
  }
}
