package org.flowdesk.attachment;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowdesk.language.Sizes;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attaching files to tickets (and to knowledge articles), listing, reading and removing them. Every file is checked first
 * ({@link AttachmentChecks}); then its record and content are written in the caller's
 * transaction (the ticket's or comment's), each on the ticket's timeline, visible as the
 * attachment is. Content is streamed through, hashed on the way, never held whole in memory.
 */
@Service
@Transactional
public class Attachments {

  private static final Logger LOG = LoggerFactory.getLogger(Attachments.class);
  private static final String AN_ARTICLE = "an article";

  /** A file of a mail that was not attached, and why. */
  public record Refusal(String file, String reason) {
  }

  private final AttachmentRepository repository;
  private final AttachmentChecks checks;
  private final TicketService tickets;
  private final AttachmentProperties properties;
  private final Map<AttachmentProperties.Store, AttachmentStore> stores;

  Attachments(AttachmentRepository repository, AttachmentChecks checks, TicketService tickets,
      AttachmentProperties properties, DatabaseStore database) {
    this.repository = repository;
    this.checks = checks;
    this.tickets = tickets;
    this.properties = properties;
    List<AttachmentStore> all = new ArrayList<>(List.of(database));
    if (properties.directory() != null) {
      all.add(new FilesystemStore(properties.directory()));
    }
    this.stores = all.stream().collect(Collectors.toMap(AttachmentStore::kind, Function.identity()));
  }

  /**
   * Checks files that come with a new ticket or before anything is written, so that a refused
   * file refuses the whole request.
   */
  @Transactional(readOnly = true)
  public List<CheckedUpload> check(List<Upload> uploads) {
    return checks.check(uploads, 0, 0);
  }

  /** Checks files against an existing ticket's limits as well. */
  @Transactional(readOnly = true)
  public List<CheckedUpload> check(String ticket, List<Upload> uploads) {
    AttachmentRepository.Totals totals = repository.totals(ticket);
    return checks.check(uploads, totals.files(), totals.bytes());
  }

  /**
   * Attaches checked files to the ticket in the caller's transaction; the ticket's limits are
   * checked again with its row locked, so uploads racing each other cannot pass them together.
   */
  public List<Attachment> attach(String ticket, List<CheckedUpload> files, String actor, boolean internal,
      Instant at) {
    if (files.isEmpty()) {
      return List.of();
    }
    AttachmentRepository.Totals totals = repository.lockedTotals(ticket);
    int count = totals.files();
    long bytes = totals.bytes();
    for (CheckedUpload file : files) {
      checks.withinTicketLimits(file.name(), ++count, bytes += file.size());
    }
    List<Attachment> attached = new ArrayList<>();
    for (CheckedUpload file : files) {
      attached.add(write(ticket, file, actor, internal, at));
    }
    return attached;
  }

  /**
   * Attaches what passes the checks and answers what did not, for mail: a refused file never
   * stops the mail's text.
   */
  public List<Refusal> attachWhatPasses(String ticket, List<Upload> uploads, String actor, boolean internal,
      Instant at) {
    List<Refusal> refused = new ArrayList<>();
    AttachmentRepository.Totals totals = repository.lockedTotals(ticket);
    int count = totals.files();
    long bytes = totals.bytes();
    for (Upload upload : uploads) {
      try {
        CheckedUpload file = checks.check(upload);
        checks.withinTicketLimits(file.name(), count + 1, bytes + file.size());
        write(ticket, file, actor, internal, at);
        count++;
        bytes += file.size();
      } catch (AttachmentRefusedException e) {
        refused.add(new Refusal(e.file(), e.reason()));
        tickets.recordAttachment(ticket, "attachment_refused", actor, internal,
            "Not attached: " + e.file() + " (" + e.reason() + ")", at);
        LOG.info("{} attachment {} from {} refused: {}", ticket, e.file(), actor, e.reason());
      }
    }
    return refused;
  }

  /**
   * Checks files against an article's limits (the per-ticket ones) before anything is written; a
   * refused file refuses them all.
   */
  @Transactional(readOnly = true)
  public List<CheckedUpload> checkForArticle(String article, List<Upload> uploads) {
    AttachmentRepository.Totals totals = repository.articleTotals(article);
    return checks.check(uploads, totals.files(), totals.bytes(), AN_ARTICLE);
  }

