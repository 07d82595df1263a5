package org.flowdesk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The engine's clock in process tests: set to a time in Berlin (the service desk's zone),
 * moved on, and the timers due by then run as the job executor would run them.
 */
public final class EngineTime {

  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private EngineTime() {
  }

  public static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  public static void clockAt(String localDateTime) {
    ClockUtil.setCurrentTime(Date.from(berlin(localDateTime)));
  }

  /**
   * Sets the clock to a time in Berlin and lets it run on from there, for tests through the API
   * whose records need time to pass between steps.
   */
  public static void runningFrom(String localDateTime) {
    ClockUtil.offset(berlin(localDateTime).toEpochMilli() - System.currentTimeMillis());
  }

  /** Back to the suite's clock (see {@link SuiteClock}). */
  public static void reset() {
    SuiteClock.reset();
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public static void advance(Duration duration) {
    ClockUtil.setCurrentTime(Date.from(now().plus(duration)));
  }

  /**
   * Runs the due timers of the given process instances one at a time, earliest first, including
   * those created by the ones that ran; other instances' timers are left alone.
   */
  public static void fireDueTimers(ManagementService managementService, ProcessInstance... instances) {
    List<String> ids = Arrays.stream(instances).map(ProcessInstance::getId).toList();
    fireDueTimers(managementService, () -> ids);
  }

  /**
   * Runs the timers due now of the tickets' process instances and of the instances they called (a request's
   * fulfilment), earliest due first as the job executor does, including those created by the ones that ran;
   * other tickets' timers are left alone.
   */
  public static void fireDueTimers(ManagementService managementService, RuntimeService runtimeService,
      String... tickets) {
    fireDueTimers(managementService, () -> instancesOf(runtimeService, tickets));
  }

  /** One due timer at a time, earliest first, of the instances asked for afresh before each. */
  private static void fireDueTimers(ManagementService managementService, Supplier<List<String>> instances) {
    for (int round = 0; round < 50; round++) {
      Date dueBy = Date.from(now().plusMillis(1));
      Optional<Job> next = instances.get().stream()
          .flatMap(instance -> managementService.createJobQuery().processInstanceId(instance).timers()
              .duedateLowerThan(dueBy).orderByJobDuedate().asc().list().stream())
          .min(Comparator.comparing(Job::getDuedate));
      if (next.isEmpty()) {
        return;
      }
      managementService.executeJob(next.get().getId());
    }
  }

  /** The running process instances of the tickets, and those they called, and so on down. */
  private static List<String> instancesOf(RuntimeService runtimeService, String... tickets) {
    Deque<String> todo = new ArrayDeque<>();
    for (String ticket : tickets) {
      runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket).list()
          .forEach(instance -> todo.add(instance.getId()));
    }
    Set<String> found = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      String instance = todo.poll();
      if (found.add(instance)) {
        runtimeService.createProcessInstanceQuery().superProcessInstanceId(instance).list()
            .forEach(called -> todo.add(called.getId()));
      }
    }
    return List.copyOf(found);
  }
}
