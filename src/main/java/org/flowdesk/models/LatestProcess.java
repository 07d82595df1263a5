package org.flowdesk.models;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The latest deployed version of a process, found as the engine finds it: one static query for the latest version's
 * id, then the engine's deployment cache (which parses a definition once). FlowDesk deploys its models for no tenant;
 * a version an administrator deployed for a tenant is that tenant's, started only by naming the tenant (as Camunda's
 * REST API does: {@code /process-definition/key/{key}/start} starts the version of no tenant).
 * The doors that start tickets look the version up first to check its start form, then start that version by
 * id; a {@code createProcessDefinitionQuery()} for it built dynamic SQL with authorization checks and read the
 * definition's documentation on every report. Runs in the caller's transaction, like the start that follows.
 */
@Component
public class LatestProcess {

  private final CommandExecutor commands;

  LatestProcess(ProcessEngine engine) {
    this.commands = ((ProcessEngineImpl) engine).getProcessEngineConfiguration().getCommandExecutorTxRequired();
  }

  /**
   * The latest version of the process with that key deployed for no tenant (FlowDesk's own), or empty when none is.
   * Not {@code startProcessInstanceByKey}'s lookup: that one fails as soon as tenants have versions of the key too.
   */
  public Optional<ProcessDefinition> of(String key) {
    return of(key, null);
  }

  /** The tenants that have a version of the process with that key, in alphabetical order. */
  public List<String> tenantsOf(String key) {
    return commands.execute(context -> context.getProcessEngineConfiguration().getRepositoryService()
        .createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().list().stream()
        .map(ProcessDefinition::getTenantId).filter(Objects::nonNull).distinct().sorted().toList());
  }

  /**
   * The latest version of the process with that key deployed for the tenant (null: deployed for no tenant), or empty
   * when it has none: what a start by key and tenant id starts, and what a call activity of a process of that tenant
   * calls with {@code camunda:calledElementBinding="latest"}.
   */
  public Optional<ProcessDefinition> of(String key, String tenantId) {
    return Optional.ofNullable(commands.execute(context -> {
      try {
        return context.getProcessEngineConfiguration().getDeploymentCache()
            .findDeployedLatestProcessDefinitionByKeyAndTenantId(key, tenantId);
      } catch (NullValueException none) {
        // The engine's answer for a key with no deployed version.
        return null;
      }
    }));
  }
}
