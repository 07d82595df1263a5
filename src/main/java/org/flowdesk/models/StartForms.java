package org.flowdesk.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The start form of each deployed process definition, read once: a definition never changes,
 * so every intake after the first checks its input without reading the form again.
 *
 * <p>A start is checked once, at the door it came through (FlowDesk's API, Camunda's REST API
 * and Tasklist behind {@code identity.EngineDoor}), which then marks it {@link #markChecked
 * checked}; "Open ticket" checks only the starts no door checked. The mark is a transient
 * variable, never stored, and no door lets a person send it (it is no form's field).
 */
@Component
public class StartForms {

  /** The transient variable a door sets on a start it checked against the start form. */
  public static final String CHECKED = "startFormChecked";

  private final FormService formService;
  private final Map<String, Optional<FormSchema>> byDefinition = new ConcurrentHashMap<>();

  StartForms(FormService formService) {
    this.formService = formService;
  }

  /** The definition's Camunda start form, or empty when its start event has none. */
  public Optional<FormSchema> of(String processDefinitionId) {
    return byDefinition.computeIfAbsent(processDefinitionId, this::read);
  }

  /** Marks start variables as checked against the start form by the door they came through. */
  public static Map<String, Object> markChecked(Map<String, Object> variables) {
    variables.put(CHECKED, Variables.booleanValue(true, true));
    return variables;
  }

  /** Whether a door already checked this instance's start variables. */
  public static boolean checkedAtTheDoor(VariableScope start) {
    return Boolean.TRUE.equals(start.getVariable(CHECKED));
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
