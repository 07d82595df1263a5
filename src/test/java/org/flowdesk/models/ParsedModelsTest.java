package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/** A model read once per content answers as Camunda's own read does, with an instance of its own each time. */
class ParsedModelsTest {

  private static byte[] file(String name) throws IOException {
    return Files.readAllBytes(Path.of(name));
  }

  @Test
  void aDecisionReadTwiceIsTheSameAsCamundasReadAndEachCopyIsItsOwn() throws IOException {
    byte[] content = file("decisions/incident-priority.dmn");
    DmnModelInstance camunda = Dmn.readModelFromStream(new ByteArrayInputStream(content));
    DmnModelInstance first = ParsedModels.dmn(content);
    DmnModelInstance second = ParsedModels.dmn(content);

    assertThat(second).isNotSameAs(first);
    assertThat(Dmn.convertToString(first)).isEqualTo(Dmn.convertToString(camunda));
    // The copy's ids are ids, as the schema-validating read made them: elements are found by id.
    Decision decision = first.getModelElementById("incident-priority");
    assertThat(decision).isNotNull();
    assertThat(first.getModelElementsByType(Rule.class)).hasSameSizeAs(camunda.getModelElementsByType(Rule.class));

    // A change to one copy is in no other, nor in a later read.
    decision.setName("Changed by one caller");
    assertThat(((Decision) second.getModelElementById("incident-priority")).getName()).isNotEqualTo("Changed by one caller");
    assertThat(((Decision) ParsedModels.dmn(content).getModelElementById("incident-priority")).getName())
        .isEqualTo(((Decision) camunda.getModelElementById("incident-priority")).getName());
  }

  @Test
  void aProcessReadTwiceIsTheSameAsCamundasRead() throws IOException {
    byte[] content = file("processes/incident.bpmn");
    BpmnModelInstance camunda = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    BpmnModelInstance first = ParsedModels.bpmn(content);
    BpmnModelInstance second = ParsedModels.bpmn(content);

    assertThat(second).isNotSameAs(first);
    assertThat(Bpmn.convertToString(second)).isEqualTo(Bpmn.convertToString(camunda));
    assertThat(second.getModelElementsByType(UserTask.class)).extracting(UserTask::getId)
        .containsExactlyElementsOf(camunda.getModelElementsByType(UserTask.class).stream().map(UserTask::getId).toList());
    UserTask task = camunda.getModelElementsByType(UserTask.class).iterator().next();
    assertThat((UserTask) second.getModelElementById(task.getId())).extracting(UserTask::getName).isEqualTo(task.getName());
  }

  @Test
  void aFileThatDoesNotParseIsRefusedEveryTimeAsCamundaRefusesIt() throws IOException {
    String text = new String(file("decisions/incident-priority.dmn"), StandardCharsets.UTF_8);
    byte[] broken = text.replaceFirst("<decision ", "<decisionn ").getBytes(StandardCharsets.UTF_8);
    RuntimeException camunda = null;
    try {
      Dmn.readModelFromStream(new ByteArrayInputStream(broken));
    } catch (RuntimeException e) {
      camunda = e;
    }
    assertThat(camunda).as("Camunda refuses the broken file").isNotNull();
    for (int round = 0; round < 2; round++) {
      RuntimeException expected = camunda;
      assertThatThrownBy(() -> ParsedModels.dmn(broken)).isInstanceOf(expected.getClass())
          .hasMessage(expected.getMessage()).cause().hasMessage(expected.getCause().getMessage());
    }
  }

  @Test
  void onlyTheLatestContentsAreKept() {
    String text;
    try {
      text = new String(file("decisions/incident-priority.dmn"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    for (int i = 0; i < ParsedModels.KEPT + 10; i++) {
      ParsedModels.dmn(text.replace("</definitions>", "<!-- " + i + " --></definitions>").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(ParsedModels.kept()).isEqualTo(ParsedModels.KEPT);
  }
}
