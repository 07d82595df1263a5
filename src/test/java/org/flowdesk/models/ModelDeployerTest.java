package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelDeployerTest {

  @RegisterExtension
  static ProcessEngineExtension engine = ProcessEngineExtension.builder().useProcessEngine(ProcessTestEngine.get()).build();

  ProcessEngine processEngine;
  ModelsFixture models;

  @BeforeEach
  void copyModels() {
    processEngine = engine.getProcessEngine();
    models = ModelsFixture.copyOfTestModels();
  }

  @AfterEach
  void removeDeployments() {
    processEngine.getRepositoryService().createDeploymentQuery().list()
        .forEach(d -> processEngine.getRepositoryService().deleteDeployment(d.getId(), true));
  }

  private ModelDeployer deployerOf(ModelsFixture fixture) {
    return new ModelDeployer(processEngine.getRepositoryService(), fixture.root());
  }

  private long deployments() {
    return processEngine.getRepositoryService().createDeploymentQuery()
        .deploymentName(ModelDeployer.DEPLOYMENT_NAME).count();
  }

  @Test
  void deploysEveryModelAsOneDeploymentWithNamesRelativeToTheRoot() {
    DeploymentResult result = deployerOf(models).deploy();

    assertThat(result.deployed()).isTrue();
    assertThat(processEngine.getRepositoryService().getDeploymentResources(result.deploymentId()))
        .extracting(Resource::getName)
        .containsExactlyInAnyOrder("processes/fixture-review.bpmn", "decisions/fixture-priority.dmn",
            "forms/fixture-request.form", "forms/fixture-review.form");
    assertThat(result.definitions()).extracting(DeploymentResult.Definition::key, DeploymentResult.Definition::version)
        .containsExactlyInAnyOrder(tuple("fixture-review", 1),
            tuple("fixture-priority", 1));
  }

  @Test
  void deployingUnchangedModelsAgainAsOnARestartCreatesNoDeployment() {
    DeploymentResult first = deployerOf(models).deploy();

    DeploymentResult again = deployerOf(models).deploy();

    assertThat(again.deployed()).isFalse();
    assertThat(again.deploymentId()).isEqualTo(first.deploymentId());
    assertThat(deployments()).isEqualTo(1);
    assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("fixture-review").latestVersion().singleResult().getVersion()).isEqualTo(1);
  }

  @Test
  void startingFromAnotherFolderWithTheSameFilesDeploysNothingNew() {
    deployerOf(models).deploy();
    ModelsFixture elsewhere = ModelsFixture.copyOf(models.root());

    DeploymentResult result = deployerOf(elsewhere).deploy();

    assertThat(result.deployed()).isFalse();
    assertThat(deployments()).isEqualTo(1);
  }

  @Test
  void changingOneFileDeploysAllFilesTogetherAsNewVersions() throws IOException {
    deployerOf(models).deploy();
    models.replace("decisions/fixture-priority.dmn", "<text>3</text>", "<text>4</text>");

    DeploymentResult result = deployerOf(models).deploy();

    assertThat(result.deployed()).isTrue();
    assertThat(result.changedFiles()).containsExactly("decisions/fixture-priority.dmn");
    assertThat(processEngine.getRepositoryService().getDeploymentResources(result.deploymentId())).hasSize(4);
    assertThat(result.definitions()).extracting(DeploymentResult.Definition::key, DeploymentResult.Definition::version)
        .containsExactlyInAnyOrder(tuple("fixture-review", 2),
            tuple("fixture-priority", 2));

    // The new process version finds the decision and forms of its own deployment.
    ProcessInstance instance = processEngine.getRuntimeService()
        .startProcessInstanceByKey("fixture-review", Map.of("title", "Printer jam", "impact", 2));
    assertThat(processEngine.getRuntimeService().getVariable(instance.getId(), "priority")).isEqualTo(4);
    Task review = processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
    try (InputStream form = processEngine.getFormService().getDeployedTaskForm(review.getId())) {
      assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"fixture-review\"");
    }
  }

  @Test
  void aRemovedFileIsLeftOutOfTheNextDeploymentButUndeploysNothing() {
    models.write("forms/extra.form", "{\"id\": \"extra\", \"components\": []}");
    deployerOf(models).deploy();
    models.delete("forms/extra.form");

    // Removing alone changes no definition: the engine keeps serving what it has.
    assertThat(deployerOf(models).deploy().deployed()).isFalse();

    models.replace("decisions/fixture-priority.dmn", "<text>3</text>", "<text>4</text>");
    DeploymentResult result = deployerOf(models).deploy();
    assertThat(result.deployed()).isTrue();
    assertThat(result.changedFiles()).containsExactly("decisions/fixture-priority.dmn", "forms/extra.form");
    assertThat(processEngine.getRepositoryService().getDeploymentResources(result.deploymentId()))
        .extracting(Resource::getName).doesNotContain("forms/extra.form");
  }

  @Test
  void aBrokenProcessIsRefusedNamingFileElementAndReasonAndThePreviousVersionKeepsServing() {
    deployerOf(models).deploy();
    breakReviewTask();

    assertThatThrownBy(() -> deployerOf(models).deploy())
        .isInstanceOfSatisfying(ModelRejectedException.class, e -> {
          assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("processes/fixture-review.bpmn");
            assertThat(p.element()).isEqualTo("Activity_Review");
            assertThat(p.line()).isPositive();
            assertThat(p.reason()).contains("delegateExpression");
          });
          assertThat(e.getMessage()).contains("processes/fixture-review.bpmn").contains("Activity_Review");
        });

    assertThat(deployments()).isEqualTo(1);
    ProcessInstance instance = processEngine.getRuntimeService()
        .startProcessInstanceByKey("fixture-review", Map.of("title", "Still works", "impact", 1));
    assertThat(processEngine.getRuntimeService().getVariable(instance.getId(), "priority")).isEqualTo(1);
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .singleResult().getName()).isEqualTo("Review");
  }

  /** A service task that says nothing about what it calls: valid XML the engine cannot run. */
  private void breakReviewTask() {
    models.replace("processes/fixture-review.bpmn",
        "<bpmn:userTask id=\"Activity_Review\" name=\"Review\" camunda:candidateGroups=\"service-desk\" "
            + "camunda:formRef=\"fixture-review\" camunda:formRefBinding=\"deployment\">",
        "<bpmn:serviceTask id=\"Activity_Review\" name=\"Review\">");
    models.replace("processes/fixture-review.bpmn", "</bpmn:userTask>", "</bpmn:serviceTask>");
  }

  @Test
  void aBrokenProcessOnTheFirstDeploymentDeploysNothingAtAll() {
    breakReviewTask();

    assertThatThrownBy(() -> deployerOf(models).deploy())
        .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p.element()).isEqualTo("Activity_Review")));
    assertThat(deployments()).isZero();
    assertThat(processEngine.getRepositoryService().createDecisionDefinitionQuery().count()).isZero();
  }

  @Test
  void xmlThatDoesNotParseIsRefusedWithTheFileAndLine() {
    models.write("decisions/fixture-priority.dmn", models.read("decisions/fixture-priority.dmn")
        .replace("</decisionTable>", ""));

    assertThatThrownBy(() -> deployerOf(models).deploy())
        .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.file()).isEqualTo("decisions/fixture-priority.dmn");
              assertThat(p.line()).isPositive();
              assertThat(p.reason()).startsWith("does not parse");
            }));
    assertThat(deployments()).isZero();
  }

  @Test
  void aFormThatIsNotJsonIsRefused() {
    models.write("forms/fixture-review.form", "{ \"id\": \"fixture-review\", ");

    assertThatThrownBy(() -> deployerOf(models).deploy())
        .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.problems())
            .singleElement().satisfies(p -> {
              assertThat(p.file()).isEqualTo("forms/fixture-review.form");
              assertThat(p.reason()).contains("not valid form JSON");
            }));
  }

  @Test
  void aReferenceToAMissingFormOrDecisionIsRefused() {
    models.delete("forms/fixture-review.form");
    models.replace("processes/fixture-review.bpmn", "camunda:decisionRef=\"fixture-priority\"",
        "camunda:decisionRef=\"no-such-decision\"");

    assertThatThrownBy(() -> deployerOf(models).deploy())
        .isInstanceOfSatisfying(ModelRejectedException.class, e -> assertThat(e.problems())
            .extracting(ModelProblem::element, ModelProblem::reason)
            .containsExactlyInAnyOrder(
                tuple("Activity_Review",
                    "refers to form 'fixture-review', which no file in forms/ defines"),
                tuple("Activity_SetPriority",
                    "refers to decision 'no-such-decision', which no file in decisions/ defines")));
  }

  @Test
  void anEmptyModelsFolderDeploysNothing() {
    ModelsFixture empty = ModelsFixture.copyOf(models.root());
    empty.delete("processes/fixture-review.bpmn").delete("decisions/fixture-priority.dmn")
        .delete("forms/fixture-request.form").delete("forms/fixture-review.form");

    assertThat(deployerOf(empty).deploy().deployed()).isFalse();
    assertThat(processEngine.getRepositoryService().createDeploymentQuery().list()).extracting(Deployment::getName)
        .doesNotContain(ModelDeployer.DEPLOYMENT_NAME);
  }
}
