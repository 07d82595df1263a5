package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.xml.sax.SAXParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks a set of model files the way Camunda Modeler and the engine will need them.
 *
 * <p>Errors make a deployment fail later, at run time, if they are let through: a file that
 * does not parse, a form or decision reference that no file defines, a form without an id.
 * Warnings keep a model from opening cleanly in the Modeler or from being worked by people: an
 * element without a diagram shape or a name, a user task without a form, no history time to
 * live.
 */
public final class ModelLint {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPORTED_LINE = Pattern.compile("Line=(\\d+)");

  /** Findings of one check run. */
  public record Findings(List<ModelProblem> errors, List<ModelProblem> warnings, ModelIndex index) {
    public boolean isClean() {
      return errors.isEmpty() && warnings.isEmpty();
    }
  }

  private final List<ModelProblem> errors = new ArrayList<>();
  private final List<ModelProblem> warnings = new ArrayList<>();
  private final Map<String, String> formFileById = new HashMap<>();
  private final Set<String> decisionIds = new HashSet<>();
  private final Map<String, BpmnModelInstance> processes = new HashMap<>();

  private ModelLint() {
  }

  public static Findings check(Collection<ModelFile> files) {
    ModelLint lint = new ModelLint();
    files.stream().filter(f -> f.resourceName().endsWith(".form")).forEach(lint::readForm);
    files.stream().filter(f -> f.resourceName().endsWith(".dmn")).forEach(lint::readDecisions);
    files.stream().filter(f -> f.resourceName().endsWith(".bpmn")).forEach(lint::readProcess);
    if (lint.errors.isEmpty()) {
      // References are checked only when every file parsed: a broken file's ids are unknown.
      lint.processes.forEach(lint::checkProcess);
    }
    Set<String> processIds = new HashSet<>();
    lint.processes.values().forEach(bpmn -> bpmn.getModelElementsByType(Process.class)
        .forEach(p -> processIds.add(p.getId())));
    return new Findings(List.copyOf(lint.errors), List.copyOf(lint.warnings),
        new ModelIndex(Set.copyOf(lint.formFileById.keySet()), Set.copyOf(lint.decisionIds), Set.copyOf(processIds)));
  }

  private void readForm(ModelFile file) {
    JsonNode form;
    try {
      form = JSON.readTree(file.content());
    } catch (Exception e) {
      errors.add(new ModelProblem(file.resourceName(), null, null, "not valid form JSON: " + e.getMessage()));
      return;
    }
    JsonNode id = form == null ? null : form.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      errors.add(new ModelProblem(file.resourceName(), null, null, "the form has no \"id\""));
      return;
    }
    if (!form.path("components").isArray()) {
      errors.add(new ModelProblem(file.resourceName(), id.asText(), null, "the form has no \"components\" list"));
    }
    String other = formFileById.putIfAbsent(id.asText(), file.resourceName());
    if (other != null) {
      errors.add(new ModelProblem(file.resourceName(), id.asText(), null,
          "form id '" + id.asText() + "' is also defined by " + other));
    }
  }

  private void readDecisions(ModelFile file) {
    DmnModelInstance dmn;
    try {
      dmn = Dmn.readModelFromStream(new ByteArrayInputStream(file.content()));
    } catch (RuntimeException e) {
      errors.add(parseProblem(file, e));
      return;
    }
    for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
      decisionIds.add(decision.getId());
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        warnings.add(new ModelProblem(file.resourceName(), decision.getId(), null,
            "decision has no camunda:historyTimeToLive"));
      }
    }
  }

  private void readProcess(ModelFile file) {
    try {
      processes.put(file.resourceName(), Bpmn.readModelFromStream(new ByteArrayInputStream(file.content())));
    } catch (RuntimeException e) {
      errors.add(parseProblem(file, e));
    }
  }

  private void checkProcess(String file, BpmnModelInstance bpmn) {
    if (!"Camunda Platform".equals(bpmn.getDefinitions().getAttributeValueNs(
        "http://camunda.org/schema/modeler/1.0", "executionPlatform"))) {
      warnings.add(new ModelProblem(file, null, null, "modeler:executionPlatform is not 'Camunda Platform'"));
    }
    for (Process process : bpmn.getModelElementsByType(Process.class)) {
      if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
        warnings.add(new ModelProblem(file, process.getId(), null, "process has no camunda:historyTimeToLive"));
      }
    }
    Set<String> drawn = new HashSet<>();
    bpmn.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null).forEach(s -> drawn.add(s.getBpmnElement().getId()));
    bpmn.getModelElementsByType(BpmnEdge.class).stream()
        .filter(s -> s.getBpmnElement() != null).forEach(s -> drawn.add(s.getBpmnElement().getId()));
    for (FlowElement element : bpmn.getModelElementsByType(FlowElement.class)) {
      if (!drawn.contains(element.getId())) {
        warnings.add(new ModelProblem(file, element.getId(), null, "element is not drawn in the diagram"));
      }
      boolean needsName = !(element instanceof SequenceFlow) && !(element instanceof Gateway);
      if (needsName && (element.getName() == null || element.getName().isBlank())) {
        warnings.add(new ModelProblem(file, element.getId(), null, "element has no name"));
      }
    }
    for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
      if (task.getCamundaFormRef() == null && task.getCamundaFormKey() == null) {
        warnings.add(new ModelProblem(file, task.getId(), null, "user task has no form"));
      }
      checkFormRef(file, task, task.getCamundaFormRef());
    }
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      checkFormRef(file, start, start.getCamundaFormRef());
    }
    for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
      String ref = task.getCamundaDecisionRef();
      if (ref != null && !ref.contains("${") && !ref.contains("#{") && !decisionIds.contains(ref)) {
        errors.add(new ModelProblem(file, task.getId(), null,
            "refers to decision '" + ref + "', which no file in decisions/ defines"));
      }
    }
  }

  private void checkFormRef(String file, BaseElement element, String ref) {
    if (ref != null && !ref.contains("${") && !ref.contains("#{") && !formFileById.containsKey(ref)) {
      errors.add(new ModelProblem(file, element.getId(), null,
          "refers to form '" + ref + "', which no file in forms/ defines"));
    }
  }

  private static ModelProblem parseProblem(ModelFile file, RuntimeException e) {
    Throwable cause = e;
    Integer line = null;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause instanceof SAXParseException sax) {
        line = sax.getLineNumber();
      }
    }
    if (line == null) {
      // The model API reports XML errors as text ("... Line=23: ...").
      Matcher reported = REPORTED_LINE.matcher(String.valueOf(cause.getMessage()));
      line = reported.find() ? Integer.valueOf(reported.group(1)) : null;
    }
    return new ModelProblem(file.resourceName(), null, line, "does not parse: " + cause.getMessage());
  }
}
