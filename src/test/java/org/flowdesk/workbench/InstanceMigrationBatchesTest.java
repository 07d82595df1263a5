package org.flowdesk.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanExecutionBuilder;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinitionQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;
import org.flowdesk.identity.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * How InstanceMigration narrows a refused batch down, with Camunda stood in for by a migration that fails on
 * given instances: a refusal Camunda names (its validation report) and an error that names no instance (one
 * ended meanwhile) each end up on exactly their own instance, the others move, and a few refusals among
 * many cost a few more transactions, not one per instance. A commit the database refuses stops the move, and
 * the audit log keeps what moved before it.
 */
class InstanceMigrationBatchesTest {

  final RuntimeService runtime = mock(RuntimeService.class, RETURNS_DEEP_STUBS);
  final ModelVersions versions = mock(ModelVersions.class);
  final PlatformTransactionManager transactions = mock(PlatformTransactionManager.class);
  final List<List<String>> tried = new ArrayList<>();
  final List<ProcessInstance> instances = new ArrayList<>();
  final List<SimpleTransactionStatus> statuses = new ArrayList<>();
  final RepositoryService repository = mock(RepositoryService.class);
  final AuditLog audit = mock(AuditLog.class);

  Set<String> refusedByCamunda = Set.of();
  Set<String> gone = Set.of();

  @BeforeEach
  void camunda() {
    ProcessDefinition one = definition("one", 1);
    ProcessDefinition two = definition("two", 2);
    when(versions.process("p", 1)).thenReturn(one);
    when(versions.process("p", 2)).thenReturn(two);
    when(transactions.getTransaction(any())).thenAnswer(invocation -> {
      SimpleTransactionStatus status = new SimpleTransactionStatus();
      statuses.add(status);
      return status;
    });
    ProcessDefinitionQuery definitions = mock(ProcessDefinitionQuery.class, RETURNS_SELF);
    when(repository.createProcessDefinitionQuery()).thenReturn(definitions);
    when(definitions.list()).thenReturn(List.of(two, one));
    MigrationPlan plan = mock(MigrationPlan.class);
    when(runtime.createMigrationPlan("one", "two").mapEqualActivities().updateEventTriggers().build()).thenReturn(plan);
    ProcessInstanceQuery running = mock(ProcessInstanceQuery.class, RETURNS_SELF);
    when(runtime.createProcessInstanceQuery()).thenReturn(running);
    when(running.list()).thenReturn(instances);
    when(runtime.getActiveActivityIds(anyString())).thenAnswer(invocation -> {
      if (gone.contains(invocation.<String>getArgument(0))) {
        throw new BadUserRequestException("execution " + invocation.getArgument(0) + " does not exist");
      }
      return List.of("Activity_Wait");
    });
    MigrationPlanExecutionBuilder builder = mock(MigrationPlanExecutionBuilder.class);
    when(runtime.newMigration(plan)).thenReturn(builder);
    List<String> batch = new ArrayList<>();
    when(builder.processInstanceIds(anyList())).thenAnswer(invocation -> {
      batch.clear();
      batch.addAll(invocation.getArgument(0));
      return builder;
    });
    doAnswer(invocation -> {
      tried.add(List.copyOf(batch));
      for (String id : batch) {
        if (refusedByCamunda.contains(id)) {
          MigratingProcessInstanceValidationReport report = mock(MigratingProcessInstanceValidationReport.class);
          when(report.getProcessInstanceId()).thenReturn(id);
          when(report.getFailures()).thenReturn(List.of("waits on a step version 2 lacks"));
          throw new MigratingProcessInstanceValidationException("refused", report);
        }
        if (gone.contains(id)) {
          throw new BadUserRequestException("Process instance '" + id + "' cannot be found");
        }
      }
      return null;
    }).when(builder).execute();
  }

  static ProcessDefinition definition(String id, int version) {
    ProcessDefinition definition = mock(ProcessDefinition.class);
    when(definition.getId()).thenReturn(id);
    when(definition.getVersion()).thenReturn(version);
    return definition;
  }

  InstanceMigration migration() {
    return new InstanceMigration(runtime, repository, versions, audit, transactions);
  }

