package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The forms of the models in force, by form id, for questions asked outside a process (ordering). */
@Component
public class DeployedForms {

  private record Snapshot(String deploymentId, Map<String, FormSchema> forms, Map<String, JsonNode> json) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RepositoryService repositoryService;
  private volatile Snapshot snapshot = new Snapshot(null, Map.of(), Map.of());

  DeployedForms(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public Optional<FormSchema> byId(String formId) {
    return Optional.ofNullable(current().forms().get(formId));
  }

  /** The form as form-js JSON, for clients that render it. */
  public Optional<JsonNode> json(String formId) {
    return Optional.ofNullable(current().json().get(formId));
  }

  /** Several forms as form-js JSON in the order asked, from one look at the deployments; any not deployed left out. */
  public List<JsonNode> json(Collection<String> formIds) {
    Map<String, JsonNode> deployed = current().json();
    return formIds.stream().map(deployed::get).filter(Objects::nonNull).toList();
  }

  private Snapshot current() {
    Deployment latest = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
    if (latest == null) {
      return snapshot;
    }
    Snapshot current = snapshot;
    if (!latest.getId().equals(current.deploymentId())) {
      Map<String, FormSchema> forms = new HashMap<>();
      Map<String, JsonNode> json = new HashMap<>();
      for (Resource resource : repositoryService.getDeploymentResources(latest.getId())) {
        if (resource.getName().endsWith(".form")) {
          try (InputStream in = repositoryService.getResourceAsStream(latest.getId(), resource.getName())) {
            byte[] bytes = in.readAllBytes();
            FormSchema form = FormSchema.parse(new ByteArrayInputStream(bytes));
            forms.put(form.id(), form);
            json.put(form.id(), JSON.readTree(bytes));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      current = new Snapshot(latest.getId(), Map.copyOf(forms), Map.copyOf(json));
      snapshot = current;
    }
    return current;
  }
}
