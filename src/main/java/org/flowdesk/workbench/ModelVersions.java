package org.flowdesk.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.camunda.bpm.model.dmn.instance.UnaryTests;
import org.flowdesk.api.NotFoundException;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The deployed versions of a process or a decision, each version's model file, and what changed in a
 * decision table between two versions (or between a version and a draft): rules added, removed and changed.
 */
@Service
public class ModelVersions {

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  ModelVersions(RepositoryService repositoryService, RuntimeService runtimeService, HistoryService historyService) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  /**
   * One deployed version. {@code running}: the process's active instances of this version (none for a decision);
   * {@code evaluations}: how often this version of a decision was evaluated, as its history keeps (none for a
   * process).
   */
  public record Version(int version, String definitionId, String deploymentId, Instant deployedAt, String resource,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long running,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long evaluations) {
  }

  /** A rule of a decision table: its place (from 1), its entries as written ("-" for any), its annotation. */
  public record DecisionRule(String id, int index, List<String> inputs, List<String> outputs, String annotation) {
  }

  /** A rule whose entries or annotation changed between two versions. */
  public record ChangedRule(DecisionRule before, DecisionRule after) {
  }

  /**
   * What changed in a decision table from version {@code from} to {@code to} ({@code null}: a draft). Rules are
   * matched by id; {@code inputs} and {@code outputs} are the column labels of {@code to}.
   */
  public record DecisionDiff(String key, int from, Integer to, List<String> inputs, List<String> outputs,
      List<DecisionRule> added, List<DecisionRule> removed, List<ChangedRule> changed, int unchanged) {
  }

