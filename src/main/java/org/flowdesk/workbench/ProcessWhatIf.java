package org.flowdesk.workbench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.models.ModelDeployer;
import org.flowdesk.models.ModelLint;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ParsedModels;
import org.springframework.stereotype.Service;

/**
 * What a changed process would meet: the deployment's checks on the models with the draft in
 * place of the deployed file, the steps the draft removes, and the running tickets that wait on
 * one of them now (they finish on their version; they could not be moved to the draft's there).
 */
@Service
public class ProcessWhatIf {

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final ModelDeployer deployer;

  ProcessWhatIf(RepositoryService repositoryService, RuntimeService runtimeService, ModelDeployer deployer) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.deployer = deployer;
  }

  /** A step of the deployed process that the draft does not have. */
  public record Step(String id, String name, String type) {
  }

  /** A running ticket waiting on a removed step, on the version it runs. */
  public record Waiting(String ticket, String processInstanceId, int version, String step, String stepName) {
  }

  /**
   * @param file the models' file the draft replaces
   * @param errors problems that would refuse the deployment
   * @param warnings problems the deployment would log
   */
  public record Report(String process, String file, int deployedVersion, List<ModelProblem> errors,
      List<ModelProblem> warnings, List<Step> added, List<Step> removed, List<Waiting> waiting) {
  }

  public Report evaluate(String processKey, byte[] draft) {
    ProcessDefinition deployed = repositoryService.createProcessDefinitionQuery().processDefinitionKey(processKey)
        .latestVersion().singleResult();
    if (deployed == null) {
      throw new NotFoundException("process", processKey);
    }
    BpmnModelInstance changed = read(processKey, draft);
    BpmnModelInstance current = repositoryService.getBpmnModelInstance(deployed.getId());
    ModelLint.Findings findings = deployer.check(Map.of(deployed.getResourceName(), draft));

    Map<String, Step> before = steps(current, processKey);
    Map<String, Step> after = steps(changed, processKey);
    List<Step> removed = before.values().stream().filter(step -> !after.containsKey(step.id())).toList();
    List<Step> added = after.values().stream().filter(step -> !before.containsKey(step.id())).toList();

    List<Waiting> waiting = new ArrayList<>();
    Map<String, ProcessInstance> instances = new HashMap<>();
    Map<String, Integer> versions = new HashMap<>();
    for (Step step : removed) {
      for (Execution execution : runtimeService.createExecutionQuery().processDefinitionKey(processKey)
          .activityId(step.id()).list()) {
        ProcessInstance instance = instances.computeIfAbsent(execution.getProcessInstanceId(),
            id -> runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult());
        if (instance == null) {
          continue;
        }
        int version = versions.computeIfAbsent(instance.getProcessDefinitionId(),
            id -> repositoryService.getProcessDefinition(id).getVersion());
        waiting.add(new Waiting(instance.getBusinessKey(), instance.getId(), version, step.id(), step.name()));
      }
    }
    waiting.sort(Comparator.comparing(Waiting::step).thenComparing(w -> String.valueOf(w.ticket())));
    return new Report(processKey, deployed.getResourceName(), deployed.getVersion(), findings.errors(),
        findings.warnings(), added, removed, waiting);
  }

  private static BpmnModelInstance read(String processKey, byte[] draft) {
    String text = new String(draft, StandardCharsets.UTF_8);
    if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
      throw refused("the draft declares a document type or entities; a model needs neither");
    }
    BpmnModelInstance model;
    try {
      model = ParsedModels.bpmn(draft);
    } catch (RuntimeException e) {
      throw refused("the draft is not a BPMN file: " + e.getMessage());
    }
    if (!(model.getModelElementById(processKey) instanceof Process)) {
      throw refused("the draft has no process '" + processKey + "'");
    }
    return model;
  }

  private static Map<String, Step> steps(BpmnModelInstance model, String processKey) {
    Map<String, Step> steps = new LinkedHashMap<>();
    Set<String> ids = new TreeSet<>();
    Process process = model.getModelElementById(processKey);
    // The process's own steps and those of its sub-processes, not another process's in the same file.
    for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
      collect(node, steps, ids);
    }
    return steps;
  }

  private static void collect(FlowNode node, Map<String, Step> steps, Set<String> ids) {
    if (ids.add(node.getId())) {
      steps.put(node.getId(), new Step(node.getId(), node.getName(), node.getElementType().getTypeName()));
    }
    for (FlowNode inner : node.getChildElementsByType(FlowNode.class)) {
      collect(inner, steps, ids);
    }
  }

  private static FormValidationException refused(String reason) {
    return new FormValidationException(List.of(new FieldError("draft", reason)));
  }
}
