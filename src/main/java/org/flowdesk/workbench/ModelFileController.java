package org.flowdesk.workbench;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What the workbench's editors open: the files of the models folder a draft may hold, one file as it is on disk,
 * and the deployments of the folder a roll-back may return to. For process designers and administrators.
 */
@RestController
@RequestMapping("/api/workbench")
@Tag(name = "Workbench")
class ModelFileController {

  private final ModelDrafts drafts;
  private final Designers designers;

  ModelFileController(ModelDrafts drafts, Designers designers) {
    this.drafts = drafts;
    this.designers = designers;
  }

  /** One file as it is on disk now. */
  record Content(String path, String kind, String content) {
  }

  @Operation(operationId = "listModelFiles", summary = "The model files a draft may change",
      description = "The files of processes/, decisions/, forms/, catalog/, mail/ and responses/ as they are on disk "
          + "now, by path, with their kind (bpmn, dmn, form, yaml, mail, response, words: the words in another language), size and last change.")
  @ApiResponse(responseCode = "200", description = "The files")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/models")
  List<ModelDrafts.ModelFile> files(Authentication caller) {
    designers.designer(caller);
    return drafts.files();
  }

  @Operation(operationId = "getModelFile", summary = "One model file as it is on disk",
      description = "The file's content as it is in the models folder now, which a draft starts from.")
  @ApiResponse(responseCode = "200", description = "The file")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/models/file")
  Content file(@Parameter(description = "The file, as named in the models folder",
      example = "decisions/incident-priority.dmn") @RequestParam String path, Authentication caller) {
    designers.designer(caller);
    String content = drafts.read(path);
    return new Content(path, ModelDrafts.kind(path), content);
  }

  @Operation(operationId = "listModelDeployments", summary = "The latest deployments of the models",
      description = "The 30 latest deployments of the models folder, newest first, each with the draft that rolled "
          + "it out (none for a deployment at start-up or by the admin endpoint). A roll-back names one of them.")
  @ApiResponse(responseCode = "200", description = "The deployments")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/deployments")
  List<ModelDrafts.Deployed> deployments(Authentication caller) {
    designers.designer(caller);
    return drafts.deployments(30);
  }
}
