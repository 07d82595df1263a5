package org.flowdesk.cmdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.Database;
import org.flowdesk.api.FieldError;
import org.flowdesk.ticket.TicketStartCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The configuration item an incident or a change names ({@value TicketStartCheck#CONFIGURATION_ITEM}, an
 * optional choice of their start forms): one the ticket's service stands on (linked to it, or what
 * those depend on, transitively), that exists and is not retired. The form cannot list these (they are
 * data), so "Open ticket" asks this check at every door, and the portal offers {@link #of the service's CIs}.
 *
 * <p>A start reads the named CI once: what it found is remembered until the transaction ends, so the
 * priority decision's facts ({@link CiFacts}) and the check share one statement.
 */
@Service
public class NamedCis implements TicketStartCheck {

  /** A CI as a ticket names it, and whether the service stands on it. */
  public record Named(String key, String name, String ciClass, String lifecycle, String criticality,
      boolean onService) {

    boolean usable() {
      return onService && !Ci.RETIRED.equals(lifecycle);
    }
  }

  private final JdbcClient jdbc;
  private final String standsOn;

  NamedCis(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.standsOn = CiWalks.standsOn(Database.isPostgres(dataSource));
  }

  @Override
  public List<FieldError> problems(DelegateExecution start) {
    Object named = start.getVariable(CONFIGURATION_ITEM);
    if (named == null || (named instanceof String text && text.isBlank())) {
      return List.of();
    }
    if (!(named instanceof String key)) {
      return List.of(new FieldError(CONFIGURATION_ITEM, "Configuration item must be the key of a CI"));
    }
    Object service = start.getVariable("service");
    String problem = problem(service instanceof String id ? id : null, key);
    return problem == null ? List.of() : List.of(new FieldError(CONFIGURATION_ITEM, problem));
  }

  /** Why a ticket of the service may not name the CI; null when it may. */
  String problem(String service, String key) {
    if (!CiRules.KEY.matcher(key).matches()) {
      return "Configuration item must be the key of a CI (letters, digits, '.', '_' and '-', at most 64)";
    }
    Optional<Named> found = find(service, key);
    if (found.isEmpty()) {
      return "There is no configuration item '" + key + "' in the CMDB";
    }
    Named ci = found.get();
    if (Ci.RETIRED.equals(ci.lifecycle())) {
      return "The configuration item " + key + " (" + ci.name() + ") is retired";
    }
    if (!ci.onService()) {
      return "The service " + (service == null ? "(none)" : "'" + service + "'") + " does not stand on the "
          + "configuration item " + key + " (" + ci.name() + "): name one of the service's CIs";
    }
    return null;
  }

  /** The CI, if it exists, with whether the service stands on it; read once per transaction. */
  public Optional<Named> find(String service, String key) {
    if (key == null || !CiRules.KEY.matcher(key).matches()) {
      return Optional.empty();
    }
    return known().computeIfAbsent(service + "/" + key, k -> read(service, key));
  }

  /** The CI when a ticket of the service may name it (it stands on it, not retired). */
  public Optional<Named> usable(String service, String key) {
    return find(service, key).filter(Named::usable);
  }

  private Optional<Named> read(String service, String key) {
    return jdbc.sql(standsOn + "SELECT c.ci_key, c.name, c.ci_class, c.lifecycle, c.criticality, "
        + "(SELECT COUNT(*) FROM stands_on o WHERE o.ci_key = c.ci_key) AS on_service "
        + "FROM fd_ci c WHERE c.ci_key = :key")
        .param("service", service == null ? "" : service).param("key", key)
        .query((rs, n) -> new Named(rs.getString("ci_key"), rs.getString("name"), rs.getString("ci_class"),
            rs.getString("lifecycle"), rs.getString("criticality"), rs.getLong("on_service") > 0))
        .optional();
  }

  /** The CIs a ticket of the service may name: those it stands on, not retired, by class and name. */
  List<CiImpact.Item> of(String service) {
    List<CiImpact.Item> items = new ArrayList<>();
    jdbc.sql(standsOn + "SELECT c.* FROM stands_on o JOIN fd_ci c ON c.ci_key = o.ci_key "
        + "ORDER BY c.ci_class, c.name, c.ci_key").param("service", service)
        .query(rs -> {
          items.add(new CiImpact.Item(rs.getString("ci_key"), rs.getString("ci_class"), rs.getString("name"),
              rs.getString("owner_group"), rs.getString("lifecycle"), rs.getString("criticality")));
        });
    return items;
  }

  /** What this transaction read, by service and key; empty and forgetful outside a transaction. */
  private Map<String, Optional<Named>> known() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, Optional<Named>> known = (Map<String, Optional<Named>>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      Map<String, Optional<Named>> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(NamedCis.this);
        }
      });
      known = fresh;
    }
    return known;
  }
}