  /** The process's deployed versions, the newest first. */
  public List<Version> processVersions(String key) {
    List<ProcessDefinition> definitions = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .orderByProcessDefinitionVersion().desc().list();
    if (definitions.isEmpty()) {
      throw new NotFoundException("process", key);
    }
    Map<String, Deployment> deployments = deployments(definitions.stream()
        .map(ProcessDefinition::getDeploymentId).toList());
    return definitions.stream().map(definition -> new Version(definition.getVersion(), definition.getId(),
        definition.getDeploymentId(), deployedAt(deployments.get(definition.getDeploymentId())),
        definition.getResourceName(),
        runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).active().count(), null))
        .toList();
  }

  /** The decision's deployed versions, the newest first. */
  public List<Version> decisionVersions(String key) {
    List<DecisionDefinition> definitions = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(key).orderByDecisionDefinitionVersion().desc().list();
    if (definitions.isEmpty()) {
      throw new NotFoundException("decision", key);
    }
    Map<String, Deployment> deployments = deployments(definitions.stream()
        .map(DecisionDefinition::getDeploymentId).toList());
    return definitions.stream().map(definition -> new Version(definition.getVersion(), definition.getId(),
        definition.getDeploymentId(), deployedAt(deployments.get(definition.getDeploymentId())),
        definition.getResourceName(), null,
        historyService.createHistoricDecisionInstanceQuery().decisionDefinitionId(definition.getId()).count()))
        .toList();
  }

  /** The BPMN file of a version of the process, as deployed. */
  public byte[] processXml(String key, int version) {
    return bytes(repositoryService.getProcessModel(process(key, version).getId()));
  }

  /** The DMN file of a version of the decision, as deployed (the whole file, with the decision's neighbours). */
  public byte[] decisionXml(String key, int version) {
    return bytes(repositoryService.getDecisionModel(decision(key, version).getId()));
  }

  ProcessDefinition process(String key, int version) {
    ProcessDefinition definition = version < 1 ? null : repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(key).processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new NotFoundException("process", key + " version " + version);
    }
    return definition;
  }

  ProcessDefinition latestProcess(String key) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .latestVersion().singleResult();
    if (definition == null) {
      throw new NotFoundException("process", key);
    }
    return definition;
  }

  private DecisionDefinition decision(String key, int version) {
    DecisionDefinition definition = version < 1 ? null : repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(key).decisionDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new NotFoundException("decision", key + " version " + version);
    }
    return definition;
  }

  private DecisionDefinition latestDecision(String key) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key)
        .latestVersion().singleResult();
    if (definition == null) {
      throw new NotFoundException("decision", key);
    }
    return definition;
  }

  /** What changed in the decision's table from deployed version {@code from} to deployed version {@code to}. */
  public DecisionDiff diff(String key, int from, int to) {
    DecisionDefinition before = decision(key, from);
    DecisionDefinition after = decision(key, to);
    return diff(key, from, to, table(repositoryService.getDmnModelInstance(before.getId()), key),
        table(repositoryService.getDmnModelInstance(after.getId()), key));
  }

  /**
   * What the draft changes in the decision's table against deployed version {@code from} (null: the latest).
   * The draft is refused as the what-if refuses it (a document type, another expression language, no such table).
   */
  public DecisionDiff diff(String key, Integer from, byte[] draft) {
    DecisionDefinition before = from == null ? latestDecision(key) : decision(key, from);
    DmnModelInstance changed = DecisionWhatIf.read(key, draft);
    return diff(key, before.getVersion(), null, table(repositoryService.getDmnModelInstance(before.getId()), key),
        table(changed, key));
  }

  private static DecisionDiff diff(String key, int from, Integer to, DecisionTable before, DecisionTable after) {
    Map<String, DecisionRule> old = rules(before);
    Map<String, DecisionRule> now = rules(after);
    List<DecisionRule> added = now.values().stream().filter(rule -> !old.containsKey(rule.id())).toList();
    List<DecisionRule> removed = old.values().stream().filter(rule -> !now.containsKey(rule.id())).toList();
    List<ChangedRule> changed = new ArrayList<>();
    int unchanged = 0;
    for (DecisionRule rule : now.values()) {
      DecisionRule was = old.get(rule.id());
      if (was == null) {
        continue;
      }
      if (was.inputs().equals(rule.inputs()) && was.outputs().equals(rule.outputs())
          && Objects.equals(was.annotation(), rule.annotation())) {
        unchanged++;
      } else {
        changed.add(new ChangedRule(was, rule));
      }
    }
    return new DecisionDiff(key, from, to,
        after.getInputs().stream().map(ModelVersions::label).toList(),
        after.getOutputs().stream().map(ModelVersions::label).toList(), added, removed, changed, unchanged);
  }

  private static DecisionTable table(DmnModelInstance model, String key) {
    if (!(model.getModelElementById(key) instanceof Decision decision)
        || !(decision.getExpression() instanceof DecisionTable table)) {
      throw new NotFoundException("decision table", key);
    }
    return table;
  }

  private static Map<String, DecisionRule> rules(DecisionTable table) {
    Map<String, DecisionRule> rules = new LinkedHashMap<>();
    int index = 1;
    for (Rule rule : table.getRules()) {
      rules.put(rule.getId(), new DecisionRule(rule.getId(), index++,
          entries(rule.getInputEntries(), UnaryTests::getText),
          entries(rule.getOutputEntries(), LiteralExpression::getText),
          rule.getDescription() == null ? null : rule.getDescription().getTextContent().strip()));
    }
    return rules;
  }

  private static <T> List<String> entries(Collection<T> entries, Function<T, Text> text) {
    return entries.stream().map(entry -> {
      Text written = text.apply(entry);
      String content = written == null || written.getTextContent() == null ? "" : written.getTextContent().strip();
      return content.isEmpty() ? "-" : content;
    }).toList();
  }

  private static String label(Input input) {
    if (input.getLabel() != null && !input.getLabel().isBlank()) {
      return input.getLabel();
    }
    return input.getInputExpression() == null || input.getInputExpression().getText() == null ? input.getId()
        : input.getInputExpression().getText().getTextContent().strip();
  }

  private static String label(Output output) {
    if (output.getLabel() != null && !output.getLabel().isBlank()) {
      return output.getLabel();
    }
    return output.getName() != null ? output.getName() : output.getId();
  }

  private Map<String, Deployment> deployments(List<String> ids) {
    return ids.stream().distinct()
        .map(id -> repositoryService.createDeploymentQuery().deploymentId(id).singleResult())
        .filter(Objects::nonNull).collect(Collectors.toMap(Deployment::getId, Function.identity()));
  }

  private static Instant deployedAt(Deployment deployment) {
    return deployment == null || deployment.getDeploymentTime() == null ? null
        : deployment.getDeploymentTime().toInstant();
  }

  private static byte[] bytes(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
