package org.flowdesk.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OLA steps of the models: a group takes the ticket ({@code holdOlaClock}, after the business rule task
 * that asked decisions/ola-targets.dmn for {@code olaTarget}, {@code olaCalendarType} and
 * {@code olaWarningPercent} for {@code assignmentGroup}), waits for the requester ({@code pauseOlaClock}), lets it go
 * ({@code releaseOlaClock}); the held clock's timers warn the group's lead and record the breach. The group
 * is the process's {@code assignmentGroup}, which only the models and FlowDesk set. Warnings and breaches are
 * recorded by {@link OlaClocks}' conditional updates, and the lead is told only of one that is new.
 */
@Configuration(proxyBeanMethods = false)
class OlaDelegates {

  private static final Logger LOG = LoggerFactory.getLogger(OlaDelegates.class);

  /** Timeline entries (internal) and notification kinds, with mail templates mail/ola_warning and ola_breach. */
  static final String WARNING = "ola_warning";
  static final String BREACH = "ola_breach";

  @Bean
  JavaDelegate holdOlaClock(OlaClocks clocks, Clock time) {
    return execution -> clocks.hold(TicketOfInstance.of(execution), group(execution),
        required(execution, "olaTarget"), required(execution, "olaCalendarType"),
        ((Number) execution.getVariable("olaWarningPercent")).intValue(), time.instant());
  }

  @Bean
  JavaDelegate pauseOlaClock(OlaClocks clocks, Clock time) {
    return execution -> clocks.pause(TicketOfInstance.of(execution), time.instant());
  }

  @Bean
  JavaDelegate releaseOlaClock(OlaClocks clocks, Clock time) {
    return execution -> clocks.release(TicketOfInstance.of(execution), time.instant());
  }

  /**
   * The warning timer of the group holding the ticket: records the warning and, when it is new, tells the
   * group's lead. The clock held says which group: the one whose time is running out.
   */
  @Bean
  JavaDelegate escalateOlaWarning(OlaClocks clocks, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, Clock time) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      Instant now = time.instant();
      clocks.recordWarning(ticket, now).ifPresent(clock -> {
        String group = clock.group();
        String text = ticket + " has been with " + group + " for most of its OLA (" + clock.target() + ", "
            + clock.calendar() + "); it is due " + clock.dueAt();
        events.publishEvent(new SlaEvent(ticket, WARNING, "OLA warning for " + group + ": due " + clock.dueAt(), now));
        tellLead(catalog, notifications, group, ticket, WARNING, text, now);
      });
    };
  }

  /** The group's breach timer: records the breach and, when it is new, tells the group's lead. */
  @Bean
  JavaDelegate escalateOlaBreach(OlaClocks clocks, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, Clock time) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      Instant now = time.instant();
      clocks.recordBreach(ticket, now).ifPresent(clock -> {
        String group = clock.group();
        events.publishEvent(new SlaEvent(ticket, BREACH, "OLA breached by " + group, now));
        tellLead(catalog, notifications, group, ticket, BREACH, ticket + " has been with " + group
            + " longer than its OLA (" + clock.target() + ", " + clock.calendar() + ")", now);
      });
    };
  }

  private static void tellLead(Catalog catalog, Notifications notifications, String group, String ticket,
      String kind, String text, Instant at) {
    Optional<String> lead = catalog.portfolio().leadOf(group);
    if (lead.isEmpty()) {
      LOG.info("{}: {} for {}, which has no lead in catalog/ to tell", ticket, kind, group);
      return;
    }
    notifications.toUser(lead.get(), ticket, kind, text, at);
  }

  private static String group(DelegateExecution execution) {
    return required(execution, "assignmentGroup");
  }

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": the OLA step needs the variable " + name);
    }
    return value.toString();
  }
}
