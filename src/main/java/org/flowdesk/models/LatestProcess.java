package org.flowdesk.models;

import java.util.Optional;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * The latest deployed version of a process, found as {@code startProcessInstanceByKey} finds it: one static
 * query for the latest version's id, then the engine's deployment cache (which parses a definition once).
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

  /** The latest version of the process with that key, or empty when none is deployed. */
  public Optional<ProcessDefinition> of(String key) {
    return Optional.ofNullable(commands.execute(context -> {
      try {
        return context.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(key);
      } catch (NullValueException none) {
        // The engine's answer for a key with no deployed version.
        return null;
      }
    }));
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
        return null;
      }
    }));
  }
}
