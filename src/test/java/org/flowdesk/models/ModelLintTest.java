package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ModelLintTest {

  private final ModelsFixture models = ModelsFixture.copyOfTestModels();

  private ModelLint.Findings lint() {
    return ModelLint.check(new ModelFolders(models.root()).read());
  }

  @Test
  void theTestModelsAreClean() {
    assertThat(lint().isClean()).as(lint().toString()).isTrue();
  }

  @Test
  void anElementWithoutADiagramShapeIsFound() {
    models.replace("processes/fixture-review.bpmn", "<bpmndi:BPMNShape id=\"Activity_Review_di\" bpmnElement=\"Activity_Review\">",
        "<bpmndi:BPMNShape id=\"Activity_Review_di\">");

    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("Activity_Review", "element is not drawn in the diagram"));
  }

  @Test
  void aUserTaskWithoutAFormIsFound() {
    models.replace("processes/fixture-review.bpmn",
        " camunda:formRef=\"fixture-review\" camunda:formRefBinding=\"deployment\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::element, ModelProblem::reason)
        .containsExactly(tuple("Activity_Review", "user task has no form"));
  }

  @Test
  void modelsWithoutHistoryTimeToLiveAreFound() {
    models.replace("processes/fixture-review.bpmn", " camunda:historyTimeToLive=\"P30D\"", "");
    models.replace("decisions/fixture-priority.dmn", " camunda:historyTimeToLive=\"P30D\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::file, ModelProblem::reason).containsExactlyInAnyOrder(
        tuple("processes/fixture-review.bpmn", "process has no camunda:historyTimeToLive"),
        tuple("decisions/fixture-priority.dmn", "decision has no camunda:historyTimeToLive"));
  }

  @Test
  void anUnnamedElementAndAMissingExecutionPlatformAreFound() {
    models.replace("processes/fixture-review.bpmn", " name=\"Reviewed\"", "");
    models.replace("processes/fixture-review.bpmn", "modeler:executionPlatform=\"Camunda Platform\"", "");

    assertThat(lint().warnings()).extracting(ModelProblem::reason).containsExactlyInAnyOrder(
        "element has no name", "modeler:executionPlatform is not 'Camunda Platform'");
  }

  @Test
  void referencesToMissingFormsAndDecisionsAreErrors() {
    models.replace("processes/fixture-review.bpmn", "camunda:formRef=\"fixture-request\"", "camunda:formRef=\"nope\"");
    models.replace("processes/fixture-review.bpmn", "camunda:decisionRef=\"fixture-priority\"",
        "camunda:decisionRef=\"nada\"");

    assertThat(lint().errors()).extracting(ModelProblem::element).containsExactlyInAnyOrder(
        "Event_Requested", "Activity_SetPriority");
  }

  @Test
  void referencesByExpressionAreLeftToRunTime() {
    models.replace("processes/fixture-review.bpmn", "camunda:formRef=\"fixture-request\"",
        "camunda:formRef=\"${formId}\"");

    assertThat(lint().errors()).isEmpty();
  }

  @Test
  void twoFormsWithTheSameIdAreAnError() {
    models.write("forms/review-copy.form", models.read("forms/fixture-review.form"));

    assertThat(lint().errors()).extracting(ModelProblem::reason)
        .containsExactly("form id 'fixture-review' is also defined by forms/fixture-review.form");
  }

  /** The project's own models: every one must open cleanly in Camunda Modeler and deploy. */
  @Test
  void theProjectsModelsHaveNoFindings() {
    ModelLint.Findings findings = ModelLint.check(new ModelFolders(Path.of(".")).read());

    assertThat(findings.errors()).isEmpty();
    assertThat(findings.warnings()).isEmpty();
  }
}
