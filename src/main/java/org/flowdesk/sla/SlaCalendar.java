package org.flowdesk.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.flowdesk.models.ModelHelper;
import org.springframework.stereotype.Component;

/**
 * Turns SLA targets into instants. A target counts either around the clock ({@code 24x7}) or
 * in business hours ({@code business}): working days between the day's start and end, minus
 * holidays. In business time a day ({@code P1D}) is one working day, so {@code P3D} is three
 * working days and {@code PT4H} four working hours.
 *
 * <p>Models call it as {@code slaCalendar} to compute absolute timer due dates, for example
 * {@code ${slaCalendar.due(now(), 'P5D', 'business')}}.
 */
@ModelHelper
@Component("slaCalendar")
public class SlaCalendar {

  public static final String AROUND_THE_CLOCK = "24x7";
  public static final String BUSINESS = "business";

  private final SlaProperties hours;
  private final Holidays holidays;
  private final Duration workingDay;

  public SlaCalendar(SlaProperties hours) {
    this.hours = hours;
    this.holidays = new Holidays(hours.holidays(), hours.publicHolidays());
    this.workingDay = Duration.between(hours.dayStart(), hours.dayEnd());
  }

  /** The service desk's time zone, in which people write dates and times. */
  public ZoneId zone() {
    return hours.zone();
  }

  /**
   * A date and time as people and forms write it: with an offset ({@code 2026-12-05T08:00+01:00})
   * or in the service desk's zone ({@code 2026-12-05T08:00}); a bare date ({@code 2026-12-05})
   * is its midnight there.
   *
   * @throws DateTimeParseException when it is none of these
   */
  public Instant instant(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay(hours.zone()).toInstant();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      return LocalDateTime.parse(text).atZone(hours.zone()).toInstant();
    }
  }

  /** For models: the instant a target given as an ISO-8601 duration ends, counted from {@code from}. */
  public Date due(Date from, String target, String calendar) {
    return Date.from(plus(from.toInstant(), target, calendar));
  }

  /**
   * For models: the opening of the working day {@code days} working days before a date
   * (ISO, 2026-12-10), for reminders as a date nears.
   */
  public Date workingDaysBefore(String isoDate, long days) {
    LocalDate day = LocalDate.parse(isoDate);
    for (long left = days; left > 0; ) {
      day = day.minusDays(1);
      if (isWorkingDay(day)) {
        left--;
      }
    }
    return Date.from(dayStart(day).toInstant());
  }

  public Instant plus(Instant from, String target, String calendar) {
    return plus(from, parse(target, calendar), calendar);
  }

  /** {@code amount} must already be in the calendar's own time (see {@link #parse}). */
  public Instant plus(Instant from, Duration amount, String calendar) {
    return switch (checked(calendar)) {
      case AROUND_THE_CLOCK -> from.plus(amount);
      default -> plusBusiness(from, amount);
    };
  }

  /** How much of the calendar's time lies between two instants (zero when {@code to} is not after {@code from}). */
  public Duration between(Instant from, Instant to, String calendar) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    return switch (checked(calendar)) {
      case AROUND_THE_CLOCK -> Duration.between(from, to);
      default -> businessBetween(from, to);
    };
  }

  /** An ISO-8601 duration in the calendar's time: in business time each day is one working day. */
  public Duration parse(String target, String calendar) {
    Duration duration;
    try {
      duration = Duration.parse(target);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + target + "' is not an ISO-8601 duration such as PT4H or P3D", e);
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("SLA target " + target + " is negative");
    }
    if (BUSINESS.equals(checked(calendar))) {
      long days = duration.toDays();
      return workingDay.multipliedBy(days).plus(duration.minusDays(days));
    }
    return duration;
  }

  private static String checked(String calendar) {
    if (!AROUND_THE_CLOCK.equals(calendar) && !BUSINESS.equals(calendar)) {
      throw new IllegalArgumentException("Unknown SLA calendar '" + calendar + "': use 24x7 or business");
    }
    return calendar;
  }

  private boolean isWorkingDay(LocalDate day) {
    return hours.workingDays().contains(day.getDayOfWeek()) && !holidays.contains(day);
  }

  private ZonedDateTime dayStart(LocalDate day) {
    return day.atTime(hours.dayStart()).atZone(hours.zone());
  }

  private ZonedDateTime dayEnd(LocalDate day) {
    return day.atTime(hours.dayEnd()).atZone(hours.zone());
  }

  private Instant plusBusiness(Instant from, Duration amount) {
    Duration remaining = amount;
    ZonedDateTime at = from.atZone(hours.zone());
    LocalDate day = at.toLocalDate();
    for (int guard = 0; guard < 100_000; guard++, day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      ZonedDateTime start = dayStart(day);
      ZonedDateTime end = dayEnd(day);
      ZonedDateTime begin = at.isAfter(start) ? at : start;
      if (!begin.isBefore(end)) {
        continue;
      }
      Duration available = Duration.between(begin, end);
      if (remaining.compareTo(available) <= 0) {
        return begin.plus(remaining).toInstant();
      }
      remaining = remaining.minus(available);
    }
    throw new IllegalStateException("No working time within 100,000 days: check flowdesk.sla");
  }

  private Duration businessBetween(Instant from, Instant to) {
    Duration total = Duration.ZERO;
    ZonedDateTime start = from.atZone(hours.zone());
    ZonedDateTime finish = to.atZone(hours.zone());
    for (LocalDate day = start.toLocalDate(); !day.isAfter(finish.toLocalDate()); day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      ZonedDateTime begin = later(dayStart(day), start);
      ZonedDateTime end = earlier(dayEnd(day), finish);
      if (end.isAfter(begin)) {
        total = total.plus(Duration.between(begin, end));
      }
    }
    return total;
  }

  private static ZonedDateTime later(ZonedDateTime a, ZonedDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static ZonedDateTime earlier(ZonedDateTime a, ZonedDateTime b) {
    return a.isBefore(b) ? a : b;
  }
}
