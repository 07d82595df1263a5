package org.flowdesk.attachment;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The attachment records in {@code fd_attachment}, in SQL that H2 and PostgreSQL both run. */
@Repository
class AttachmentRepository {

  /** How many attachments a ticket has and how many bytes they hold. */
  record Totals(int files, long bytes) {
  }

  private final JdbcClient jdbc;

  AttachmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A record for content about to be written; its size and hash follow once it is. It belongs to
   * a ticket or (ticket null) to an article.
   */
  long insert(String ticket, String article, String name, String contentType, String uploadedBy, Instant at,
      boolean internal, AttachmentProperties.Store store) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO fd_attachment (ticket_number, article_id, file_name, size_bytes, content_type, sha256,
            uploaded_by, uploaded_at, internal, store) VALUES (?, ?, ?, 0, ?, '', ?, ?, ?, ?)""")
        .params(ticket, article, name, contentType, uploadedBy, utc(at), internal, store.id()).update(key, "id");
    return key.getKey().longValue();
  }

  void written(long id, long size, String sha256, String storageKey) {
    jdbc.sql("UPDATE fd_attachment SET size_bytes = ?, sha256 = ?, storage_key = ? WHERE id = ?")
        .params(size, sha256, storageKey, id).update();
  }

  List<Attachment> ofTicket(String ticket, boolean withInternal) {
    return jdbc.sql("SELECT * FROM fd_attachment WHERE ticket_number = ?" + (withInternal ? "" : " AND internal = FALSE")
        + " ORDER BY id").param(ticket).query(AttachmentRepository::attachment).list();
  }

  Optional<Attachment> find(String ticket, long id) {
    return jdbc.sql("SELECT * FROM fd_attachment WHERE ticket_number = ? AND id = ?").params(ticket, id)
        .query(AttachmentRepository::attachment).optional();
  }

  List<Attachment> ofArticle(String article) {
    return jdbc.sql("SELECT * FROM fd_attachment WHERE article_id = ? ORDER BY id").param(article)
        .query(AttachmentRepository::attachment).list();
  }

  Optional<Attachment> findOfArticle(String article, long id) {
    return jdbc.sql("SELECT * FROM fd_attachment WHERE article_id = ? AND id = ?").params(article, id)
        .query(AttachmentRepository::attachment).optional();
  }

  Totals articleTotals(String article) {
    return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM fd_attachment WHERE article_id = ?")
        .param(article).query((rs, n) -> new Totals(rs.getInt(1), rs.getLong(2))).single();
  }

  void delete(long id) {
    jdbc.sql("DELETE FROM fd_attachment WHERE id = ?").param(id).update();
  }

  /**
   * The ticket's totals, its row locked until the transaction ends: two uploads to one ticket at
   * once are checked against its limits one after the other.
   */
  Totals lockedTotals(String ticket) {
    jdbc.sql("SELECT ticket_number FROM fd_ticket WHERE ticket_number = ? FOR UPDATE").param(ticket)
        .query(String.class).optional();
    return totals(ticket);
  }

  Totals totals(String ticket) {
    return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(size_bytes), 0) FROM fd_attachment WHERE ticket_number = ?")
        .param(ticket).query((rs, n) -> new Totals(rs.getInt(1), rs.getLong(2))).single();
  }

  private static Attachment attachment(ResultSet rs, int row) throws SQLException {
    return new Attachment(rs.getLong("id"), rs.getString("ticket_number"), rs.getString("file_name"),
        rs.getLong("size_bytes"), rs.getString("content_type"), rs.getString("sha256"), rs.getString("uploaded_by"),
        instant(rs, "uploaded_at"), rs.getBoolean("internal"), rs.getString("store"), rs.getString("storage_key"),
        rs.getString("article_id"));
  }
}
