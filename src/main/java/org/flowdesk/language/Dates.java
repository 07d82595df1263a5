package org.flowdesk.language;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates as people read them. FlowDesk writes them into its texts in the models' language — an instant as
 * {@link #WRITTEN} words it, in the zone it names ("Fri 11 Dec 2026, 17:00 CET": when an SLA is due), a day as
 * ISO-8601 ("2026-12-10": a form's date) — and a reader of another language reads them in the language's own way, as
 * the JDK's locale data (CLDR) writes them ("11.12.2026, 17:00 MEZ", "10.12.2026"), in the same zone: a profile names
 * no zone, and a text read by mail or on the timeline is read where the service desk's calendar counts.
 */
public final class Dates {

  /** An instant as FlowDesk writes it in its texts, in a zone it names: "Fri 11 Dec 2026, 17:00 CET". */
  public static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z", Locale.ENGLISH);

  private Dates() {
  }

  /**
   * A date FlowDesk wrote ({@link #WRITTEN}, or an ISO day) in the locale's words and numbers, in the zone the text
   * names; anything else as it is.
   */
  public static String in(String written, Locale locale) {
    if (written == null || written.isBlank()) {
      return written;
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(written, WRITTEN);
      return DateTimeFormatter.ofPattern(DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.MEDIUM,
          FormatStyle.SHORT, IsoChronology.INSTANCE, locale) + " z", locale).format(at);
    } catch (DateTimeParseException notAnInstant) {
      // A day, or no date at all.
    }
    try {
      return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)
          .format(LocalDate.parse(written));
    } catch (DateTimeParseException notADay) {
      return written;
    }
  }
}
