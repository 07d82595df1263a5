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
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of("2026-12-24", "2026-12-25"), ""));

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

  static SlaCalendar berlinDesk(List<String> holidays, String publicHolidays) {
    return new SlaCalendar(new SlaProperties(BERLIN, LocalTime.of(8, 0), LocalTime.of(18, 0),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays, publicHolidays));
  }

  @Test
  void holidaysOfEveryYearAndPublicHolidaysNeedNoEditEachYear() {
    SlaCalendar desk = berlinDesk(List.of("12-24", "12-31"), "DE-BE");
    // Christmas Eve is closed every year: in 2030 a Tuesday; 25 and 26 Dec are public holidays.
    assertThat(desk.plus(berlin("2030-12-23T17:00"), "PT2H", "business")).isEqualTo(berlin("2030-12-27T09:00"));
    // Easter 2031: Good Friday 11 April and Easter Monday 14 April are public holidays in Germany.
    assertThat(desk.plus(berlin("2031-04-10T17:00"), "PT2H", "business")).isEqualTo(berlin("2031-04-15T09:00"));
    // 8 March (International Women's Day) is a holiday in Berlin only; 29 February 2028 is a plain Tuesday.
    assertThat(desk.plus(berlin("2028-03-07T17:00"), "PT2H", "business")).isEqualTo(berlin("2028-03-09T09:00"));
    assertThat(berlinDesk(List.of(), "DE").plus(berlin("2028-03-07T17:00"), "PT2H", "business"))
        .isEqualTo(berlin("2028-03-08T09:00"));
    assertThat(desk.plus(berlin("2028-02-28T17:00"), "PT2H", "business")).isEqualTo(berlin("2028-02-29T09:00"));
    // New Year's Eve and New Year's Day across the turn of the year.
    assertThat(desk.plus(berlin("2027-12-30T17:00"), "PT2H", "business")).isEqualTo(berlin("2028-01-03T09:00"));
  }

  @Test
  void aSingleDateIsClosedOnlyThatYear() {
    SlaCalendar desk = berlinDesk(List.of("2027-06-04"), "");
    assertThat(desk.plus(berlin("2027-06-03T17:00"), "PT2H", "business")).isEqualTo(berlin("2027-06-07T09:00"));
    assertThat(desk.plus(berlin("2028-06-05T17:00"), "PT2H", "business")).isEqualTo(berlin("2028-06-06T09:00"));
  }

  @Test
  void holidaySettingsThatMeanNothingAreRefusedWithTheSetting() {
    assertThatThrownBy(() -> berlinDesk(List.of("24.12."), ""))
        .hasMessageContaining("flowdesk.sla.holidays: '24.12.' is neither a date (2026-12-28) nor a day of every year (12-24)");
    assertThatThrownBy(() -> berlinDesk(List.of(), "Narnia"))
        .hasMessageContaining("flowdesk.sla.public-holidays: 'Narnia' is not a country with a holiday calendar");
    assertThatThrownBy(() -> berlinDesk(List.of(), "DE-XX"))
        .hasMessageContaining("flowdesk.sla.public-holidays: 'DE-XX' names no region of DE");
  }
}
