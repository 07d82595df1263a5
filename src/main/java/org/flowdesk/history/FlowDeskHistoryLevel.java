package org.flowdesk.history;

import java.util.Set;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

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
 *
 * <p>Activity instances are kept for the activities (tasks, sub-processes, call activities) and
 * for the events that wait or mean something (timers, messages, errors, escalations, ends other
 * than a plain one), not for the elements a token only passes through: gateways and plain start,
 * end and throw events, which take no time, are no step of a bottleneck and show no more than the
 * activities around them already do ({@link PassingSteps} marks them when a model is deployed; a
 * passing element that marks a journey milestone keeps its record, since the journey reads it).
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

  private static final Set<HistoryEventType> ACTIVITY_INSTANCE = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
      HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END,
      HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);

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
    if (LEFT_OUT.contains(eventType)) {
      return false;
    }
    if (ACTIVITY_INSTANCE.contains(eventType) && entity instanceof ExecutionEntity execution
        && PassingSteps.passedThrough(execution.getActivity())) {
      return false;
    }
    return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }
}
