package org.flowdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Attachments in the database, 256 kB a row of {@code fd_attachment_chunk}: every node of a
 * cluster serves every file, a backup of the database holds them, and the rows are written in
 * the transaction of the ticket or comment they came with. One chunk is in memory at a time.
 */
@Component
class DatabaseStore implements AttachmentStore {

  static final int CHUNK = 256 * 1024;

  private final JdbcClient jdbc;

  DatabaseStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public AttachmentProperties.Store kind() {
    return AttachmentProperties.Store.DATABASE;
  }

  @Override
  public String write(long id, InputStream content) throws IOException {
    byte[] buffer = new byte[CHUNK];
    int seq = 0;
    int read;
    while ((read = content.readNBytes(buffer, 0, CHUNK)) > 0) {
      jdbc.sql("INSERT INTO fd_attachment_chunk (attachment_id, seq, data) VALUES (?, ?, ?)")
          .params(id, seq++, read == CHUNK ? buffer : Arrays.copyOf(buffer, read)).update();
    }
    return null;
  }

  @Override
  public void copy(Attachment attachment, long from, long length, OutputStream out) throws IOException {
    long end = from + length;
    for (long seq = from / CHUNK; seq * CHUNK < end; seq++) {
      byte[] data = jdbc.sql("SELECT data FROM fd_attachment_chunk WHERE attachment_id = ? AND seq = ?")
          .params(attachment.id(), seq).query((rs, n) -> rs.getBytes(1)).optional()
          .orElseThrow(() -> new IOException("Attachment " + attachment.id() + " was removed while being read"));
      long chunkStart = seq * CHUNK;
      int offset = (int) Math.max(0, from - chunkStart);
      int stop = (int) Math.min(data.length, end - chunkStart);
      out.write(data, offset, stop - offset);
    }
  }

  @Override
  public void delete(Attachment attachment) {
    // The chunks go with their attachment's row (ON DELETE CASCADE), in the same transaction.
  }
}
