package org.flowdesk.workbench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.history.event.HistoricDecisionInstanceEntity;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.models.FeelParsedOnce;
import org.flowdesk.models.ParsedModels;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a changed decision table would have decided: the draft is evaluated again on the inputs of
 * the deployed decision's last evaluations (Camunda's decision history keeps them), and each
 * outcome is compared with the one the deployed table gave then.
 *
 * <p>The draft runs in a DMN engine of its own, with FEEL and nothing else: a draft is a person's
 * input until it is rolled out, so no expression of it reaches FlowDesk's beans, a script engine
 * or JUEL, and its XML may not declare a document type (no external entities).
 */
@Service
public class DecisionWhatIf {

  /** How many past evaluations one what-if reads at most. */
  public static final int MOST_EVALUATIONS = 100_000;
  private static final int CHUNK = 1000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> FEEL = Set.of("feel", "https://www.omg.org/spec/DMN/20191111/FEEL/",
      "http://www.omg.org/spec/FEEL/20140401", "https://www.omg.org/spec/FEEL/20140401");

  /** The output whose value starts a ticket's resolution clock (see SlaDelegates' startSlaClocks). */
  static final String RESOLUTION_TARGET = SlaClock.RESOLUTION + "Target";

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final ManagementService managementService;
  private final SlaClocks slaClocks;
  private final SlaCalendar slaCalendar;
  private final Clock clock;
  /** A draft is evaluated with the FEEL engine the node evaluates deployed tables with. */
  private final DmnEngine draftEngine = FeelParsedOnce.dmnEngine();

  DecisionWhatIf(HistoryService historyService, RepositoryService repositoryService,
      ManagementService managementService, SlaClocks slaClocks, SlaCalendar slaCalendar, Clock clock) {
    this.historyService = historyService;
    this.repositoryService = repositoryService;
    this.managementService = managementService;
    this.slaClocks = slaClocks;
    this.slaCalendar = slaCalendar;
    this.clock = clock;
  }

  /** One past evaluation whose outcome the draft changes. */
  public record Change(String ticket, Instant evaluatedAt, Map<String, Object> inputs,
      List<Map<String, Object>> before, List<Map<String, Object>> after) {
  }

  /** How often an output took a value, then and with the draft. */
  public record Shift(String output, String value, long before, long after) {
  }

  /** A past evaluation the draft could not decide on, and why. */
  public record Failure(String ticket, Instant evaluatedAt, String reason) {
  }

  /**
   * A ticket whose resolution clock breached its target, or would have with the draft's: the time the clock
   * used (in its calendar, pauses left out) until the ticket was resolved, or until now while it runs.
   */
  public record Breach(String ticket, String calendar, String used, String targetBefore, String targetAfter,
      boolean breachedBefore, boolean breachedAfter) {
  }

  /**
   * Of the {@code compared} tickets with a resolution clock: how many breached their resolution target with the
   * target they had, and how many would have with the draft's, each of them listed.
   */
  public record Breaches(int compared, int before, int after, List<Breach> tickets) {
  }

  /**
   * @param evaluations how many past evaluations were evaluated again
   * @param changed how many of them the draft decides otherwise
   * @param tickets how many tickets those evaluations were of
   * @param changedTickets how many of those tickets get another outcome
   * @param breaches for a decision that decides the resolution target: the breaches then and with the draft
   */
  public record Report(String decision, int evaluations, int changed, int tickets, int changedTickets,
      List<Change> changes, List<Shift> shifts, List<Failure> failures,
      @JsonInclude(JsonInclude.Include.NON_NULL) Breaches breaches) {
  }

  /**
   * Evaluates the draft on the inputs of the decision's last {@code last} evaluations.
   *
   * @throws NotFoundException when no decision of that key is deployed
   * @throws FormValidationException when the draft is not a DMN file with that decision as a table,
   *     or uses an expression language other than FEEL
   */
  public Report evaluate(String decisionKey, byte[] draft, int last) {
    if (last < 1 || last > MOST_EVALUATIONS) {
      throw new FormValidationException(List.of(new FieldError("last", "between 1 and " + MOST_EVALUATIONS)));
    }
    if (repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey).count() == 0) {
      throw new NotFoundException("decision", decisionKey);
    }
    DmnModelInstance model = read(decisionKey, draft);
    DmnDecision decision = parse(decisionKey, model);
    Set<String> reads = namesRead(model, decisionKey);

