package org.flowdesk;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The end event an instance ended at. FlowDesk's history level keeps no activity instance of a
 * plain end event, so camunda-bpm-assert's {@code hasPassed} cannot see one in the Spring tests;
 * the process instance's own history names it.
 */
public final class EndEvents {

  private EndEvents() {
  }

  public static String endEventOf(ProcessEngine engine, ProcessInstance instance) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
        .singleResult().getEndActivityId();
  }
}
