package org.flowdesk.language;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sizes as people read them. FlowDesk writes them in the models' language (512 bytes, 48 kB, 2.5 MB: on the
 * timeline, in refusals); a person reads them in theirs, with the language's numbers and its unit words from the
 * section {@code sizes} of {@code i18n/<code>.json} ("7 Bytes", "2,5 MB"), wherever a size is shown to them: the
 * timeline, mails, the files a mail names.
 */
public final class Sizes {

  private static final Pattern WRITTEN = Pattern.compile("(\\d+(?:\\.\\d+)?) (bytes|kB|MB)");

  private Sizes() {
  }

  /** The size as FlowDesk writes it: "512 bytes", "48 kB", "2.5 MB". */
  public static String words(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1024 * 1024) {
      return Math.round(bytes / 1024.0) + " kB";
    }
    double mb = bytes / (1024.0 * 1024.0);
    return (mb == Math.floor(mb) || mb >= 100 ? String.valueOf(Math.round(mb))
        : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
  }

  /**
   * A size as FlowDesk wrote it ("2.5 MB") in the locale's numbers ("2,5 MB"), its unit as {@code units} word it
   * ({@code "bytes": "Bytes"}; null or a missing word keeps the unit); anything else as it is.
   */
  public static String in(String written, Locale locale, JsonNode units) {
    Matcher size = WRITTEN.matcher(written);
    if (!size.matches()) {
      return written;
    }
    NumberFormat number = NumberFormat.getNumberInstance(locale);
    number.setMaximumFractionDigits(1);
    JsonNode unit = units == null ? null : units.get(size.group(2));
    return number.format(new BigDecimal(size.group(1))) + " "
        + (unit != null && unit.isTextual() ? unit.asText() : size.group(2));
  }
}
