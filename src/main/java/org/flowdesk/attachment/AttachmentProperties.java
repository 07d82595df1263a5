package org.flowdesk.attachment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What may be attached to a ticket and where it is kept.
 *
 * @param store {@code database} (the default: every node serves every file, a database backup holds
 *     them) or {@code filesystem} (files under {@code directory}, which every node must share)
 * @param directory where the filesystem store keeps files; required for it
 * @param maxFileSize the largest file
 * @param maxTicketSize the most bytes all attachments of one ticket may hold together
 * @param maxFilesPerTicket the most attachments one ticket may have
 * @param maxRequestSize the largest upload request (all its files and fields together)
 * @param allowedTypes content types that may be attached, as the content shows them; {@code type/*}
 *     or a trailing {@code *} matches a family
 * @param refusedTypes content types refused even when {@code allowedTypes} would let them in
 *     (archives, executables, scripts), whether the content or the name shows them
 * @param refusedExtensions file name endings refused whatever the content: what a desktop runs
 *     when it is opened, even when its content reads as plain text
 */
@ConfigurationProperties("flowdesk.attachments")
public record AttachmentProperties(
    @DefaultValue("database") Store store,
    Path directory,
    @DefaultValue("25MB") DataSize maxFileSize,
    @DefaultValue("250MB") DataSize maxTicketSize,
    @DefaultValue("500") int maxFilesPerTicket,
    @DefaultValue("100MB") DataSize maxRequestSize,
    @DefaultValue({"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic",
        "image/heif", "application/pdf", "text/plain", "text/csv", "text/tab-separated-values", "text/x-log",
        "text/x-web-markdown", "message/rfc822",
        "application/vnd.openxmlformats-officedocument.*", "application/vnd.oasis.opendocument.*",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.ms-outlook"}) List<String> allowedTypes,
    @DefaultValue({"application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
        "application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar", "application/x-bzip2",
        "application/x-xz", "application/java-archive", "application/x-dosexec", "application/x-msdownload",
        "application/x-ms-installer", "application/x-msi", "application/x-executable", "application/x-elf",
        "application/x-mach-o*", "application/x-sharedlib", "application/x-sh", "application/x-shellscript",
        "application/x-bat", "application/javascript", "text/javascript", "application/x-java-applet",
        "text/x-vbscript", "application/vnd.android.package-archive"})
    List<String> refusedTypes,
    @DefaultValue({"exe", "com", "scr", "pif", "cpl", "msc", "msi", "dll", "bat", "cmd", "ps1", "psm1", "vbs", "vbe",
        "js", "jse", "wsf", "wsh", "hta", "lnk", "reg", "jar", "apk", "sh", "app", "dmg", "iso"})
    List<String> refusedExtensions) {

  /** Where attachments' content is kept. */
  public enum Store {
    DATABASE, FILESYSTEM;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Store of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public AttachmentProperties {
    if (store == Store.FILESYSTEM && directory == null) {
      throw new IllegalArgumentException("flowdesk.attachments.store is filesystem: set flowdesk.attachments.directory "
          + "to the directory that holds the files (shared by every node)");
    }
  }

  boolean allowed(String type) {
    return matchesAny(allowedTypes, type);
  }

  boolean refused(String type) {
    return matchesAny(refusedTypes, type);
  }

  /** Whether the name ends in one of the refused extensions (case does not matter). */
  boolean refusesName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return refusedExtensions.stream().anyMatch(extension -> lower.endsWith("." + extension.toLowerCase(Locale.ROOT)));
  }

  private static boolean matchesAny(List<String> patterns, String type) {
    return patterns.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).anyMatch(pattern -> pattern.endsWith("*")
        ? type.startsWith(pattern.substring(0, pattern.length() - 1)) : type.equals(pattern));
  }
}
