package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.transform.DefaultDmnTransformer;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The engine's deployments read decisions files through ParsedModels, and refuse a broken one as Camunda does. */
class DecisionsReadOnceTest {

  private final ProcessEngine engine = ProcessTestEngine.get();

  @Test
  void theEnginesTransformReadsTheFileOnceAndDecidesAsBefore() throws IOException {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration()
        .getTransformer()).isInstanceOf(DecisionsReadOnce.Transformer.class);
    byte[] content = Files.readAllBytes(Path.of("decisions/incident-priority.dmn"));
    Deployment deployment = engine.getRepositoryService().createDeployment().name("decisions-read-once")
        .addInputStream("incident-priority.dmn", new ByteArrayInputStream(content)).deploy();
    try {
      Map<String, Object> result = engine.getDecisionService().evaluateDecisionTableByKey("incident-priority")
          .variables(Variables.createVariables().putValue("impact", 1)
              .putValue("urgency", 1)).evaluate().getSingleResult().getEntryMap();
      assertThat(result).containsEntry("priority", 1);
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aBrokenFileIsRefusedWithCamundasOwnError() throws IOException {
    byte[] broken = new String(Files.readAllBytes(Path.of("decisions/incident-priority.dmn")), StandardCharsets.UTF_8)
        .replaceFirst("<decision ", "<decisionn ").getBytes(StandardCharsets.UTF_8);
    DefaultDmnEngineConfiguration camunda =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    assertThat(camunda.getTransformer()).isExactlyInstanceOf(DefaultDmnTransformer.class);
    String expected;
    try {
      camunda.getTransformer().createTransform().modelInstance(new ByteArrayInputStream(broken));
      throw new AssertionError("Camunda reads the broken file");
    } catch (RuntimeException e) {
      expected = e.getMessage();
    }
    assertThatThrownBy(() -> new DecisionsReadOnce.Transformer().createTransform()
        .modelInstance(new ByteArrayInputStream(broken))).hasMessage(expected);
    assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().name("decisions-read-once")
        .addInputStream("incident-priority.dmn", new ByteArrayInputStream(broken)).deploy())
        .isInstanceOf(ProcessEngineException.class).cause().hasMessage(expected);
  }
}
