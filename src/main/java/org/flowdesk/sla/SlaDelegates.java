package org.flowdesk.sla;

import java.time.Clock;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketOfInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * SLA steps of the models. Which clock a step acts on is its input parameter {@code clock};
 * the warning and breach steps set {@code slaEventRecorded}, false when the clock was paused,
 * stopped or had already fired, so the model notifies only about what really happened.
 */
@Configuration(proxyBeanMethods = false)
class SlaDelegates {

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

  @Bean
  JavaDelegate pauseSlaClock(SlaClocks clocks, Clock time) {
    return execution -> clocks.pause(ticket(execution), clock(execution), time.instant());
  }

  @Bean
  JavaDelegate resumeSlaClock(SlaClocks clocks, Clock time) {
    return execution -> clocks.resume(ticket(execution), clock(execution), time.instant());
  }

  @Bean
  JavaDelegate recordSlaWarning(SlaClocks clocks, TicketService tickets, Clock time) {
    return execution -> {
      boolean recorded = clocks.recordWarning(ticket(execution), clock(execution), time.instant());
      if (recorded) {
        tickets.recordSlaEvent(ticket(execution), "sla_warning", capitalized(clock(execution))
            + " SLA warning: due " + clocks.find(ticket(execution), clock(execution)).orElseThrow().dueAt(),
            time.instant());
      }
      execution.setVariable("slaEventRecorded", recorded);
    };
  }

  @Bean
  JavaDelegate recordSlaBreach(SlaClocks clocks, TicketService tickets, Clock time) {
    return execution -> {
      boolean recorded = clocks.recordBreach(ticket(execution), clock(execution), time.instant());
      if (recorded) {
        tickets.recordSlaEvent(ticket(execution), "sla_breach", capitalized(clock(execution)) + " SLA breached",
            time.instant());
      }
      execution.setVariable("slaEventRecorded", recorded);
    };
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
