package org.flowdesk.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Blackout windows once and recurring, expanded for any period in the service desk's zone. */
class BlackoutWindowTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  static Portfolio.BlackoutWindow window(String from, String to, String recurrence) {
    return new Portfolio.BlackoutWindow("w", "Window", List.of(), LocalDateTime.parse(from), LocalDateTime.parse(to),
        recurrence);
  }

  static Portfolio.Occurrence in(String from, String to) {
    return new Portfolio.Occurrence(berlin(from), berlin(to));
  }

  final Portfolio.BlackoutWindow holidayFreeze = window("2026-12-23T18:00", "2026-12-27T08:00", "FREQ=YEARLY");

  @Test
  void aYearlyWindowComesBackEveryYearWithoutAnEdit() {
    assertThat(holidayFreeze.occurrences(berlin("2027-12-01T00:00"), berlin("2028-01-01T00:00"), BERLIN))
        .containsExactly(in("2027-12-23T18:00", "2027-12-27T08:00"));
    assertThat(holidayFreeze.occurrences(berlin("2030-12-24T10:00"), berlin("2030-12-24T11:00"), BERLIN))
        .containsExactly(in("2030-12-23T18:00", "2030-12-27T08:00"));
    assertThat(holidayFreeze.occurrences(berlin("2030-12-27T08:00"), berlin("2030-12-28T00:00"), BERLIN)).isEmpty();
  }

  @Test
  void aRangeAcrossNewYearListsEachOccurrenceOnce() {
    Portfolio.BlackoutWindow yearEnd = window("2026-12-28T00:00", "2027-01-06T00:00", "FREQ=YEARLY");

    assertThat(yearEnd.occurrences(berlin("2027-12-20T00:00"), berlin("2028-01-10T00:00"), BERLIN))
        .containsExactly(in("2027-12-28T00:00", "2028-01-06T00:00"));
    // Asked from inside an occurrence that began last year: that one, and only once.
    assertThat(yearEnd.occurrences(berlin("2028-01-01T00:00"), berlin("2028-12-29T00:00"), BERLIN))
        .containsExactly(in("2027-12-28T00:00", "2028-01-06T00:00"), in("2028-12-28T00:00", "2029-01-06T00:00"));
  }

  @Test
  void theLastThreeWorkingDaysOfEachQuarter() {
    Portfolio.BlackoutWindow quarterEnd = window("2026-12-29T00:00", "2026-12-30T00:00",
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-3,-2,-1");

    // March 2028 ends on a Friday; June 2028 on a Friday; 29 February 2028 is a leap day, not a quarter's end.
    assertThat(quarterEnd.occurrences(berlin("2028-02-01T00:00"), berlin("2028-07-01T00:00"), BERLIN))
        .containsExactly(in("2028-03-29T00:00", "2028-03-30T00:00"), in("2028-03-30T00:00", "2028-03-31T00:00"),
            in("2028-03-31T00:00", "2028-04-01T00:00"), in("2028-06-28T00:00", "2028-06-29T00:00"),
            in("2028-06-29T00:00", "2028-06-30T00:00"), in("2028-06-30T00:00", "2028-07-01T00:00"));
    // September 2029 ends on a Sunday: the three working days are Wednesday to Friday.
    assertThat(quarterEnd.occurrences(berlin("2029-09-24T00:00"), berlin("2029-10-01T00:00"), BERLIN))
        .containsExactly(in("2029-09-26T00:00", "2029-09-27T00:00"), in("2029-09-27T00:00", "2029-09-28T00:00"),
            in("2029-09-28T00:00", "2029-09-29T00:00"));
  }

  @Test
  void aNightlyWindowKeepsItsWallClockHoursOverTheDaylightSavingChange() {
    Portfolio.BlackoutWindow nightly = window("2026-10-20T22:00", "2026-10-21T02:00", "FREQ=DAILY");

    // Summer time ends at 03:00 on Sunday 25 October 2026: that night lasts five hours, not four.
    assertThat(nightly.occurrences(berlin("2026-10-24T12:00"), berlin("2026-10-26T12:00"), BERLIN))
        .containsExactly(in("2026-10-24T22:00", "2026-10-25T02:00"), in("2026-10-25T22:00", "2026-10-26T02:00"));
  }

  @Test
  void aOneOffWindowIsInForceOnceAndNeverAgain() {
    Portfolio.BlackoutWindow migration = window("2027-05-14T18:00", "2027-05-16T18:00", null);

    assertThat(migration.occurrences(berlin("2027-05-01T00:00"), berlin("2027-06-01T00:00"), BERLIN))
        .containsExactly(in("2027-05-14T18:00", "2027-05-16T18:00"));
    assertThat(migration.occurrences(berlin("2028-05-01T00:00"), berlin("2028-06-01T00:00"), BERLIN)).isEmpty();
  }

  @Test
  void aRuleWithACountEnds() {
    Portfolio.BlackoutWindow twice = window("2027-01-04T08:00", "2027-01-04T10:00", "FREQ=WEEKLY;COUNT=2");

    assertThat(twice.occurrences(berlin("2027-01-01T00:00"), berlin("2027-03-01T00:00"), BERLIN))
        .containsExactly(in("2027-01-04T08:00", "2027-01-04T10:00"), in("2027-01-11T08:00", "2027-01-11T10:00"));
  }
}
