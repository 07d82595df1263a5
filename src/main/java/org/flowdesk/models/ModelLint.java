package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.InputExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
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
  /** Parses the decision tables' FEEL as Camunda's FEEL engine will (feel-scala). */
  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();
  private static final Pattern REPORTED_LINE = Pattern.compile("Line=(\\d+)");
  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String STATUS_PREFIX = "status.";
  private static final List<String> STATUS_FLAGS = List.of("open", "calendar");
  /** The kinds of user task FlowDesk treats apart: approvals are listed in the portal's Approvals. */
  private static final List<String> TASK_KINDS = List.of("approval");
  private static final Pattern BEAN_EXPRESSION = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final Pattern FEEL_STRING = Pattern.compile("\"([^\"]*)\"");
  /** A decision output whose name ends so names groups (assignmentGroup, notifyGroup, reassignGroup). */
  private static final String GROUP_OUTPUT = "Group";
  private static final Pattern PEOPLE_GROUP = Pattern.compile("people\\.\\w+\\(\\s*'([^']+)'");

  static final int KEPT = 16;

  /** What a check was asked: the digest of its files, and the steps it checked references against. */
  private record Checked(String files, ModelSteps steps) {
  }

  private static final Map<Checked, Findings> FOUND = new LinkedHashMap<>(KEPT, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Checked, Findings> eldest) {
      return size() > KEPT;
    }
  };

  /** Findings of one check run. */
  public record Findings(List<ModelProblem> errors, List<ModelProblem> warnings, ModelIndex index,
      Vocabulary vocabulary) {
    public boolean isClean() {
      return errors.isEmpty() && warnings.isEmpty();
    }
  }

  /** The extension property of a reopen's start event: how long after closing a ticket may be reopened. */
  public static final String REOPEN_WITHIN = "reopenWithin";
  private final List<ModelProblem> errors = new ArrayList<>();
  private final List<ModelProblem> warnings = new ArrayList<>();
  private final Map<String, String> formFileById = new HashMap<>();
  private final Map<String, FormSchema> formById = new HashMap<>();
  private final Set<String> decisionIds = new HashSet<>();
  private final Map<String, BpmnModelInstance> processes = new HashMap<>();
  /** Decision id → output name → the literal values its rules give, each with file#rule. */
  private final Map<String, Map<String, Map<String, String>>> decisionOutputs = new HashMap<>();
  /** A decision table's output, by the decision's id, when it has only one. */
  private final Map<String, String> onlyOutput = new HashMap<>();
  private final ModelSteps steps;
  private final Map<String, Declared> statuses = new TreeMap<>();
  private final Map<String, Set<String>> groups = new TreeMap<>();
  private final List<Vocabulary.TaskKind> kinds = new ArrayList<>();
  /** Process id → its milestones in declared order. */
  private final Map<String, List<Vocabulary.Milestone>> milestones = new TreeMap<>();

  /** A status as declared, with the first file that declared it. */
  private record Declared(String label, boolean open, boolean calendar, Set<String> processes, String file) {
  }

  private ModelLint(ModelSteps steps) {
    this.steps = steps;
  }

  /** The checks that need only the files; references to FlowDesk's steps are not checked. */
  public static Findings check(Collection<ModelFile> files) {
    return check(files, ModelSteps.UNKNOWN);
  }

  /**
   * The findings for the files and steps, from the latest {@value #KEPT} checks when the same files (names and contents,
   * in the same order) were checked against the same steps before: the check reads nothing else, and its findings are
   * immutable. A context's start, each deployment of unchanged files (a restart, the watcher, the admin endpoint, the
   * tests putting the models back) and each draft checked again would otherwise lint the same files once more.
   */
  public static Findings check(Collection<ModelFile> files, ModelSteps steps) {
    Checked key = new Checked(digest(files), steps);
    synchronized (FOUND) {
      Findings found = FOUND.get(key);
      if (found != null) {
        return found;
      }
    }
    Findings found = lint(files, steps);
    synchronized (FOUND) {
      FOUND.put(key, found);
    }
    return found;
  }

  /** How many checks' findings are kept now. */
  static int kept() {
    synchronized (FOUND) {
      return FOUND.size();
    }
  }

  private static String digest(Collection<ModelFile> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (ModelFile file : files) {
        byte[] name = file.resourceName().getBytes(StandardCharsets.UTF_8);
        byte[] content = file.content();
        digest.update(ByteBuffer.allocate(8).putInt(name.length).putInt(content.length).array());
        digest.update(name);
        digest.update(content);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static Findings lint(Collection<ModelFile> files, ModelSteps steps) {
    ModelLint lint = new ModelLint(steps);
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
    Vocabulary vocabulary = lint.vocabulary();
    return new Findings(List.copyOf(lint.errors), List.copyOf(lint.warnings),
        new ModelIndex(Set.copyOf(lint.formFileById.keySet()), Set.copyOf(lint.decisionIds), Set.copyOf(processIds),
            Map.copyOf(lint.formById), Set.copyOf(vocabulary.groupIds())),
        vocabulary);
  }

  private Vocabulary vocabulary() {
    List<Vocabulary.Status> declared = new ArrayList<>();
    statuses.forEach((code, d) -> declared.add(
        new Vocabulary.Status(code, d.label(), d.open(), d.calendar(), List.copyOf(d.processes()))));
    List<Vocabulary.Group> named = new ArrayList<>();
    groups.forEach((id, where) -> named.add(new Vocabulary.Group(id, List.copyOf(where))));
    List<Vocabulary.Milestone> journey = new ArrayList<>();
    milestones.values().forEach(journey::addAll);
    return new Vocabulary(List.copyOf(declared), List.copyOf(named), List.copyOf(kinds), List.copyOf(journey));
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
      return;
    }
    try {
      FormSchema schema = FormSchema.parse(new ByteArrayInputStream(file.content()));
      formById.put(id.asText(), schema);
      // A shown ticket text is FlowDesk's data, never an input: read-only, and a text tickets have.
      schema.ticketTextProblems().forEach(problem ->
          errors.add(new ModelProblem(file.resourceName(), id.asText(), null, problem)));
      schema.preparedAnswerProblems().forEach(problem ->
          errors.add(new ModelProblem(file.resourceName(), id.asText(), null, problem)));
      schema.filePickerProblems().forEach(problem ->
          errors.add(new ModelProblem(file.resourceName(), id.asText(), null, problem)));
      if (schema.keys().contains(FormSchema.TIME_SPENT) && !schema.asksTimeSpent()) {
        errors.add(new ModelProblem(file.resourceName(), id.asText(), null, "field '" + FormSchema.TIME_SPENT
            + "' is the time a step took: it must be an editable number field (whole minutes)"));
      }
    } catch (RuntimeException e) {
      errors.add(new ModelProblem(file.resourceName(), id.asText(), null, "cannot be read: " + e.getMessage()));
    }
  }

  private void readDecisions(ModelFile file) {
    DmnModelInstance dmn;
    try {
      dmn = ParsedModels.dmn(file.content());
    } catch (RuntimeException e) {
      errors.add(parseProblem(file, e));
      return;
    }
    for (Decision decision : dmn.getModelElementsByType(Decision.class)) {
      decisionIds.add(decision.getId());
      readOutputs(file, decision);
      checkFeel(file, decision, dmn.getDefinitions().getExpressionLanguage());
      if (decision.getCamundaHistoryTimeToLiveString() == null) {
        warnings.add(new ModelProblem(file.resourceName(), decision.getId(), null,
            "decision has no camunda:historyTimeToLive"));
      }
    }
  }

  /**
   * Every FEEL text of a decision table parses: its input expressions, each rule's input entries (unary tests) and
   * output entries. Camunda parses them only when the table is evaluated, so a missing quote would deploy and
   * fail every ticket that reaches the decision.
   */
  private void checkFeel(ModelFile file, Decision decision, String fileLanguage) {
    if (!(decision.getExpression() instanceof DecisionTable table)) {
      return;
    }
    for (Input input : table.getInputs()) {
      InputExpression expression = input.getInputExpression();
      if (expression != null && isFeel(expression.getExpressionLanguage(), fileLanguage)) {
        feel(file, input.getId(), "input expression", text(expression.getText()), false);
      }
    }
    for (Rule rule : table.getRules()) {
      for (InputEntry entry : rule.getInputEntries()) {
        if (isFeel(entry.getExpressionLanguage(), fileLanguage)) {
          feel(file, rule.getId(), "input entry", text(entry.getText()), true);
        }
      }
      for (OutputEntry entry : rule.getOutputEntries()) {
        if (isFeel(entry.getExpressionLanguage(), fileLanguage)) {
          feel(file, rule.getId(), "output entry", text(entry.getText()), false);
        }
      }
    }
  }

  /** A cell's expression only (a cell's description is an element of its own beside it). */
  private static String text(org.camunda.bpm.model.dmn.instance.Text text) {
    return text == null ? null : text.getTextContent();
  }

  /** The cell's language, else the file's ({@code <definitions expressionLanguage>}), else FEEL, as Camunda reads them. */
  private static boolean isFeel(String language, String fileLanguage) {
    String chosen = language != null ? language : fileLanguage;
    return chosen == null || chosen.toLowerCase(java.util.Locale.ROOT).contains("feel");
  }

  private void feel(ModelFile file, String element, String what, String text, boolean unaryTests) {
    String feel = text == null ? "" : text.trim();
    if (feel.isEmpty() || unaryTests && feel.equals("-")) {
      return; // any value; no output
    }
    ParseResult parsed = unaryTests ? FEEL.parseUnaryTests(feel) : FEEL.parseExpression(feel);
    if (parsed.isFailure()) {
      errors.add(new ModelProblem(file.resourceName(), element, null, what + " " + feel + " is not valid FEEL: "
          + parsed.failure().message()));
    }
  }

  private void readProcess(ModelFile file) {
    try {
      processes.put(file.resourceName(), ParsedModels.bpmn(file.content()));
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
      checkTextsStayTransient(file, task);
      checkApproverIsNotTheRequester(file, task);
    }
    for (StartEvent start : bpmn.getModelElementsByType(StartEvent.class)) {
      checkFormRef(file, start, start.getCamundaFormRef());
      ownProperties(start).stream().filter(p -> REOPEN_WITHIN.equals(p.getCamundaName()))
          .forEach(p -> checkReopenWindow(file, start, p.getCamundaValue()));
    }
    checkSteps(file, bpmn);
    checkMilestones(file, bpmn);
    checkLabels(file, bpmn);
    checkBranches(file, bpmn);
    for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
      String ref = task.getCamundaDecisionRef();
      if (ref != null && !ref.contains("${") && !ref.contains("#{") && !decisionIds.contains(ref)) {
        errors.add(new ModelProblem(file, task.getId(), null,
            "refers to decision '" + ref + "', which no file in decisions/ defines"));
      }
    }
  }

  /** A branch's condition that compares one variable with one text: {@code ${approval == 'manager'}}. */
  private static final Pattern EQUALS_TEXT = Pattern.compile(
      "\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:==|eq)\\s*'([^'\\\\]*)'\\s*}");

  /**
   * An exclusive gateway without a default flow whose branches each compare one variable with a text, where that
   * variable is a decision's answer (a business rule task's result, or the element of a multi-instance over the
   * entries it collected): every text the decision's table can answer needs a branch, or each instance that gets it
   * stops at the gateway with an engine error ("no outgoing sequence flow"). The most likely slip when a department
   * adds its approver to request-approval.dmn and forgets the branch, or misspells one of the two.
   */
  private void checkBranches(String file, BpmnModelInstance bpmn) {
    for (org.camunda.bpm.model.bpmn.instance.ExclusiveGateway gateway
        : bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.ExclusiveGateway.class)) {
      if (gateway.getDefault() != null || gateway.getOutgoing().size() < 2) {
        continue;
      }
      String variable = null;
      Set<String> taken = new TreeSet<>();
      boolean comparesTexts = true;
      for (SequenceFlow flow : gateway.getOutgoing()) {
        Matcher compared = EQUALS_TEXT.matcher(flow.getConditionExpression() == null ? ""
            : String.valueOf(flow.getConditionExpression().getTextContent()).trim());
        if (!compared.matches() || (variable != null && !variable.equals(compared.group(1)))) {
          comparesTexts = false;
          break;
        }
        variable = compared.group(1);
        taken.add(compared.group(2));
      }
      if (!comparesTexts || variable == null) {
        continue;
      }
      String decision = decisionAnswering(bpmn, variable);
      String output = decision == null ? null : onlyOutput.get(decision);
      Map<String, String> answers = output == null ? Map.of()
          : decisionOutputs.getOrDefault(decision, Map.of()).getOrDefault(output, Map.of());
      String name = gateway.getName() == null || gateway.getName().isBlank() ? gateway.getId() : gateway.getName();
      answers.forEach((answer, rule) -> {
        if (!taken.contains(answer)) {
          errors.add(new ModelProblem(file, gateway.getId(), null, "decision '" + decision + "' can answer '" + answer
              + "' (" + rule + "), which no branch of '" + name + "' takes (" + String.join(", ", taken)
              + "): every instance that gets it would stop there. Add a branch for it, or a default flow"));
        }
      });
    }
  }

  /**
   * The decision whose answer {@code variable} holds: a business rule task's single entry, or the element of a
   * multi-instance over a business rule task's collected entries; null when it is none of these.
   */
  private static String decisionAnswering(BpmnModelInstance bpmn, String variable) {
    Map<String, BusinessRuleTask> byResult = new HashMap<>();
    for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
      if (task.getCamundaResultVariable() != null && task.getCamundaDecisionRef() != null
          && !task.getCamundaDecisionRef().contains("{")) {
        byResult.put(task.getCamundaResultVariable(), task);
      }
    }
    BusinessRuleTask direct = byResult.get(variable);
    if (direct != null) {
      return "singleEntry".equals(direct.getCamundaMapDecisionResult()) ? direct.getCamundaDecisionRef() : null;
    }
    for (org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics loop
        : bpmn.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics.class)) {
      Matcher collection = BEAN_EXPRESSION.matcher(String.valueOf(loop.getCamundaCollection()).trim());
      if (variable.equals(loop.getCamundaElementVariable()) && collection.matches()) {
        BusinessRuleTask collected = byResult.get(collection.group(1));
        return collected != null && "collectEntries".equals(collected.getCamundaMapDecisionResult())
            ? collected.getCamundaDecisionRef() : null;
      }
    }
    return null;
  }

  private void readOutputs(ModelFile file, Decision decision) {
    if (!(decision.getExpression() instanceof DecisionTable table)) {
      return;
    }
    List<Output> outputs = List.copyOf(table.getOutputs());
    if (outputs.size() == 1 && outputs.get(0).getName() != null) {
      onlyOutput.put(decision.getId(), outputs.get(0).getName());
    }
    Map<String, Map<String, String>> byName = decisionOutputs.computeIfAbsent(decision.getId(), d -> new HashMap<>());
    for (Rule rule : table.getRules()) {
      List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
      for (int i = 0; i < entries.size() && i < outputs.size(); i++) {
        String text = entries.get(i).getTextContent();
        Matcher literal = FEEL_STRING.matcher(text == null ? "" : text.trim());
        if (literal.matches() && outputs.get(i).getName() != null) {
          byName.computeIfAbsent(outputs.get(i).getName(), n -> new TreeMap<>())
              .putIfAbsent(literal.group(1), file.resourceName() + "#" + rule.getId());
          // An output named …Group (assignmentGroup, notifyGroup, reassignGroup) names a group wherever the
          // decision is used: its groups are the models' words, as a task's candidate groups are.
          if (outputs.get(i).getName().endsWith(GROUP_OUTPUT)) {
            groups.computeIfAbsent(literal.group(1), g -> new TreeSet<>()).add(file.resourceName() + "#" + rule.getId());
          }
        }
      }
    }
  }

  /**
   * The process's words: the statuses it declares and sets, the groups it names, the kinds of its
   * user tasks, and that every step it calls exists.
   */
  private void checkSteps(String file, BpmnModelInstance bpmn) {
    for (Process process : bpmn.getModelElementsByType(Process.class)) {
      Map<String, Declared> declared = declaredStatuses(file, process);
      // A variable a task's candidate groups name (${assignmentGroup}) → the tasks that name it.
      Map<String, Set<String>> groupVariables = new HashMap<>();
      // One process per file (the file name is its id), so every task of the file is the process's.
      for (UserTask task : bpmn.getModelElementsByType(UserTask.class)) {
        readTask(file, process, task, groupVariables);
      }
      for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
        String variable = task.getCamundaResultVariable();
        if (variable != null && groupVariables.containsKey(variable)) {
          // Each group the decision can output is named by its rule and by the tasks it is offered to, so that
          // an approval routed by a decision counts its groups' members as approvers.
          decisionOutputs.getOrDefault(task.getCamundaDecisionRef(), Map.of()).values().forEach(values ->
              values.forEach((group, where) -> {
                Set<String> usedBy = groups.computeIfAbsent(group, g -> new TreeSet<>());
                usedBy.add(where);
                groupVariables.get(variable).forEach(offered -> usedBy.add(file + "#" + offered));
              }));
        }
      }
      for (CamundaInputParameter input : bpmn.getModelElementsByType(CamundaInputParameter.class)) {
        String text = input.getTextContent() == null ? "" : input.getTextContent().trim();
        String element = owner(input);
        groupsInExpression(file, element, text);
        if ("recipientGroup".equals(input.getCamundaName()) && !text.isEmpty() && !text.contains("${")) {
          groups.computeIfAbsent(text, g -> new TreeSet<>()).add(file + "#" + element);
        }
        if ("status".equals(input.getCamundaName()) && !text.isEmpty() && !text.contains("${")
            && !declared.containsKey(text)) {
          errors.add(new ModelProblem(file, element, null, "sets status '" + text + "', which process '"
              + process.getId() + "' does not declare (add the extension property status." + text
              + " = \"<label> | open\" to the process)"));
        }
      }
      for (ConditionExpression condition : bpmn.getModelElementsByType(ConditionExpression.class)) {
        groupsInExpression(file, owner(condition), condition.getTextContent());
      }
      nothingButSteps(file, ((org.w3c.dom.Document) bpmn.getDocument().getDomSource().getNode()).getDocumentElement(),
          null);
      if (!steps.known()) {
        continue;
      }
      beansNamed(file, bpmn);
      delegateExpressions(bpmn).forEach((element, expression) -> {
        Matcher bean = BEAN_EXPRESSION.matcher(expression.trim());
        if (!bean.matches()) {
          return;
        }
        String step = bean.group(1);
        if (!steps.exists(step)) {
          errors.add(new ModelProblem(file, element, null, "calls " + expression
              + ", which is no FlowDesk step (a typo, or a step that was removed)"));
          return;
        }
        for (String status : steps.statusesOf(step)) {
          if (!declared.containsKey(status)) {
            errors.add(new ModelProblem(file, element, null, "calls " + expression + ", which sets status '" + status
                + "', but process '" + process.getId() + "' does not declare it (add the extension property status."
                + status + " = \"<label> | open\" to the process)"));
          }
        }
      });
    }
  }

  /**
   * Expressions reach FlowDesk's steps and helpers only ({@link ModelBeans}): an expression anywhere
   * in the model (an attribute, a condition, an input) that names another bean of the application
   * ({@code ${dataSource.connection}}, {@code ${jdbcClient.sql('…')}}) is refused, so the designer
   * learns it at deployment, not when a ticket reaches the step.
   */
  private void beansNamed(String file, BpmnModelInstance bpmn) {
    org.w3c.dom.Element root = ((org.w3c.dom.Document) bpmn.getDocument().getDomSource().getNode())
        .getDocumentElement();
    Set<String> reported = new HashSet<>();
    walkExpressions(root, null, (owner, expression) -> {
      String code = STRING_LITERAL.matcher(expression).replaceAll("''");
      Matcher name = NAME_IN_EXPRESSION.matcher(code);
      while (name.find()) {
        String bean = name.group(1);
        if (steps.forbidden(bean) && reported.add(owner + "/" + bean)) {
          errors.add(new ModelProblem(file, owner, null, "names the bean '" + bean + "' in " + expression
              + ": models call FlowDesk's steps and helpers (@ModelHelper), no other bean"));
        }
      }
      Matcher call = METHOD_CALL.matcher(code);
      while (call.find()) {
        Set<String> methods = steps.methodsOf(call.group(1));
        if (methods != null && !methods.contains(call.group(2)) && reported.add(owner + "/" + call.group(0))) {
          errors.add(new ModelProblem(file, owner, null, "calls " + call.group(1) + "." + call.group(2) + "(…) in "
              + expression + ", which '" + call.group(1) + "' does not have (its methods: "
              + String.join(", ", new TreeSet<>(methods)) + ")"));
        }
      }
    });
  }

  /**
   * What a model may not run: a script (a script task, or a {@code camunda:script} in a listener or
   * an input), or a Java class named by {@code camunda:class}, which the engine would instantiate
   * whatever it is. Steps are FlowDesk's beans, called by {@code camunda:delegateExpression}.
   */
  private void nothingButSteps(String file, org.w3c.dom.Element element, String owner) {
    String id = element.getAttribute("id");
    String here = id == null || id.isEmpty() ? owner : id;
    if ("scriptTask".equals(element.getLocalName()) && BPMN_NS.equals(element.getNamespaceURI())) {
      errors.add(new ModelProblem(file, here, null, "is a script task: models run FlowDesk's steps "
          + "(camunda:delegateExpression), not scripts"));
    }
    if ("script".equals(element.getLocalName()) && CAMUNDA_NS.equals(element.getNamespaceURI())) {
      errors.add(new ModelProblem(file, here, null, "runs a script (camunda:script): models run FlowDesk's steps "
          + "and expressions, not scripts"));
    }
    // camunda:class on a task or event; class on a camunda:executionListener or taskListener.
    String type = CAMUNDA_NS.equals(element.getNamespaceURI()) ? element.getAttribute("class")
        : element.getAttributeNS(CAMUNDA_NS, "class");
    if (type != null && !type.isEmpty()) {
      errors.add(new ModelProblem(file, here, null, "names the Java class " + type + " (camunda:class): models call "
          + "FlowDesk's steps by camunda:delegateExpression"));
    }
    org.w3c.dom.NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof org.w3c.dom.Element inner) {
        nothingButSteps(file, inner, here);
      }
    }
  }

  private static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern NAME_IN_EXPRESSION = Pattern.compile("(?<![\\w.$])([A-Za-z_][A-Za-z0-9_]*)");
  /** bean.method( in an expression, the bean named first: ${ticketTitle.of(execution)}. */
  private static final Pattern METHOD_CALL = Pattern.compile(
      "(?<![\\w.$])([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

  /** Each expression in the element's attributes and texts, with the id of the BPMN element it belongs to. */
  private static void walkExpressions(org.w3c.dom.Element element, String owner,
      java.util.function.BiConsumer<String, String> found) {
    String id = element.getAttribute("id");
    String here = id == null || id.isEmpty() ? owner : id;
    org.w3c.dom.NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      expressionsIn(attributes.item(i).getNodeValue(), here, found);
    }
    org.w3c.dom.NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      org.w3c.dom.Node child = children.item(i);
      if (child instanceof org.w3c.dom.Element inner) {
        walkExpressions(inner, here, found);
      } else if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE
          || child.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
        expressionsIn(child.getNodeValue(), here, found);
      }
    }
  }

  private static void expressionsIn(String text, String owner, java.util.function.BiConsumer<String, String> found) {
    if (text == null || (!text.contains("${") && !text.contains("#{"))) {
      return;
    }
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      found.accept(owner, expression.group());
    }
  }

  /**
   * The journey's words: a step that names a milestone its process does not declare is refused, as is
   * a malformed declaration; a declared milestone that no step reaches would always be ahead.
   */
  private void checkMilestones(String file, BpmnModelInstance bpmn) {
    Milestones declared = Milestones.of(bpmn);
    if (declared.processId() == null) {
      return;
    }
    declared.problems().forEach(problem -> errors.add(new ModelProblem(file, declared.processId(), null, problem)));
    for (Milestones.Undeclared step : declared.undeclared()) {
      errors.add(new ModelProblem(file, step.element(), null, "reaches milestone '" + step.code() + "', which process '"
          + declared.processId() + "' does not declare (add the extension property milestone." + step.code()
          + " = \"<label>\" to the process, in the order people pass it)"));
    }
    for (Milestones.Milestone unreached : declared.unreached()) {
      warnings.add(new ModelProblem(file, declared.processId(), null, "milestone '" + unreached.code()
          + "' is declared, but no step reaches it (give a step the extension property milestone = "
          + unreached.code() + ")"));
    }
    List<Vocabulary.Milestone> words = new ArrayList<>();
    for (Milestones.Milestone milestone : declared.declared()) {
      List<String> steps = new ArrayList<>();
      declared.reachedBy().forEach((element, code) -> {
        if (code.equals(milestone.code())) {
          steps.add(element);
        }
      });
      steps.sort(null);
      words.add(new Vocabulary.Milestone(declared.processId(), milestone.code(), milestone.label(), milestone.optional(),
          List.copyOf(steps)));
    }
    milestones.put(declared.processId(), words);
  }

  private Map<String, Declared> declaredStatuses(String file, Process process) {
    Map<String, Declared> declared = new HashMap<>();
    for (CamundaProperty property : ownProperties(process)) {
      String name = property.getCamundaName();
      if (name == null || !name.startsWith(STATUS_PREFIX)) {
        continue;
      }
      String code = name.substring(STATUS_PREFIX.length()).trim();
      String[] parts = String.valueOf(property.getCamundaValue()).split("\\|", 2);
      String label = parts[0].trim();
      Set<String> flags = new HashSet<>();
      if (parts.length > 1) {
        for (String flag : parts[1].split(",")) {
          if (!flag.isBlank()) {
            flags.add(flag.trim());
          }
        }
      }
      if (!code.matches("[a-z][a-z0-9_]*") || label.isEmpty()) {
        errors.add(new ModelProblem(file, process.getId(), null, "status property '" + name
            + "' needs a code of lower-case letters, digits and _ and a label: status.in_testing = \"In testing | open\""));
        continue;
      }
      flags.stream().filter(f -> !STATUS_FLAGS.contains(f)).forEach(f -> errors.add(new ModelProblem(file,
          process.getId(), null, "status '" + code + "' has the unknown flag '" + f + "' (known: " + STATUS_FLAGS + ")")));
      Declared status = new Declared(label, flags.contains("open"), flags.contains("calendar"),
          new TreeSet<>(Set.of(process.getId())), file);
      declared.put(code, status);
      Declared earlier = statuses.get(code);
      if (earlier == null) {
        statuses.put(code, status);
      } else if (earlier.open() != status.open() || earlier.calendar() != status.calendar()) {
        errors.add(new ModelProblem(file, process.getId(), null, "status '" + code + "' is declared with other flags in "
            + earlier.file() + "; a status means the same in every process"));
      } else {
        earlier.processes().add(process.getId());
        if (!earlier.label().equals(label)) {
          warnings.add(new ModelProblem(file, process.getId(), null, "status '" + code + "' is labelled '" + label
              + "' here and '" + earlier.label() + "' in " + earlier.file() + "; people see the first"));
        }
      }
    }
    return declared;
  }

  private void readTask(String file, Process process, UserTask task, Map<String, Set<String>> groupVariables) {
    String candidates = task.getCamundaCandidateGroups();
    if (candidates != null && !candidates.isBlank()) {
      Matcher variable = BEAN_EXPRESSION.matcher(candidates.trim());
      if (variable.matches()) {
        groupVariables.computeIfAbsent(variable.group(1), v -> new TreeSet<>()).add(task.getId());
      } else if (!candidates.contains("${") && !candidates.contains("#{")) {
        for (String group : candidates.split(",")) {
          groups.computeIfAbsent(group.trim(), g -> new TreeSet<>()).add(file + "#" + task.getId());
        }
      }
    }
    groupsInExpression(file, task.getId(), task.getCamundaCandidateUsers());
    for (CamundaProperty property : ownProperties(task)) {
      if (!"kind".equals(property.getCamundaName())) {
        continue;
      }
      String kind = String.valueOf(property.getCamundaValue()).trim();
      if (!TASK_KINDS.contains(kind)) {
        errors.add(new ModelProblem(file, task.getId(), null, "task kind '" + kind + "' is not one FlowDesk knows ("
            + TASK_KINDS + ")"));
      } else {
        kinds.add(new Vocabulary.TaskKind(process.getId(), task.getId(), task.getName(), kind, task.getCamundaFormRef()));
      }
    }
  }

  private void groupsInExpression(String file, String element, String expression) {
    if (expression == null) {
      return;
    }
    Matcher named = PEOPLE_GROUP.matcher(expression);
    while (named.find()) {
      groups.computeIfAbsent(named.group(1), g -> new TreeSet<>()).add(file + "#" + element);
    }
  }

  /**
   * How long after closing a ticket may be reopened: an ISO-8601 duration of days, hours or minutes
   * ({@code P14D}), on the start event that a reopen starts.
   */
  public static Optional<java.time.Duration> reopenWindow(String value) {
    try {
      java.time.Duration window = java.time.Duration.parse(value == null ? "" : value.trim());
      return window.isNegative() || window.isZero() ? Optional.empty() : Optional.of(window);
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void checkReopenWindow(String file, StartEvent start, String value) {
    if (reopenWindow(value).isEmpty()) {
      errors.add(new ModelProblem(file, start.getId(), null, "extension property " + REOPEN_WITHIN + " '" + value
          + "' is no positive ISO-8601 duration such as P14D (14 days) or PT36H"));
    }
  }

  /** The value of the element's own camunda:property of that name, if it has one. */
  public static Optional<String> ownPropertyValue(BaseElement element, String name) {
    return ownProperties(element).stream().filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst();
  }

  /** The camunda:properties of the element itself, not of elements inside it. */
  static List<CamundaProperty> ownProperties(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return List.of();
    }
    List<CamundaProperty> properties = new ArrayList<>();
    extensions.getElementsQuery().filterByType(CamundaProperties.class).list()
        .forEach(p -> properties.addAll(p.getCamundaProperties()));
    return properties;
  }

  /** Element id → delegate expression, for tasks, events and listeners. */
  private static Map<String, String> delegateExpressions(BpmnModelInstance bpmn) {
    Map<String, String> expressions = new java.util.LinkedHashMap<>();
    // One walk of the document: the model API's getModelElementsByType(BaseElement.class) walks the whole document
    // once for each of BaseElement's many subtypes, 3.7 % of the suite's test JVM in a profile.
    delegateExpressions(((org.w3c.dom.Document) bpmn.getDocument().getDomSource().getNode()).getDocumentElement(),
        expressions);
    int listener = 0;
    for (CamundaExecutionListener l : bpmn.getModelElementsByType(CamundaExecutionListener.class)) {
      if (l.getCamundaDelegateExpression() != null) {
        expressions.put(owner(l) + " (execution listener " + ++listener + ")", l.getCamundaDelegateExpression());
      }
    }
    listener = 0;
    for (CamundaTaskListener l : bpmn.getModelElementsByType(CamundaTaskListener.class)) {
      if (l.getCamundaDelegateExpression() != null) {
        expressions.put(owner(l) + " (task listener " + ++listener + ")", l.getCamundaDelegateExpression());
      }
    }
    return expressions;
  }

  /** The BPMN elements' camunda:delegateExpression, by element id, in document order. */
  private static void delegateExpressions(org.w3c.dom.Element element, Map<String, String> found) {
    if (BPMN_NS.equals(element.getNamespaceURI()) && element.hasAttributeNS(CAMUNDA_NS, "delegateExpression")) {
      String id = element.getAttribute("id");
      found.put(id.isEmpty() ? null : id, element.getAttributeNS(CAMUNDA_NS, "delegateExpression"));
    }
    for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element inner) {
        delegateExpressions(inner, found);
      }
    }
  }

  /** The id of the flow element or process an extension element belongs to. */
  private static String owner(ModelElementInstance element) {
    ModelElementInstance parent = element.getParentElement();
    while (parent != null && !(parent instanceof FlowElement) && !(parent instanceof Process)) {
      parent = parent.getParentElement();
    }
    return parent instanceof BaseElement base ? base.getId() : null;
  }

  /** A label that covers another element hides it, or reads as belonging to it. */
  private void checkLabels(String file, BpmnModelInstance bpmn) {
    List<BpmnShape> shapes = bpmn.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBounds() != null && s.getBpmnElement() != null
            && !(s.getBpmnElement() instanceof SubProcess && Boolean.TRUE.equals(s.isExpanded()))
            && !(s.getBpmnElement() instanceof org.camunda.bpm.model.bpmn.instance.Participant)
            && !(s.getBpmnElement() instanceof org.camunda.bpm.model.bpmn.instance.Lane))
        .toList();
    List<BpmnShape> labelled = bpmn.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnLabel() != null && s.getBpmnLabel().getBounds() != null).toList();
    for (BpmnShape shape : labelled) {
      Bounds label = shape.getBpmnLabel().getBounds();
      for (BpmnShape other : shapes) {
        if (other != shape && overlap(label, other.getBounds())) {
          warnings.add(new ModelProblem(file, shape.getBpmnElement().getId(), null,
              "its label overlaps " + other.getBpmnElement().getId() + " in the diagram"));
        }
      }
    }
    for (BpmnEdge edge : bpmn.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnLabel() == null || edge.getBpmnLabel().getBounds() == null || edge.getBpmnElement() == null) {
        continue;
      }
      for (BpmnShape other : shapes) {
        if (overlap(edge.getBpmnLabel().getBounds(), other.getBounds())) {
          warnings.add(new ModelProblem(file, edge.getBpmnElement().getId(), null,
              "its label overlaps " + other.getBpmnElement().getId() + " in the diagram"));
        }
      }
    }
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
  }

  /**
   * An approval offered to groups is offered to every member, the one who ordered or raised the ticket too, who then
   * approves their own request; the shipped approvals leave the requester out ({@code people.membersExcept}).
   */
  private void checkApproverIsNotTheRequester(String file, UserTask task) {
    String groupsOffered = task.getCamundaCandidateGroups();
    if (groupsOffered == null || groupsOffered.isBlank()
        || !ownPropertyValue(task, "kind").map("approval"::equals).orElse(false)) {
      return;
    }
    String first = groupsOffered.split(",")[0].trim();
    warnings.add(new ModelProblem(file, task.getId(), null, "an approval offered to candidateGroups \"" + groupsOffered
        + "\" is offered to its requester too when they are a member, who could then approve their own request: "
        + "offer it with camunda:candidateUsers=\"${people.membersExcept('" + (first.contains("{") ? "group" : first)
        + "', requester)}\" instead"));
  }

  /**
   * What people write in a task's form reaches the engine as a transient value; an input
   * parameter of the task with the text field's name is a stored variable, which the engine
   * refuses to make transient (every completion would fail), and would keep the text.
   */
  private void checkTextsStayTransient(String file, UserTask task) {
    FormSchema form = task.getCamundaFormRef() == null ? null : formById.get(task.getCamundaFormRef());
    if (form == null) {
      return;
    }
    Set<String> texts = form.transientKeys();
    if (task.getExtensionElements() == null) {
      return;
    }
    task.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).list().stream()
        .flatMap(io -> io.getCamundaInputParameters().stream())
        .map(CamundaInputParameter::getCamundaName).filter(texts::contains)
        .forEach(name -> errors.add(new ModelProblem(file, task.getId(), null, "input parameter '" + name
            + "' has the name of a text field of form '" + form.id() + "': what people write there is recorded "
            + "by the task's steps and must not be a variable; remove the parameter")));
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
