package org.flowdesk.knowledge;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
    insert(id, Article.KIND_ARTICLE, service, text, author, sourceTicket, at);
  }

  void insert(String id, String kind, String service, Article.Text text, String author, String sourceTicket,
      Instant at) {
    jdbc.sql("INSERT INTO fd_article (id, kind, title, body, service, category, audience, language, keywords, author, "
        + "status, source_ticket, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, kind, text.title(), text.body(), service, text.category(), text.audience(), text.language(),
            text.keywords(), author, Article.DRAFT, sourceTicket, utc(at), utc(at))
        .update();
  }

  /** The articles of this kind written from the ticket, the newest first. */
  List<Article> fromTicket(String ticket, String kind) {
    return jdbc.sql("SELECT * FROM fd_article WHERE source_ticket = ? AND kind = ? ORDER BY created_at DESC, id DESC")
        .params(ticket, kind).query(ArticleRepository::article).list();
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

  /**
   * Who may find which articles in a list, as {@link Articles#visibleArticle} decides for one: an
   * administrator all; others those they wrote, those of the services their groups own, and the
   * readable ones (published, not retired) of their audience.
   */
  record Visibility(boolean all, String user, Collection<String> ownedServices, boolean agent,
      Collection<String> groups) {
  }

  /** What a list asks for: each null or false is no filter. */
  record Filter(Visibility visibleTo, String status, String author, String service, boolean waitingForReview) {
  }

  /** One line of a list: the working copy's record and the published version's title. */
  record Listed(Article article, String publishedTitle) {
  }

  /** A page of the articles the filter finds, the last changed first; what the caller may not see is left out here. */
  List<Listed> list(Filter filter, int page, int size) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    params.add(size);
    params.add((long) page * size);
    return jdbc.sql("SELECT a.*, v.title AS published_title FROM fd_article a LEFT JOIN fd_article_version v "
        + "ON v.article_id = a.id AND v.version = a.published_version" + where
        + " ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?").params(params)
        .query((rs, row) -> new Listed(article(rs, row), rs.getString("published_title"))).list();
  }

  long count(Filter filter) {
    List<Object> params = new ArrayList<>();
    String where = where(filter, params);
    return jdbc.sql("SELECT COUNT(*) FROM fd_article a" + where).params(params).query(Long.class).single();
  }

  private static String where(Filter filter, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    Visibility visibility = filter.visibleTo();
    if (!visibility.all()) {
      where.append(" AND (a.author = ?");
      params.add(visibility.user());
      if (!visibility.ownedServices().isEmpty()) {
        where.append(" OR a.service IN (").append(placeholders(visibility.ownedServices().size())).append(")");
        params.addAll(visibility.ownedServices());
      }
      where.append(" OR (a.published_version IS NOT NULL AND a.status <> ?");
      params.add(Article.RETIRED);
      if (!visibility.agent()) {
        where.append(" AND a.audience = 'everyone'");
      }
      where.append("))");
    }
    if (filter.status() != null) {
      where.append(" AND a.status = ?");
      params.add(filter.status());
    }
    if (filter.author() != null) {
      where.append(" AND a.author = ?");
      params.add(filter.author());
    }
    if (filter.service() != null) {
      where.append(" AND a.service = ?");
      params.add(filter.service());
    }
    if (filter.waitingForReview()) {
      // A step of the article's process offered to one of the caller's groups (an administrator: to any
      // group): who reviews is the model's candidateGroups, not a rule of this class.
      if (!visibility.all() && visibility.groups().isEmpty()) {
        where.append(" AND 1 = 0");
      } else {
        where.append(" AND EXISTS (SELECT 1 FROM ACT_RU_EXECUTION e JOIN ACT_RU_TASK k ON k.PROC_INST_ID_ = e.ID_ "
            + "JOIN ACT_RE_PROCDEF d ON d.ID_ = k.PROC_DEF_ID_ JOIN ACT_RU_IDENTITYLINK l ON l.TASK_ID_ = k.ID_ "
            + "WHERE e.BUSINESS_KEY_ = a.id AND e.PARENT_ID_ IS NULL AND d.KEY_ = ? AND l.TYPE_ = 'candidate'");
        params.add(Articles.PROCESS_KEY);
        if (!visibility.all()) {
          where.append(" AND l.GROUP_ID_ IN (").append(placeholders(visibility.groups().size())).append(")");
          params.addAll(visibility.groups());
        }
        where.append(")");
      }
    }
    return where.toString();
  }

  private static String placeholders(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
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
        instant(rs, "published_at"), rs.getString("kind"));
  }

  private static Article.Version version(ResultSet rs, int row) throws SQLException {
    return new Article.Version(rs.getInt("version"), rs.getString("title"), rs.getString("body"),
        rs.getString("category"), rs.getString("keywords"), instant(rs, "published_at"), rs.getString("approved_by"));
  }
}
