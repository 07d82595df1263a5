package org.flowdesk.attachment;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Attachments as files under one directory (which every node of a cluster must share), each
 * named by a random key in a folder of its first two characters. A file is written to a
 * temporary name, flushed to disk and then renamed, so a file under its key is always whole; a
 * rollback removes it, and a removal happens only once the transaction has committed.
 */
class FilesystemStore implements AttachmentStore {

  private static final Logger LOG = LoggerFactory.getLogger(FilesystemStore.class);

  private final Path root;

  FilesystemStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public AttachmentProperties.Store kind() {
    return AttachmentProperties.Store.FILESYSTEM;
  }

  @Override
  public String write(long id, InputStream content) throws IOException {
    String key = UUID.randomUUID().toString();
    Path target = path(key);
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), key, ".part");
    try (FileOutputStream out = new FileOutputStream(partial.toFile())) {
      content.transferTo(out);
      out.getFD().sync();
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    afterRollback(() -> remove(target));
    return key;
  }

  @Override
  public void copy(Attachment attachment, long from, long length, OutputStream out) throws IOException {
    try (InputStream in = Files.newInputStream(path(attachment.storageKey()))) {
      in.skipNBytes(from);
      byte[] buffer = new byte[64 * 1024];
      long left = length;
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IOException("Attachment " + attachment.id() + " is shorter than its record says");
        }
        out.write(buffer, 0, read);
        left -= read;
      }
    }
  }

  @Override
  public void delete(Attachment attachment) {
    Path file = path(attachment.storageKey());
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      remove(file);
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        remove(file);
      }
    });
  }

  Path path(String key) {
    if (key == null || !key.matches("[0-9a-f-]{36}")) {
      throw new IllegalStateException("Not a key of the filesystem store: " + key);
    }
    return root.resolve(key.substring(0, 2)).resolve(key);
  }

  private static void afterRollback(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            action.run();
          }
        }
      });
    }
  }

  private static void remove(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not remove attachment file {}; remove it by hand", file, e);
    }
  }
}
