package org.flowdesk.models;


import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.AuditLog;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Live redeploy for process designers: deploys the files as they are now. Administrators only. */
@RestController
@RequestMapping("/api/admin/models")
@Tag(name = "Models")
class ModelAdminController {

  private final ModelDeployer deployer;
  private final AuditLog audit;

  ModelAdminController(ModelDeployer deployer, AuditLog audit) {
    this.deployer = deployer;
    this.audit = audit;
  }

  @Operation(operationId = "deployModels", summary = "Redeploy the models",
      description = "Deploys processes/, decisions/ and forms/ as they are on disk now, all together, when a file "
          + "changed; a broken model is refused with the file, element and reason, and the running versions stay "
          + "active. Administrators only; recorded in the audit log.")
  @ApiResponse(responseCode = "200", description = "What was deployed, or that nothing changed")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "422", description = "The models were refused; the problems name file, element and reason",
      content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/ModelsRejected")))
  @PostMapping("/deploy")
  DeploymentResult deploy(Authentication caller) {
    try {
      DeploymentResult result = deployer.deploy();
      audit.record(caller.getName(), "models.deploy", result.deploymentId(),
          result.deployed() ? "deployed " + result.changedFiles() : "no file changed");
      return result;
    } catch (ModelRejectedException e) {
      audit.record(caller.getName(), "models.deploy.rejected", null, e.getMessage());
      throw e;
    }
  }

  @ExceptionHandler(ModelRejectedException.class)
  ProblemDetail rejected(ModelRejectedException e) {
    return e.problem();
  }
}
