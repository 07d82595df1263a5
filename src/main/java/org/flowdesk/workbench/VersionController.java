package org.flowdesk.workbench;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The workbench's view of what is deployed: the versions of a process or a decision and their files (for the
 * browser's diagram diff), the rules that changed between two versions of a decision or in a draft, and the
 * migration of running instances to a newer version of a process. For process designers and administrators.
 */
@RestController
@RequestMapping("/api/workbench")
@Tag(name = "Workbench")
class VersionController {

  private static final String XML = "application/xml";

  private final ModelVersions versions;
  private final InstanceMigration migration;
  private final Designers designers;

  VersionController(ModelVersions versions, InstanceMigration migration, Designers designers) {
    this.versions = versions;
    this.migration = migration;
    this.designers = designers;
  }

  @Schema(name = "InstanceMigrationRequest", example = """
      {"fromVersion": 2, "toVersion": 3}""")
  record MigrationRequest(
      @Schema(description = "The version whose running instances move") @NotNull @Min(1) @Max(Integer.MAX_VALUE)
      Integer fromVersion,
      @Schema(description = "The version they move to") @NotNull @Min(1) @Max(Integer.MAX_VALUE) Integer toVersion) {
  }

  @Operation(operationId = "listProcessVersions", summary = "A process's deployed versions",
      description = "Every deployed version of the process, the newest first, with its deployment, when it was "
          + "deployed, its file and how many active instances run on it.")
  @ApiResponse(responseCode = "200", description = "The versions")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/processes/{key}/versions")
  List<ModelVersions.Version> processVersions(
      @Parameter(description = "The process's key", example = "incident") @PathVariable String key,
      Authentication caller) {
    designers.designer(caller);
    return versions.processVersions(key);
  }

  @Operation(operationId = "getProcessVersionXml", summary = "The BPMN file of a version of a process",
      description = "The file as it was deployed with that version.")
  @ApiResponse(responseCode = "200", description = "The BPMN XML", content = @Content(mediaType = XML,
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/processes/{key}/versions/{version}/xml")
  ResponseEntity<byte[]> processXml(@PathVariable String key, @PathVariable int version, Authentication caller) {
    designers.designer(caller);
    return xml(versions.processXml(key, version));
  }

  @Operation(operationId = "listDecisionVersions", summary = "A decision's deployed versions",
      description = "Every deployed version of the decision, the newest first, with its deployment, when it was "
          + "deployed, its file and how many evaluations of it the decision history keeps.")
  @ApiResponse(responseCode = "200", description = "The versions")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/decisions/{key}/versions")
  List<ModelVersions.Version> decisionVersions(
      @Parameter(description = "The decision's key", example = "incident-priority") @PathVariable String key,
      Authentication caller) {
    designers.designer(caller);
    return versions.decisionVersions(key);
  }

  @Operation(operationId = "getDecisionVersionXml", summary = "The DMN file of a version of a decision",
      description = "The file the version was deployed from (with any other decisions it holds).")
  @ApiResponse(responseCode = "200", description = "The DMN XML", content = @Content(mediaType = XML,
      schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/decisions/{key}/versions/{version}/xml")
  ResponseEntity<byte[]> decisionXml(@PathVariable String key, @PathVariable int version, Authentication caller) {
    designers.designer(caller);
    return xml(versions.decisionXml(key, version));
  }

  /** A model file as deployed; errors before it stay problem details, which a fixed {@code produces} would refuse. */
  private static ResponseEntity<byte[]> xml(byte[] file) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(file);
  }

  @Operation(operationId = "diffDecisionVersions", summary = "The rules that changed between two versions",
      description = "The decision table's rules, matched by id: added in `to`, removed from `from`, changed (their "
          + "entries or annotation) with both sides, and how many stayed as they were. Entries as written in the "
          + "table, \"-\" for any.")
  @ApiResponse(responseCode = "200", description = "The difference")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/decisions/{key}/diff")
  ModelVersions.DecisionDiff diff(@PathVariable String key,
      @Parameter(description = "The earlier version", example = "1") @RequestParam int from,
      @Parameter(description = "The later version", example = "2") @RequestParam int to, Authentication caller) {
    designers.designer(caller);
    return versions.diff(key, from, to);
  }

  @Operation(operationId = "diffDecisionDraft", summary = "The rules a draft changes",
      description = "As the difference between two versions, from a deployed version (the latest when `from` is "
          + "not given) to the posted DMN file; `to` is then null. The draft is refused as the what-if refuses "
          + "it: a document type, another expression language than FEEL, no table of this decision.")
  @ApiResponse(responseCode = "200", description = "The difference")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping(path = "/decisions/{key}/diff", consumes = {MediaType.APPLICATION_XML_VALUE,
      MediaType.TEXT_XML_VALUE})
  ModelVersions.DecisionDiff diffDraft(@PathVariable String key,
      @Parameter(description = "The deployed version to compare with (the latest when not given)")
      @RequestParam(required = false) Integer from,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The changed DMN file")
      @RequestBody byte[] draft, Authentication caller) {
    designers.designer(caller);
    return versions.diff(key, from, draft);
  }

  @Operation(operationId = "planInstanceMigration", summary = "How running instances would move to a version",
      description = "For each older version of the process that has running instances: Camunda's migration plan "
          + "to version `to` (the latest when not given), mapping the steps of the same id and updating their "
          + "event triggers; how many instances it would move; those it would not, with the steps they wait on "
          + "and Camunda's reasons; and the plan's own problems. Nothing moves.")
  @ApiResponse(responseCode = "200", description = "One plan per older version with running instances")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/processes/{key}/migration")
  List<InstanceMigration.Plan> migrationPlans(@PathVariable String key,
      @Parameter(description = "The version to move to (the latest when not given)")
      @RequestParam(required = false) Integer to, Authentication caller) {
    designers.designer(caller);
    return migration.plans(key, to);
  }

  @Operation(operationId = "migrateInstances", summary = "Move running instances to another version",
      description = "Moves the running instances of `fromVersion` that Camunda's plan can move to `toVersion`, "
          + "100 to a transaction; those it cannot move stay on their version, are named with the reasons and do not "
          + "hold back the others. "
          + "Recorded in the audit log (`models.migrate`).")
  @ApiResponse(responseCode = "200", description = "How many moved, and those that did not")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PostMapping("/processes/{key}/migration")
  InstanceMigration.Result migrate(@PathVariable String key, @Valid @RequestBody MigrationRequest request,
      Authentication caller) {
    String who = designers.designer(caller);
    return migration.migrate(key, request.fromVersion(), request.toVersion(), who);
  }
}
