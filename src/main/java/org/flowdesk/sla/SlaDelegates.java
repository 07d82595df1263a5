package org.flowdesk.sla;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.notification.Notifications;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SLA steps of the models. Which clock a step acts on is its input parameter {@code clock}.
 * A warning or breach is recorded only when the clock was running and had not fired it yet
 * ({@link SlaClocks}' conditional updates), and the escalation steps notify only then, so
 * re-entering a scope never repeats a warning or a breach and the model needs no "new?" check.
 */
@Configuration(proxyBeanMethods = false)
class SlaDelegates {

  /** The escalation decision's result, for the breach step after it. */
  static final String ESCALATIONS = "escalations";

  /**
   * Starts the clocks whose targets are given: {@code responseTarget} and {@code resolutionTarget}
   * (ISO-8601 in {@code slaCalendarType}), warning at {@code slaWarningPercent}.
   */
  @Bean
  JavaDelegate startSlaClocks(SlaClocks clocks, Clock time) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      String calendar = (String) execution.getVariable("slaCalendarType");
      int warningPercent = ((Number) execution.getVariable("slaWarningPercent")).intValue();
      for (String clock : new String[] {SlaClock.RESPONSE, SlaClock.RESOLUTION}) {
        Object target = execution.getVariable(clock + "Target");
        if (target != null) {
          clocks.start(ticket, clock, target.toString(), calendar, warningPercent, time.instant());
        }
      }
    };
  }

  /**
   * The ticket's priority changed and the model decided its targets again ({@code responseTarget},
   * {@code resolutionTarget}, {@code slaCalendarType}, {@code slaWarningPercent}, as for
   * {@link #startSlaClocks}): each clock not stopped counts towards its new target with the time it used
   * ({@link SlaClocks#retarget}), and what the model dates from the clocks moves with them in this
   * transaction ({@link SlaDueDates}).
   */
  @Bean
  JavaDelegate retargetSlaClocks(SlaClocks clocks, Clock time) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      String calendar = (String) execution.getVariable("slaCalendarType");
      int warningPercent = ((Number) execution.getVariable("slaWarningPercent")).intValue();
      for (String clock : new String[] {SlaClock.RESPONSE, SlaClock.RESOLUTION}) {
        Object target = execution.getVariable(clock + "Target");
        if (target != null) {
          clocks.retarget(ticket, clock, target.toString(), calendar, warningPercent, time.instant());
        }
      }
      SlaDueDates.moveWithTheClocks(execution);
    };
  }

  @Bean
  JavaDelegate pauseSlaClock(SlaClocks clocks, Clock time) {
    return execution -> clocks.pause(ticket(execution), clock(execution), time.instant());
  }

  @Bean
  JavaDelegate resumeSlaClock(SlaClocks clocks, Clock time) {
    return execution -> clocks.resume(ticket(execution), clock(execution), time.instant());
  }

  /**
   * One escalation step per warning timer: records the warning on the clock and, only when it is
   * new (the clock was running and had not warned or breached yet), notifies whom the step's input
   * parameters say ({@code recipientUser} or {@code recipientGroup}, {@code kind}, {@code text}).
   */
  @Bean
  JavaDelegate escalateSlaWarning(SlaClocks clocks, ApplicationEventPublisher events, Notifications notifications, Clock time) {
    return execution -> {
      if (recordWarning(execution, clocks, events, time)) {
        notifyRecipients(execution, notifications, time);
      }
    };
  }

  /** One escalation step per breach timer: records the breach and, only when it is new, notifies. */
  @Bean
  JavaDelegate escalateSlaBreach(SlaClocks clocks, ApplicationEventPublisher events, Notifications notifications, Clock time) {
    return execution -> {
      if (recordBreach(execution, clocks, events, time)) {
        notifyRecipients(execution, notifications, time);
      }
    };
  }

  /**
   * The breach step of models that decide their escalation (decisions/sla-escalation.dmn, evaluated by the
   * business rule task before it into {@code escalations}): records the breach and, only when it is new,
   * publishes the decided actions ({@link SlaEscalation}) for the ticket to carry out, with the step's input
   * parameters {@code kind}, {@code text}, {@code reprioritiseMessage} and {@code reassignMessage} (optional). The decision's result is
   * removed again: it is this step's input, not the process's data.
   */
  @Bean
  JavaDelegate escalateSlaBreachAsDecided(SlaClocks clocks, ApplicationEventPublisher events, Clock time) {
    return execution -> {
      List<SlaEscalation.Action> actions = actions(execution);
      if (recordBreach(execution, clocks, events, time)) {
        events.publishEvent(new SlaEscalation(ticket(execution), clock(execution), actions,
            required(execution, "kind"), required(execution, "text"), local(execution, "reprioritiseMessage"),
            local(execution, "reassignMessage"), time.instant()));
      }
      execution.removeVariable(ESCALATIONS);
    };
  }

  private static List<SlaEscalation.Action> actions(DelegateExecution execution) {
    Object result = execution.getVariable(ESCALATIONS);
    if (!(result instanceof List<?> rows)) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": the breach step needs the escalation "
          + "decision's result list in the variable " + ESCALATIONS);
    }
    List<SlaEscalation.Action> actions = new ArrayList<>();
    for (Object row : rows) {
      Map<?, ?> entries = (Map<?, ?>) row;
      Object urgency = entries.get("raiseUrgencyTo");
      actions.add(new SlaEscalation.Action(blankToNull(entries.get("notifyGroup")),
          blankToNull(entries.get("reassignGroup")), urgency instanceof Number n ? n.intValue() : null));
    }
    return actions;
  }

  private static String local(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    return value == null ? null : value.toString();
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString().strip();
  }

  /**
   * The record-only steps of model versions before the escalation step: instances started on them
   * still call these and decide on {@code slaEventRecorded} themselves.
   */
  @Bean
  JavaDelegate recordSlaWarning(SlaClocks clocks, ApplicationEventPublisher events, Clock time) {
    return execution -> execution.setVariable("slaEventRecorded", recordWarning(execution, clocks, events, time));
  }

  @Bean
  JavaDelegate recordSlaBreach(SlaClocks clocks, ApplicationEventPublisher events, Clock time) {
    return execution -> execution.setVariable("slaEventRecorded", recordBreach(execution, clocks, events, time));
  }

  private static boolean recordWarning(DelegateExecution execution, SlaClocks clocks, ApplicationEventPublisher events, Clock time) {
    String ticket = ticket(execution);
    String clock = clock(execution);
    boolean recorded = clocks.recordWarning(ticket, clock, time.instant());
    if (recorded) {
      events.publishEvent(new SlaEvent(ticket, SlaEvent.WARNING, capitalized(clock) + " SLA warning: due "
          + clocks.dueText(ticket, clock), time.instant()));
    }
    return recorded;
  }

  private static boolean recordBreach(DelegateExecution execution, SlaClocks clocks, ApplicationEventPublisher events, Clock time) {
    String ticket = ticket(execution);
    String clock = clock(execution);
    boolean recorded = clocks.recordBreach(ticket, clock, time.instant());
    if (recorded) {
      events.publishEvent(new SlaEvent(ticket, SlaEvent.BREACH, capitalized(clock) + " SLA breached", time.instant()));
    }
    return recorded;
  }

  private static void notifyRecipients(DelegateExecution execution, Notifications notifications, Clock time) {
    String ticket = ticket(execution);
    String kind = required(execution, "kind");
    String text = required(execution, "text");
    Object user = execution.getVariableLocal("recipientUser");
    Object group = execution.getVariableLocal("recipientGroup");
    if (user == null && group == null) {
      throw new IllegalStateException(execution.getCurrentActivityId()
          + ": the escalation step needs an input parameter recipientUser or recipientGroup");
    }
    if (user != null) {
      notifications.toUser(user.toString(), ticket, kind, text, time.instant());
    }
    if (group != null) {
      notifications.toGroup(group.toString(), ticket, kind, text, time.instant());
    }
  }

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": the escalation step needs an input parameter "
          + name);
    }
    return value.toString();
  }

  private static String ticket(DelegateExecution execution) {
    return TicketOfInstance.of(execution);
  }

  private static String clock(DelegateExecution execution) {
    Object clock = execution.getVariableLocal("clock");
    if (clock == null) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": the SLA step needs an input parameter clock");
    }
    return clock.toString();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
