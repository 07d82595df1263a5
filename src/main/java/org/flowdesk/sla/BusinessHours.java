package org.flowdesk.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * One business calendar: the hours of its working days in its zone, less its holidays. The desk's own is
 * {@code flowdesk.sla} ({@value SlaCalendar#BUSINESS}); teams and regions have theirs in catalog/calendars.yaml.
 */
record BusinessHours(String name, ZoneId zone, LocalTime dayStart, LocalTime dayEnd, Set<DayOfWeek> workingDays,
    Holidays holidays, String description, List<String> holidayEntries, String publicHolidays) {

  static BusinessHours of(SlaProperties desk) {
    return new BusinessHours(SlaCalendar.BUSINESS, desk.zone(), desk.dayStart(), desk.dayEnd(), desk.workingDays(),
        new Holidays(desk.holidays(), desk.publicHolidays()), "The service desk's hours (flowdesk.sla)",
        desk.holidays() == null ? List.of() : List.copyOf(desk.holidays()), desk.publicHolidays());
  }

  Duration workingDay() {
    return Duration.between(dayStart, dayEnd);
  }

  boolean isWorkingDay(LocalDate day) {
    return workingDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  ZonedDateTime dayStart(LocalDate day) {
    return day.atTime(dayStart).atZone(zone);
  }

  ZonedDateTime dayEnd(LocalDate day) {
    return day.atTime(dayEnd).atZone(zone);
  }
}
