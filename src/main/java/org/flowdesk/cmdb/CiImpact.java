package org.flowdesk.cmdb;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flowdesk.Database;
import org.flowdesk.UtcColumns;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.TicketType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an outage of or a change to a CI touches: every CI that depends on it, through the relations
 * transitively, and the services of the catalog standing on any of them, with their lines of
 * business, criticality, open incidents and scheduled changes. The walk is one recursive query in
 * the database (never the graph in memory); its UNION keeps each CI once, so cycles end.
 */
@Service
class CiImpact {

  /**
   * CIs that depend on :key, itself included, through live and planned CIs (retired ones carry
   * nothing). PostgreSQL's UNION drops rows it has produced before, so a cycle ends there.
   */
  private static final String POSTGRES_DEPENDENTS = """
      WITH RECURSIVE dependents (ci_key) AS (
        SELECT ci_key FROM fd_ci WHERE ci_key = :key
        UNION
        SELECT r.from_key FROM fd_ci_relation r
          JOIN dependents d ON r.to_key = d.ci_key
          JOIN fd_ci c ON c.ci_key = r.from_key
          WHERE c.lifecycle <> 'retired'
      )
      """;

  /**
   * H2's recursive UNION compares a step only with itself, so a cycle would never end: each walk
   * carries the keys it passed (keys hold no slash) and goes nowhere twice, up to {@value #MAX_DEPTH} steps.
   */
  private static final String H2_DEPENDENTS = """
      WITH RECURSIVE walk (ci_key, path, depth) AS (
        SELECT ci_key, CAST('/' || ci_key || '/' AS VARCHAR(1000000)), 0 FROM fd_ci WHERE ci_key = :key
        UNION ALL
        SELECT r.from_key, w.path || r.from_key || '/', w.depth + 1 FROM fd_ci_relation r
          JOIN walk w ON r.to_key = w.ci_key
          JOIN fd_ci c ON c.ci_key = r.from_key
          WHERE c.lifecycle <> 'retired' AND LOCATE('/' || r.from_key || '/', w.path) = 0 AND w.depth < %d
      ), dependents (ci_key) AS (SELECT DISTINCT ci_key FROM walk)
      """.formatted(CiImpact.MAX_DEPTH);

  static final int MAX_DEPTH = 64;

  /**
   * What each service stands on: the CIs linked to it and those they depend on, transitively (PostgreSQL).
   * %s is where the walk starts: every service, or only :service (a list of one service's CIs), which
   * walks a tenth of the graph where the filter after the walk would have walked it all.
   */
  private static final String POSTGRES_BELOW = """
      WITH RECURSIVE below (service, ci_key) AS (
        SELECT s.service, s.ci_key FROM fd_service_ci s JOIN fd_ci c ON c.ci_key = s.ci_key
          WHERE c.lifecycle <> 'retired'%s
        UNION
        SELECT b.service, r.to_key FROM below b
          JOIN fd_ci_relation r ON r.from_key = b.ci_key
          JOIN fd_ci c ON c.ci_key = r.to_key
          WHERE c.lifecycle <> 'retired'
      )
      """;

  /** The same on H2, each walk carrying the keys it passed, as for the dependents. */
  private static final String H2_BELOW = """
      WITH RECURSIVE walk (service, ci_key, path, depth) AS (
        SELECT s.service, s.ci_key, CAST('/' || s.ci_key || '/' AS VARCHAR(1000000)), 0 FROM fd_service_ci s
          JOIN fd_ci c ON c.ci_key = s.ci_key WHERE c.lifecycle <> 'retired'%s
        UNION ALL
        SELECT w.service, r.to_key, w.path || r.to_key || '/', w.depth + 1 FROM walk w
          JOIN fd_ci_relation r ON r.from_key = w.ci_key
          JOIN fd_ci c ON c.ci_key = r.to_key
          WHERE c.lifecycle <> 'retired' AND LOCATE('/' || r.to_key || '/', w.path) = 0 AND w.depth < %d
      ), below (service, ci_key) AS (SELECT DISTINCT service, ci_key FROM walk)
      """;

