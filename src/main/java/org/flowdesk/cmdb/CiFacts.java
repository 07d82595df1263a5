package org.flowdesk.cmdb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.models.ModelHelper;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketStartCheck;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the decisions decide on about the configuration item a ticket names, gathered from the CMDB and
 * the catalog as {@code slaFacts} gathers the service's: models map them as input parameters of the
 * step that decides ({@code ${ciFacts.criticality(execution)}}), so they live as long as that step and
 * the decision's history records them. Each is empty (null) when the ticket names no CI, or one it may
 * not name ("Open ticket" refuses such a start in the same transaction).
 *
 * <p>Which CI: once the ticket is open, the ticket's; before, at intake, the start's
 * {@value TicketStartCheck#CONFIGURATION_ITEM} with its {@code service} (choices of the start form).
 */
@Component("ciFacts")
@ModelHelper
public class CiFacts {

  private final NamedCis named;
  private final CiImpact impact;
  private final TicketService tickets;
  private final Catalog catalog;
  private final CiClasses classes;

  CiFacts(NamedCis named, CiImpact impact, TicketService tickets, Catalog catalog, CiClasses classes) {
    this.classes = classes;
    this.named = named;
    this.impact = impact;
    this.tickets = tickets;
    this.catalog = catalog;
  }

  /** The named CI's criticality (low, medium, high); null for none. */
  public String criticality(DelegateExecution execution) {
    return ci(execution).map(NamedCis.Named::criticality).orElse(null);
  }

  /** How many services a change of the named CI touches (standing on it or on CIs depending on it); null for none. */
  public Integer impactedServices(DelegateExecution execution) {
    return ci(execution).map(ci -> servicesOn(ci.key()).size()).orElse(null);
  }

  /**
   * How many of those are business-critical: of a criticality in the catalog that catalog/ci-classes.yaml's
   * businessCritical lists (high, as shipped); null for no CI.
   */
  public Integer impactedCriticalServices(DelegateExecution execution) {
    List<String> critical = classes.current().businessCritical();
    return ci(execution).map(ci -> (int) servicesOn(ci.key()).stream()
        .filter(id -> catalog.service(id).map(s -> critical.contains(s.criticalityOrDefault())).orElse(false))
        .count()).orElse(null);
  }

  private Optional<NamedCis.Named> ci(DelegateExecution execution) {
    String number = execution.getProcessBusinessKey();
    Optional<Ticket> ticket = number == null ? Optional.empty() : tickets.find(number);
    if (ticket.isPresent()) {
      return Optional.ofNullable(ticket.get().configurationItem())
          .flatMap(key -> named.find(ticket.get().service(), key))
          .filter(ci -> !Ci.RETIRED.equals(ci.lifecycle()));
    }
    return text(execution, TicketStartCheck.CONFIGURATION_ITEM)
        .flatMap(key -> named.usable(text(execution, "service").orElse(null),
            text(execution, "requester").orElse(null), key));
  }

  /** The services on the CI, walked once per transaction however many facts ask. */
  private List<String> servicesOn(String key) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return impact.servicesOn(key);
    }
    @SuppressWarnings("unchecked")
    Map<String, List<String>> known = (Map<String, List<String>>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      known = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, known);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(CiFacts.this);
        }
      });
    }
    return known.computeIfAbsent(key, impact::servicesOn);
  }

  private static Optional<String> text(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof String text && !text.isBlank() ? Optional.of(text) : Optional.empty();
  }
}
