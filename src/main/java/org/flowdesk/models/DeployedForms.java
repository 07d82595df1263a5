package org.flowdesk.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.springframework.stereotype.Component;

/** The forms of the models in force, by form id, for questions asked outside a process (ordering). */
@Component
public class DeployedForms {

  private record Snapshot(String deploymentId, Map<String, FormSchema> forms) {
  }

  private final RepositoryService repositoryService;
  private volatile Snapshot snapshot = new Snapshot(null, Map.of());

  DeployedForms(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public Optional<FormSchema> byId(String formId) {
    Deployment latest = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    if (latest == null) {
      return Optional.empty();
    }
    Snapshot current = snapshot;
    if (!latest.getId().equals(current.deploymentId())) {
      Map<String, FormSchema> forms = new HashMap<>();
      for (Resource resource : repositoryService.getDeploymentResources(latest.getId())) {
        if (resource.getName().endsWith(".form")) {
          try (InputStream in = repositoryService.getResourceAsStream(latest.getId(), resource.getName())) {
            FormSchema form = FormSchema.parse(in);
            forms.put(form.id(), form);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      current = new Snapshot(latest.getId(), Map.copyOf(forms));
      snapshot = current;
    }
    return Optional.ofNullable(current.forms().get(formId));
  }
}
