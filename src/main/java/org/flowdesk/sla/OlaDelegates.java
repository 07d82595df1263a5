package org.flowdesk.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.util.DecisionEvaluationUtil;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.People;
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
      ApplicationEventPublisher events, Clock time, SlaClocks slaClocks, People people) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      Instant now = time.instant();
      clocks.recordWarning(ticket, now).ifPresent(clock -> warned(clock, now, catalog, notifications, events, slaClocks,
          people.groupName(clock.group())));
    };
  }

  /** The group's breach timer: records the breach and, when it is new, tells the group's lead. */
  @Bean
  JavaDelegate escalateOlaBreach(OlaClocks clocks, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, Clock time, People people) {
    return execution -> {
      String ticket = TicketOfInstance.of(execution);
      Instant now = time.instant();
      clocks.recordBreach(ticket, now).ifPresent(clock -> breached(clock, now, catalog, notifications, events,
          people.groupName(clock.group())));
    };
  }

  /** A new warning of the clock: on the timeline, and to the group's lead, naming the group as people read it. */
  private static void warned(OlaClock clock, Instant now, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, SlaClocks slaClocks, String groupName) {
    String ticket = clock.ticketNumber();
    String group = clock.group();
    String due = slaClocks.readable(clock.dueAt());
    events.publishEvent(new SlaEvent(ticket, WARNING, "OLA warning for " + groupName + ": due " + due, now));
    tellLead(catalog, notifications, group, ticket, WARNING, ticket + " has been with " + groupName
        + " for most of its OLA (" + terms(clock) + "); it is due " + due, now);
  }

  /** A new breach of the clock: on the timeline, and to the group's lead, naming the group as people read it. */
  private static void breached(OlaClock clock, Instant now, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, String groupName) {
    String ticket = clock.ticketNumber();
    String group = clock.group();
    events.publishEvent(new SlaEvent(ticket, BREACH, "OLA breached by " + groupName, now));
    tellLead(catalog, notifications, group, ticket, BREACH, ticket + " has been with " + groupName
        + " longer than its OLA (" + terms(clock) + ")", now);
  }

  /**
   * The clock's target and calendar as a group's lead reads them: "2 h, business hours", "1 d 4 h, around the
   * clock", "3 d, facilities calendar" (the same units the portal counts in), not the decision's "PT2H, business".
   */
  static String terms(OlaClock clock) {
    String calendar = switch (clock.calendar()) {
      case "24x7" -> "around the clock";
      case "business" -> "business hours";
      default -> clock.calendar() + " calendar";
    };
    return span(clock.target()) + ", " + calendar;
  }

  /** An ISO-8601 target in days, hours and minutes: "PT2H" is "2 h", "P1DT4H" "1 d 4 h", "PT90M" "1 h 30 min". */
  static String span(String iso) {
    Duration amount;
    try {
      amount = Duration.parse(iso);
    } catch (DateTimeParseException notADuration) {
      return iso;
    }
    List<String> parts = new ArrayList<>();
    if (amount.toDaysPart() > 0) {
      parts.add(amount.toDaysPart() + " d");
    }
    if (amount.toHoursPart() > 0) {
      parts.add(amount.toHoursPart() + " h");
    }
    if (amount.toMinutesPart() > 0 || parts.isEmpty()) {
      parts.add(amount.toMinutesPart() + " min");
    }
    return String.join(" ", parts);
  }

  /** The decision a group's fulfilment step asks, from the process's own deployment. */
  static final String OLA_DECISION = "ola-targets";

  /**
   * A fulfilment group takes its part of a ticket: a service task right before the group's user task, with the
   * input parameters {@code group} (the task's candidate group) and {@code ticketType}. It asks
   * decisions/ola-targets.dmn, the version deployed with the process, for the group's target (with the
   * process's {@code priority}, when it has one) and starts the group's clock alongside those of other groups at
   * work on the ticket at once. The user task's timeout listeners ({@code olaTaskWarning}, {@code olaTaskBreach})
   * read its instants through {@code ${olaClocks.warnAt(ticketNumber, 'group')}}, and {@code releaseOlaTask}
   * stops it when the task completes or is cancelled.
   */
  @Bean
  JavaDelegate holdGroupOlaClock(OlaClocks clocks, Clock time) {
    return execution -> {
      String group = required(execution, "group");
      Map<String, Object> inputs = new HashMap<>();
      inputs.put("ticketType", required(execution, "ticketType"));
      inputs.put("group", group);
      inputs.put("priority", execution.getVariable("priority"));
      Map<String, Object> target = decide(execution, inputs);
      Object percent = target.get("olaWarningPercent");
      if (target.get("olaTarget") == null || target.get("olaCalendarType") == null || !(percent instanceof Number)) {
        throw new IllegalStateException(execution.getCurrentActivityId() + ": " + OLA_DECISION + " gave " + group
            + " no target, calendar and warning percent: " + target);
      }
      clocks.holdAlongside(TicketOfInstance.of(execution), group, target.get("olaTarget").toString(),
          target.get("olaCalendarType").toString(), ((Number) percent).intValue(), time.instant());
    };
  }

  /** The warning timer (a timeout listener) of a group's task: as {@code escalateOlaWarning}, for the task's groups. */
  @Bean
  TaskListener olaTaskWarning(OlaClocks clocks, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, Clock time, SlaClocks slaClocks, People people) {
    return task -> {
      Instant now = time.instant();
      for (String group : candidateGroups(task)) {
        clocks.recordWarning(TicketOfInstance.of(task), group, now)
            .ifPresent(clock -> warned(clock, now, catalog, notifications, events, slaClocks, people.groupName(group)));
      }
    };
  }

  /** The breach timer (a timeout listener) of a group's task: as {@code escalateOlaBreach}, for the task's groups. */
  @Bean
  TaskListener olaTaskBreach(OlaClocks clocks, Catalog catalog, Notifications notifications,
      ApplicationEventPublisher events, Clock time, People people) {
    return task -> {
      Instant now = time.instant();
      for (String group : candidateGroups(task)) {
        clocks.recordBreach(TicketOfInstance.of(task), group, now)
            .ifPresent(clock -> breached(clock, now, catalog, notifications, events, people.groupName(group)));
      }
    };
  }

  /** A group's task ended (completed, or cancelled with its process): the group's clock stops. */
  @Bean
  TaskListener releaseOlaTask(OlaClocks clocks, Clock time) {
    return task -> {
      String ticket = TicketOfInstance.of(task);
      for (String group : candidateGroups(task)) {
        clocks.release(ticket, group, time.instant());
      }
    };
  }

  private static List<String> candidateGroups(DelegateTask task) {
    return task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull).distinct().toList();
  }

  /**
   * Evaluates {@link #OLA_DECISION} as a business rule task bound to its deployment would: the version deployed
   * with the process (the latest when the deployment had none), without the caller's authorisations, which a
   * model's own decision does not need.
   */
  private static Map<String, Object> decide(DelegateExecution execution, Map<String, Object> inputs) throws Exception {
    DeploymentCache cache = Context.getProcessEngineConfiguration().getDeploymentCache();
    String deployment = cache.findDeployedProcessDefinitionById(execution.getProcessDefinitionId()).getDeploymentId();
    DecisionDefinition decision;
    try {
      decision = cache.findDeployedDecisionDefinitionByDeploymentAndKey(deployment, OLA_DECISION);
    } catch (ProcessEngineException notInDeployment) {
      decision = cache.findDeployedLatestDecisionDefinitionByKey(OLA_DECISION);
    }
    DmnDecisionResult result = DecisionEvaluationUtil.evaluateDecision(decision, Variables.fromMap(inputs));
    if (result.isEmpty()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": " + OLA_DECISION + " has no rule for "
          + inputs);
    }
    return result.getSingleResult().getEntryMap();
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