  /** The walk below every service (the matrix), or below the one bound as :service only. */
  static String below(boolean postgres, boolean oneService) {
    String start = oneService ? " AND s.service = :service" : "";
    return postgres ? POSTGRES_BELOW.formatted(start) : H2_BELOW.formatted(start, MAX_DEPTH);
  }

  @Schema(name = "CiMatrixCell", description = "Where a class of CIs (or, by group, an owner group) meets a service")
  record Cell(@Schema(description = "The row's class; none when the rows are groups") @JsonProperty("class")
      String ciClass,
      @Schema(description = "The row's owner group; none when the rows are classes") String ownerGroup, String service,
      @Schema(description = "CIs of the class the service stands on, directly or through others") long cis,
      @Schema(description = "Open incidents that name one of these CIs (each once, whatever service they were "
          + "reported for)") long openIncidents) {
  }

  @Schema(name = "CiMatrixService", description = "A column of the matrix")
  record Column(String id, String name, String lineOfBusiness, String criticality,
      @Schema(description = "The service's open incidents, whether they name a CI or not") long openIncidents) {
  }

  @Schema(name = "CiMatrix", description = "CI classes against the catalog's services")
  record Matrix(@Schema(description = "What the rows are: class or group", example = "class") String by,
      @Schema(description = "The CI classes, as catalog/ci-classes.yaml lists them: the rows by class") List<String> classes,
      @Schema(description = "The groups that own CIs that are not retired, by id: the rows by group") List<String> groups,
      @Schema(description = "The columns: services of the catalog that are not retired") List<Column> services,
      @Schema(description = "The cells that have CIs") List<Cell> cells) {
  }

  @Schema(name = "CiSummary", description = "A CI in an impact analysis")
  record Item(String key, @JsonProperty("class") String ciClass, String name, String ownerGroup, String lifecycle,
      String criticality) {
  }

  @Schema(name = "ImpactIncident", description = "An open incident of a service")
  record Incident(String number, String status, Integer priority) {
  }

  @Schema(name = "ImpactChange", description = "A change of a service whose window is booked and not over")
  record Change(String number, String status, Instant plannedStart, Instant plannedEnd) {
  }

  @Schema(name = "ImpactedService", description = "A service that stands on the CI or on one that depends on it")
  record ServiceImpact(String id, String name, String lineOfBusiness, String criticality,
      @Schema(description = "Whether its criticality is one catalog/ci-classes.yaml's businessCritical lists")
      boolean businessCritical, String lifecycle, List<Incident> openIncidents, List<Change> scheduledChanges) {
  }

  @Schema(name = "ImpactedLineOfBusiness", description = "A line of business of the impacted services")
  record LineImpact(String id, String name, List<String> services) {
  }

  @Schema(name = "CiImpact", description = "Everything that depends on a CI, up to the services and lines of business")
  record Impact(Item ci,
      @Schema(description = "CIs that depend on it, directly or not, by key: the first limit of them")
      List<Item> dependents,
      @Schema(description = "How many CIs depend on it in all", example = "99327") int dependentsTotal,
      List<ServiceImpact> services, List<LineImpact> linesOfBusiness) {
  }

  private final JdbcClient jdbc;
  private final Cmdb cmdb;
  private final Catalog catalog;
  private final DeployedVocabulary vocabulary;
  private final Clock clock;
  private final CiClasses classes;
  private final Languages languages;
  private final String dependentsQuery;
  private final String belowQuery;

  CiImpact(JdbcClient jdbc, Cmdb cmdb, Catalog catalog, DeployedVocabulary vocabulary, Clock clock,
      DataSource dataSource, CiClasses classes, Languages languages) {
    this.classes = classes;
    this.languages = languages;
    boolean postgres = Database.isPostgres(dataSource);
    this.dependentsQuery = postgres ? POSTGRES_DEPENDENTS : H2_DEPENDENTS;
    this.belowQuery = below(postgres, false);
    this.jdbc = jdbc;
    this.cmdb = cmdb;
    this.catalog = catalog;
    this.vocabulary = vocabulary;
    this.clock = clock;
  }