  void running(int count) {
    IntStream.range(0, count).forEach(i -> {
      ProcessInstance instance = mock(ProcessInstance.class);
      when(instance.getId()).thenReturn(String.format("pi-%04d", i));
      when(instance.getBusinessKey()).thenReturn(String.format("INC-%04d", i));
      instances.add(instance);
    });
  }

  @Test
  void everyInstanceMovesInBatchesOfAHundred() {
    running(250);

    InstanceMigration.Result result = migration().migrate("p", 1, 2, "dora");

    assertThat(result.moved()).isEqualTo(250);
    assertThat(result.notMoved()).isEmpty();
    assertThat(tried).extracting(List::size).containsExactly(100, 100, 50);
  }

  @Test
  void aRefusedInstanceAndOneThatEndedMeanwhileAreNamedAndTheOthersMove() {
    running(250);
    refusedByCamunda = Set.of("pi-0007", "pi-0150");
    gone = Set.of("pi-0042");

    InstanceMigration.Result result = migration().migrate("p", 1, 2, "dora");

    assertThat(result.moved()).isEqualTo(247);
    assertThat(result.notMoved()).extracting(InstanceMigration.Unmovable::processInstanceId)
        .containsExactly("pi-0007", "pi-0042", "pi-0150");
    InstanceMigration.Unmovable refused = result.notMoved().get(0);
    assertThat(refused.ticket()).isEqualTo("INC-0007");
    assertThat(refused.reasons()).containsExactly("waits on a step version 2 lacks");
    InstanceMigration.Unmovable ended = result.notMoved().get(1);
    assertThat(ended.activities()).as("it waits on nothing any more").isEmpty();
    assertThat(ended.reasons()).singleElement().asString().contains("pi-0042", "cannot be found");
    // Each instance that moved was in exactly one batch that went through.
    List<String> moved = tried.stream().filter(batch -> batch.stream().noneMatch(
        id -> Set.of("pi-0007", "pi-0042", "pi-0150").contains(id))).flatMap(List::stream).toList();
    assertThat(moved).hasSize(247).doesNotHaveDuplicates();
    assertThat(tried).as("a few more transactions, not one per instance").hasSizeLessThan(30);
    assertThat(statuses).hasSameSizeAs(tried);
    assertThat(statuses).filteredOn(status -> !status.isRollbackOnly()).as("committed").hasSizeLessThan(tried.size())
        .isNotEmpty();
    // A batch that failed was rolled back whole: none of its instances counts as moved.
    for (int i = 0; i < tried.size(); i++) {
      boolean failed = tried.get(i).stream().anyMatch(id -> Set.of("pi-0007", "pi-0042", "pi-0150").contains(id));
      assertThat(statuses.get(i).isRollbackOnly()).as("batch %s", i).isEqualTo(failed);
    }
  }

  @Test
  void aCommitThatFailsAtTheDatabaseStopsTheMoveAndTheAuditLogKeepsWhatMovedBefore() {
    running(250);
    // The second batch's commit fails (the database went away, say): the first stays moved.
    doNothing().doThrow(new DataAccessResourceFailureException("connection lost"))
        .when(transactions).commit(any());

    assertThatThrownBy(() -> migration().migrate("p", 1, 2, "dora"))
        .isInstanceOf(DataAccessResourceFailureException.class);

    verify(audit).record("dora", "models.migrate", "p",
        "version 1 → 2: 100 moved, then stopped: connection lost");
    assertThat(tried).extracting(List::size).containsExactly(100, 100);
  }

  @Test
  void thePlanTriesTheSameWayAndRollsEveryTransactionBack() {
    running(120);
    refusedByCamunda = Set.of("pi-0100", "pi-0003");

    List<InstanceMigration.Plan> plans = migration().plans("p", 2);

    assertThat(plans).singleElement().satisfies(plan -> {
      assertThat(plan.fromVersion()).isEqualTo(1);
      assertThat(plan.instances()).isEqualTo(120);
      assertThat(plan.movable()).isEqualTo(118);
      assertThat(plan.unmovable()).extracting(InstanceMigration.Unmovable::ticket).containsExactly("INC-0003", "INC-0100");
      assertThat(plan.unmovable().get(0).reasons()).containsExactly("waits on a step version 2 lacks");
    });
    assertThat(statuses).isNotEmpty().allSatisfy(status -> assertThat(status.isRollbackOnly()).isTrue());
  }
}
