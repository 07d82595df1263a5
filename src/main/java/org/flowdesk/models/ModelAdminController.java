package org.flowdesk.models;


import org.flowdesk.identity.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Live redeploy for process designers: deploys the files as they are now. Administrators only. */
@RestController
@RequestMapping("/api/admin/models")
class ModelAdminController {

  private final ModelDeployer deployer;
  private final AuditLog audit;

  ModelAdminController(ModelDeployer deployer, AuditLog audit) {
    this.deployer = deployer;
    this.audit = audit;
  }

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
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        e.getMessage() + ". The running versions stay active.");
    problem.setTitle("Models rejected");
    problem.setProperty("problems", e.problems());
    return problem;
  }
}
