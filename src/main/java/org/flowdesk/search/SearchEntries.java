package org.flowdesk.search;

import static org.flowdesk.UtcColumns.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flowdesk.Database;
import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What the search box finds besides tickets (fd_search_entry): catalog services and items, and
 * knowledge articles, each with who may find it. PostgreSQL: full-text search on the generated
 * column search_vector in the entry's language; H2: substrings (see {@link TextQuery}).
 */
@Repository
public class SearchEntries {

  /** Everyone may find the entry. */
  public static final String EVERYONE = "everyone";
  /** Members of an agent group may find it. */
  public static final String AGENTS = "agents";
  /** Members of the entry's groups may find it. */
  public static final String GROUPS = "groups";

  /** An entry as written: its groups matter when audience is {@link #GROUPS}. */
  public record Entry(String kind, String ref, String title, String body, String service, String status,
      String language, String audience, Collection<String> groups) {
  }

  /** An entry that matched, with its title and an excerpt of its body marked as {@link TextQuery} says. */
  record Hit(String kind, String ref, String service, String status, String language, double rank,
      String markedTitle, String markedExcerpt) {
  }

  private static final String CONFIG = "CASE e.language WHEN 'de' THEN 'german'::regconfig "
      + "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END";

  private final JdbcClient jdbc;
  private final boolean postgres;

  SearchEntries(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = Database.isPostgres(dataSource);
  }

  boolean postgres() {
    return postgres;
  }

  /** Writes the entry (replacing the one of the same kind and ref) in the caller's transaction. */
  public void put(Entry entry, Instant at) {
    remove(entry.kind(), entry.ref());
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("INSERT INTO fd_search_entry (kind, ref, title, body, service, status, language, audience, updated_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(entry.kind(), entry.ref(), entry.title(), entry.body(), entry.service(), entry.status(),
            entry.language(), entry.audience(), utc(at))
        .update(key, "id");
    long id = key.getKey().longValue();
    for (String group : entry.groups()) {
      jdbc.sql("INSERT INTO fd_search_entry_group (entry_id, group_id) VALUES (?, ?)").params(id, group).update();
    }
  }

  public void remove(String kind, String ref) {
    jdbc.sql("DELETE FROM fd_search_entry WHERE kind = ? AND ref = ?").params(kind, ref).update();
  }

  /** Removes the entries of these kinds whose refs are not among {@code keep}. */
  void removeOthers(String kind, Collection<String> keep) {
    List<String> stale = jdbc.sql("SELECT ref FROM fd_search_entry WHERE kind = ?").param(kind).query(String.class)
        .list().stream().filter(ref -> !keep.contains(ref)).toList();
    stale.forEach(ref -> remove(kind, ref));
  }

  /** The best {@code limit} entries the user may find, best first. */
  List<Hit> best(CurrentUser user, boolean agent, TextQuery text, Filter filter, int limit) {
    Query query = query(user, agent, text, filter);
    if (!postgres) {
      List<Object> params = new ArrayList<>();
      StringBuilder rank = new StringBuilder("0");
      for (String words : text.included()) {
        rank.append(" + CASE WHEN LOWER(e.title) LIKE ? ESCAPE '\\' THEN 0.2 ELSE 0.05 END");
        params.add(TextQuery.likePattern(words));
      }
      params.addAll(query.params());
      params.add(limit);
      return jdbc.sql("SELECT e.kind, e.ref, e.title, e.body, e.service, e.status, e.language, " + rank
          + " AS search_rank FROM fd_search_entry e" + query.where() + " ORDER BY search_rank DESC, e.kind, e.ref LIMIT ?")
          .params(params)
          .query((rs, n) -> new Hit(rs.getString("kind"), rs.getString("ref"), rs.getString("service"),
              rs.getString("status"), rs.getString("language"), rs.getDouble("search_rank"),
              text.mark(rs.getString("title")), text.excerpt(rs.getString("body"))))
          .list();
    }
    List<Object> params = new ArrayList<>(List.of(TextQuery.TITLE_HEADLINE, TextQuery.EXCERPT_HEADLINE));
    params.addAll(query.params());
    params.add(limit);
    return jdbc.sql("SELECT p.kind, p.ref, p.service, p.status, p.language, p.search_rank, "
        + "ts_headline(p.config, p.title, p.query, ?) AS title_marked, "
        + "ts_headline(p.config, COALESCE(p.body, ''), p.query, ?) AS excerpt_marked FROM ("
        + "SELECT e.*, c.config, l.query, ts_rank(e.search_vector, l.query) AS search_rank FROM fd_search_entry e"
        + query.where() + " ORDER BY search_rank DESC, e.kind, e.ref LIMIT ?) p ORDER BY p.search_rank DESC, p.kind, p.ref")
        .params(params)
        .query((rs, n) -> new Hit(rs.getString("kind"), rs.getString("ref"), rs.getString("service"),
            rs.getString("status"), rs.getString("language"), rs.getDouble("search_rank"),
            rs.getString("title_marked"), rs.getString("excerpt_marked")))
        .list();
  }

