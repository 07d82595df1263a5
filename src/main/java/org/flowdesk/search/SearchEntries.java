package org.flowdesk.search;

import static org.flowdesk.UtcColumns.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.flowdesk.Database;
import org.flowdesk.H2FullText;
import org.flowdesk.SearchText;
import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * What the search box finds besides tickets (fd_search_entry): catalog services and items, and
 * knowledge articles, each with who may find it. PostgreSQL: full-text search on the generated
 * column search_vector in the entry's language; H2: its own full-text index (see {@link H2FullText}).
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

  /** Jaro-Winkler similarity a typo's correction must reach on H2 (pirnter/printer: 0.97). */
  private static final double SIMILAR_ENOUGH = 0.85;

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

  /**
   * Writes every entry of the kind again with its body as {@code body} makes it (an article's Markdown as plain text),
   * in the caller's transaction; how many.
   */
  public int rewriteBodies(String kind, java.util.function.UnaryOperator<String> body, Instant at) {
    List<Entry> written = jdbc.sql("SELECT id, ref, title, body, service, status, language, audience "
        + "FROM fd_search_entry WHERE kind = ? ORDER BY id").param(kind).query((rs, n) -> new Entry(kind,
            rs.getString("ref"), rs.getString("title"), rs.getString("body"), rs.getString("service"),
            rs.getString("status"), rs.getString("language"), rs.getString("audience"),
            jdbc.sql("SELECT group_id FROM fd_search_entry_group WHERE entry_id = ?").param(rs.getLong("id"))
                .query(String.class).list())).list();
    written.forEach(entry -> put(new Entry(kind, entry.ref(), entry.title(), body.apply(entry.body()),
        entry.service(), entry.status(), entry.language(), entry.audience(), entry.groups()), at));
    return written.size();
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

  /**
   * What an article in another language than the reader's weighs against one in theirs: of two that match as well,
   * the reader's comes first; a clearly better match in another language still comes before a weak one in theirs.
   * Articles in the reader's language, tickets and the catalog keep their rank, so they rank among each other as
   * before.
   */
  static final double OTHER_LANGUAGE = 0.67;
  private static final String IN_READERS_LANGUAGE = " * CASE WHEN e.kind = 'article' AND e.language <> ? THEN "
      + OTHER_LANGUAGE + " ELSE 1 END";

  /** The best {@code limit} entries the user may find, best first; {@code reader} is the user's language. */
  List<Hit> best(CurrentUser user, boolean agent, TextQuery text, Filter filter, String reader, int limit) {
    Query query = query(user, agent, text, filter);
    if (!postgres) {
      // A match in the title ranks higher, as PostgreSQL's weights A (title) and B (body) do.
      List<Object> params = new ArrayList<>();
      StringBuilder rank = new StringBuilder("0.05");
      for (String part : text.included()) {
        for (String language : List.of("en", "de", "")) {
          List<String> stems = SearchText.stems(language, part);
          if (!stems.isEmpty()) {
            rank.append(language.isEmpty() ? " + CASE WHEN e.language NOT IN ('en', 'de')" : " + CASE WHEN e.language = '"
                + language + "'").append(" AND CONCAT(' ', FD_SEARCH_TEXT(e.language, e.title), ' ') LIKE ? ESCAPE '\\'"
                + " THEN 0.2 ELSE 0 END");
            params.add(H2FullText.likeWords(stems));
          }
        }
      }
      params.add(reader);
      params.addAll(query.params());
      params.add(limit);
      return jdbc.sql("SELECT e.kind, e.ref, e.title, e.body, e.service, e.status, e.language, (" + rank + ")"
          + IN_READERS_LANGUAGE + " AS search_rank FROM fd_search_entry e" + query.where() + " ORDER BY search_rank DESC, e.kind, e.ref LIMIT ?")
          .params(params)
          .query((rs, n) -> {
            String language = rs.getString("language");
            return new Hit(rs.getString("kind"), rs.getString("ref"), rs.getString("service"),
                rs.getString("status"), language, rs.getDouble("search_rank"),
                H2FullText.mark(text, language, rs.getString("title")),
                H2FullText.excerpt(text, language, rs.getString("body")));
          })
          .list();
    }
    List<Object> params = new ArrayList<>(List.of(TextQuery.TITLE_HEADLINE, TextQuery.EXCERPT_HEADLINE, reader));
    params.addAll(query.params());
    params.add(limit);
    return jdbc.sql("SELECT p.kind, p.ref, p.service, p.status, p.language, p.search_rank, "
        + "ts_headline(p.config, p.title, p.query, ?) AS title_marked, "
        + "ts_headline(p.config, COALESCE(p.body, ''), p.query, ?) AS excerpt_marked FROM ("
        + "SELECT e.*, c.config, l.query, ts_rank(e.search_vector, l.query)" + IN_READERS_LANGUAGE
        + " AS search_rank FROM fd_search_entry e"
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

  /**
   * The word most like {@code word}, if one is like it at all: on PostgreSQL of the titles' words
   * (pg_trgm's similarity); on H2 of the words of its full-text index at most two edits away (one
   * for words of up to five letters), the most similar (Commons Text's Levenshtein and Jaro-Winkler).
   */
  Optional<String> likest(String word) {
    if (!postgres) {
      // Only words of four letters or more are corrected (not numbers, codes or short words, where
      // a slip is one of many words). The index holds stems: the word is compared as typed and as
      // stemmed in each language. Of the words few enough edits away, the most similar by
      // Jaro-Winkler (which counts a swap of two letters as one slip, where Levenshtein counts
      // two) is taken if it is similar enough.
      if (!word.matches("\\p{L}{4,}")) {
        return Optional.empty();
      }
      int most = word.length() <= 5 ? 1 : 2;
      LevenshteinDistance distance = new LevenshteinDistance(most);
      JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();
      List<String> variants = H2FullText.variants(word).stream().filter(v -> v.length() >= 4)
          .map(v -> v.toUpperCase(Locale.ROOT)).toList();
      int shortest = variants.stream().mapToInt(String::length).min().orElse(word.length());
      int longest = variants.stream().mapToInt(String::length).max().orElse(word.length());
      record Near(String name, double similarity) {
      }
      return jdbc.sql("SELECT NAME FROM FT.WORDS WHERE CHAR_LENGTH(NAME) BETWEEN ? AND ?")
          .params(Math.max(4, shortest - most), longest + most).query(String.class).list().stream()
          .filter(name -> variants.stream().anyMatch(v -> distance.apply(v, name) >= 0))
          .map(name -> new Near(name, variants.stream().mapToDouble(v -> similarity.apply(v, name)).max().orElse(0)))
          .filter(near -> near.similarity() >= SIMILAR_ENOUGH)
          .max(Comparator.comparingDouble(Near::similarity).thenComparing(Near::name, Comparator.reverseOrder()))
          .map(near -> near.name().toLowerCase(Locale.ROOT));
    }
    return jdbc.sql("SELECT word FROM fd_search_word WHERE word OPERATOR(public.%) ? "
        + "ORDER BY public.similarity(word, ?) DESC, word LIMIT 1").params(word, word).query(String.class).optional();
  }

  boolean isKnownWord(String word) {
    if (!postgres) {
      List<String> variants = H2FullText.variants(word).stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
      return jdbc.sql("SELECT COUNT(*) FROM FT.WORDS WHERE NAME IN (" + String.join(", ",
          Collections.nCopies(variants.size(), "?")) + ")").params(variants).query(Long.class).single() > 0;
    }
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
      // Each entry's words were stemmed in its language: the query is stemmed in each of them, and
      // the entries H2's full-text index finds are read first (see H2FullText#matching).
      List<Object> ids = new ArrayList<>();
      for (String language : List.of("en", "de", "")) {
        ids.addAll(H2FullText.matching(jdbc, text, language, new H2FullText.Source("FD_SEARCH_ENTRY",
            "fd_search_entry e", "", "e.id", Long.class, "e.search_text", "e.id",
            language.isEmpty() ? "e.language NOT IN ('en', 'de')" : "e.language = '" + language + "'", List.of())));
      }
      where.append(" WHERE 1 = 1");
      H2FullText.appendIn("e.id", ids, where);
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
