package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

class SlaCalendarTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  // 2026-12-24 is a Thursday, 2026-12-25 a Friday.
  final SlaCalendar calendar = new SlaCalendar(new SlaProperties(BERLIN, LocalTime.of(8, 0), LocalTime.of(18, 0),
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25))));

  static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  @Test
  void aroundTheClockTargetsAreWallClockTime() {
    assertThat(calendar.plus(berlin("2026-11-27T17:00"), "PT4H", "24x7")).isEqualTo(berlin("2026-11-27T21:00"));
    assertThat(calendar.plus(berlin("2026-11-27T17:00"), "P1D", "24x7")).isEqualTo(berlin("2026-11-28T17:00"));
  }

  @Test
  void businessHoursWithinOneDay() {
    assertThat(calendar.plus(berlin("2026-11-24T09:30"), "PT4H", "business")).isEqualTo(berlin("2026-11-24T13:30"));
  }

  @Test
  void businessHoursCarryOverTheNight() {
    assertThat(calendar.plus(berlin("2026-11-24T16:00"), "PT4H", "business")).isEqualTo(berlin("2026-11-25T10:00"));
  }

  @Test
  void businessHoursCarryOverTheWeekend() {
    // Friday 17:00 + 4 h: one hour on Friday, three on Monday.
    assertThat(calendar.plus(berlin("2026-11-27T17:00"), "PT4H", "business")).isEqualTo(berlin("2026-11-30T11:00"));
  }

  @Test
  void reportedOutsideBusinessHoursCountsFromTheNextOpening() {
    assertThat(calendar.plus(berlin("2026-11-24T06:00"), "PT1H", "business")).isEqualTo(berlin("2026-11-24T09:00"));
    assertThat(calendar.plus(berlin("2026-11-28T12:00"), "PT1H", "business")).isEqualTo(berlin("2026-11-30T09:00"));
  }

  @Test
  void holidaysAreSkipped() {
    // Wednesday 23 Dec 16:00 + 4 h: two hours on Wednesday; Thursday and Friday are holidays,
    // then the weekend: two hours on Monday 28 Dec.
    assertThat(calendar.plus(berlin("2026-12-23T16:00"), "PT4H", "business")).isEqualTo(berlin("2026-12-28T10:00"));
  }

  @Test
  void aBusinessDayIsOneWorkingDay() {
    assertThat(calendar.plus(berlin("2026-11-24T10:00"), "P3D", "business")).isEqualTo(berlin("2026-11-27T10:00"));
    assertThat(calendar.plus(berlin("2026-11-26T10:00"), "P3D", "business")).isEqualTo(berlin("2026-12-01T10:00"));
    assertThat(calendar.plus(berlin("2026-11-24T10:00"), "P1DT2H", "business")).isEqualTo(berlin("2026-11-25T12:00"));
  }

  @Test
  void anAmountThatEndsExactlyAtClosingEndsThere() {
    assertThat(calendar.plus(berlin("2026-11-24T08:00"), "PT10H", "business")).isEqualTo(berlin("2026-11-24T18:00"));
  }

  @Test
  void businessTimeBetweenTwoInstantsCountsOnlyOpenHours() {
    assertThat(calendar.between(berlin("2026-11-27T17:00"), berlin("2026-11-30T11:00"), "business"))
        .isEqualTo(Duration.ofHours(4));
    assertThat(calendar.between(berlin("2026-12-23T16:00"), berlin("2026-12-28T10:00"), "business"))
        .isEqualTo(Duration.ofHours(4));
    assertThat(calendar.between(berlin("2026-11-28T10:00"), berlin("2026-11-29T10:00"), "business"))
        .isZero();
    assertThat(calendar.between(berlin("2026-11-28T10:00"), berlin("2026-11-27T10:00"), "business"))
        .isZero();
  }

  @Test
  void daylightSavingTimeChangesDoNotShiftOpeningHours() {
    // Clocks go back on Sunday 25 Oct 2026; Monday still opens at 08:00 local time.
    assertThat(calendar.plus(berlin("2026-10-23T17:00"), "PT2H", "business")).isEqualTo(berlin("2026-10-26T09:00"));
  }

  @Test
  void remindersFallOnWorkingDaysBeforeADate() {
    // Two working days before Monday 30 Nov: Thursday 26 Nov at opening.
    assertThat(calendar.workingDaysBefore("2026-11-30", 2).toInstant()).isEqualTo(berlin("2026-11-26T08:00"));
    // Over the holidays: two working days before Monday 28 Dec are Tuesday 22 and Wednesday 23 Dec.
    assertThat(calendar.workingDaysBefore("2026-12-28", 2).toInstant()).isEqualTo(berlin("2026-12-22T08:00"));
  }

  @Test
  void badTargetsAndCalendarsAreRefusedWithAReason() {
    assertThatThrownBy(() -> calendar.plus(berlin("2026-11-24T10:00"), "4 hours", "business"))
        .hasMessageContaining("not an ISO-8601 duration");
    assertThatThrownBy(() -> calendar.plus(berlin("2026-11-24T10:00"), "PT4H", "weekdays"))
        .hasMessageContaining("Unknown SLA calendar 'weekdays'");
  }
}