  long count(CurrentUser user, boolean agent, TextQuery text, Filter filter) {
    Query query = query(user, agent, text, filter);
    return jdbc.sql("SELECT COUNT(*) FROM fd_search_entry e" + query.where()).params(query.params())
        .query(Long.class).single();
  }

  /** The word of the titles most like {@code word} (PostgreSQL's pg_trgm), if one is like it at all. */
  Optional<String> likest(String word) {
    return jdbc.sql("SELECT word FROM fd_search_word WHERE word OPERATOR(public.%) ? "
        + "ORDER BY public.similarity(word, ?) DESC, word LIMIT 1").params(word, word).query(String.class).optional();
  }

  boolean isKnownWord(String word) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_search_word WHERE word = ?").param(word).query(Long.class).single() > 0;
  }

  /** Kinds, service and status to keep (null: any). */
  record Filter(List<String> kinds, String service, String status) {
  }

  private record Query(String where, List<Object> params) {
  }

  private Query query(CurrentUser user, boolean agent, TextQuery text, Filter filter) {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (postgres) {
      // The OR of the languages finds candidates with the GIN index; each is then matched in its own language.
      where.append(" CROSS JOIN LATERAL (SELECT ").append(CONFIG).append(" AS config) c"
          + " CROSS JOIN LATERAL (SELECT websearch_to_tsquery(c.config, ?) AS query) l"
          + " WHERE (e.search_vector @@ websearch_to_tsquery('english', ?)"
          + " OR e.search_vector @@ websearch_to_tsquery('german', ?)"
          + " OR e.search_vector @@ websearch_to_tsquery('simple', ?)) AND e.search_vector @@ l.query");
      params.addAll(Collections.nCopies(4, text.text()));
    } else {
      where.append(" WHERE 1 = 1");
      for (List<String> group : text.groups()) {
        where.append(" AND (1 = 0");
        for (String words : group) {
          where.append(" OR LOWER(CONCAT_WS(' ', e.title, e.body)) LIKE ? ESCAPE '\\'");
          params.add(TextQuery.likePattern(words));
        }
        where.append(")");
      }
      for (String words : text.excluded()) {
        where.append(" AND LOWER(CONCAT_WS(' ', e.title, e.body)) NOT LIKE ? ESCAPE '\\'");
        params.add(TextQuery.likePattern(words));
      }
    }
    where.append(" AND e.kind IN (").append(String.join(", ", Collections.nCopies(filter.kinds().size(), "?")))
        .append(")");
    params.addAll(filter.kinds());
    if (filter.service() != null) {
      where.append(" AND e.service = ?");
      params.add(filter.service());
    }
    if (filter.status() != null) {
      where.append(" AND e.status = ?");
      params.add(filter.status());
    }
    if (!user.isAdministrator()) {
      where.append(" AND (e.audience = '").append(EVERYONE).append("'");
      if (agent) {
        where.append(" OR e.audience = '").append(AGENTS).append("'");
      }
      if (!user.groups().isEmpty()) {
        where.append(" OR EXISTS (SELECT 1 FROM fd_search_entry_group g WHERE g.entry_id = e.id AND g.group_id IN (")
            .append(String.join(", ", Collections.nCopies(user.groups().size(), "?"))).append("))");
        params.addAll(user.groups());
      }
      where.append(")");
    }
    return new Query(where.toString(), params);
  }
}
