package org.flowdesk.attachment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.flowdesk.api.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;

/**
 * How an attachment the caller may see is sent, whoever it belongs to (a ticket, a knowledge
 * article): always as a download with the type its content showed, never run in FlowDesk's
 * origin, one byte range answered with 206; and its preview, drawn anew from the image.
 */
@Component
public class AttachmentResponses {

  private final Attachments attachments;
  private final Thumbnails thumbnails;

  AttachmentResponses(Attachments attachments, Thumbnails thumbnails) {
    this.attachments = attachments;
    this.thumbnails = thumbnails;
  }

  /** The content, or the one range asked for (If-Range: only while the ETag is the file's). */
  public void download(Attachment attachment, String range, String ifRange, HttpServletResponse response)
      throws IOException {
    String etag = "\"" + attachment.sha256() + "\"";
    long[] slice = ifRange != null && !ifRange.equals(etag) ? null : slice(range, attachment.size());
    response.setContentType(attachment.contentType());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(attachment.name()));
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    response.setHeader(HttpHeaders.ETAG, etag);
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    if (slice == null) {
      response.setContentLengthLong(attachment.size());
      attachments.copy(attachment, response.getOutputStream());
      return;
    }
    response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
    response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + slice[0] + "-" + (slice[0] + slice[1] - 1) + "/"
        + attachment.size());
    response.setContentLengthLong(slice[1]);
    attachments.copy(attachment, slice[0], slice[1], response.getOutputStream());
  }

  /** The preview of an image attachment (404 for other files), 304 for the one the caller has. */
  public void thumbnail(Attachment attachment, String ifNoneMatch, HttpServletResponse response) throws IOException {
    String etag = "\"" + attachment.sha256() + "-thumbnail\"";
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    if (etag.equals(ifNoneMatch)) {
      response.setHeader(HttpHeaders.ETAG, etag);
      response.setStatus(HttpStatus.NOT_MODIFIED.value());
      return;
    }
    byte[] png = thumbnails.of(attachment)
        .orElseThrow(() -> new NotFoundException("preview of attachment", String.valueOf(attachment.id())));
    response.setContentType(MediaType.IMAGE_PNG_VALUE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"thumbnail.png\"");
    response.setHeader(HttpHeaders.ETAG, etag);
    response.setContentLength(png.length);
    response.getOutputStream().write(png);
  }

  private static final java.util.regex.Pattern ONE_RANGE = java.util.regex.Pattern.compile(
      "bytes=(\\d{0,18})-(\\d{0,18})");

  /**
   * The start and length of the one range asked for, or null for the whole file (no range,
   * several ranges or one that does not parse: RFC 9110 lets a server ignore those).
   *
   * @throws RangeNotSatisfiableException when the range starts beyond the end
   */
  static long[] slice(String range, long size) {
    java.util.regex.Matcher one = range == null ? null : ONE_RANGE.matcher(range.strip());
    if (one == null || !one.matches() || (one.group(1).isEmpty() && one.group(2).isEmpty())) {
      return null;
    }
    if (one.group(1).isEmpty()) {
      long suffix = Long.parseLong(one.group(2));
      if (suffix == 0) {
        throw new RangeNotSatisfiableException(size);
      }
      long start = Math.max(0, size - suffix);
      return new long[] {start, size - start};
    }
    long start = Long.parseLong(one.group(1));
    long last = one.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(one.group(2)), size - 1);
    if (start >= size) {
      throw new RangeNotSatisfiableException(size);
    }
    if (last < start) {
      return null;
    }
    return new long[] {start, last - start + 1};
  }

  /** A range beyond the end of the file: 416 with the file's size. */
  static class RangeNotSatisfiableException extends RuntimeException {
    final long size;

    RangeNotSatisfiableException(long size) {
      super("The file has " + size + " bytes; the range asked for starts beyond its end.");
      this.size = size;
    }
  }

  static String contentDisposition(String name) {
    StringBuilder ascii = new StringBuilder();
    name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
    StringBuilder encoded = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
