package org.flowdesk.knowledge;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What the knowledge base achieves and what it lacks, for knowledge authors (agents) and administrators. */
@RestController
@Tag(name = "Knowledge")
class KnowledgeMeasures {

  private final JdbcClient jdbc;
  private final AgentGroups agentGroups;
  private final Clock clock;

  KnowledgeMeasures(JdbcClient jdbc, AgentGroups agentGroups, Clock clock) {
    this.jdbc = jdbc;
    this.agentGroups = agentGroups;
    this.clock = clock;
  }

  @Schema(name = "KnowledgeMeasures", description = "The last twelve months of the knowledge base")
  record Measures(
      @Schema(description = "Deflections per service and month (UTC, yyyy-MM)") Map<String, Map<String, Long>> deflections,
      @Schema(description = "Published articles, most viewed first") List<ArticleFigures> articles,
      @Schema(description = "Articles whose periodic review is due") List<String> dueForReview,
      @Schema(description = "What people searched for and did not find, most often first") List<Miss> searchesWithoutResult) {
  }

  @Schema(name = "ArticleFigures")
  record ArticleFigures(String id, String title, String service, long views, long helpful, long notHelpful) {
  }

  @Schema(name = "SearchMiss")
  record Miss(String words, long times) {
  }

  @Operation(operationId = "knowledgeMeasures", summary = "Knowledge measures",
      description = "Deflections per service and month, article views and helpfulness, articles due for review and "
          + "searches that found nothing (the last twelve months), for agents and administrators.")
  @ApiResponse(responseCode = "200", description = "The measures")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/api/knowledge/measures")
  Measures measures(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && !agentGroups.isAgent(user)) {
      throw new ForbiddenException("The knowledge measures are for agents and administrators.");
    }
    Instant since = clock.instant().atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
    Map<String, Map<String, Long>> deflections = new TreeMap<>();
    jdbc.sql("SELECT service, deflected_at FROM fd_deflection WHERE deflected_at >= ?").param(utc(since))
        .query(rs -> {
          String month = YearMonth.from(instant(rs, "deflected_at").atOffset(ZoneOffset.UTC)).toString();
          deflections.computeIfAbsent(rs.getString("service"), s -> new TreeMap<>()).merge(month, 1L, Long::sum);
        });
    List<ArticleFigures> articles = jdbc.sql("SELECT a.id, a.title, a.service, a.views, "
        + "COALESCE(SUM(CASE WHEN v.helpful THEN 1 ELSE 0 END), 0) AS helpful, "
        + "COALESCE(SUM(CASE WHEN v.helpful THEN 0 ELSE 1 END), 0) AS not_helpful, COUNT(v.voter) AS votes "
        + "FROM fd_article a LEFT JOIN fd_article_vote v ON v.article_id = a.id WHERE a.published_version IS NOT NULL "
        + "AND a.status <> ? GROUP BY a.id, a.title, a.service, a.views ORDER BY a.views DESC, a.id LIMIT 200")
        .param(Article.RETIRED)
        .query((rs, n) -> new ArticleFigures(rs.getString("id"), rs.getString("title"), rs.getString("service"),
            rs.getLong("views"), rs.getInt("votes") == 0 ? 0 : rs.getLong("helpful"),
            rs.getInt("votes") == 0 ? 0 : rs.getLong("not_helpful")))
        .list();
    List<String> due = jdbc.sql("SELECT id FROM fd_article WHERE status = ? ORDER BY id").param(Article.DUE_FOR_REVIEW)
        .query(String.class).list();
    List<Miss> misses = jdbc.sql("SELECT LOWER(query_text) AS words, COUNT(*) AS times FROM fd_search_miss "
        + "WHERE searched_at >= ? GROUP BY LOWER(query_text) ORDER BY times DESC, words LIMIT 100").param(utc(since))
        .query((rs, n) -> new Miss(rs.getString("words"), rs.getLong("times"))).list();
    return new Measures(deflections, articles, due, misses);
  }
}