  /** The impact with the first {@code limit} dependents by key (and how many there are in all). */
  @Transactional(readOnly = true)
  Impact of(CurrentUser user, String key, int limit) {
    Ci ci = cmdb.get(user, key);
    // One walk for both the dependents and the services standing on them (or on the CI itself): a CI
    // comes once per service linked to it. Two walks cost twice as much at 100,000 CIs (docs/benchmarks.md).
    List<Item> dependents = new ArrayList<>();
    int[] total = {0};
    String[] last = {null};
    java.util.SortedSet<String> standing = new java.util.TreeSet<>();
    jdbc.sql(dependentsQuery + "SELECT c.ci_key, c.ci_class, c.name, c.owner_group, c.lifecycle, c.criticality, "
        + "s.service FROM dependents d JOIN fd_ci c ON c.ci_key = d.ci_key "
        + "LEFT JOIN fd_service_ci s ON s.ci_key = d.ci_key ORDER BY c.ci_key").param("key", key)
        .query(rs -> {
          String dependent = rs.getString("ci_key");
          if (!dependent.equals(key) && !dependent.equals(last[0])) {
            last[0] = dependent;
            if (total[0]++ < limit) {
              dependents.add(new Item(dependent, rs.getString("ci_class"), rs.getString("name"),
                  rs.getString("owner_group"), rs.getString("lifecycle"), rs.getString("criticality")));
            }
          }
          if (rs.getString("service") != null) {
            standing.add(rs.getString("service"));
          }
        });
    List<String> serviceIds = List.copyOf(standing);
    Map<String, List<Incident>> incidents = openIncidents(serviceIds);
    Map<String, List<Change>> changes = scheduledChanges(serviceIds);
    List<ServiceImpact> services = new ArrayList<>();
    List<String> critical = classes.current().businessCritical();
    // Services and lines of business by their names in the caller's language (catalog/i18n).
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    Map<String, List<String>> byLine = new LinkedHashMap<>();
    for (String id : serviceIds) {
      Portfolio.Service service = catalog.service(id).orElse(null);
      String line = service == null ? null : service.lineOfBusiness();
      String criticality = service == null ? null : service.criticalityOrDefault();
      services.add(new ServiceImpact(id, catalog.serviceName(id, words), line, criticality,
          critical.contains(criticality), service == null ? null : service.lifecycle(),
          incidents.getOrDefault(id, List.of()), changes.getOrDefault(id, List.of())));
      if (line != null) {
        byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(id);
      }
    }
    List<LineImpact> lines = new ArrayList<>();
    for (Portfolio.LineOfBusiness line : catalog.portfolio().linesOfBusiness()) {
      if (byLine.containsKey(line.id())) {
        lines.add(new LineImpact(line.id(), words.name("linesOfBusiness", line.id(), line.name()),
            byLine.get(line.id())));
      }
    }
    return new Impact(new Item(ci.key(), ci.ciClass(), ci.name(), ci.ownerGroup(), ci.lifecycle(), ci.criticality()),
        dependents, total[0], services, lines);
  }

  /**
   * The services that stand on the CI or on any CI depending on it, transitively: what a change of the
   * CI touches. For the decisions' facts ({@link CiFacts}); who asks is the model, not a person.
   */
  List<String> servicesOn(String key) {
    return jdbc.sql(dependentsQuery + "SELECT DISTINCT s.service FROM fd_service_ci s "
        + "JOIN dependents d ON d.ci_key = s.ci_key ORDER BY s.service").param("key", key)
        .query(String.class).list();
  }

