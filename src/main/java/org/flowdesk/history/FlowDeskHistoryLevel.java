package org.flowdesk.history;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * FlowDesk's history level ({@code camunda.bpm.history-level: flowdesk}): Camunda's full history
 * without the history of variables. Kept: process, activity and task instances, identity links
 * (who claimed when: the bottleneck analysis), incidents, the job log, the user operation log
 * (Cockpit's audit), comments, external task logs, batches, and decision instances with their
 * inputs and outputs (what the models decided on, and from what: the measures, the audit and the
 * designer's what-if). Left out: {@code ACT_HI_VARINST} and {@code ACT_HI_DETAIL}, a row per
 * variable and another per update, which nothing reads: the decision history holds the inputs
 * and outputs, and the ticket with its timeline in FlowDesk's tables holds what people wrote
 * and did. Running instances' variables stay visible in Cockpit as before.
 */
public final class FlowDeskHistoryLevel implements HistoryLevel {

  public static final FlowDeskHistoryLevel INSTANCE = new FlowDeskHistoryLevel();
  /** Stored in ACT_GE_PROPERTY; Camunda's own levels are 0-3. */
  public static final int ID = 26;
  public static final String NAME = "flowdesk";

  private static final Set<HistoryEventType> LEFT_OUT = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE,
      HistoryEventTypes.VARIABLE_INSTANCE_DELETE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
      HistoryEventTypes.FORM_PROPERTY_UPDATE);

  private FlowDeskHistoryLevel() {
  }

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    return !LEFT_OUT.contains(eventType) && HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }
}
