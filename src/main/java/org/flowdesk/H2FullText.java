package org.flowdesk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@link TextQuery} on H2's own full-text search (org.h2.fulltext.FullText; the index, its
 * triggers and the rows' generated {@code search_text} columns are made by db/vendor/h2): the
 * query's words are stemmed as the rows' words were ({@link SearchText}), {@code FT_SEARCH_DATA}
 * finds the rows that hold all the words of each of its conjunctions, and the rest (a phrase's
 * order, excluded words) is checked with LIKE on those rows' words alone. As with PostgreSQL's
 * {@code websearch_to_tsquery}, stop words in a query are left out, and a query of nothing but
 * stop words finds nothing.
 */
public final class H2FullText {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final int EXCERPT_LENGTH = 200;
  /** The key under which a transaction keeps what the index answered it. */
  private static final Object CACHE = new Object();

  private H2FullText() {
  }

  /**
   * Where matching rows are read: the indexed table (as H2 names it, {@code FD_TICKET}) and how the
   * query names it ({@code fd_ticket m}), more joins, its key and the key's Java type ({@code Long}
   * or {@code String}), its {@code search_text} column, what to answer of each row, and conditions
   * with their parameters.
   */
  public record Source(String table, String from, String joins, String key, Class<?> keyType, String words,
      String answer, String where, List<Object> params) {
  }

  /**
   * What the source answers for its rows whose words match the query in the language, as
   * PostgreSQL's {@code websearch_to_tsquery} reads it ({@link TextQuery#conjunctions}). For each
   * conjunction the index gives the keys of the rows holding all its words ({@link #keys}); those
   * rows are read by their key, and a phrase's order and the excluded parts checked with LIKE on
   * their words.
   */
  public static List<Object> matching(JdbcClient jdbc, TextQuery query, String language, Source source) {
    Set<Object> found = new LinkedHashSet<>();
    for (TextQuery.Conjunction conjunction : query.conjunctions()) {
      List<List<String>> parts = conjunction.included().stream().map(part -> SearchText.stems(language, part))
          .filter(stems -> !stems.isEmpty()).toList();
      if (parts.isEmpty()) {
        continue;
      }
      List<String> keys = keys(jdbc, String.join(" ", parts.stream().flatMap(List::stream).toList()),
          source.table());
      if (keys.isEmpty()) {
        continue;
      }
      StringBuilder sql = new StringBuilder("SELECT DISTINCT ").append(source.answer()).append(" FROM ")
          .append(source.from()).append(source.joins()).append(" WHERE 1 = 1");
      List<Object> params = new ArrayList<>();
      appendIn(source.key(), source.keyType() == Long.class ? keys.stream().map(Long::valueOf).toList() : keys, sql);
      for (List<String> stems : parts) {
        if (stems.size() > 1) {
          sql.append(" AND CONCAT(' ', ").append(source.words()).append(", ' ') LIKE ? ESCAPE '\\'");
          params.add(likeWords(stems));
        }
      }
      for (String part : conjunction.excluded()) {
        List<String> stems = SearchText.stems(language, part);
        if (!stems.isEmpty()) {
          sql.append(" AND CONCAT(' ', ").append(source.words()).append(", ' ') NOT LIKE ? ESCAPE '\\'");
          params.add(likeWords(stems));
        }
      }
      if (source.where() != null) {
        sql.append(" AND ").append(source.where());
        params.addAll(source.params());
      }
      found.addAll(jdbc.sql(sql.toString()).params(params).query((rs, n) -> rs.getObject(1)).list());
    }
    return List.copyOf(found);
  }

