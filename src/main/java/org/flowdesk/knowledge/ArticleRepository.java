package org.flowdesk.knowledge;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.flowdesk.Database;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Articles, their published versions, votes and deflections, in SQL that H2 and PostgreSQL both run. */
@Repository
class ArticleRepository {

  private final JdbcClient jdbc;
  private final boolean postgres;

  ArticleRepository(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.postgres = Database.isPostgres(dataSource);
  }

  String nextId() {
    long next = jdbc.sql(Database.nextValue(postgres, "fd_article_number")).query(Long.class).single();
    return String.format("KB-%06d", next);
  }

  void insert(String id, String service, Article.Text text, String author, String sourceTicket, Instant at) {
    jdbc.sql("INSERT INTO fd_article (id, title, body, service, category, audience, language, keywords, author, "
        + "status, source_ticket, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, text.title(), text.body(), service, text.category(), text.audience(), text.language(),
            text.keywords(), author, Article.DRAFT, sourceTicket, utc(at), utc(at))
        .update();
  }

  void lock(String id) {
    jdbc.sql("SELECT id FROM fd_article WHERE id = ? FOR UPDATE").param(id).query(String.class).optional();
  }

  Optional<Article> find(String id) {
    return jdbc.sql("SELECT * FROM fd_article WHERE id = ?").param(id).query(ArticleRepository::article).optional();
  }

  void updateText(String id, Article.Text text, Instant at) {
    jdbc.sql("UPDATE fd_article SET title = ?, body = ?, category = ?, audience = ?, language = ?, keywords = ?, "
        + "updated_at = ? WHERE id = ?")
        .params(text.title(), text.body(), text.category(), text.audience(), text.language(), text.keywords(), utc(at),
            id)
        .update();
  }

  void setStatus(String id, String status, Instant at) {
    jdbc.sql("UPDATE fd_article SET status = ?, updated_at = ? WHERE id = ?").params(status, utc(at), id).update();
  }

  /** Who reviewed the article last and why they sent it back (null when they approved). */
  void setReview(String id, String reviewer, String note) {
    jdbc.sql("UPDATE fd_article SET reviewed_by = ?, review_note = ? WHERE id = ?").params(reviewer, note, id).update();
  }

  /** The working copy becomes the next published version. */
  int publish(Article article, Instant at) {
    int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM fd_article_version WHERE article_id = ?")
        .param(article.id()).query(Integer.class).single();
    jdbc.sql("INSERT INTO fd_article_version (article_id, version, title, body, category, keywords, published_at, "
        + "approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(article.id(), version, article.title(), article.body(), article.category(), article.keywords(),
            utc(at), article.reviewedBy())
        .update();
    jdbc.sql("UPDATE fd_article SET status = ?, published_version = ?, published_at = ?, review_note = NULL, "
        + "updated_at = ? WHERE id = ?").params(Article.PUBLISHED, version, utc(at), utc(at), article.id()).update();
    return version;
  }

  List<Article.Version> versions(String id) {
    return jdbc.sql("SELECT * FROM fd_article_version WHERE article_id = ? ORDER BY version").param(id)
        .query(ArticleRepository::version).list();
  }

  Optional<Article.Version> version(String id, int version) {
    return jdbc.sql("SELECT * FROM fd_article_version WHERE article_id = ? AND version = ?").params(id, version)
        .query(ArticleRepository::version).optional();
  }

  void countView(String id) {
    jdbc.sql("UPDATE fd_article SET views = views + 1 WHERE id = ?").param(id).update();
  }

  /** The person's vote on the article, replacing an earlier one. */
  void vote(String id, String voter, boolean helpful, String comment, Instant at) {
    jdbc.sql("DELETE FROM fd_article_vote WHERE article_id = ? AND voter = ?").params(id, voter).update();
    jdbc.sql("INSERT INTO fd_article_vote (article_id, voter, helpful, comment, voted_at) VALUES (?, ?, ?, ?, ?)")
        .params(id, voter, helpful, comment, utc(at)).update();
  }

  /** Helpful and not helpful votes. */
  long[] votes(String id) {
    return jdbc.sql("SELECT COALESCE(SUM(CASE WHEN helpful THEN 1 ELSE 0 END), 0), "
        + "COALESCE(SUM(CASE WHEN helpful THEN 0 ELSE 1 END), 0) FROM fd_article_vote WHERE article_id = ?")
        .param(id).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
  }

  void deflect(String id, String service, Instant at) {
    jdbc.sql("INSERT INTO fd_deflection (article_id, service, deflected_at) VALUES (?, ?, ?)")
        .params(id, service, utc(at)).update();
  }

  private static Article article(ResultSet rs, int row) throws SQLException {
    int version = rs.getInt("published_version");
    Integer published = rs.wasNull() ? null : version;
    return new Article(rs.getString("id"), rs.getString("title"), rs.getString("body"), rs.getString("service"),
        rs.getString("category"), rs.getString("audience"), rs.getString("language"), rs.getString("keywords"),
        rs.getString("author"), rs.getString("status"), published, rs.getString("source_ticket"),
        rs.getString("review_note"), rs.getString("reviewed_by"), rs.getLong("views"), instant(rs, "created_at"), instant(rs, "updated_at"),
        instant(rs, "published_at"));
  }

  private static Article.Version version(ResultSet rs, int row) throws SQLException {
    return new Article.Version(rs.getInt("version"), rs.getString("title"), rs.getString("body"),
        rs.getString("category"), rs.getString("keywords"), instant(rs, "published_at"), rs.getString("approved_by"));
  }
}
