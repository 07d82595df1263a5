package org.flowdesk.measures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketEvent;
import org.flowdesk.ticket.TicketService;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Metrics for operations at {@code /actuator/prometheus}: tickets opened, resolved and closed and
 * SLA warnings and breaches (by type and priority, counted once their transaction commits), the
 * open backlog of each agent group (in the statuses the models declare open), and the engine's jobs and incidents.
 */
@Component
class TicketMetrics {

  private static final Duration BACKLOG_FRESHNESS = Duration.ofSeconds(10);

  private final MeterRegistry registry;
  private final TicketService tickets;
  private final JdbcClient jdbc;
  private volatile Map<String, Long> backlog = Map.of();
  private volatile Instant backlogReadAt = Instant.EPOCH;
  private final Clock clock;
  private final AgentGroups agents;
  private final DeployedVocabulary vocabulary;

  TicketMetrics(MeterRegistry registry, TicketService tickets, JdbcClient jdbc, AgentGroups agents,
      DeployedVocabulary vocabulary, ManagementService management, RuntimeService runtime, Clock clock) {
    this.clock = clock;
    this.registry = registry;
    this.tickets = tickets;
    this.jdbc = jdbc;
    this.agents = agents;
    this.vocabulary = vocabulary;
    Gauge.builder("camunda.jobs.executable", () -> management.createJobQuery().executable().count())
        .description("Jobs due and with retries left: the job executor's work waiting").register(registry);
    Gauge.builder("camunda.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
        .description("Jobs that failed with no retries left").register(registry);
    Gauge.builder("camunda.incidents.open", () -> runtime.createIncidentQuery().count())
        .description("Open incidents in Cockpit").register(registry);
  }

  /** A backlog gauge for every agent group, those a redeployed model added included. */
  @EventListener
  void modelsChanged(DeployedVocabulary.VocabularyChanged changed) {
    for (String group : agents.all()) {
      Gauge.builder("flowdesk.backlog", () -> backlog().getOrDefault(group, 0L))
          .description("Open tickets of the group (in a status the models declare open)")
          .tag("group", group).register(registry);
    }
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void count(TicketEvent event) {
    String name = switch (event.kind()) {
      case TicketEvent.OPENED, TicketEvent.RESOLVED, TicketEvent.CLOSED -> "flowdesk.tickets." + event.kind();
      case "sla_warning" -> "flowdesk.sla.warnings";
      case "sla_breach" -> "flowdesk.sla.breaches";
      default -> null;
    };
    if (name == null) {
      return;
    }
    String type = event.type();
    Integer priority = event.priority();
    if (type == null) {
      Ticket ticket = tickets.find(event.number()).orElse(null);
      if (ticket == null) {
        return;
      }
      type = ticket.type();
      priority = ticket.priority();
    }
    Counter.builder(name).tag("type", type)
        .tag("priority", priority == null ? "none" : "P" + priority)
        .register(registry).increment();
  }

  /** The groups' open tickets, read at most every few seconds however often metrics are scraped. */
  private Map<String, Long> backlog() {
    List<String> open = vocabulary.current().openStatuses();
    if (clock.instant().isAfter(backlogReadAt.plus(BACKLOG_FRESHNESS)) && !open.isEmpty()) {
      Map<String, Long> counts = new ConcurrentHashMap<>();
      jdbc.sql("SELECT assignment_group, COUNT(*) AS open_tickets FROM fd_ticket WHERE assignment_group IS NOT NULL "
          + "AND status IN (" + String.join(", ", Collections.nCopies(open.size(), "?"))
          + ") GROUP BY assignment_group")
          .params(open)
          .query((rs, n) -> counts.put(rs.getString("assignment_group"), rs.getLong("open_tickets"))).list();
      backlog = counts;
      backlogReadAt = clock.instant();
    }
    return backlog;
  }
}
