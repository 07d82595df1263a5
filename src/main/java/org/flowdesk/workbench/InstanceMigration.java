package org.flowdesk.workbench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moving the running instances of older versions of a process to a newer one, as Camunda's process instance
 * migration does it: the plan maps the activities that have the same id in both versions
 * ({@code mapEqualActivities}, with their event triggers updated), and each instance is checked against it by
 * Camunda's own validation, so an instance waiting on a step the new version no longer has is named with the
 * reason and left where it is.
 */
@Service
public class InstanceMigration {

  private static final Logger LOG = LoggerFactory.getLogger(InstanceMigration.class);
  /** Instances moved (or tried) in one transaction. */
  static final int BATCH = 100;
  private static final java.util.Comparator<Unmovable> BY_INSTANCE = java.util.Comparator.comparing(
      Unmovable::processInstanceId);

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final ModelVersions versions;
  private final AuditLog audit;
  private final TransactionTemplate transactions;

  InstanceMigration(RuntimeService runtimeService, RepositoryService repositoryService, ModelVersions versions,
      AuditLog audit, PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.versions = versions;
    this.audit = audit;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** An instruction of the plan: the activities of the older version and those of the newer they move to. */
  public record Instruction(List<String> from, List<String> to, boolean updateEventTrigger) {
  }

  /** A running instance that cannot move, with the activities it waits on that stop it and Camunda's reasons. */
  public record Unmovable(String ticket, String processInstanceId, List<String> activities, List<String> reasons) {
  }

  /**
   * The migration Camunda would do from one older version: its instructions, how many of its instances would
   * move, those that would not, and the plan's own problems (then nothing moves).
   */
  public record Plan(int fromVersion, int toVersion, int instances, List<Instruction> instructions, int movable,
      List<Unmovable> unmovable, List<String> problems) {
  }

  /** What a migration did. */
  public record Result(int fromVersion, int toVersion, int moved, List<Unmovable> notMoved) {
  }

  /** One plan per version older than {@code to} (null: the latest) that has running instances, the newest first. */
  public List<Plan> plans(String key, Integer to) {
    ProcessDefinition target = to == null ? versions.latestProcess(key) : versions.process(key, to);
    List<Plan> plans = new ArrayList<>();
    for (ProcessDefinition source : repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .orderByProcessDefinitionVersion().desc().list()) {
      if (source.getVersion() >= target.getVersion()) {
        continue;
      }
      List<ProcessInstance> instances = running(source);
      if (!instances.isEmpty()) {
        plans.add(plan(source, target, instances));
      }
    }
    return plans;
  }

  private Plan plan(ProcessDefinition source, ProcessDefinition target, List<ProcessInstance> instances) {
    MigrationPlan plan;
    try {
      plan = build(source, target);
    } catch (MigrationPlanValidationException e) {
      List<String> problems = problems(e);
      List<Unmovable> all = instances.stream().map(instance -> new Unmovable(instance.getBusinessKey(),
          instance.getId(), activeSteps(instance),
          List.of("the migration plan is not valid: see its problems"))).toList();
      return new Plan(source.getVersion(), target.getVersion(), instances.size(), List.of(), 0, all, problems);
    }
    List<Unmovable> unmovable = new ArrayList<>();
    for (List<ProcessInstance> batch : batches(instances)) {
      move(plan, batch, false, unmovable);
    }
    unmovable.sort(BY_INSTANCE);
    return new Plan(source.getVersion(), target.getVersion(), instances.size(), instructions(plan),
        instances.size() - unmovable.size(), unmovable, List.of());
  }

  /**
   * Moves the instances of version {@code from} to version {@code to} that can move, 100 to a transaction (see
   * {@link #move}): one that Camunda refuses stays on its version, is named with the reasons, and does not hold
   * back the others. Audited.
   *
   * @throws FormValidationException when the versions are the same, or the plan between them is not valid
   */
  public Result migrate(String key, int from, int to, String who) {
    if (from == to) {
      throw new FormValidationException(List.of(new FieldError("toVersion", "must differ from fromVersion")));
    }
    ProcessDefinition source = versions.process(key, from);
    ProcessDefinition target = versions.process(key, to);
    MigrationPlan plan;
    try {
      plan = build(source, target);
    } catch (MigrationPlanValidationException e) {
      throw new FormValidationException(List.of(new FieldError("toVersion", "no valid migration plan from version "
          + from + ": " + String.join("; ", problems(e)))));
    }
    int moved = 0;
    List<Unmovable> notMoved = new ArrayList<>();
    try {
      for (List<ProcessInstance> batch : batches(running(source))) {
        moved += move(plan, batch, true, notMoved);
      }
    } catch (RuntimeException stopped) {
      // The batches before stay moved: the audit log says so, then the error goes on to the caller.
      LOG.error("{} migration by {} from version {} to {} stopped after {} moved", key, who, from, to, moved, stopped);
      audit.record(who, "models.migrate", key, "version " + from + " → " + to + ": " + moved + " moved, then stopped: "
          + stopped.getMessage());
      throw stopped;
    }
    notMoved.sort(BY_INSTANCE);
    audit.record(who, "models.migrate", key, "version " + from + " → " + to + ": " + moved + " moved"
        + (notMoved.isEmpty() ? "" : ", not moved: " + notMoved.stream()
            .map(u -> u.ticket() == null ? u.processInstanceId() : u.ticket()).toList()));
    LOG.info("{} migrated by {} from version {} to {}: {} moved, {} not moved", key, who, from, to, moved,
        notMoved.size());
    return new Result(from, to, moved, notMoved);
  }

  private MigrationPlan build(ProcessDefinition source, ProcessDefinition target) {
    return runtimeService.createMigrationPlan(source.getId(), target.getId()).mapEqualActivities()
        .updateEventTriggers().build();
  }

  /**
   * Moves a batch of instances in one transaction, committed ({@code commit}) or always rolled back (a trial: Camunda's
   * own validation, nothing moves), and returns how many moved. Camunda moves a batch all or nothing and stops at the
   * first instance it refuses: that one is added to {@code refused} with Camunda's reasons, and the rest of the batch
   * is tried again in halves, so a few refusals among thousands cost a few more transactions, not one per instance.
   * An error that names no instance is narrowed down the same way, to the instance it comes from.
   */
  private int move(MigrationPlan plan, List<ProcessInstance> batch, boolean commit, List<Unmovable> refused) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<String> ids = batch.stream().map(ProcessInstance::getId).toList();
    RuntimeException failure = transactions.execute(status -> {
      if (!commit) {
        status.setRollbackOnly();
      }
      try {
        runtimeService.newMigration(plan).processInstanceIds(ids).execute();
        return null;
      } catch (ProcessEngineException e) {
        status.setRollbackOnly();
        return e;
      }
    });
    if (failure == null) {
      return batch.size();
    }
    List<ProcessInstance> rest = new ArrayList<>(batch);
    if (failure instanceof MigratingProcessInstanceValidationException refusal) {
      String id = refusal.getValidationReport().getProcessInstanceId();
      for (ProcessInstance instance : batch) {
        if (instance.getId().equals(id)) {
          refused.add(unmovable(instance, refusal.getValidationReport()));
          rest.remove(instance);
          break;
        }
      }
    }
    if (rest.size() == batch.size() && batch.size() == 1) {
      ProcessInstance instance = batch.get(0);
      refused.add(new Unmovable(instance.getBusinessKey(), instance.getId(), activeSteps(instance),
          List.of(failure.getMessage())));
      return 0;
    }
    int half = (rest.size() + 1) / 2;
    return move(plan, rest.subList(0, half), commit, refused)
        + move(plan, rest.subList(half, rest.size()), commit, refused);
  }

