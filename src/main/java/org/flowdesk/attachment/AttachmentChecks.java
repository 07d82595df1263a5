package org.flowdesk.attachment;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.flowdesk.language.Sizes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The checks every file passes before it is attached, whichever door it came through: a safe
 * name, not empty, not too large, a type that its content shows (Apache Tika's magic bytes; the
 * name only refines that type, so an executable named .png stays an executable), allowed and
 * not refused, and the installation's scanners, if any.
 */
@Component
class AttachmentChecks {

  static final int MAX_NAME = 255;
  static final String UNNAMED = "attachment";

  private final AttachmentProperties limits;
  private final List<AttachmentScanner> scanners;
  private final Tika tika = new Tika();

  AttachmentChecks(AttachmentProperties limits, List<AttachmentScanner> scanners) {
    this.limits = limits;
    this.scanners = scanners;
  }

  /**
   * Checks each file and all of them together against the ticket's limits.
   *
   * @param ticketFiles how many attachments the ticket has already
   * @param ticketBytes how many bytes they hold
   * @throws AttachmentRefusedException for the first file that may not be attached
   */
  List<CheckedUpload> check(List<Upload> uploads, int ticketFiles, long ticketBytes) {
    return check(uploads, ticketFiles, ticketBytes, "a ticket");
  }

  /** As {@link #check(List, int, long)} for the files of {@code owner} ("a ticket", "an article"). */
  List<CheckedUpload> check(List<Upload> uploads, int ownerFiles, long ownerBytes, String owner) {
    List<CheckedUpload> checked = new ArrayList<>();
    long bytes = ownerBytes;
    int files = ownerFiles;
    for (Upload upload : uploads) {
      CheckedUpload file = check(upload);
      bytes += file.size();
      files++;
      withinLimits(file.name(), files, bytes, owner);
      checked.add(file);
    }
    return checked;
  }

  void withinTicketLimits(String name, int files, long bytes) {
    withinLimits(name, files, bytes, "a ticket");
  }

  /** The per-ticket limits hold for a knowledge article's files too; {@code owner}: "a ticket", "an article". */
  void withinLimits(String name, int files, long bytes, String owner) {
    if (files > limits.maxFilesPerTicket()) {
      throw new AttachmentRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, name,
          owner + " may have at most " + limits.maxFilesPerTicket() + " attachments");
    }
    if (bytes > limits.maxTicketSize().toBytes()) {
      throw new AttachmentRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, name, "the attachments of " + owner
          + " may hold at most " + Sizes.words(limits.maxTicketSize().toBytes()) + " together");
    }
  }

  /** One file on its own: name, size, type, scanners. */
  CheckedUpload check(Upload upload) {
    String name = safeName(upload.name());
    long size = upload.size() >= 0 ? upload.size() : countUpTo(upload, limits.maxFileSize().toBytes() + 1);
    if (size == 0) {
      throw new AttachmentRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, name, "the file is empty");
    }
    if (size > limits.maxFileSize().toBytes()) {
      throw new AttachmentRefusedException(HttpStatus.PAYLOAD_TOO_LARGE, name,
          "a file may be at most " + Sizes.words(limits.maxFileSize().toBytes()));
    }
    if (limits.refusesName(name)) {
      throw new AttachmentRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, name,
          "files named ." + name.substring(name.lastIndexOf('.') + 1) + " may not be attached");
    }
    String type = type(upload, name);
    for (AttachmentScanner scanner : scanners) {
      Optional<String> finding;
      try (InputStream content = upload.content().getInputStream()) {
        finding = scanner.scan(name, type, content);
      } catch (IOException e) {
        throw new AttachmentRefusedException(HttpStatus.SERVICE_UNAVAILABLE, name,
            "it could not be checked for viruses now; try again later");
      }
      if (finding.isPresent()) {
        throw new AttachmentRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, name, finding.get());
      }
    }
    return new CheckedUpload(upload, name, size, type);
  }

  /**
   * The type the content shows; the name may only narrow it (a .docx is a zip whose content says
   * OOXML, a .csv is plain text). Refused if either is refused; kept as the narrower type if that
   * is allowed, else as the content's type if that is (an .ini file is plain text).
   */
  private String type(Upload upload, String name) {
    String byContent = sniff(upload, null);
    String byName = sniff(upload, name);
    for (String type : List.of(byContent, byName)) {
      if (limits.refused(type)) {
        throw new AttachmentRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, name,
            "its content is " + type + ", which may not be attached");
      }
    }
    if (limits.allowed(byName)) {
      return byName;
    }
    if (limits.allowed(byContent)) {
      return byContent;
    }
    throw new AttachmentRefusedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, name,
        "its content is " + byName + ", which may not be attached");
  }

  private String sniff(Upload upload, String name) {
    try (InputStream content = new BufferedInputStream(upload.content().getInputStream())) {
      return MediaType.parse(tika.detect(content, name)).getBaseType().toString().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name, e);
    }
  }

  /** Counts the content's bytes, reading no further than {@code limit}. */
  private static long countUpTo(Upload upload, long limit) {
    byte[] buffer = new byte[8192];
    long count = 0;
    try (InputStream content = upload.content().getInputStream()) {
      int read;
      while (count < limit && (read = content.read(buffer)) >= 0) {
        count += read;
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + upload.name(), e);
    }
  }

  /**
   * The name without any folder ({@code ../../etc/passwd} is {@code passwd}), control and
   * direction-changing characters, leading dots and surrounding blanks, at most 255 characters
   * with the extension kept; {@code attachment} if nothing is left.
   */
  static String safeName(String given) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.codePoints().filter(c -> !Character.isISOControl(c) && !invisible(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    name = name.strip().replaceFirst("^\\.+", "").strip();
    if (name.isEmpty()) {
      return UNNAMED;
    }
    if (name.length() > MAX_NAME) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
      int cut = MAX_NAME - extension.length();
      if (Character.isHighSurrogate(name.charAt(cut - 1))) {
        cut--;
      }
      name = name.substring(0, cut) + extension;
    }
    return name;
  }

  /** Characters that change the direction of text or hide: a name must read as it is. */
  private static boolean invisible(int c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
        || c == 0xFEFF || c == 0x061C;
  }
}
