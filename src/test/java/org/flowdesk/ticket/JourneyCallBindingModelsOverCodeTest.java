package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Before a request's fulfilment is called, its journey shows the milestones of the fulfilment version the call will
 * run: the latest, or the one the call activity's binding names (a version, a version tag), as the engine picks it.
 */
@EditableModelsTest
class JourneyCallBindingModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();
  static final String LATEST_BINDING = "calledElement=\"${fulfilmentProcess}\" camunda:calledElementBinding=\"latest\"";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RepositoryService repositoryService;

  ApiClient api;

  void deploy() {
    ResponseEntity<String> deployed = api.call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
  }

  /** The label of the journey's third milestone: the laptop's fulfilment's first, while it waits on approval. */
  String firstFulfilmentMilestone() {
    ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "developer", "reason", "Builds take ages")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    var journey = api.get("alice", "/api/tickets/" + ApiClient.read(ordered).get("number").asText() + "/journey");
    assertThat(TicketJourneyApiTest.current(journey).get("code").asText()).isEqualTo("approval");
    assertThat(journey.get("milestones").get(2).get("process").asText()).isEqualTo("fulfil-hardware");
    return journey.get("milestones").get(2).get("label").asText();
  }

  @Test
  void theJourneyShowsTheFulfilmentVersionTheCallActivitysBindingNames() {
    api = new ApiClient(rest);
    // A version of fulfil-hardware tagged "first", then one that names its first milestone "Buying".
    MODELS.replace("processes/fulfil-hardware.bpmn", "camunda:historyTimeToLive=\"P180D\">",
        "camunda:historyTimeToLive=\"P180D\" camunda:versionTag=\"first\">");
    deploy();
    int tagged = repositoryService.createProcessDefinitionQuery().processDefinitionKey("fulfil-hardware")
        .latestVersion().singleResult().getVersion();
    MODELS.replace("processes/fulfil-hardware.bpmn", " camunda:versionTag=\"first\"", "");
    MODELS.replace("processes/fulfil-hardware.bpmn", "name=\"milestone.ordering\" value=\"Ordering\"",
        "name=\"milestone.ordering\" value=\"Buying\"");
    deploy();
    assertThat(firstFulfilmentMilestone()).as("the latest version").isEqualTo("Buying");

    MODELS.replace("processes/service-request.bpmn", LATEST_BINDING,
        "calledElement=\"${fulfilmentProcess}\" camunda:calledElementBinding=\"versionTag\" "
            + "camunda:calledElementVersionTag=\"first\"");
    deploy();
    assertThat(firstFulfilmentMilestone()).as("the version tagged first").isEqualTo("Ordering");

    MODELS.replace("processes/service-request.bpmn", "camunda:calledElementBinding=\"versionTag\" "
        + "camunda:calledElementVersionTag=\"first\"", "camunda:calledElementBinding=\"version\" "
            + "camunda:calledElementVersion=\"" + tagged + "\"");
    deploy();
    assertThat(firstFulfilmentMilestone()).as("version " + tagged).isEqualTo("Ordering");
  }
}
