package org.flowdesk.cmdb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.flowdesk.UtcColumns;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The CMDB's tables: CIs, their relations, the services standing on them, and their history. */
@Repository
class CiRepository {

  /** Keys per IN list, well below what either database allows. */
  private static final int CHUNK = 1000;
  static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .findAndRegisterModules();

  private final JdbcClient jdbc;
  /** For the batches of an import. */
  private final JdbcTemplate batches;
  /** What the service bound as :service stands on, transitively (CiImpact's walk), for lists of its CIs. */
  private final String below;

  CiRepository(JdbcClient jdbc, JdbcTemplate batches, javax.sql.DataSource dataSource) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.below = CiImpact.below(org.flowdesk.Database.isPostgres(dataSource), true);
  }

  /**
   * What a list asks for; null filters are not applied. service: only CIs the service stands on, linked to it or
   * below those, transitively, and not retired (a cell of the matrix).
   */
  record Filter(String ciClass, String ownerGroup, String lifecycle, String text, String service) {

    Filter(String ciClass, String ownerGroup, String lifecycle, String text) {
      this(ciClass, ownerGroup, lifecycle, text, null);
    }
  }

  Optional<Ci> find(String key) {
    return findAll(List.of(key)).values().stream().findFirst();
  }

  /** The CIs with these keys, by key, with their relations and services. */
  Map<String, Ci> findAll(Collection<String> keys) {
    Map<String, Ci> found = new HashMap<>();
    for (List<String> chunk : chunks(onlyKeys(keys))) {
      Map<String, List<Ci.Relation>> relations = new HashMap<>();
      jdbc.sql("SELECT from_key, relation, to_key FROM fd_ci_relation WHERE from_key IN (:keys) "
          + "ORDER BY from_key, relation, to_key").param("keys", chunk)
          .query(rs -> {
            relations.computeIfAbsent(rs.getString("from_key"), k -> new ArrayList<>())
                .add(new Ci.Relation(rs.getString("relation"), rs.getString("to_key")));
          });
      Map<String, List<String>> services = new HashMap<>();
      jdbc.sql("SELECT service, ci_key FROM fd_service_ci WHERE ci_key IN (:keys) ORDER BY ci_key, service")
          .param("keys", chunk)
          .query(rs -> {
            services.computeIfAbsent(rs.getString("ci_key"), k -> new ArrayList<>()).add(rs.getString("service"));
          });
      // In Java's order, whatever the database's collation: a stored CI compares equal to the same row checked.
      relations.values().forEach(list -> list.sort(java.util.Comparator.comparing(Ci.Relation::type)
          .thenComparing(Ci.Relation::to)));
      services.values().forEach(java.util.Collections::sort);
      jdbc.sql("SELECT * FROM fd_ci WHERE ci_key IN (:keys)").param("keys", chunk)
          .query((rs, n) -> ci(rs, relations.getOrDefault(rs.getString("ci_key"), List.of()),
              services.getOrDefault(rs.getString("ci_key"), List.of())))
          .list().forEach(ci -> found.put(ci.key(), ci));
    }
    return found;
  }

  /** The class of each of these keys that is a CI. */
  Map<String, String> classesOf(Collection<String> keys) {
    Map<String, String> found = new HashMap<>();
    for (List<String> chunk : chunks(onlyKeys(keys))) {
      jdbc.sql("SELECT ci_key, ci_class FROM fd_ci WHERE ci_key IN (:keys)").param("keys", chunk)
          .query(rs -> {
            found.put(rs.getString("ci_key"), rs.getString("ci_class"));
          });
    }
    return found;
  }

  /** A page of CIs matching the filter, by name then key; without relations and services. */
  List<Ci> list(Filter filter, int offset, int limit) {
    return jdbc.sql(with(filter) + "SELECT * FROM fd_ci WHERE " + where(filter)
        + " ORDER BY name, ci_key LIMIT :limit OFFSET :offset")
        .params(params(filter)).param("limit", limit).param("offset", offset)
        .query((rs, n) -> ci(rs, null, null)).list();
  }

  long count(Filter filter) {
    return jdbc.sql(with(filter) + "SELECT COUNT(*) FROM fd_ci WHERE " + where(filter)).params(params(filter))
        .query(Long.class)
        .single();
  }

  /** Every CI with its relations and services, by key: what an export writes. */
  List<Ci> all(Filter filter) {
    List<String> keys = jdbc.sql(with(filter) + "SELECT ci_key FROM fd_ci WHERE " + where(filter) + " ORDER BY ci_key")
        .params(params(filter)).query(String.class).list();
    Map<String, Ci> found = findAll(keys);
    return keys.stream().map(found::get).toList();
  }

  /** The walk below the services, when the filter names one. */
  private String with(Filter filter) {
    return filter.service() == null ? "" : below;
  }

  /** The conditions of the filters given; each a fixed fragment, its value bound. */
  private static String where(Filter filter) {
    List<String> conditions = new ArrayList<>(List.of("1 = 1"));
    if (filter.service() != null) {
      conditions.add("ci_key IN (SELECT ci_key FROM below WHERE service = :service)");
    }
    if (filter.ciClass() != null) {
      conditions.add("ci_class = :ciClass");
    }
    if (filter.ownerGroup() != null) {
      conditions.add("owner_group = :ownerGroup");
    }
    if (filter.lifecycle() != null) {
      conditions.add("lifecycle = :lifecycle");
    }
    if (filter.text() != null) {
      conditions.add("(LOWER(name) LIKE :text ESCAPE '\\' OR LOWER(ci_key) LIKE :text ESCAPE '\\')");
    }
    return String.join(" AND ", conditions);
  }

  private static Map<String, Object> params(Filter filter) {
    Map<String, Object> params = new HashMap<>();
    if (filter.service() != null) {
      params.put("service", filter.service());
    }
    if (filter.ciClass() != null) {
      params.put("ciClass", filter.ciClass());
    }
    if (filter.ownerGroup() != null) {
      params.put("ownerGroup", filter.ownerGroup());
    }
    if (filter.lifecycle() != null) {
      params.put("lifecycle", filter.lifecycle());
    }
    if (filter.text() != null) {
      params.put("text", "%" + filter.text().toLowerCase(java.util.Locale.ROOT)
          .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }
    return params;
  }

  void insert(Ci.State state, Instant at) {
    jdbc.sql("INSERT INTO fd_ci (ci_key, ci_class, name, attributes, owner_group, lifecycle, criticality, created_at, "
        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(state.key(), state.ciClass(), state.name(), json(state.attributes()), state.ownerGroup(),
            state.lifecycle(), state.criticality(), UtcColumns.utc(at), UtcColumns.utc(at))
        .update();
    writeLinks(state);
  }

  void update(Ci.State state, Instant at) {
    jdbc.sql("UPDATE fd_ci SET ci_class = ?, name = ?, attributes = ?, owner_group = ?, lifecycle = ?, "
        + "criticality = ?, updated_at = ? WHERE ci_key = ?")
        .params(state.ciClass(), state.name(), json(state.attributes()), state.ownerGroup(), state.lifecycle(),
            state.criticality(), UtcColumns.utc(at), state.key())
        .update();
    jdbc.sql("DELETE FROM fd_ci_relation WHERE from_key = ?").param(state.key()).update();
    jdbc.sql("DELETE FROM fd_service_ci WHERE ci_key = ?").param(state.key()).update();
    writeLinks(state);
  }

  /** New CIs with their relations and services, in batches of statements (an import's). */
  void insertAll(List<Ci.State> states, Instant at) {
    if (states.isEmpty()) {
      return;
    }
    batches.batchUpdate("INSERT INTO fd_ci (ci_key, ci_class, name, attributes, owner_group, lifecycle, criticality, "
        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", states.stream().map(state -> new Object[] {
            state.key(), state.ciClass(), state.name(), json(state.attributes()), state.ownerGroup(), state.lifecycle(),
            state.criticality(), UtcColumns.utc(at), UtcColumns.utc(at)}).toList());
    insertLinks(states);
  }

  /** Changed CIs, their relations and services replaced, in batches of statements (an import's). */
  void updateAll(List<Ci.State> states, Instant at) {
    if (states.isEmpty()) {
      return;
    }
    batches.batchUpdate("UPDATE fd_ci SET ci_class = ?, name = ?, attributes = ?, owner_group = ?, lifecycle = ?, "
        + "criticality = ?, updated_at = ? WHERE ci_key = ?", states.stream().map(state -> new Object[] {
            state.ciClass(), state.name(), json(state.attributes()), state.ownerGroup(), state.lifecycle(),
            state.criticality(), UtcColumns.utc(at), state.key()}).toList());
    List<Object[]> keys = states.stream().map(state -> new Object[] {state.key()}).toList();
    batches.batchUpdate("DELETE FROM fd_ci_relation WHERE from_key = ?", keys);
    batches.batchUpdate("DELETE FROM fd_service_ci WHERE ci_key = ?", keys);
    insertLinks(states);
  }

  private void insertLinks(List<Ci.State> states) {
    batches.batchUpdate("INSERT INTO fd_ci_relation (from_key, relation, to_key) VALUES (?, ?, ?)", states.stream()
        .flatMap(state -> state.relations().stream().map(r -> new Object[] {state.key(), r.type(), r.to()})).toList());
    batches.batchUpdate("INSERT INTO fd_service_ci (service, ci_key) VALUES (?, ?)", states.stream()
        .flatMap(state -> state.services().stream().map(service -> new Object[] {service, state.key()})).toList());
  }

  /** A change of a CI for its history: what it was (null when new) and what it is. */
  record Written(String key, String action, Ci.State before, Ci.State after) {
  }

  /** The history of a batch of changes by one actor at one time. */
  void recordChanges(List<Written> changes, Instant at, String actor) {
    if (changes.isEmpty()) {
      return;
    }
    batches.batchUpdate("INSERT INTO fd_ci_history (ci_key, changed_at, actor, action, before_state, after_state) "
        + "VALUES (?, ?, ?, ?, ?, ?)", changes.stream().map(change -> new Object[] {change.key(), UtcColumns.utc(at),
            actor, change.action(), change.before() == null ? null : json(change.before()), json(change.after())})
        .toList());
  }

  private void writeLinks(Ci.State state) {
    for (Ci.Relation relation : state.relations()) {
      jdbc.sql("INSERT INTO fd_ci_relation (from_key, relation, to_key) VALUES (?, ?, ?)")
          .params(state.key(), relation.type(), relation.to()).update();
    }
    for (String service : state.services()) {
      jdbc.sql("INSERT INTO fd_service_ci (service, ci_key) VALUES (?, ?)").params(service, state.key()).update();
    }
  }

  /**
   * The CIs that are not retired whose attribute (such as assignedTo) is the value, by name. The attributes are
   * JSON text: a LIKE finds the candidates, the exact value is compared on the CIs read.
   */
  List<Ci> assignedTo(String attribute, String value) {
    String text = json(Map.of(attribute, value));
    String pattern = "%" + text.substring(1, text.length() - 1).replace("\\", "\\\\").replace("%", "\\%")
        .replace("_", "\\_") + "%";
    List<String> keys = jdbc.sql("SELECT * FROM fd_ci WHERE lifecycle <> 'retired' AND attributes LIKE :pattern ESCAPE '\\' "
        + "ORDER BY name, ci_key").param("pattern", pattern)
        .query((rs, n) -> ci(rs, null, null)).list().stream()
        .filter(ci -> value.equals(ci.attributes().get(attribute))).map(Ci::key).toList();
    Map<String, Ci> found = findAll(keys);
    return keys.stream().map(found::get).toList();
  }

  /** A relation that ends at the CI: from which CI, of which type. */
  record Incoming(String from, String type, String fromClass, String fromName) {
  }

  List<Incoming> incoming(String key) {
    return jdbc.sql("SELECT r.from_key, r.relation, c.ci_class, c.name FROM fd_ci_relation r "
        + "JOIN fd_ci c ON c.ci_key = r.from_key WHERE r.to_key = ? ORDER BY r.relation, r.from_key").param(key)
        .query((rs, n) -> new Incoming(rs.getString("from_key"), rs.getString("relation"), rs.getString("ci_class"),
            rs.getString("name")))
        .list();
  }

  /** One change of a CI as the history keeps it. */
  record Change(Instant at, String actor, String action, String before, String after) {
  }

  void recordChange(String key, Instant at, String actor, String action, Ci.State before, Ci.State after) {
    jdbc.sql("INSERT INTO fd_ci_history (ci_key, changed_at, actor, action, before_state, after_state) "
        + "VALUES (?, ?, ?, ?, ?, ?)")
        .params(key, UtcColumns.utc(at), actor, action, before == null ? null : json(before), json(after)).update();
  }

  List<Change> history(String key) {
    return jdbc.sql("SELECT * FROM fd_ci_history WHERE ci_key = ? ORDER BY changed_at DESC, id DESC").param(key)
        .query((rs, n) -> new Change(UtcColumns.instant(rs, "changed_at"), rs.getString("actor"),
            rs.getString("action"), rs.getString("before_state"), rs.getString("after_state")))
        .list();
  }

  private static Ci ci(ResultSet rs, List<Ci.Relation> relations, List<String> services) throws SQLException {
    Map<String, Object> attributes;
    try {
      attributes = JSON.readValue(rs.getString("attributes"), new TypeReference<TreeMap<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("CI " + rs.getString("ci_key") + " has attributes that are no JSON", e);
    }
    attributes.replaceAll((name, value) -> value instanceof Integer i ? Long.valueOf(i) : value);
    return new Ci(rs.getString("ci_key"), rs.getString("ci_class"), rs.getString("name"), attributes,
        rs.getString("owner_group"), rs.getString("lifecycle"), rs.getString("criticality"), relations, services,
        UtcColumns.instant(rs, "created_at"), UtcColumns.instant(rs, "updated_at"));
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The texts that could be a CI's key ({@link CiRules#KEY}): no stored CI has another, so the answer is the
   * same without them, and a person's text (a NUL byte, which PostgreSQL refuses) never reaches the query.
   */
  private static List<String> onlyKeys(Collection<String> texts) {
    return texts.stream().filter(text -> text != null && CiRules.KEY.matcher(text).matches()).toList();
  }

  private static <T> List<List<T>> chunks(Collection<T> all) {
    List<T> list = List.copyOf(new java.util.LinkedHashSet<>(all));
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < list.size(); i += CHUNK) {
      chunks.add(list.subList(i, Math.min(list.size(), i + CHUNK)));
    }
    return chunks;
  }
}
