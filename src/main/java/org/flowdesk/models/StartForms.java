package org.flowdesk.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.springframework.stereotype.Component;

/**
 * The start form of each deployed process definition, read once: a definition never changes,
 * so every intake after the first checks its input without reading the form again.
 */
@Component
public class StartForms {

  private final FormService formService;
  private final Map<String, Optional<FormSchema>> byDefinition = new ConcurrentHashMap<>();

  StartForms(FormService formService) {
    this.formService = formService;
  }

  /** The definition's Camunda start form, or empty when its start event has none. */
  public Optional<FormSchema> of(String processDefinitionId) {
    return byDefinition.computeIfAbsent(processDefinitionId, this::read);
  }

  private Optional<FormSchema> read(String processDefinitionId) {
    if (formService.getStartFormData(processDefinitionId).getCamundaFormRef() == null) {
      return Optional.empty();
    }
    try (InputStream in = formService.getDeployedStartForm(processDefinitionId)) {
      return Optional.of(FormSchema.parse(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
