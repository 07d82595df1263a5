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
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.People;
import org.flowdesk.ticket.TicketStartCheck;
import org.flowdesk.ticket.TicketType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The configuration item an incident or a change names ({@value TicketStartCheck#CONFIGURATION_ITEM}, an
 * optional choice of their start forms): one that exists and is not retired, and is either a device
 * assigned to the ticket's requester (their laptop, whichever service they report it under) or one the
 * ticket's service stands on (linked to it, or what those depend on, transitively) that is nobody's
 * device: someone else's laptop is never named. The form cannot list these (they are data), so "Open
 * ticket" asks this check at every door, and the portal offers {@link #of the service's CIs} and the
 * requester's devices.
 *
 * <p>A start reads the named CI once: what it found is remembered until the transaction ends, so the
 * priority decision's facts ({@link CiFacts}) and the check share one statement.
 */
@Service
public class NamedCis implements TicketStartCheck {

  /** A CI as a ticket names it, whether the service stands on it, and whose device it is (null: nobody's). */
  public record Named(String key, String name, String ciClass, String lifecycle, String criticality,
      boolean onService, String assignedTo) {

    /** Whether a ticket of the requester may name it: their own device, or a CI of the service that is nobody's. */
    boolean usableBy(String requester) {
      return !Ci.RETIRED.equals(lifecycle) && (assignedTo == null ? onService : assignedTo.equals(requester));
    }
  }

  private final JdbcClient jdbc;
  private final String standsOn;
  private final People people;
  private final AgentGroups agents;

  NamedCis(JdbcClient jdbc, DataSource dataSource, People people, AgentGroups agents) {
    this.jdbc = jdbc;
    this.standsOn = CiWalks.standsOn(Database.isPostgres(dataSource));
    this.people = people;
    this.agents = agents;
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
    if (TicketType.REQUEST.name().equalsIgnoreCase(text(start, "ticketType"))) {
      String problem = deviceProblem(text(start, "requester"), key);
      return problem == null ? List.of() : List.of(new FieldError(CONFIGURATION_ITEM, problem));
    }
    String problem = problem(text(start, "service"), text(start, "requester"), key);
    if (problem == null) {
      return List.of();
    }
    // Who does not read the CMDB learns nothing of it from the refusal: not whether the key exists, is retired or
    // is someone's device. Agents (and an agent reporting for someone) get the reason.
    String enteredBy = text(start, "enteredBy");
    String person = enteredBy != null ? enteredBy : text(start, "requester");
    boolean readsCmdb = person != null && people.asUser(person).map(agents::isAgent).orElse(false);
    return List.of(new FieldError(CONFIGURATION_ITEM, readsCmdb || problem.startsWith("Configuration item must") ? problem
        : "'" + key + "' is none of the configuration items you may name here: choose one of the service's or one of "
            + "your devices"));
  }

  /** Why a ticket of the service and the requester may not name the CI; null when it may. */
  String problem(String service, String requester, String key) {
    if (!CiRules.KEY.matcher(key).matches()) {
      return "Configuration item must be the key of a CI (letters, digits, '.', '_' and '-', at most 64)";
    }
    Optional<Named> found = find(service, key);
    if (found.isEmpty()) {
      return "There is no configuration item '" + key + "' in the CMDB";
    }
    Named ci = found.get();
    if (Ci.RETIRED.equals(ci.lifecycle())) {
      // Keys only: a requester may not read the CMDB, so the message names nothing the caller did not send.
      return "The configuration item " + key + " is retired";
    }
    if (ci.assignedTo() != null && !ci.assignedTo().equals(requester)) {
      return "The configuration item " + key + " is someone else's device: name one of your own devices or a CI "
          + "of the service";
    }
    if (ci.assignedTo() == null && !ci.onService()) {
      return "The service " + (service == null ? "(none)" : "'" + service + "'") + " does not stand on the "
          + "configuration item " + key + ": name one of the service's CIs";
    }
    return null;
  }

  /**
   * Why a request of the requester may not name the CI; null when it may. A request names a CI only as the device
   * it is about (the catalog's "Return a device"): one of the requester's own, not retired.
   */
  String deviceProblem(String requester, String key) {
    if (!CiRules.KEY.matcher(key).matches()) {
      return "Configuration item must be the key of one of your devices";
    }
    Optional<Named> found = find(null, key);
    if (found.isEmpty() || Ci.RETIRED.equals(found.get().lifecycle()) || found.get().assignedTo() == null
        || !found.get().assignedTo().equals(requester)) {
      return "'" + key + "' is none of your devices: choose one of those under My devices";
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

  /** The CI when a ticket of the service and the requester may name it ({@link Named#usableBy}). */
  public Optional<Named> usable(String service, String requester, String key) {
    return find(service, key).filter(ci -> ci.usableBy(requester));
  }

  private Optional<Named> read(String service, String key) {
    return jdbc.sql(standsOn + "SELECT c.ci_key, c.name, c.ci_class, c.lifecycle, c.criticality, c.attributes, "
        + "(SELECT COUNT(*) FROM stands_on o WHERE o.ci_key = c.ci_key) AS on_service "
        + "FROM fd_ci c WHERE c.ci_key = :key")
        .param("service", service == null ? "" : service).param("key", key)
        .query((rs, n) -> new Named(rs.getString("ci_key"), rs.getString("name"), rs.getString("ci_class"),
            rs.getString("lifecycle"), rs.getString("criticality"), rs.getLong("on_service") > 0,
            assignedTo(rs.getString("ci_key"), rs.getString("attributes"))))
        .optional();
  }

  /**
   * The CIs any ticket of the service may name: those it stands on, not retired, that are nobody's device, by
   * class and name. (A requester's own devices are theirs to name: "my devices".)
   */
  List<CiImpact.Item> of(String service) {
    List<CiImpact.Item> items = new ArrayList<>();
    jdbc.sql(standsOn + "SELECT c.* FROM stands_on o JOIN fd_ci c ON c.ci_key = o.ci_key "
        + "ORDER BY c.ci_class, c.name, c.ci_key").param("service", service)
        .query(rs -> {
          if (assignedTo(rs.getString("ci_key"), rs.getString("attributes")) == null) {
            items.add(new CiImpact.Item(rs.getString("ci_key"), rs.getString("ci_class"), rs.getString("name"),
                rs.getString("owner_group"), rs.getString("lifecycle"), rs.getString("criticality")));
          }
        });
    return items;
  }

  /** The person the CI is assigned to (its {@value Cmdb#ASSIGNED_TO} attribute), null for nobody. */
  private static String assignedTo(String key, String attributes) {
    try {
      JsonNode person = CiRepository.JSON.readTree(attributes).get(Cmdb.ASSIGNED_TO);
      return person == null || !person.isTextual() || person.asText().isBlank() ? null : person.asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CI " + key + " has attributes that are no JSON", e);
    }
  }

  private static String text(DelegateExecution start, String name) {
    return start.getVariable(name) instanceof String text ? text : null;
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
