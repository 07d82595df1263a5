package org.flowdesk.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where attachments' content is kept. A store writes and reads in pieces, never a whole file in
 * memory; what it writes within a transaction is gone again if the transaction rolls back.
 */
interface AttachmentStore {

  AttachmentProperties.Store kind();

  /**
   * Keeps the content of attachment {@code id}.
   *
   * @return the key under which the store finds it again, or null if the id is enough
   */
  String write(long id, InputStream content) throws IOException;

  /** Writes {@code length} bytes of the attachment's content from {@code from} to {@code out}, a piece at a time. */
  void copy(Attachment attachment, long from, long length, OutputStream out) throws IOException;

  /** Removes the content when the transaction commits (at once outside one). */
  void delete(Attachment attachment);
}
