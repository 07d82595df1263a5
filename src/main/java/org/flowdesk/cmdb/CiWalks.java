package org.flowdesk.cmdb;

/**
 * The recursive walks through the relations for one CI or one service, as common table expressions that
 * later statements select from; retired CIs carry nothing. PostgreSQL's recursive UNION drops what it
 * has seen, so a cycle ends there; H2's compares a step only with itself, so there each walk carries the
 * keys it passed (keys hold no slash) and stops after {@value CiImpact#MAX_DEPTH} steps, as in
 * {@link CiImpact}.
 */
final class CiWalks {

  private CiWalks() {
  }

  /** {@code stands_on (ci_key)}: the CIs linked to :service and those they depend on, transitively. */
  static String standsOn(boolean postgres) {
    return postgres ? """
        WITH RECURSIVE stands_on (ci_key) AS (
          SELECT s.ci_key FROM fd_service_ci s JOIN fd_ci c ON c.ci_key = s.ci_key
            WHERE s.service = :service AND c.lifecycle <> 'retired'
          UNION
          SELECT r.to_key FROM stands_on b
            JOIN fd_ci_relation r ON r.from_key = b.ci_key
            JOIN fd_ci c ON c.ci_key = r.to_key
            WHERE c.lifecycle <> 'retired'
        )
        """ : """
        WITH RECURSIVE walk (ci_key, path, depth) AS (
          SELECT s.ci_key, CAST('/' || s.ci_key || '/' AS VARCHAR(1000000)), 0 FROM fd_service_ci s
            JOIN fd_ci c ON c.ci_key = s.ci_key WHERE s.service = :service AND c.lifecycle <> 'retired'
          UNION ALL
          SELECT r.to_key, w.path || r.to_key || '/', w.depth + 1 FROM walk w
            JOIN fd_ci_relation r ON r.from_key = w.ci_key
            JOIN fd_ci c ON c.ci_key = r.to_key
            WHERE c.lifecycle <> 'retired' AND LOCATE('/' || r.to_key || '/', w.path) = 0 AND w.depth < %d
        ), stands_on (ci_key) AS (SELECT DISTINCT ci_key FROM walk)
        """.formatted(CiImpact.MAX_DEPTH);
  }

  /**
   * {@code related (ci_key, direction)}: :key itself ({@code self}), the CIs that depend on it
   * ({@code dependent}) and those it depends on ({@code dependency}), transitively both ways.
   */
  static String related(boolean postgres) {
    return postgres ? """
        WITH RECURSIVE deps_up (ci_key) AS (
          SELECT ci_key FROM fd_ci WHERE ci_key = :key
          UNION
          SELECT r.from_key FROM fd_ci_relation r JOIN deps_up u ON r.to_key = u.ci_key
            JOIN fd_ci c ON c.ci_key = r.from_key WHERE c.lifecycle <> 'retired'
        ), deps_down (ci_key) AS (
          SELECT ci_key FROM fd_ci WHERE ci_key = :key
          UNION
          SELECT r.to_key FROM fd_ci_relation r JOIN deps_down d ON r.from_key = d.ci_key
            JOIN fd_ci c ON c.ci_key = r.to_key WHERE c.lifecycle <> 'retired'
        ), related (ci_key, direction) AS (
          SELECT ci_key, CASE WHEN ci_key = :key THEN 'self' ELSE 'dependent' END FROM deps_up
          UNION ALL
          SELECT ci_key, 'dependency' FROM deps_down WHERE ci_key <> :key
        )
        """ : """
        WITH RECURSIVE deps_up (ci_key, path, depth) AS (
          SELECT ci_key, CAST('/' || ci_key || '/' AS VARCHAR(1000000)), 0 FROM fd_ci WHERE ci_key = :key
          UNION ALL
          SELECT r.from_key, u.path || r.from_key || '/', u.depth + 1 FROM fd_ci_relation r
            JOIN deps_up u ON r.to_key = u.ci_key JOIN fd_ci c ON c.ci_key = r.from_key
            WHERE c.lifecycle <> 'retired' AND LOCATE('/' || r.from_key || '/', u.path) = 0 AND u.depth < %1$d
        ), deps_down (ci_key, path, depth) AS (
          SELECT ci_key, CAST('/' || ci_key || '/' AS VARCHAR(1000000)), 0 FROM fd_ci WHERE ci_key = :key
          UNION ALL
          SELECT r.to_key, d.path || r.to_key || '/', d.depth + 1 FROM fd_ci_relation r
            JOIN deps_down d ON r.from_key = d.ci_key JOIN fd_ci c ON c.ci_key = r.to_key
            WHERE c.lifecycle <> 'retired' AND LOCATE('/' || r.to_key || '/', d.path) = 0 AND d.depth < %1$d
        ), related (ci_key, direction) AS (
          SELECT DISTINCT ci_key, CASE WHEN ci_key = :key THEN 'self' ELSE 'dependent' END FROM deps_up
          UNION ALL
          SELECT DISTINCT ci_key, 'dependency' FROM deps_down WHERE ci_key <> :key
        )
        """.formatted(CiImpact.MAX_DEPTH);
  }
}
