package org.flowdesk.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The milestones a process declares, in the order people pass them, and the steps that reach
 * them: the process has the extension properties {@code milestone.<code>} = {@code <label>}
 * (or {@code <label> | optional}, shown only once reached), a step has {@code milestone} =
 * {@code <code>}. A call activity's milestone is refined by the called process's own milestones
 * when it declares any. The ticket's journey reads these from the version an instance runs on;
 * {@link ModelLint} refuses a step that names a milestone its process does not declare.
 */
public record Milestones(String processId, List<Milestone> declared, Map<String, String> reachedBy,
    Set<String> callActivities, List<String> problems) {

  private static final String PREFIX = "milestone.";
  public static final String STEP_PROPERTY = "milestone";
  private static final List<String> FLAGS = List.of("optional");

  /** A milestone as declared: its code, what people read, and whether it is passed only sometimes. */
  public record Milestone(String code, String label, boolean optional) {
  }

  /** A step that names a milestone its process does not declare. */
  public record Undeclared(String element, String code) {
  }

  public static final Milestones NONE = new Milestones(null, List.of(), Map.of(), Set.of(), List.of());

  public boolean isEmpty() {
    return declared.isEmpty();
  }

  /** Whether the step is a call activity, whose milestone the called process may refine. */
  public boolean calls(String element) {
    return callActivities.contains(element);
  }

  /** The steps that name a milestone the process does not declare. */
  public List<Undeclared> undeclared() {
    Set<String> codes = new HashSet<>();
    declared.forEach(m -> codes.add(m.code()));
    List<Undeclared> found = new ArrayList<>();
    reachedBy.forEach((element, code) -> {
      if (!codes.contains(code)) {
        found.add(new Undeclared(element, code));
      }
    });
    return found;
  }

  /** Declared milestones no step reaches: they would always be ahead. */
  public List<Milestone> unreached() {
    Collection<String> reached = reachedBy.values();
    return declared.stream().filter(m -> !reached.contains(m.code())).toList();
  }

  /** The milestones of the (one) process of a BPMN model. */
  public static Milestones of(BpmnModelInstance bpmn) {
    Collection<Process> processes = bpmn.getModelElementsByType(Process.class);
    if (processes.isEmpty()) {
      return NONE;
    }
    Process process = processes.iterator().next();
    List<Milestone> declared = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (CamundaProperty property : ModelLint.ownProperties(process)) {
      String name = property.getCamundaName();
      if (name == null || !name.startsWith(PREFIX)) {
        continue;
      }
      String code = name.substring(PREFIX.length()).trim();
      String[] parts = String.valueOf(property.getCamundaValue()).split("\\|", 2);
      String label = parts[0].trim();
      if (!code.matches("[a-z][a-z0-9_]*") || label.isEmpty() || "null".equals(label)) {
        problems.add("milestone property '" + name + "' needs a code of lower-case letters, digits and _ and a "
            + "label: milestone.approval = \"Approval\" (or \"Approval | optional\")");
        continue;
      }
      Set<String> flags = new HashSet<>();
      if (parts.length > 1) {
        for (String flag : parts[1].split(",")) {
          if (!flag.isBlank()) {
            flags.add(flag.trim());
          }
        }
      }
      flags.stream().filter(f -> !FLAGS.contains(f)).forEach(f -> problems.add("milestone '" + code
          + "' has the unknown flag '" + f + "' (known: " + FLAGS + ")"));
      if (!codes.add(code)) {
        problems.add("milestone '" + code + "' is declared twice");
        continue;
      }
      declared.add(new Milestone(code, label, flags.contains("optional")));
    }
    Map<String, String> reachedBy = new LinkedHashMap<>();
    Set<String> callActivities = new HashSet<>();
    for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
      for (CamundaProperty property : ModelLint.ownProperties(node)) {
        if (STEP_PROPERTY.equals(property.getCamundaName())) {
          reachedBy.put(node.getId(), String.valueOf(property.getCamundaValue()).trim());
          if (node instanceof CallActivity) {
            callActivities.add(node.getId());
          }
        }
      }
    }
    return new Milestones(process.getId(), List.copyOf(declared), Map.copyOf(reachedBy), Set.copyOf(callActivities),
        List.copyOf(problems));
  }
}
