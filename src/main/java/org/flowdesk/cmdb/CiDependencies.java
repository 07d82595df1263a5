package org.flowdesk.cmdb;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.flowdesk.Database;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The CIs tied to one CI through the relations, transitively both ways: those that depend on it and those it
 * depends on (retired CIs carry nothing). Two changes of CIs tied so collide, as two changes of one service
 * do: the change conflict check asks this. One recursive query in the database.
 */
@Service
public class CiDependencies {

  /** How a CI is tied to the one asked about. */
  public enum Tie {
    /** The CI itself. */
    SAME,
    /** It depends on the CI, directly or through others. */
    DEPENDS_ON_IT,
    /** The CI depends on it, directly or through others. */
    IT_DEPENDS_ON
  }

  private final JdbcClient jdbc;
  private final String related;

  CiDependencies(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.related = CiWalks.related(Database.isPostgres(dataSource));
  }

  /** Every CI tied to the CI, by key (a CI in a cycle with it depends on it first); empty for a key that is no CI. */
  @Transactional(readOnly = true)
  public Map<String, Tie> around(String key) {
    Map<String, Tie> ties = new LinkedHashMap<>();
    if (key == null || !CiRules.KEY.matcher(key).matches()) {
      return ties;
    }
    jdbc.sql(related + "SELECT ci_key, direction FROM related ORDER BY ci_key").param("key", key)
        .query(rs -> {
          Tie tie = switch (rs.getString("direction")) {
            case "self" -> Tie.SAME;
            case "dependent" -> Tie.DEPENDS_ON_IT;
            default -> Tie.IT_DEPENDS_ON;
          };
          ties.merge(rs.getString("ci_key"), tie, (first, second) -> first.compareTo(second) <= 0 ? first : second);
        });
    return ties;
  }
}
