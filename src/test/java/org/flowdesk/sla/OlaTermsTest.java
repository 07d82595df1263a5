package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A group's lead reads the OLA's target and calendar in words, not as the decision writes them ("PT2H, business"). */
class OlaTermsTest {

  @ParameterizedTest
  @CsvSource({"PT2H, 2 h", "PT30M, 30 min", "PT90M, 1 h 30 min", "P1DT4H, 1 d 4 h", "P3D, 3 d", "P180D, 180 d",
      "PT0S, 0 min", "two hours, two hours"})
  void aTargetReadsInDaysHoursAndMinutes(String iso, String words) {
    assertThat(OlaDelegates.span(iso)).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource({"PT2H, business, '2 h, business hours'", "PT1H, 24x7, '1 h, around the clock'",
      "P2D, facilities, '2 d, facilities calendar'"})
  void theCalendarReadsAsWords(String target, String calendar, String words) {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    assertThat(OlaDelegates.terms(new OlaClock(1, "INC-000001", "network", target, calendar, at, at, at, null, 0,
        null, null, null))).isEqualTo(words);
  }
}
