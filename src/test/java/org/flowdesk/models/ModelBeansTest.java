package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's expressions reach FlowDesk's steps and helpers, and no other bean: a model deployed
 * past the lint (straight into the engine, as Cockpit or /engine-rest could) that names the data
 * source finds nothing, while a helper answers.
 */
@SpringBootTest
@ActiveProfiles("test")
class ModelBeansTest {

  @Autowired
  RepositoryService repositoryService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ModelBeans modelBeans;

  String deployment;

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  static BpmnModelInstance calling(String key, String expression) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("Call").camundaExpression(expression).camundaResultVariable("answer")
        .userTask("Wait")
        .endEvent()
        .done();
  }

  @Test
  void aHelperAnswersAndAnyOtherBeanIsUnknownToAModel() {
    deployment = repositoryService.createDeployment()
        .addModelInstance("helper.bpmn", calling("model-beans-helper", "${people.managerOf('alice')}"))
        .addModelInstance("datasource.bpmn", calling("model-beans-datasource", "${dataSource.connection}"))
        .addModelInstance("context.bpmn", calling("model-beans-context", "${modelAdminController}"))
        .deploy().getId();

    ProcessInstance helped = runtimeService.startProcessInstanceByKey("model-beans-helper");
    assertThat(runtimeService.getVariable(helped.getId(), "answer")).isEqualTo("mark");

    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("model-beans-datasource"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("dataSource");
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("model-beans-context"))
        .isInstanceOf(ProcessEngineException.class).hasMessageContaining("modelAdminController");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("model-beans-datasource").count()).isZero();
  }

  @Test
  void theNamesAreTheStepsAndTheHelpers() {
    assertThat(modelBeans.names()).contains("openTicket", "notify", "people", "ticketTitle", "slaClocks", "changePlans",
        "escalationFacts", "ticketTexts", "slaCalendar").doesNotContain("dataSource", "jdbcClient", "modelDeployer");
  }
}