  /**
   * The keys of the table's rows holding every word of the text, from {@code FT_SEARCH_DATA}, which
   * answers for every indexed table at once. Read once per transaction and text: a search asks
   * the same words for its page and its total, of tickets and comments, in each language. (As a
   * condition in SQL, H2 would ask the index again for every row it checks.)
   */
  static List<String> keys(JdbcClient jdbc, String words, String table) {
    Map<String, Map<String, List<String>>> read = transactionCache();
    Map<String, List<String>> byTable = read == null ? null : read.get(words);
    if (byTable == null) {
      Map<String, List<String>> found = new HashMap<>();
      jdbc.sql("SELECT \"TABLE\", CAST(KEYS[1] AS VARCHAR) FROM FT_SEARCH_DATA(?, 0, 0)").param(words)
          .query(rs -> {
            found.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
          });
      byTable = found;
      if (read != null) {
        read.put(words, found);
      }
    }
    return byTable.getOrDefault(table, List.of());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, List<String>>> transactionCache() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Object cache = TransactionSynchronizationManager.getResource(CACHE);
    if (cache == null) {
      Map<String, Map<String, List<String>>> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(CACHE, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(CACHE);
        }
      });
      return fresh;
    }
    return (Map<String, Map<String, List<String>>>) cache;
  }

  /**
   * Appends {@code " AND column IN (…)"} for keys the index or the database gave (never a person's
   * text), written out as SQL literals: H2 checks a list of constants with a hash set and reads the
   * rows through the column's index, where a parameter array (= ANY) or a subquery is searched
   * through again for every row (seconds for a word that thousands of tickets hold).
   */
  public static void appendIn(String column, List<?> keys, StringBuilder where) {
    if (keys.isEmpty()) {
      where.append(" AND 1 = 0");
      return;
    }
    where.append(" AND ").append(column).append(" IN (");
    for (int i = 0; i < keys.size(); i++) {
      Object key = keys.get(i);
      where.append(i == 0 ? "" : ", ").append(key instanceof Number number ? String.valueOf(number.longValue())
          : "'" + String.valueOf(key).replace("'", "''") + "'");
    }
    where.append(")");
  }

  /**
   * The value with every word marked ({@link TextQuery#MARK_START}, {@link TextQuery#MARK_END})
   * whose stem in the language is one the query looks for.
   */
  public static String mark(TextQuery query, String language, String value) {
    if (value == null) {
      return "";
    }
    Set<String> wanted = wanted(query, language);
    StringBuilder out = new StringBuilder();
    Matcher word = WORD.matcher(value);
    int at = 0;
    while (word.find()) {
      out.append(value, at, word.start());
      boolean marked = matches(word.group(), language, wanted);
      out.append(marked ? String.valueOf(TextQuery.MARK_START) : "").append(word.group())
          .append(marked ? String.valueOf(TextQuery.MARK_END) : "");
      at = word.end();
    }
    return out.append(value.substring(at)).toString();
  }

  /** Some 200 characters of the value around its first matching word (its start without one), marked. */
  public static String excerpt(TextQuery query, String language, String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    Set<String> wanted = wanted(query, language);
    Matcher word = WORD.matcher(value);
    int first = 0;
    while (word.find()) {
      if (matches(word.group(), language, wanted)) {
        first = word.start();
        break;
      }
    }
    int from = Math.max(0, first - EXCERPT_LENGTH / 4);
    int to = Math.min(value.length(), from + EXCERPT_LENGTH);
    return (from > 0 ? "… " : "") + mark(query, language, value.substring(from, to))
        + (to < value.length() ? " …" : "");
  }

  private static Set<String> wanted(TextQuery query, String language) {
    Set<String> wanted = new HashSet<>();
    query.included().forEach(part -> wanted.addAll(SearchText.stems(language, part)));
    return wanted;
  }

  private static boolean matches(String word, String language, Set<String> wanted) {
    List<String> stems = SearchText.stems(language, word);
    return !stems.isEmpty() && wanted.containsAll(stems);
  }

  /**
   * A LIKE pattern (escape character {@code \}) for these words next to each other, in a text of
   * words between spaces that begins and ends with a space.
   */
  public static String likeWords(List<String> stems) {
    return "% " + String.join(" ", stems).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %";
  }

  /** Words of the index like {@code word}, for the typo-tolerant second try: stems in any language. */
  public static List<String> variants(String word) {
    Set<String> variants = new HashSet<>(List.of(word));
    for (String language : List.of("en", "de", "")) {
      variants.addAll(SearchText.stems(language, word));
    }
    return List.copyOf(variants);
  }
}
