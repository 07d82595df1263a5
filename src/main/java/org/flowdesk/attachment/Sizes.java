package org.flowdesk.attachment;

/** Sizes as people read them: 512 bytes, 48 kB, 2.5 MB. */
public final class Sizes {

  private Sizes() {
  }

  public static String words(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " kB";
    }
    double mb = bytes / (1024.0 * 1024.0);
    return (mb == Math.floor(mb) || mb >= 100 ? String.valueOf(Math.round(mb)) : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
  }
}
