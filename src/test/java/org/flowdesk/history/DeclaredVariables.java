package org.flowdesk.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.flowdesk.ticket.TaskActor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The process variables the models declare, read from the model files, not listed by hand: the
 * ticket number and requester; every decision's inputs and outputs (and the variables its entries
 * name); what business rule tasks map out; the choices, numbers, dates and checkboxes of the
 * forms (what people choose is what decisions and gateways decide on; what they write is not);
 * multi-instance collections and element variables with the engine's counters; what call
 * activities hand on and call; the steps' input parameters (the model's own texts). Plus the few tallies FlowDesk's steps keep, each with its reason.
 */
final class DeclaredVariables {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern EXPRESSION_VARIABLE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)}$");
  private static final Set<String> FREE_TEXT = Set.of("textfield", "textarea");

  /** Set by FlowDesk's steps, not by a model or a person. */
  private static final Map<String, String> TALLIES = Map.ofEntries(
      Map.entry(TaskActor.AGENT, "who took the work on: later steps credit them"),
      Map.entry("decidedBy", "who decided a change: a reschedule or cancellation credits them"),
      Map.entry("provisioningAttempts", "the provisioning retry count the gateway compares"),
      Map.entry("cabApprovals", "the CAB's approving votes so far"),
      Map.entry("cabRejections", "the CAB's rejecting votes so far"),
      Map.entry("cabSize", "how many members vote"),
      Map.entry("cabMembers", "who votes (the multi-instance collection)"),
      Map.entry("approvers", "who approves a change, from change-approval.dmn"),
      Map.entry("conflictFound", "the conflict check's outcome, for the gateway"),
      Map.entry("conflicts", "the conflict check's list of overlapping changes and blackouts, written by FlowDesk"),
      Map.entry("workaroundKnown", "whether a problem's investigation found a workaround, for the gateway"));

  private DeclaredVariables() {
  }

  static Set<String> of(Path root) {
    Set<String> names = new TreeSet<>(Set.of("ticketNumber", "requester", "nrOfInstances", "nrOfActiveInstances",
        "nrOfCompletedInstances", "loopCounter"));
    names.addAll(TALLIES.keySet());
    files(root.resolve("decisions"), ".dmn").forEach(file -> decision(file, names));
    files(root.resolve("processes"), ".bpmn").forEach(file -> process(file, names));
    files(root.resolve("forms"), ".form").forEach(file -> form(file, names));
    return names;
  }

  private static void decision(Path file, Set<String> names) {
    DmnModelInstance dmn = Dmn.readModelFromFile(file.toFile());
    dmn.getModelElementsByType(Input.class).forEach(input -> identifier(input.getInputExpression().getText()
        .getTextContent(), names));
    dmn.getModelElementsByType(Output.class).forEach(output -> names.add(output.getName()));
    dmn.getModelElementsByType(InputEntry.class).forEach(entry -> identifier(entry.getText().getTextContent(), names));
    dmn.getModelElementsByType(OutputEntry.class).forEach(entry -> identifier(entry.getText().getTextContent(), names));
  }

  private static void process(Path file, Set<String> names) {
    BpmnModelInstance bpmn = Bpmn.readModelFromFile(file.toFile());
    for (BusinessRuleTask task : bpmn.getModelElementsByType(BusinessRuleTask.class)) {
      names.add(task.getCamundaResultVariable());
    }
    // Business rule tasks map decision results out with output parameters.
    bpmn.getModelElementsByType(CamundaOutputParameter.class).stream()
        .filter(parameter -> parameter.getParentElement().getParentElement().getParentElement()
            instanceof BusinessRuleTask)
        .forEach(parameter -> names.add(parameter.getCamundaName()));
    for (MultiInstanceLoopCharacteristics loop : bpmn.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
      expressionVariable(loop.getCamundaCollection(), names);
      if (loop.getCamundaElementVariable() != null) {
        names.add(loop.getCamundaElementVariable());
      }
    }
    for (CallActivity call : bpmn.getModelElementsByType(CallActivity.class)) {
      expressionVariable(call.getCalledElement(), names);
    }
    // A step's inputs are the model's own words (its notification's text, the clock it stops), local to the step.
    bpmn.getModelElementsByType(CamundaInputParameter.class).forEach(parameter -> names.add(parameter.getCamundaName()));
    bpmn.getModelElementsByType(CamundaIn.class).stream().filter(in -> in.getCamundaTarget() != null)
        .forEach(in -> names.add(in.getCamundaTarget()));
  }

  private static void form(Path file, Set<String> names) {
    try (InputStream in = Files.newInputStream(file)) {
      fields(JSON.readTree(in).path("components"), names);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fields(JsonNode components, Set<String> names) {
    for (JsonNode component : components) {
      fields(component.path("components"), names);
      String key = component.path("key").asText("");
      if (!key.isEmpty() && !FREE_TEXT.contains(component.path("type").asText())
          && !component.path("readonly").asBoolean(false)) {
        names.add(key);
      }
    }
  }

  private static void identifier(String text, Set<String> names) {
    if (text != null && IDENTIFIER.matcher(text.trim()).matches()) {
      names.add(text.trim());
    }
  }

  private static void expressionVariable(String expression, Set<String> names) {
    if (expression == null) {
      return;
    }
    Matcher variable = EXPRESSION_VARIABLE.matcher(expression.trim());
    if (variable.matches()) {
      names.add(variable.group(1));
    }
  }

  private static Stream<Path> files(Path folder, String extension) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(path -> path.toString().endsWith(extension)).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