  /**
   * Attaches checked files to a knowledge article in the caller's transaction, which holds the
   * article's row locked (so that uploads racing each other cannot pass the limits together).
   * An article's files are seen by whoever may read the article: none is internal.
   */
  public List<Attachment> attachToArticle(String article, List<CheckedUpload> files, String actor, Instant at) {
    AttachmentRepository.Totals totals = repository.articleTotals(article);
    int count = totals.files();
    long bytes = totals.bytes();
    for (CheckedUpload file : files) {
      checks.withinLimits(file.name(), ++count, bytes += file.size(), AN_ARTICLE);
    }
    List<Attachment> attached = new ArrayList<>();
    for (CheckedUpload file : files) {
      attached.add(write(null, article, file, actor, false, at));
    }
    return attached;
  }

  @Transactional(readOnly = true)
  public List<Attachment> ofArticle(String article) {
    return repository.ofArticle(article);
  }

  @Transactional(readOnly = true)
  public Optional<Attachment> findOfArticle(String article, long id) {
    return repository.findOfArticle(article, id);
  }

  private Attachment write(String ticket, CheckedUpload file, String actor, boolean internal, Instant at) {
    return write(ticket, null, file, actor, internal, at);
  }

  /** Writes the record and content of a ticket's file, or (ticket null) of an article's. */
  private Attachment write(String ticket, String article, CheckedUpload file, String actor, boolean internal,
      Instant at) {
    String owner = ticket != null ? ticket : article;
    AttachmentStore store = stores.get(properties.store());
    long id = repository.insert(ticket, article, file.name(), file.contentType(), actor, at, internal, store.kind());
    MessageDigest sha256 = sha256();
    String key;
    long size;
    try (CountingInputStream counted = new CountingInputStream(new DigestInputStream(
        file.upload().content().getInputStream(), sha256), properties.maxFileSize().toBytes(), file.name())) {
      key = store.write(id, counted);
      size = counted.count;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store " + file.name() + " of " + owner, e);
    }
    String hash = HexFormat.of().formatHex(sha256.digest());
    repository.written(id, size, hash, key);
    if (ticket != null) {
      tickets.recordAttachment(ticket, "attachment_added", actor, internal,
          "Attached " + file.name() + " (" + file.contentType() + ", " + Sizes.words(size) + ")", at);
    }
    LOG.info("{} attachment {} ({}, {} bytes) by {}", owner, file.name(), file.contentType(), size, actor);
    return new Attachment(id, ticket, file.name(), size, file.contentType(), hash, actor, at, internal,
        store.kind().id(), key, article);
  }

  @Transactional(readOnly = true)
  public List<Attachment> list(String ticket, boolean withInternal) {
    return repository.ofTicket(ticket, withInternal);
  }

  @Transactional(readOnly = true)
  public Optional<Attachment> find(String ticket, long id, boolean withInternal) {
    return repository.find(ticket, id).filter(a -> withInternal || !a.internal());
  }

  /** Writes the content to {@code out} a piece at a time, outside any transaction. */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
  public void copy(Attachment attachment, OutputStream out) throws IOException {
    copy(attachment, 0, attachment.size(), out);
  }

  /** Writes {@code length} bytes of the content from {@code from} (a range request). */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
  public void copy(Attachment attachment, long from, long length, OutputStream out) throws IOException {
    AttachmentStore store = stores.get(AttachmentProperties.Store.of(attachment.store()));
    if (store == null) {
      throw new IllegalStateException("Attachment " + attachment.id() + " is in the " + attachment.store()
          + " store, which is not configured (flowdesk.attachments.directory)");
    }
    store.copy(attachment, from, length, out);
  }

  /** Removes the attachment and its content; a ticket's timeline says so. */
  public void delete(Attachment attachment, String actor, Instant at) {
    repository.delete(attachment.id());
    AttachmentStore store = stores.get(AttachmentProperties.Store.of(attachment.store()));
    if (store != null) {
      store.delete(attachment);
    }
    if (attachment.ticketNumber() != null) {
      tickets.recordAttachment(attachment.ticketNumber(), "attachment_removed", actor, attachment.internal(),
          "Removed attachment " + attachment.name(), at);
    }
    LOG.info("{} attachment {} ({}) removed by {}",
        attachment.ticketNumber() != null ? attachment.ticketNumber() : attachment.articleId(), attachment.id(),
        attachment.name(), actor);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts what passes and refuses more than the limit, should the content grow after its check. */
  private static final class CountingInputStream extends FilterInputStream {
    private final long limit;
    private final String name;
    private long count;

    CountingInputStream(InputStream in, long limit, String name) {
      super(in);
      this.limit = limit;
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw new AttachmentRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, name, "a file may be at most "
            + Sizes.words(limit));
      }
    }
  }
}
