package org.flowdesk.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.flowdesk.identity.People;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.Milestones;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A ticket's journey as its requester reads it, like a parcel tracker: the milestones its process
 * declares ({@link Milestones}), each done, current or ahead with the time it was reached, and for
 * the current one who it waits on (names, not ids) and since when. Computed from the activity
 * history of the ticket's process instance and of the instances it called (a call activity's
 * milestone is refined by the called process's own, e.g. a laptop's ordering, preparing and
 * handing over), so a milestone added to a model shows on the next ticket with no code change.
 */
@Component
class TicketJourney {

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final String MULTI_INSTANCE = "#multiInstanceBody";

  /** Where a milestone is on the journey. */
  public enum State {
    /** Reached and passed. */
    done,
    /** Passed over without being reached (not needed this time, or the ticket ended before it). */
    skipped,
    /** Where the ticket is now (or ended). */
    current,
    /** Still to come. */
    ahead
  }

  @Schema(description = "A ticket's journey: the milestones of its process in order, where it is, who it waits on")
  public record Journey(
      @Schema(description = "The ticket", example = "REQ-000042") String ticket,
      @Schema(description = "The ticket's process has ended: the current milestone is where it finished") boolean ended,
      @Schema(description = "The milestones in the order people pass them; an optional one only once reached")
      List<JourneyStep> milestones) {
  }

  @Schema(description = "One milestone of the journey")
  public record JourneyStep(
      @Schema(description = "The milestone's code in its model", example = "ordering") String code,
      @Schema(description = "What people read, as the model declares it", example = "Ordering") String label,
      @Schema(description = "The process that declares it", example = "fulfil-hardware") String process,
      @Schema(description = "done, skipped, current or ahead", example = "current") State state,
      @Schema(description = "When it was reached (done and current only; null for the milestones a reopened "
          + "incident passed before it was closed)", example = "2027-03-01T09:30:00Z")
      Instant reachedAt,
      @Schema(description = "For the current milestone: the open steps and whom they wait on; empty when it waits on "
          + "no one (a timer, an automatic step) or the ticket ended") List<StepWaiting> waitingOn) {
  }

  @Schema(description = "An open step and whom it waits on")
  public record StepWaiting(
      @Schema(description = "The step's name in the model", example = "Order from the supplier") String step,
      @Schema(description = "Since when it waits", example = "2027-03-01T09:30:00Z") Instant since,
      @Schema(description = "The people it waits on: its assignee, or the people it is offered to") List<PersonOrGroup> people,
      @Schema(description = "The groups it is offered to (when no one has taken it on)") List<PersonOrGroup> groups) {
  }

  @Schema(description = "A person or a group, with the name people read")
  public record PersonOrGroup(@Schema(example = "petra") String id, @Schema(example = "Petra Peters") String name) {
  }

  /** A place on the journey before its state is known. */
  private record Slot(String process, Milestones.Milestone milestone) {
  }

  /** A milestone reached: its key (see layOut) and when. */
  private record Reached(String key, Date at) {
  }

  private final HistoryService historyService;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final People people;
  private final LatestProcess latestProcess;
  /** Process definitions never change once deployed, so their milestones are read once. */
  private final Map<String, Milestones> milestonesByDefinition = new ConcurrentHashMap<>();

  TicketJourney(HistoryService historyService, RepositoryService repositoryService, RuntimeService runtimeService,
      TaskService taskService, People people, LatestProcess latestProcess) {
    this.historyService = historyService;
    this.latestProcess = latestProcess;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.people = people;
  }

