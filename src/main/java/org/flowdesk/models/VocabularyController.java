package org.flowdesk.models;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The words of the models in force, for clients that show statuses, queues and approvals. */
@RestController
@Tag(name = "Models")
class VocabularyController {

  private final DeployedVocabulary vocabulary;

  VocabularyController(DeployedVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  @Operation(operationId = "getVocabulary", summary = "Statuses, groups, task kinds and milestones of the deployed models",
      description = "Each status a process declares (code, label, whether it counts as open and whether it books "
          + "the change calendar), each group the models hand work to, ask for approval or notify, with where, and "
          + "the user tasks that are approvals, and the milestones of each process's journey in order. It follows every "
          + "deployment: a status, group or milestone added to a model "
          + "appears here once the model is deployed.")
  @ApiResponse(responseCode = "200", description = "The vocabulary")
  @GetMapping("/api/vocabulary")
  Vocabulary vocabulary() {
    return vocabulary.current();
  }
}
