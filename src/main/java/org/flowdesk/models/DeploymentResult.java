package org.flowdesk.models;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a model deployment did.
 *
 * @param deployed whether a new deployment was made (false when no file changed)
 * @param deploymentId the deployment now serving the models
 * @param deployedAt when that deployment was made
 * @param changedFiles files added, changed or removed since the previous deployment
 * @param definitions the versions the new deployment created, one per process or decision key
 * @param warnings what keeps a model from opening cleanly in Camunda Modeler
 */
public record DeploymentResult(
    boolean deployed,
    String deploymentId,
    Instant deployedAt,
    List<String> changedFiles,
    List<Definition> definitions,
    List<ModelProblem> warnings) {

  /** A process or decision definition version made by a deployment. */
  @Schema(name = "DeployedDefinition")
  public record Definition(String type, String key, int version, String resource) {
  }
}
