package org.flowdesk.sla;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * The days the service desk does not work although they are working days of the week, for any
 * year: the public holidays of a country or region (from Jollyday's maintained holiday
 * calendars), days closed every year ({@code 12-24}) and single dates ({@code 2026-12-28}).
 */
final class Holidays {

  private final Set<LocalDate> dates = new HashSet<>();
  private final Set<MonthDay> everyYear = new HashSet<>();
  private final HolidayManager publicHolidays;
  private final String[] region;
  private final Map<Integer, Set<LocalDate>> publicByYear = new ConcurrentHashMap<>();

  /**
   * @param days dates ({@code 2026-12-28}) and days of every year ({@code 12-24})
   * @param publicHolidays a country ({@code DE}) or a country and region ({@code DE-BE}), or blank for none
   * @throws IllegalArgumentException naming the entry that is neither
   */
  Holidays(List<String> days, String publicHolidays) {
    this(days, publicHolidays, "flowdesk.sla.holidays", "flowdesk.sla.public-holidays");
  }

  /**
   * @param daysSource and publicSource where the entries were written, for the error messages
   *     ({@code flowdesk.sla.holidays}, {@code calendar 'new-york' holidays})
   */
  Holidays(List<String> days, String publicHolidays, String daysSource, String publicSource) {
    for (String day : days == null ? List.<String>of() : days) {
      String text = day.trim();
      try {
        if (text.length() == 5) {
          everyYear.add(MonthDay.parse("--" + text));
        } else {
          dates.add(LocalDate.parse(text));
        }
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(daysSource + ": '" + day
            + "' is neither a date (2026-12-28) nor a day of every year (12-24)", e);
      }
    }
    if (publicHolidays == null || publicHolidays.isBlank()) {
      this.publicHolidays = null;
      this.region = new String[0];
      return;
    }
    String[] parts = publicHolidays.trim().split("-", 2);
    parts[0] = parts[0].toUpperCase(Locale.ROOT);
    if (!HolidayManager.getSupportedCalendarCodes().contains(parts[0])) {
      throw new IllegalArgumentException(publicSource + ": '" + publicHolidays
          + "' is not a country with a holiday calendar; use an ISO country code such as DE, optionally with a region (DE-BE)");
    }
    this.publicHolidays = HolidayManager.getInstance(ManagerParameters.create(parts[0]));
    this.region = parts.length == 2 ? new String[] {parts[1].toLowerCase(Locale.ROOT)} : new String[0];
    if (region.length == 1 && this.publicHolidays.getCalendarHierarchy().getChildren().get(region[0]) == null) {
      throw new IllegalArgumentException(publicSource + ": '" + publicHolidays + "' names no region of "
          + parts[0] + "; regions are " + this.publicHolidays.getCalendarHierarchy().getChildren().keySet());
    }
  }

  boolean contains(LocalDate day) {
    return dates.contains(day) || everyYear.contains(MonthDay.from(day)) || publicHoliday(day);
  }

  private boolean publicHoliday(LocalDate day) {
    if (publicHolidays == null) {
      return false;
    }
    return publicByYear.computeIfAbsent(day.getYear(), year -> {
      Set<LocalDate> days = new HashSet<>();
      for (Holiday holiday : publicHolidays.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, region)) {
        days.add(holiday.getActualDate());
      }
      return days;
    }).contains(day);
  }
}