  Journey of(Ticket ticket) {
    HistoricProcessInstance root = ticket.processInstanceId() == null ? null
        : historyService.createHistoricProcessInstanceQuery().processInstanceId(ticket.processInstanceId())
            .singleResult();
    if (root == null) {
      return new Journey(ticket.number(), false, List.of());
    }
    List<HistoricActivityInstance> activities = activitiesOf(root);
    List<Slot> slots = new ArrayList<>();
    Map<String, Integer> slotByKey = new HashMap<>();
    layOut(root, activities, slots, slotByKey);
    List<Reached> reached = new ArrayList<>();
    Set<String> running = new LinkedHashSet<>();
    collect(root, activities, "", reached, running);
    // Activities of one instance come in the order they happened; a called instance's come where its call
    // activity began. Sorting by time keeps that order among steps of the same millisecond.
    reached.sort(Comparator.comparing(Reached::at));

    int current = -1;
    Date[] reachedAt = new Date[slots.size()];
    for (Reached step : reached) {
      // A step of a version laid out otherwise (an older fulfilment, a nested call) has no slot here.
      Integer slot = slotByKey.get(step.key());
      // A milestone is reached when the journey enters it, not again at each step inside it.
      if (slot != null && slot != current) {
        reachedAt[slot] = step.at();
        current = slot;
      }
    }
    // A reopened incident's run begins at its reopen: the milestones before the first it reached were
    // passed by the run that ended with the closing.
    int first = 0;
    while (first < slots.size() && reachedAt[first] == null && first < current) {
      first++;
    }
    if (first > 0) {
      reachedBefore(ticket, root, slotByKey, first, reachedAt);
    }
    boolean ended = root.getEndTime() != null;
    List<StepWaiting> waiting = ended ? List.of() : waitingOn(running, ticket.number());
    List<JourneyStep> steps = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      State state = i == current ? State.current
          : i < current ? (reachedAt[i] != null || (i < first && !slots.get(i).milestone().optional())
              ? State.done : State.skipped)
          : ended ? State.skipped : State.ahead;
      Milestones.Milestone milestone = slots.get(i).milestone();
      if (milestone.optional() && (state == State.skipped || state == State.ahead)) {
        continue;
      }
      boolean reachedNow = state == State.done || state == State.current;
      steps.add(new JourneyStep(milestone.code(), milestone.label(), slots.get(i).process(), state,
          reachedNow && reachedAt[i] != null ? reachedAt[i].toInstant() : null,
          state == State.current ? waiting : List.of()));
    }
    return new Journey(ticket.number(), ended, List.copyOf(steps));
  }

  /**
   * Lays out the milestones of the root instance's process, a call activity's refined by the milestones
   * of the process it called (or, not reached yet, will call). Each slot has a key: the milestone's code,
   * prefixed by the call activity for a refined one ({@code Activity_Fulfil/ordering}); the refined
   * milestone's own code stands for its first refinement.
   */
  private void layOut(HistoricProcessInstance root, List<HistoricActivityInstance> activities, List<Slot> slots,
      Map<String, Integer> slotByKey) {
    Milestones model = milestones(root.getProcessDefinitionId());
    Map<String, Milestones> refinedBy = new HashMap<>();
    for (String element : model.reachedBy().keySet()) {
      if (!model.calls(element)) {
        continue;
      }
      // The latest instance the call activity called, if it was reached.
      String called = activities.stream().filter(a -> element.equals(a.getActivityId()))
          .map(HistoricActivityInstance::getCalledProcessInstanceId).filter(id -> id != null)
          .reduce((first, second) -> second).orElse(null);
      HistoricProcessInstance sub = called == null ? null
          : historyService.createHistoricProcessInstanceQuery().processInstanceId(called).singleResult();
      Milestones refinement = sub != null ? milestones(sub.getProcessDefinitionId())
          : root.getEndTime() == null ? toBeCalled(root, element) : Milestones.NONE;
      if (!refinement.isEmpty()) {
        refinedBy.put(element, refinement);
      }
    }
    for (Milestones.Milestone milestone : model.declared()) {
      slotByKey.put(milestone.code(), slots.size());
      String refining = refinedBy.keySet().stream()
          .filter(element -> milestone.code().equals(model.reachedBy().get(element))).sorted().findFirst().orElse(null);
      if (refining == null) {
        slots.add(new Slot(model.processId(), milestone));
        continue;
      }
      Milestones refinement = refinedBy.get(refining);
      for (Milestones.Milestone inner : refinement.declared()) {
        slotByKey.put(refining + "/" + inner.code(), slots.size());
        slots.add(new Slot(refinement.processId(), inner));
      }
    }
  }

  /**
   * The milestones an instance's steps reached, by key, in the order they happened: a called instance's
   * (when its process declares milestones) where its call activity began. Running instances are noted,
   * for their open tasks.
   */
  private void collect(HistoricProcessInstance instance, List<HistoricActivityInstance> activities, String path,
      List<Reached> reached, Set<String> running) {
    Milestones model = milestones(instance.getProcessDefinitionId());
    if (instance.getEndTime() == null) {
      running.add(instance.getId());
    }
    for (HistoricActivityInstance activity : activities) {
      String element = activity.getActivityId().replace(MULTI_INSTANCE, "");
      String code = model.reachedBy().get(element);
      if (code == null) {
        continue;
      }
      HistoricProcessInstance sub = activity.getCalledProcessInstanceId() == null ? null
          : historyService.createHistoricProcessInstanceQuery().processInstanceId(activity.getCalledProcessInstanceId())
              .singleResult();
      if (sub != null && !milestones(sub.getProcessDefinitionId()).isEmpty()) {
        collect(sub, activitiesOf(sub), path + element + "/", reached, running);
      } else {
        reached.add(new Reached(path + code, activity.getStartTime()));
      }
    }
  }

  /**
   * When the ticket's earlier runs of the same process (before a reopen) reached the milestones this run begins
   * after: "Reported" keeps its date. The latest run that reached a milestone gives its date.
   */
  private void reachedBefore(Ticket ticket, HistoricProcessInstance root, Map<String, Integer> slotByKey, int first,
      Date[] reachedAt) {
    List<HistoricProcessInstance> earlier = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(ticket.number()).processDefinitionKey(root.getProcessDefinitionKey()).finished()
        .orderByProcessInstanceStartTime().asc().list();
    for (HistoricProcessInstance run : earlier) {
      if (run.getId().equals(root.getId())) {
        continue;
      }
      List<Reached> steps = new ArrayList<>();
      collect(run, activitiesOf(run), "", steps, new LinkedHashSet<>());
      for (Reached step : steps) {
        Integer slot = slotByKey.get(step.key());
        if (slot != null && slot < first && (reachedAt[slot] == null || step.at().after(reachedAt[slot]))) {
          reachedAt[slot] = step.at();
        }
      }
    }
  }

  private List<HistoricActivityInstance> activitiesOf(HistoricProcessInstance instance) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list();
  }

  /**
   * What a call activity not reached yet will call, when that is known now: its called element, or the
   * process variable it names ({@code ${fulfilmentProcess}}), read from the running instance; in the version its
   * binding names, as the engine will find it (for the caller's tenant, unless the call names one).
   */
  private Milestones toBeCalled(HistoricProcessInstance instance, String element) {
    ProcessDefinition caller = repositoryService.getProcessDefinition(instance.getProcessDefinitionId());
    CallActivity call = repositoryService.getBpmnModelInstance(caller.getId()).getModelElementById(element);
    String calledElement = call == null ? null : call.getCalledElement();
    if (calledElement == null) {
      return Milestones.NONE;
    }
    String key = calledElement;
    Matcher variable = VARIABLE.matcher(calledElement.trim());
    if (variable.matches()) {
      // The instance's own variable (not one of a step's local scope); none once the instance ended meanwhile.
      Object value = runtimeService.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
          .variableName(variable.group(1)).list().stream().filter(v -> instance.getId().equals(v.getExecutionId()))
          .map(VariableInstance::getValue).findFirst().orElse(null);
      if (!(value instanceof String name)) {
        return Milestones.NONE;
      }
      key = name;
    } else if (calledElement.contains("${") || calledElement.contains("#{")) {
      return Milestones.NONE;
    }
    String tenantId = call.getCamundaCalledElementTenantId() != null ? call.getCamundaCalledElementTenantId()
        : caller.getTenantId();
    String binding = call.getCamundaCalledElementBinding() == null ? "latest" : call.getCamundaCalledElementBinding();
    String version = "version".equals(binding) ? call.getCamundaCalledElementVersion()
        : "versionTag".equals(binding) ? call.getCamundaCalledElementVersionTag() : null;
    if (isExpression(tenantId) || isExpression(version)) {
      return Milestones.NONE; // decided by the instance when it gets there
    }
    ProcessDefinition definition = switch (binding) {
      case "deployment" -> repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
          .deploymentId(caller.getDeploymentId()).singleResult();
      case "version" -> version == null || !version.trim().matches("\\d{1,9}") ? null
          : ofTenant(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
              .processDefinitionVersion(Integer.valueOf(version.trim())), tenantId).singleResult();
      case "versionTag" -> version == null ? null : onlyOne(ofTenant(repositoryService.createProcessDefinitionQuery()
          .processDefinitionKey(key).versionTag(version), tenantId).list());
      default -> latestProcess.of(key, tenantId).orElse(null);
    };
    return definition == null ? Milestones.NONE : milestones(definition.getId());
  }

  /** The version a tag names: the engine calls it only while one version has it. */
  private static ProcessDefinition onlyOne(List<ProcessDefinition> tagged) {
    return tagged.size() == 1 ? tagged.get(0) : null;
  }

  private static boolean isExpression(String text) {
    return text != null && (text.contains("${") || text.contains("#{"));
  }

  private static org.camunda.bpm.engine.repository.ProcessDefinitionQuery ofTenant(
      org.camunda.bpm.engine.repository.ProcessDefinitionQuery query, String tenantId) {
    return tenantId == null ? query.withoutTenantId() : query.tenantIdIn(tenantId);
  }

  private Milestones milestones(String definitionId) {
    return milestonesByDefinition.computeIfAbsent(definitionId,
        id -> Milestones.of(repositoryService.getBpmnModelInstance(id)));
  }

  /** The open user tasks of the ticket's running instances, and whom each waits on, by name. */
  private List<StepWaiting> waitingOn(Set<String> instances, String number) {
    if (instances.isEmpty()) {
      return List.of();
    }
    List<Task> tasks = taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).active()
        .orderByTaskCreateTime().asc().list();
    List<StepWaiting> waiting = new ArrayList<>();
    for (Task task : tasks) {
      Set<String> users = new LinkedHashSet<>();
      Set<String> groups = new LinkedHashSet<>();
      if (task.getAssignee() != null) {
        users.add(task.getAssignee());
      } else {
        for (IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
            if (link.getUserId() != null) {
              users.add(link.getUserId());
            }
            if (link.getGroupId() != null) {
              groups.add(link.getGroupId());
            }
          }
        }
      }
      waiting.add(new StepWaiting(TicketTitle.step(task.getName(), number), task.getCreateTime().toInstant(), peopleNamed(users),
          groupsNamed(groups)));
    }
    return List.copyOf(waiting);
  }

  /** By the names people read ("Petra Peters", "Purchasing"); one the directory does not know keeps its id. */
  private List<PersonOrGroup> peopleNamed(Set<String> ids) {
    return ids.stream().map(id -> new PersonOrGroup(id, people.nameOf(id).orElse(id))).toList();
  }

  private List<PersonOrGroup> groupsNamed(Set<String> ids) {
    return ids.stream().map(id -> new PersonOrGroup(id, people.groupNameOf(id).orElse(id))).toList();
  }
}
