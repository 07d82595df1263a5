package org.flowdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** A date FlowDesk wrote into a text reads in the reader's language, in the zone the text names. */
class DatesTest {

  static final Locale GERMAN = Locale.forLanguageTag("de");

  @Test
  void anInstantAsFlowDeskWritesItReadsAsTheLanguageWritesItInTheSameZone() {
    String winter = Dates.WRITTEN.format(ZonedDateTime.of(2026, 12, 11, 17, 0, 0, 0, ZoneId.of("Europe/Berlin")));
    String summer = Dates.WRITTEN.format(ZonedDateTime.of(2026, 7, 3, 9, 5, 0, 0, ZoneId.of("Europe/Berlin")));
    assertThat(winter).isEqualTo("Fri 11 Dec 2026, 17:00 CET");

    assertThat(Dates.in(winter, GERMAN)).isEqualTo("11.12.2026, 17:00 MEZ");
    assertThat(Dates.in(summer, GERMAN)).isEqualTo("03.07.2026, 09:05 MESZ");
  }

  @Test
  void aDayReadsAsTheLanguageWritesDaysAndAnythingElseStaysAsWritten() {
    assertThat(Dates.in("2026-12-10", GERMAN)).isEqualTo("10.12.2026");
    assertThat(Dates.in("next Tuesday", GERMAN)).isEqualTo("next Tuesday");
    assertThat(Dates.in("2026-13-45", GERMAN)).isEqualTo("2026-13-45");
    assertThat(Dates.in("", GERMAN)).isEmpty();
  }
}
