package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelWatcherTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder()
      .configurationResource("process-test.cfg.xml").build();

  private final ModelsFixture models = ModelsFixture.copyOfTestModels();
  private ModelWatcher watcher;

  @AfterEach
  void stop() {
    watcher.stop();
    RepositoryService repository = engine.getRepositoryService();
    repository.createDeploymentQuery().list().forEach(d -> repository.deleteDeployment(d.getId(), true));
  }

  private int latestVersion() {
    return engine.getRepositoryService().createDecisionDefinitionQuery().decisionDefinitionKey("fixture-priority")
        .latestVersion().singleResult().getVersion();
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(until)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  @Test
  void aSavedChangeIsDeployedWithinSecondsAndABrokenOneIsNot() throws InterruptedException {
    ModelDeployer deployer = new ModelDeployer(engine.getRepositoryService(), models.root());
    deployer.deploy();
    watcher = new ModelWatcher(deployer,
        new ModelsProperties(models.root().toString(), true, Duration.ofMillis(100)));
    watcher.start();

    models.replace("decisions/fixture-priority.dmn", "<text>3</text>", "<text>4</text>");
    assertThat(eventually(() -> latestVersion() == 2)).as("the change was deployed").isTrue();

    models.write("decisions/fixture-priority.dmn", "<definitions");
    Thread.sleep(1000);
    assertThat(latestVersion()).as("the broken file was refused").isEqualTo(2);

    models.write("decisions/fixture-priority.dmn", ModelsFixture.copyOfTestModels().read("decisions/fixture-priority.dmn"));
    assertThat(eventually(() -> latestVersion() == 3)).as("the repaired file was deployed").isTrue();
  }
}
