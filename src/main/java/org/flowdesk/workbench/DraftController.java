package org.flowdesk.workbench;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ModelRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Drafts of model changes, their checks, their roll-out into the models folder and the deployment, and roll
 * back to an earlier deployment. For process designers and administrators.
 */
@RestController
@RequestMapping("/api/workbench")
@Tag(name = "Workbench")
class DraftController {

  /** Text people type: tabs and line breaks, no other control characters. */
  private static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

  private final ModelDrafts drafts;
  private final Designers designers;

  DraftController(ModelDrafts drafts, Designers designers) {
    this.drafts = drafts;
    this.designers = designers;
  }

  @Schema(name = "NewModelDraft", example = """
      {"name": "Printers are P3 at most", "note": "The printer fleet has spare capacity now"}""")
  record NewDraft(
      @Schema(description = "What the change is, for the list and the audit log") @NotBlank @Size(max = 200)
      @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String name,
      @Schema(description = "Why, recorded with the roll-out") @Size(max = 4000)
      @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String note) {
  }

  @Schema(name = "ModelCheck")
  record Check(@Schema(description = "Problems that would refuse the roll-out, each with file and element")
      List<ModelProblem> errors, @Schema(description = "Problems that would not") List<ModelProblem> warnings) {
  }

  @Schema(name = "RollBack", example = """
      {"deploymentId": "0b4f1c2e-…", "note": "The new matrix sent too many printers to P2"}""")
  record RollBack(@Schema(description = "The FlowDesk deployment to go back to (Cockpit, or a roll-out's answer)")
      @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+", message = "must be a deployment id")
      String deploymentId,
      @Size(max = 4000) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String note) {
  }

  @Operation(operationId = "createModelDraft", summary = "Start a draft of model changes",
      description = "A named draft, with a note, to which files are put one by one; nothing is live until it is "
          + "rolled out.")
  @ApiResponse(responseCode = "201", description = "The draft")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @PostMapping("/drafts")
  @ResponseStatus(HttpStatus.CREATED)
  ModelDrafts.Draft create(@Valid @RequestBody NewDraft draft, Authentication caller) {
    return drafts.create(draft.name().strip(), draft.note(), designer(caller));
  }

  @Operation(operationId = "listModelDrafts", summary = "The drafts",
      description = "Every draft, the latest changed first: open, rolled out (with the deployment) or discarded, "
          + "with its files and whether one changed on disk since the draft took it.")
  @ApiResponse(responseCode = "200", description = "The drafts")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/drafts")
  List<ModelDrafts.Draft> list(Authentication caller) {
    designer(caller);
    return drafts.list();
  }

  @Operation(operationId = "getModelDraft", summary = "A draft with its files' content",
      description = "The draft, each file's new content, whether it is new to the folder and whether the file on disk "
          + "changed since the draft took it (a roll-out would then be refused).")
  @ApiResponse(responseCode = "200", description = "The draft")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/drafts/{id}")
  ModelDrafts.Draft get(@PathVariable long id, Authentication caller) {
    designer(caller);
    return drafts.get(id, true);
  }

  @Operation(operationId = "putModelDraftFile", summary = "Put a file into a draft",
      description = "The file's whole new content (BPMN or DMN XML without a document type, form JSON, catalog "
          + "YAML). The first time, the draft takes the file as it is on disk now, which the roll-out compares with "
          + "the disk then; putting it again takes it anew.")
  @ApiResponse(responseCode = "200", description = "The draft")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PutMapping(path = "/drafts/{id}/files", consumes = {"text/plain", "application/xml", "text/xml",
      "application/json", "application/yaml", "text/yaml"})
  ModelDrafts.Draft put(@PathVariable long id,
      @Parameter(description = "The file, as named in the models folder", example = "decisions/incident-priority.dmn")
      @RequestParam String path, @RequestBody String content, Authentication caller) {
    return drafts.put(id, path, content, designer(caller));
  }

  @Operation(operationId = "removeModelDraftFile", summary = "Take a file out of a draft",
      description = "The file stays as it is on disk; the draft no longer changes it.")
  @ApiResponse(responseCode = "200", description = "The draft")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @DeleteMapping("/drafts/{id}/files")
  ModelDrafts.Draft remove(@PathVariable long id, @RequestParam String path, Authentication caller) {
    designer(caller);
    return drafts.remove(id, path);
  }

  @Operation(operationId = "discardModelDraft", summary = "Discard a draft",
      description = "The draft stays listed as discarded; nothing was ever live.")
  @ApiResponse(responseCode = "200", description = "The draft")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @DeleteMapping("/drafts/{id}")
  ModelDrafts.Draft discard(@PathVariable long id, Authentication caller) {
    return drafts.discard(id, designer(caller));
  }

  @Operation(operationId = "checkModelDraft", summary = "Check a draft",
      description = "The deployment's checks (references, the models' words, steps and helpers, diagrams) on the "
          + "models with the draft's files in place; nothing is deployed.")
  @ApiResponse(responseCode = "200", description = "The problems, none when the draft may be rolled out")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/drafts/{id}/check")
  Check check(@PathVariable long id, Authentication caller) {
    designer(caller);
    var findings = drafts.check(id);
    return new Check(findings.errors(), findings.warnings());
  }

  @Operation(operationId = "rollOutModelDraft", summary = "Roll a draft out",
      description = "Writes the draft's files into the models folder and deploys it, all or nothing: refused with "
          + "409 and the difference when a file changed on disk since the draft took it, with 422 and the problems "
          + "when the models with it are rejected (the files are as they were). Recorded in the audit log with the "
          + "note.")
  @ApiResponse(responseCode = "200", description = "The draft, rolled out, and the deployment")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @ApiResponse(responseCode = "422", description = "The models with the draft are rejected; nothing changed. The "
      + "problems name file, element and reason", content = @Content(mediaType = "application/problem+json",
      schema = @Schema(ref = "#/components/schemas/ModelsRejected")))
  @PostMapping("/drafts/{id}/rollout")
  ModelDrafts.RollOut rollOut(@PathVariable long id, Authentication caller) {
    return drafts.rollOut(id, designer(caller));
  }

  @Operation(operationId = "rollBackModels", summary = "Roll the models back to an earlier deployment",
      description = "Rolls out, as a draft of its own, the files of an earlier FlowDesk deployment that differ from "
          + "the folder now: checked, written, deployed and audited as any roll-out.")
  @ApiResponse(responseCode = "200", description = "The roll-back's draft and the deployment")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @ApiResponse(responseCode = "422", description = "The earlier models are rejected now; nothing changed. The "
      + "problems name file, element and reason", content = @Content(mediaType = "application/problem+json",
      schema = @Schema(ref = "#/components/schemas/ModelsRejected")))
  @PostMapping("/rollback")
  ModelDrafts.RollOut rollBack(@Valid @RequestBody RollBack rollBack, Authentication caller) {
    return drafts.rollBack(rollBack.deploymentId(), rollBack.note(), designer(caller));
  }

  @ExceptionHandler(ModelDrafts.ChangedOnDisk.class)
  ProblemDetail changedOnDisk(ModelDrafts.ChangedOnDisk e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Changed on disk");
    problem.setProperty("differences", e.differences());
    return problem;
  }

  @ExceptionHandler(ModelRejectedException.class)
  ProblemDetail rejected(ModelRejectedException e) {
    return e.problem();
  }

  private String designer(Authentication caller) {
    return designers.designer(caller);
  }
}
