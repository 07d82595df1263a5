package org.flowdesk.models;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * Fires the timers of one process instance, one at a time and in due order, as the job executor
 * would: the engine clock moves to the timer's due date, then that one job runs. Never every due
 * job of the engine, so instances left by other tests cannot run or fail here.
 */
public final class InstanceTimers {

  private final ProcessEngine engine;

  public InstanceTimers(ProcessEngine engine) {
    this.engine = engine;
  }

  /** The instance's timers, earliest first. */
  public List<Job> of(ProcessInstance instance) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
        .orderByJobDuedate().asc().list();
  }

  /** The activity ids of the instance's timers, earliest first. */
  public List<String> activities(ProcessInstance instance) {
    return of(instance).stream().map(this::activityId).toList();
  }

  /** Fires the instance's earliest timer and returns the id of its timer event. */
  public String fireNext(ProcessInstance instance) {
    List<Job> timers = of(instance);
    if (timers.isEmpty()) {
      throw new AssertionError("process instance " + instance.getId() + " has no timer");
    }
    return fire(timers.get(0));
  }

  /**
   * Fires the instance's timers in due order up to and including the one of the given timer
   * event, and returns the ids of the timer events fired.
   */
  public List<String> fireUntil(ProcessInstance instance, String timerEventId) {
    List<String> fired = new java.util.ArrayList<>();
    while (!fired.contains(timerEventId)) {
      fired.add(fireNext(instance));
    }
    return fired;
  }

  private String fire(Job timer) {
    if (timer.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(timer.getDuedate());
    }
    String activity = activityId(timer);
    engine.getManagementService().executeJob(timer.getId());
    return activity;
  }

  private String activityId(Job timer) {
    return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(timer.getJobDefinitionId())
        .singleResult().getActivityId();
  }
}