  /** The steps an instance waits on; none when it has ended meanwhile. */
  private List<String> activeSteps(ProcessInstance instance) {
    try {
      return runtimeService.getActiveActivityIds(instance.getId());
    } catch (ProcessEngineException ended) {
      return List.of();
    }
  }

  private static List<List<ProcessInstance>> batches(List<ProcessInstance> instances) {
    List<List<ProcessInstance>> batches = new ArrayList<>();
    for (int from = 0; from < instances.size(); from += BATCH) {
      batches.add(instances.subList(from, Math.min(instances.size(), from + BATCH)));
    }
    return batches;
  }

  private Unmovable unmovable(ProcessInstance instance, MigratingProcessInstanceValidationReport report) {
    Set<String> activities = new LinkedHashSet<>();
    List<String> reasons = new ArrayList<>(report.getFailures());
    for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
      activities.add(activity.getSourceScopeId());
      activity.getFailures().forEach(failure -> reasons.add(activity.getSourceScopeId() + ": " + failure));
    }
    for (MigratingTransitionInstanceValidationReport transition : report.getTransitionInstanceReports()) {
      activities.add(transition.getSourceScopeId());
      transition.getFailures().forEach(failure -> reasons.add(transition.getSourceScopeId() + ": " + failure));
    }
    return new Unmovable(instance.getBusinessKey(), instance.getId(), List.copyOf(activities), reasons);
  }

  private static List<String> problems(MigrationPlanValidationException e) {
    List<String> problems = new ArrayList<>();
    for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
      var instruction = report.getMigrationInstruction();
      report.getFailures().forEach(failure -> problems.add(instruction.getSourceActivityId() + " → "
          + instruction.getTargetActivityId() + ": " + failure));
    }
    e.getValidationReport().getVariableReports().forEach((name, report) ->
        report.getFailures().forEach(failure -> problems.add("variable " + name + ": " + failure)));
    if (problems.isEmpty()) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  private static List<Instruction> instructions(MigrationPlan plan) {
    return plan.getInstructions().stream().map(instruction -> new Instruction(
        List.of(instruction.getSourceActivityId()), List.of(instruction.getTargetActivityId()),
        instruction.isUpdateEventTrigger())).toList();
  }

  private List<ProcessInstance> running(ProcessDefinition definition) {
    return runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId())
        .orderByProcessInstanceId().asc().list();
  }
}
