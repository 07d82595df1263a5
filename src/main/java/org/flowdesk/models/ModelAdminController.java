package org.flowdesk.models;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger LOG = LoggerFactory.getLogger(ModelAdminController.class);

  private final ModelDeployer deployer;

  ModelAdminController(ModelDeployer deployer) {
    this.deployer = deployer;
  }

  @PostMapping("/deploy")
  DeploymentResult deploy(Authentication caller) {
    DeploymentResult result = deployer.deploy();
    LOG.info("Model deployment requested by {}: {}", caller.getName(),
        result.deployed() ? "deployed " + result.deploymentId() : "no file changed");
    return result;
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
