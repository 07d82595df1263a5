package org.flowdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.flowdesk.ApiClient;
import org.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where attachments are kept: content streamed through in chunks, never as one array; a failed
 * upload leaves nothing behind; the filesystem store as well as the database's. Run with
 * {@code -Ppostgres} too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AttachmentStorageTest {

  static final int FOUR_MB = 4 * 1024 * 1024;

  @Autowired
  Attachments attachments;
  @Autowired
  AttachmentRepository repository;
  @Autowired
  AttachmentChecks checks;
  @Autowired
  TicketService tickets;
  @Autowired
  AttachmentProperties properties;
  @Autowired
  DatabaseStore database;
  @Autowired
  TransactionTemplate transaction;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  TestRestTemplate rest;

  @TempDir
  Path directory;

  String alicesTicket() {
    return ApiClient.read(new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Scanner broken", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3)))
        .get("number").asText();
  }

  /** The same service with its files under {@link #directory}. */
  Attachments inFilesystem() {
    AttachmentProperties filesystem = new AttachmentProperties(AttachmentProperties.Store.FILESYSTEM, directory,
        properties.maxFileSize(), properties.maxTicketSize(), properties.maxFilesPerTicket(),
        properties.maxRequestSize(), properties.allowedTypes(), properties.refusedTypes(),
        properties.refusedExtensions());
    return new Attachments(repository, checks, tickets, filesystem, database);
  }

  /**
   * Text made on the fly, {@code size} bytes, that fails after {@code failAfter} of them; it
   * records the largest piece anyone asked for and refuses to be read whole.
   */
  static final class Probe extends InputStream {
    static int largestRead;
    private final long size;
    private final long failAfter;
    private long position;

    Probe(long size, long failAfter) {
      this.size = size;
      this.failAfter = failAfter;
    }

    static Upload upload(String name, long size, long failAfter) {
      return new Upload(name, size, () -> new Probe(size, failAfter));
    }

    static byte at(long i) {
      return (byte) ('a' + (i * 7 + i / 1000) % 26);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      largestRead = Math.max(largestRead, length);
      if (position >= size) {
        return -1;
      }
      if (position >= failAfter) {
        throw new IOException("The connection broke");
      }
      int n = (int) Math.min(length, Math.min(size, failAfter) - position);
      for (int i = 0; i < n; i++) {
        buffer[offset + i] = at(position + i);
      }
      position += n;
      return n;
    }

    @Override
    public byte[] readAllBytes() {
      throw new AssertionError("an attachment was read whole into memory");
    }

    @Override
    public byte[] readNBytes(int length) {
      throw new AssertionError("an attachment was read whole into memory");
    }
  }

  /** Records the largest single write. */
  static final class Sink extends OutputStream {
    final MessageDigest sha256 = sha256();
    int largestWrite;
    long written;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
      largestWrite = Math.max(largestWrite, length);
      written += length;
      sha256.update(buffer, offset, length);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String expectedSha256(long size) {
    MessageDigest digest = sha256();
    for (long i = 0; i < size; i++) {
      digest.update(at(i));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static byte at(long i) {
    return Probe.at(i);
  }

  Map<String, Long> counts() {
    return Map.of("fd_attachment", count("fd_attachment"), "fd_attachment_chunk", count("fd_attachment_chunk"),
        "fd_timeline_entry", count("fd_timeline_entry"));
  }

  long count(String table) {
    return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
  }

  List<Attachment> attach(Attachments service, String ticket, Upload... uploads) {
    return transaction.execute(status -> service.attach(ticket, service.check(ticket, List.of(uploads)), "alice",
        false, Instant.now()));
  }

  @Test
  void aFewMegabytesAreStreamedInAndOutInChunksNeverAsOneArray() throws Exception {
    String ticket = alicesTicket();
    Probe.largestRead = 0;

    Attachment stored = attach(attachments, ticket, Probe.upload("capture.txt", FOUR_MB, Long.MAX_VALUE)).get(0);

    assertThat(Probe.largestRead).as("the largest piece read at once").isLessThanOrEqualTo(DatabaseStore.CHUNK);
    assertThat(stored.size()).isEqualTo(FOUR_MB);
    assertThat(stored.sha256()).isEqualTo(expectedSha256(FOUR_MB));
    assertThat(jdbc.sql("SELECT COUNT(*), MAX(OCTET_LENGTH(data)) FROM fd_attachment_chunk WHERE attachment_id = ?")
        .param(stored.id()).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
        .containsExactly((long) FOUR_MB / DatabaseStore.CHUNK, (long) DatabaseStore.CHUNK);

    Sink sink = new Sink();
    attachments.copy(stored, sink);
    assertThat(sink.largestWrite).as("the largest piece written at once").isLessThanOrEqualTo(DatabaseStore.CHUNK);
    assertThat(HexFormat.of().formatHex(sink.sha256.digest())).isEqualTo(stored.sha256());

    // Over HTTP, read as a stream.
    String downloaded = ApiClient.as(rest, "alice", "alice").execute(stored.downloadUrl(), HttpMethod.GET, null,
        response -> {
          assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
          assertThat(response.getHeaders().getContentLength()).isEqualTo(FOUR_MB);
          try (DigestInputStream in = new DigestInputStream(response.getBody(), sha256())) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
          }
        });
    assertThat(downloaded).isEqualTo(stored.sha256());

    // A range across a chunk's end, the last bytes, and a range beyond the end.
    int from = DatabaseStore.CHUNK - 10;
    org.springframework.http.HttpHeaders range = new org.springframework.http.HttpHeaders();
    range.set(org.springframework.http.HttpHeaders.RANGE, "bytes=" + from + "-" + (from + 19));
    org.springframework.http.ResponseEntity<byte[]> part = ApiClient.as(rest, "alice", "alice").exchange(
        stored.downloadUrl(), HttpMethod.GET, new org.springframework.http.HttpEntity<>(range), byte[].class);
    assertThat(part.getStatusCode()).isEqualTo(HttpStatus.PARTIAL_CONTENT);
    assertThat(part.getHeaders().getFirst("Content-Range")).isEqualTo("bytes " + from + "-" + (from + 19) + "/" + FOUR_MB);
    byte[] expected = new byte[20];
    for (int i = 0; i < 20; i++) {
      expected[i] = at(from + i);
    }
    assertThat(part.getBody()).isEqualTo(expected);
    range.set(org.springframework.http.HttpHeaders.RANGE, "bytes=-3");
    assertThat(ApiClient.as(rest, "alice", "alice").exchange(stored.downloadUrl(), HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(range), byte[].class).getBody())
        .containsExactly(at(FOUR_MB - 3), at(FOUR_MB - 2), at(FOUR_MB - 1));
    range.set(org.springframework.http.HttpHeaders.RANGE, "bytes=" + FOUR_MB + "-");
    org.springframework.http.ResponseEntity<String> beyond = ApiClient.as(rest, "alice", "alice").exchange(
        stored.downloadUrl(), HttpMethod.GET, new org.springframework.http.HttpEntity<>(range), String.class);
    assertThat(beyond.getStatusCode()).isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
    assertThat(beyond.getHeaders().getFirst("Content-Range")).isEqualTo("bytes */" + FOUR_MB);
    // A range of another version of the file (If-Range) gets the whole file.
    range.set(org.springframework.http.HttpHeaders.RANGE, "bytes=0-9");
    range.set(org.springframework.http.HttpHeaders.IF_RANGE, "\"another\"");
    assertThat(ApiClient.as(rest, "alice", "alice").exchange(stored.downloadUrl(), HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(range), byte[].class).getBody()).hasSize(FOUR_MB);
  }

  @Test
  void anUploadThatBreaksOffLeavesNoRecordNoChunkAndNoFileInEitherStore() throws Exception {
    String ticket = alicesTicket();
    for (Attachments service : List.of(attachments, inFilesystem())) {
      Map<String, Long> before = counts();
      Upload good = Probe.upload("first.txt", 600_000, Long.MAX_VALUE);
      Upload breaking = Probe.upload("second.txt", 2_000_000, 1_000_000);
      // Both pass the checks (which read only the start); the second breaks off while it is stored.
      List<CheckedUpload> checked = service.check(ticket, List.of(good, breaking));

      assertThatThrownBy(() -> transaction.execute(status -> service.attach(ticket, checked, "alice", false,
          Instant.now()))).hasRootCauseMessage("The connection broke");

      assertThat(counts()).isEqualTo(before);
      try (Stream<Path> files = java.nio.file.Files.walk(directory)) {
        assertThat(files.filter(java.nio.file.Files::isRegularFile)).isEmpty();
      }
    }
    assertThat(attachments.list(ticket, true)).isEmpty();
  }

  @Test
  void theFilesystemStoreKeepsEachFileUnderItsDirectoryUntilItsAttachmentIsRemoved() throws Exception {
    String ticket = alicesTicket();
    Attachments filesystem = inFilesystem();
    long chunks = count("fd_attachment_chunk");

    List<Attachment> stored = attach(filesystem, ticket, Probe.upload("one.txt", 300_000, Long.MAX_VALUE),
        Probe.upload("two.txt", 1_000_000, Long.MAX_VALUE));

    assertThat(count("fd_attachment_chunk")).as("nothing in the database but the records").isEqualTo(chunks);
    assertThat(stored).extracting(Attachment::store).containsOnly("filesystem");
    FilesystemStore files = new FilesystemStore(directory);
    for (Attachment attachment : stored) {
      assertThat(files.path(attachment.storageKey())).isRegularFile().hasSize(attachment.size());
      Sink sink = new Sink();
      filesystem.copy(attachment, sink);
      assertThat(HexFormat.of().formatHex(sink.sha256.digest())).isEqualTo(expectedSha256(attachment.size()));
    }
    java.io.ByteArrayOutputStream slice = new java.io.ByteArrayOutputStream();
    filesystem.copy(stored.get(1), 70_000, 5, slice);
    assertThat(slice.toByteArray()).containsExactly(at(70_000), at(70_001), at(70_002), at(70_003), at(70_004));
    // The record says where its content is: moving to the filesystem store keeps what the database holds.
    Attachment inDatabase = attach(attachments, ticket, Probe.upload("old.txt", 1000, Long.MAX_VALUE)).get(0);
    Sink old = new Sink();
    filesystem.copy(inDatabase, old);
    assertThat(old.written).isEqualTo(1000);
    assertThatThrownBy(() -> attachments.copy(stored.get(0), new Sink())).hasMessageContaining(
        "is in the filesystem store, which is not configured");

    transaction.executeWithoutResult(status -> filesystem.delete(stored.get(0), "bob", Instant.now()));

    assertThat(files.path(stored.get(0).storageKey())).doesNotExist();
    assertThat(files.path(stored.get(1).storageKey())).exists();
    assertThat(filesystem.list(ticket, true)).extracting(Attachment::name).containsExactly("two.txt", "old.txt");
  }
}