  /**
   * CI classes against services, each cell with the number of CIs of the class that the service stands
   * on (transitively, as the impact analysis walks the other way) and the open incidents naming one of them;
   * each column with all the service's open incidents.
   */
  @Transactional(readOnly = true)
  Matrix matrix(CurrentUser user, boolean byGroup) {
    cmdb.requireReader(user);
    String row = byGroup ? "c.owner_group" : "c.ci_class";
    List<Portfolio.Service> services = catalog.portfolio().services().stream()
        .filter(s -> !Portfolio.RETIRED.equals(s.lifecycle())).toList();
    Map<String, List<Incident>> incidents = openIncidents(services.stream().map(Portfolio.Service::id).toList());
    List<Cell> cells = new ArrayList<>();
    List<String> open = vocabulary.current().openStatuses();
    // The open incidents that name one of the cell's CIs, each once, whichever service they were reported for:
    // the service stands on that CI, so the incident touches it.
    jdbc.sql(belowQuery + "SELECT b.service, " + row + " AS matrix_row, COUNT(DISTINCT b.ci_key) AS cis, "
        + "COUNT(DISTINCT t.ticket_number) AS incidents FROM below b JOIN fd_ci c ON c.ci_key = b.ci_key "
        + "LEFT JOIN fd_ticket t ON t.ci_key = b.ci_key AND t.ticket_type = :type AND t.status IN (:open) "
        + "WHERE " + row + " IS NOT NULL "
        + "GROUP BY b.service, " + row + " ORDER BY " + row + ", b.service")
        .param("type", TicketType.INCIDENT.id()).param("open", open.isEmpty() ? List.of("") : open)
        .query(rs -> {
          String service = rs.getString("service");
          if (services.stream().anyMatch(s -> s.id().equals(service))) {
            String rowId = rs.getString("matrix_row");
            cells.add(new Cell(byGroup ? null : rowId, byGroup ? rowId : null, service, rs.getLong("cis"),
                rs.getLong("incidents")));
          }
        });
    List<String> groups = jdbc.sql("SELECT DISTINCT owner_group FROM fd_ci WHERE owner_group IS NOT NULL "
        + "AND lifecycle <> 'retired' ORDER BY owner_group").query(String.class).list();
    Languages.CatalogWords words = languages.catalog(languages.ofCaller(user.id()));
    return new Matrix(byGroup ? "group" : "class", cmdb.classIds(), groups, services.stream().map(s -> new Column(s.id(),
        catalog.serviceName(s.id(), words), s.lineOfBusiness(), s.criticalityOrDefault(),
        incidents.getOrDefault(s.id(), List.of()).size())).toList(), cells);
  }

  private Map<String, List<Incident>> openIncidents(List<String> services) {
    List<String> open = vocabulary.current().openStatuses();
    Map<String, List<Incident>> found = new HashMap<>();
    if (services.isEmpty() || open.isEmpty()) {
      return found;
    }
    jdbc.sql("SELECT service, ticket_number, status, priority FROM fd_ticket WHERE ticket_type = :type "
        + "AND service IN (:services) AND status IN (:open) ORDER BY priority, ticket_number")
        .param("type", TicketType.INCIDENT.id()).param("services", services).param("open", open)
        .query(rs -> {
          found.computeIfAbsent(rs.getString("service"), s -> new ArrayList<>()).add(new Incident(
              rs.getString("ticket_number"), rs.getString("status"), (Integer) rs.getObject("priority", Integer.class)));
        });
    return found;
  }

  private Map<String, List<Change>> scheduledChanges(List<String> services) {
    List<String> booked = vocabulary.current().calendarStatuses();
    Map<String, List<Change>> found = new HashMap<>();
    if (services.isEmpty() || booked.isEmpty()) {
      return found;
    }
    jdbc.sql("SELECT t.service, t.ticket_number, t.status, c.planned_start, c.planned_end FROM fd_ticket t "
        + "JOIN fd_change c ON c.ticket_number = t.ticket_number WHERE t.ticket_type = :type "
        + "AND t.service IN (:services) AND t.status IN (:booked) AND c.planned_end > :now "
        + "ORDER BY c.planned_start, t.ticket_number")
        .param("type", TicketType.CHANGE.id()).param("services", services).param("booked", booked)
        .param("now", UtcColumns.utc(clock.instant()))
        .query(rs -> {
          found.computeIfAbsent(rs.getString("service"), s -> new ArrayList<>()).add(new Change(
              rs.getString("ticket_number"), rs.getString("status"), UtcColumns.instant(rs, "planned_start"),
              UtcColumns.instant(rs, "planned_end")));
        });
    return found;
  }
}
