package org.flowdesk.cluster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A large log file made up as it is read (never held in memory): lines of letters, the same
 * bytes for the same size every time, so its SHA-256 can be known without keeping it; and a
 * multipart upload of it that announces its length.
 */
public final class LargeFile {

  static final String BOUNDARY = "----flowdesk-large-file";

  private LargeFile() {
  }

  /** Byte {@code i} of every large file: letters, a line break every 100 bytes. */
  static byte at(long i) {
    return i % 100 == 99 ? (byte) '\n' : (byte) ('a' + (i % 100) % 26);
  }

  public static InputStream content(long size) {
    return new InputStream() {
      long position;

      @Override
      public int read() {
        return position < size ? at(position++) : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
          return -1;
        }
        int n = (int) Math.min(length, size - position);
        for (int k = 0; k < n; k++) {
          buffer[offset + k] = at(position++);
        }
        return n;
      }
    };
  }

  public static String sha256(long size) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = content(size)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The request body for a multipart upload of one large file as part "files", with its length. */
  public static HttpRequest.BodyPublisher multipart(String fileName, long size) {
    byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
        + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    Flow.Publisher<java.nio.ByteBuffer> stream = HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
        java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head), content(size),
            new ByteArrayInputStream(tail)))));
    return HttpRequest.BodyPublishers.fromPublisher(stream, head.length + size + tail.length);
  }

  static String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  /** Reads a response body to its end, counting and hashing it. */
  public record Received(long bytes, String sha256) {
    static Received of(InputStream body) throws IOException {
      try (InputStream in = body) {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
          total += n;
        }
        return new Received(total, HexFormat.of().formatHex(digest.digest()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