    List<String> latest = latestEvaluations(decisionKey, last);
    Map<String, Map<String, String>> variableByClause = new HashMap<>();

    List<Change> changes = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    Map<String, Map<String, long[]>> counts = new TreeMap<>();
    Set<String> allTickets = new java.util.HashSet<>();
    Set<String> changedTickets = new java.util.HashSet<>();
    // Each ticket's latest evaluation (the history comes newest first) decides its target with the draft.
    Map<String, Object> draftTargets = new LinkedHashMap<>();
    int read = 0;
    // The draft decides the same inputs alike (FEEL only, no beans), and past evaluations repeat a few dozen
    // combinations of inputs: each is evaluated once (the outcome rows, or why it failed).
    Map<Map<String, Object>, Object> byInputs = new HashMap<>();
    // CHUNK evaluations at a time, with their inputs and outputs, so that 100,000 need not be in memory at once.
    for (int from = 0; from < latest.size(); from += CHUNK) {
      List<HistoricDecisionInstance> past = withInputsAndOutputs(latest.subList(from, Math.min(latest.size(),
          from + CHUNK)));
      read += past.size();
      Map<String, String> tickets = ticketsOf(past.stream().map(HistoricDecisionInstance::getProcessInstanceId)
          .filter(Objects::nonNull).collect(Collectors.toSet()));
      for (HistoricDecisionInstance instance : past) {
        String ticket = tickets.get(instance.getProcessInstanceId());
        if (ticket != null) {
          allTickets.add(ticket);
        }
        Instant at = instance.getEvaluationTime().toInstant();
        Map<String, Object> inputs = inputsOf(instance, variableByClause.computeIfAbsent(
            instance.getDecisionDefinitionId(), this::variableNames));
        List<Map<String, Object>> before = outputsOf(instance);
        List<String> missing = reads.stream().filter(name -> !inputs.containsKey(name)).sorted().toList();
        if (!missing.isEmpty()) {
          failures.add(new Failure(ticket, at, "the draft reads " + String.join(", ", missing)
              + ", which the evaluation then did not have as an input"));
          continue;
        }
        Object decided = byInputs.computeIfAbsent(inputs, same -> {
          try {
            DmnDecisionResult result = draftEngine.evaluateDecision(decision, new HashMap<>(same));
            return result.getResultList().stream().map(DecisionWhatIf::comparable).toList();
          } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
          }
        });
        if (decided instanceof String reason) {
          failures.add(new Failure(ticket, at, reason));
          continue;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> after = (List<Map<String, Object>>) decided;
        count(counts, before, 0);
        count(counts, after, 1);
        if (ticket != null && after.size() == 1) {
          draftTargets.putIfAbsent(ticket, after.get(0).get(RESOLUTION_TARGET));
        }
        if (!sameOutcome(before, after)) {
          changes.add(new Change(ticket, at, inputs, before, after));
          if (ticket != null) {
            changedTickets.add(ticket);
          }
        }
      }
    }
    List<Shift> shifts = new ArrayList<>();
    counts.forEach((output, byValue) -> byValue.forEach((value, n) -> shifts.add(new Shift(output, value, n[0], n[1]))));
    boolean decidesResolution = ((DecisionTable) ((Decision) model.getModelElementById(decisionKey))
        .getExpression()).getOutputs().stream().anyMatch(output -> RESOLUTION_TARGET.equals(output.getName()));
    return new Report(decisionKey, read - failures.size(), changes.size(), allTickets.size(),
        changedTickets.size(), changes, shifts, failures, decidesResolution ? breaches(draftTargets) : null);
  }

  /**
   * The breaches of the tickets' resolution clocks with the targets they had and with the draft's, on the same
   * calendar: the time each clock used until it stopped (the ticket resolved), was paused, or now.
   */
  private Breaches breaches(Map<String, Object> draftTargets) {
    Instant now = clock.instant();
    List<Breach> listed = new ArrayList<>();
    int compared = 0;
    int before = 0;
    int after = 0;
    List<String> tickets = new ArrayList<>(draftTargets.keySet());
    for (int from = 0; from < tickets.size(); from += CHUNK) {
      Map<String, List<SlaClock>> clocks = slaClocks.of(tickets.subList(from, Math.min(tickets.size(), from + CHUNK)));
      for (List<SlaClock> ofTicket : clocks.values()) {
        for (SlaClock resolution : ofTicket) {
          Object draftTarget = draftTargets.get(resolution.ticketNumber());
          if (!SlaClock.RESOLUTION.equals(resolution.clock()) || draftTarget == null) {
            continue;
          }
          Instant end = resolution.stoppedAt() != null ? resolution.stoppedAt()
              : resolution.pausedSince() != null ? resolution.pausedSince() : now;
          java.time.Duration used;
          boolean breachedBefore;
          boolean breachedAfter;
          try {
            used = slaClocks.used(resolution, end);
            breachedBefore = used.compareTo(slaCalendar.parse(resolution.target(), resolution.calendar())) > 0;
            breachedAfter = used.compareTo(slaCalendar.parse(draftTarget.toString(), resolution.calendar())) > 0;
          } catch (IllegalArgumentException e) {
            // A target that is no duration, or a calendar no longer configured: nothing to measure it by.
            continue;
          }
          compared++;
          before += breachedBefore ? 1 : 0;
          after += breachedAfter ? 1 : 0;
          if (breachedBefore || breachedAfter) {
            listed.add(new Breach(resolution.ticketNumber(), resolution.calendar(), used.toString(),
                resolution.target(), draftTarget.toString(), breachedBefore, breachedAfter));
          }
        }
      }
    }
    listed.sort(Comparator.comparing(Breach::ticket));
    return new Breaches(compared, before, after, listed);
  }

  /** The draft as a DMN model, refused (400 naming the reason) unless it is safe DMN with that decision as a table. */
  static DmnModelInstance read(String decisionKey, byte[] draft) {
    String text = new String(draft, java.nio.charset.StandardCharsets.UTF_8);
    if (text.contains("<!DOCTYPE") || text.contains("<!ENTITY")) {
      throw refused("the draft declares a document type or entities; a model needs neither");
    }
    DmnModelInstance model;
    try {
      model = ParsedModels.dmn(draft);
    } catch (RuntimeException e) {
      throw refused("the draft is not a DMN file: " + e.getMessage());
    }
    ModelElementInstance element = model.getModelElementById(decisionKey);
    if (!(element instanceof Decision found) || !(found.getExpression() instanceof DecisionTable)) {
      throw refused("the draft has no decision table '" + decisionKey + "'");
    }
    String other = otherLanguage(model.getDocument().getRootElement());
    if (other != null) {
      throw refused(other);
    }
    return model;
  }

  private DmnDecision parse(String decisionKey, DmnModelInstance model) {
    try {
      return draftEngine.parseDecision(decisionKey, model);
    } catch (RuntimeException e) {
      throw refused("the draft's decision cannot be read: " + e.getMessage());
    }
  }

  /** The first element that names an expression language other than FEEL, described; or null. */
  private static String otherLanguage(DomElement element) {
    String language = element.getAttribute("expressionLanguage");
    if (language != null && !FEEL.contains(language.trim().toLowerCase(java.util.Locale.ROOT))
        && !FEEL.contains(language.trim())) {
      String id = element.getAttribute("id");
      return (id == null ? element.getLocalName() : id) + " uses the expression language '" + language
          + "'; decisions are written in FEEL";
    }
    for (DomElement child : element.getChildElements()) {
      String found = otherLanguage(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static FormValidationException refused(String reason) {
    return new FormValidationException(List.of(new FieldError("draft", reason)));
  }

  /** The variables the draft table's inputs read by name. */
  private static Set<String> namesRead(DmnModelInstance model, String decisionKey) {
    Set<String> names = new java.util.TreeSet<>();
    Decision decision = model.getModelElementById(decisionKey);
    for (Input input : ((DecisionTable) decision.getExpression()).getInputs()) {
      String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? null
          : input.getInputExpression().getText().getTextContent().trim();
      if (expression != null && NAME.matcher(expression).matches()) {
        names.add(expression);
      }
    }
    return names;
  }

  /**
   * Input clause id to the variable its expression reads, for the deployed table an evaluation was
   * of: a draft reads the same names ({@code priority}, {@code impact}).
   */
  private Map<String, String> variableNames(String decisionDefinitionId) {
    Map<String, String> names = new HashMap<>();
    DmnModelInstance deployed = repositoryService.getDmnModelInstance(decisionDefinitionId);
    for (Input input : deployed.getModelElementsByType(Input.class)) {
      String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? null
          : input.getInputExpression().getText().getTextContent().trim();
      if (expression != null && NAME.matcher(expression).matches()) {
        names.put(input.getId(), expression);
      } else if (input.getCamundaInputVariable() != null) {
        names.put(input.getId(), input.getCamundaInputVariable());
      }
    }
    return names;
  }

  private static Map<String, Object> inputsOf(HistoricDecisionInstance instance, Map<String, String> names) {
    Map<String, Object> inputs = new TreeMap<>();
    for (HistoricDecisionInputInstance input : instance.getInputs()) {
      String name = names.get(input.getClauseId());
      if (name != null) {
        inputs.put(name, input.getValue());
      }
    }
    return inputs;
  }

  /** The outputs of each matched rule, in rule order: what the deployed table decided then. */
  private static List<Map<String, Object>> outputsOf(HistoricDecisionInstance instance) {
    Map<Integer, Map<String, Object>> byRule = new TreeMap<>();
    for (HistoricDecisionOutputInstance output : instance.getOutputs()) {
      int order = output.getRuleOrder() == null ? 0 : output.getRuleOrder();
      byRule.computeIfAbsent(order, o -> new TreeMap<>()).put(output.getVariableName(), output.getValue());
    }
    return byRule.values().stream().map(DecisionWhatIf::comparable).toList();
  }

  /** Numbers as they compare (an integer output read back as a Long or an Integer is the same). */
  private static Map<String, Object> comparable(Map<String, Object> outputs) {
    Map<String, Object> values = new TreeMap<>();
    outputs.forEach((name, value) -> values.put(name, value instanceof Number n
        ? new java.math.BigDecimal(n.toString()).stripTrailingZeros() : value));
    return values;
  }

  /** The same rows, in any order (a COLLECT table's order is the rules'). */
  private static boolean sameOutcome(List<Map<String, Object>> before, List<Map<String, Object>> after) {
    Comparator<Map<String, Object>> order = Comparator.comparing(Object::toString);
    return before.stream().sorted(order).toList().equals(after.stream().sorted(order).toList());
  }

  private static void count(Map<String, Map<String, long[]>> counts, List<Map<String, Object>> rows, int which) {
    for (Map<String, Object> row : rows) {
      row.forEach((output, value) -> counts.computeIfAbsent(output, o -> new TreeMap<>())
          .computeIfAbsent(String.valueOf(value instanceof java.math.BigDecimal d ? d.toPlainString() : value),
              v -> new long[2])[which]++);
    }
  }

  /**
   * The ids of the decision's latest evaluations, newest first (ties by id, so that chunks never overlap). Only
   * the ids: 100,000 whole evaluations would not fit in the heap beside the rest.
   */
  private List<String> latestEvaluations(String decisionKey, int last) {
    String table = managementService.getTableName(HistoricDecisionInstanceEntity.class);
    return historyService.createNativeHistoricDecisionInstanceQuery()
        .sql("SELECT RES.ID_ FROM " + table + " RES WHERE RES.DEC_DEF_KEY_ = #{key} "
            + "ORDER BY RES.EVAL_TIME_ DESC, RES.ID_ DESC")
        .parameter("key", decisionKey).listPage(0, last).stream().map(HistoricDecisionInstance::getId).toList();
  }

  /**
   * Those evaluations with their inputs and outputs, in the same order. Read CHUNK at a time: Camunda's
   * includeInputs() binds one parameter per evaluation, which PostgreSQL refuses beyond 65,535.
   */
  private List<HistoricDecisionInstance> withInputsAndOutputs(List<String> ids) {
    Map<String, HistoricDecisionInstance> byId = historyService.createHistoricDecisionInstanceQuery()
        .decisionInstanceIdIn(ids.toArray(String[]::new)).includeInputs().includeOutputs().list().stream()
        .collect(Collectors.toMap(HistoricDecisionInstance::getId, instance -> instance));
    return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
  }

  private Map<String, String> ticketsOf(Collection<String> processInstanceIds) {
    Map<String, String> tickets = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(processInstanceIds);
    for (int from = 0; from < ids.size(); from += CHUNK) {
      String[] chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK)).toArray(String[]::new);
      for (HistoricProcessInstance instance : historyService.createHistoricProcessInstanceQuery()
          .processInstanceIds(Set.of(chunk)).list()) {
        if (instance.getBusinessKey() != null) {
          tickets.put(instance.getId(), instance.getBusinessKey());
        }
      }
    }
    return tickets;
  }
}
