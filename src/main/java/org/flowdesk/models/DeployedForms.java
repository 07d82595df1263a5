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
import org.springframework.util.ConcurrentLruCache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The forms of the models in force, by form id, for questions asked outside a process (ordering), and those of an
 * earlier deployment, for what a ticket of an older version was asked.
 */
@Component
public class DeployedForms {

  private record Snapshot(String deploymentId, Map<String, FormSchema> forms, Map<String, JsonNode> json) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RepositoryService repositoryService;
  private volatile Snapshot snapshot = new Snapshot(null, Map.of(), Map.of());
  /** The forms of earlier deployments that were asked for, by deployment id. */
  private final ConcurrentLruCache<String, Snapshot> earlier;

  DeployedForms(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
    this.earlier = new ConcurrentLruCache<>(16, this::read);
  }

  public Optional<FormSchema> byId(String formId) {
    return Optional.ofNullable(current().forms().get(formId));
  }

  /** Every form in force, by id: its schema and its JSON, all of one deployment. */
  public Map<String, Deployed> all() {
    Snapshot current = current();
    Map<String, Deployed> all = new java.util.TreeMap<>();
    current.forms().forEach((id, schema) -> all.put(id, new Deployed(schema, current.json().get(id))));
    return all;
  }

  /** The form as form-js JSON, for clients that render it. */
  public Optional<JsonNode> json(String formId) {
    return Optional.ofNullable(current().json().get(formId));
  }

  /** A form in force, read once: its schema and its form-js JSON (to put into a reader's language). */
  public record Deployed(FormSchema schema, JsonNode json) {
  }

  /** The form in force as its schema and its JSON, both of one deployment. */
  public Optional<Deployed> deployed(String formId) {
    Snapshot current = current();
    FormSchema schema = current.forms().get(formId);
    return schema == null ? Optional.empty() : Optional.of(new Deployed(schema, current.json().get(formId)));
  }

  /**
   * Several forms as form-js JSON in the order asked, as a deployment of the models had them (the version a
   * ticket's process runs under); any it did not have left out. Deployments do not change, so each is read once
   * and kept while it is among the last few asked for.
   */
  public List<JsonNode> json(String deploymentId, Collection<String> formIds) {
    Snapshot current = snapshot;
    Map<String, JsonNode> deployed = deploymentId.equals(current.deploymentId()) ? current.json()
        : earlier.get(deploymentId).json();
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
      current = read(latest.getId());
      snapshot = current;
    }
    return current;
  }

  private Snapshot read(String deploymentId) {
    Map<String, FormSchema> forms = new HashMap<>();
    Map<String, JsonNode> json = new HashMap<>();
    for (Resource resource : repositoryService.getDeploymentResources(deploymentId)) {
      if (resource.getName().endsWith(".form")) {
        try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource.getName())) {
          byte[] bytes = in.readAllBytes();
          FormSchema form = FormSchema.parse(new ByteArrayInputStream(bytes));
          forms.put(form.id(), form);
          json.put(form.id(), JSON.readTree(bytes));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return new Snapshot(deploymentId, Map.copyOf(forms), Map.copyOf(json));
  }
}
