package org.flowdesk.sla;

import java.util.List;
import java.util.ArrayList;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.flowdesk.models.ModelHelper;
import org.springframework.stereotype.Component;

/**
 * Turns SLA targets into instants. A target counts either around the clock ({@code 24x7}) or
 * in the hours of a business calendar: working days between the day's start and end, minus
 * holidays. {@code business} is the service desk's own ({@code flowdesk.sla}); teams and regions
 * have named calendars of their own in catalog/calendars.yaml ({@link CalendarFiles}), and the SLA
 * decision names the one a clock counts in. In business time a day ({@code P1D}) is one working day,
 * so {@code P3D} is three working days and {@code PT4H} four working hours.
 *
 * <p>Models call it as {@code slaCalendar} to compute absolute timer due dates, for example
 * {@code ${slaCalendar.due(now(), 'P5D', 'business')}}.
 */
@ModelHelper
@Component("slaCalendar")
public class SlaCalendar {

  public static final String AROUND_THE_CLOCK = "24x7";
  public static final String BUSINESS = "business";

  private final BusinessHours desk;
  private volatile Map<String, BusinessHours> named = Map.of();

  public SlaCalendar(SlaProperties hours) {
    this.desk = BusinessHours.of(hours);
  }

  /** The calendars of catalog/ came into force (with the models they were deployed with). */
  void use(Map<String, BusinessHours> calendars) {
    named = Map.copyOf(calendars);
  }

  /** The names a clock may count in: {@code 24x7}, {@code business} and those of catalog/calendars.yaml. */
  public Set<String> names() {
    Set<String> names = new TreeSet<>(named.keySet());
    names.add(AROUND_THE_CLOCK);
    names.add(BUSINESS);
    return names;
  }

  /**
   * A calendar as people read it: its zone, the hours of its working days, its holidays as written and the days
   * of {@code year} it does not work although they are working days of the week (public holidays included).
   * {@code 24x7} has no hours and no days off. {@code label} is its name for people: the name the decisions use,
   * unless the reader's language words it ({@link #wordedAs}).
   */
  public record Described(String name, String label, String description, String zone, String dayStart,
      String dayEnd, List<String> workingDays, String publicHolidays, List<String> holidays, int year,
      List<LocalDate> daysOff) {

    /** The same calendar with its label and description in a reader's words. */
    public Described wordedAs(String wordedLabel, String wordedDescription) {
      return new Described(name, wordedLabel, wordedDescription, zone, dayStart, dayEnd, workingDays, publicHolidays,
          holidays, year, daysOff);
    }
  }

  /** Every calendar a clock may count in, the desk's and the around-the-clock one first. */
  public List<Described> describe(int year) {
    List<Described> all = new ArrayList<>();
    all.add(new Described(AROUND_THE_CLOCK, AROUND_THE_CLOCK, "Around the clock: every hour of every day", "UTC",
        null, null, List.of(), null, List.of(), year, List.of()));
    all.add(describe(desk, year));
    named.values().stream().sorted(java.util.Comparator.comparing(BusinessHours::name))
        .forEach(hours -> all.add(describe(hours, year)));
    return all;
  }

  private static Described describe(BusinessHours hours, int year) {
    List<LocalDate> off = new ArrayList<>();
    for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
      if (hours.workingDays().contains(day.getDayOfWeek()) && !hours.isWorkingDay(day)) {
        off.add(day);
      }
    }
    return new Described(hours.name(), hours.name(), hours.description(), hours.zone().getId(),
        hours.dayStart().toString(), hours.dayEnd().toString(),
        hours.workingDays().stream().sorted().map(DayOfWeek::name).toList(), hours.publicHolidays(),
        hours.holidayEntries(), year, off);
  }

  /** The service desk's time zone, in which people write dates and times. */
  public ZoneId zone() {
    return desk.zone();
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
      return LocalDate.parse(text).atStartOfDay(desk.zone()).toInstant();
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      return LocalDateTime.parse(text).atZone(desk.zone()).toInstant();
    }
  }

  /** For models: the instant a target given as an ISO-8601 duration ends, counted from {@code from}. */
  public Date due(Date from, String target, String calendar) {
    return Date.from(plus(from.toInstant(), target, calendar));
  }

  /**
   * For models: the opening of the working day {@code days} working days before a date
   * (ISO, 2026-12-10), for reminders as a date nears, in the desk's own calendar.
   */
  public Date workingDaysBefore(String isoDate, long days) {
    LocalDate day = LocalDate.parse(isoDate);
    for (long left = days; left > 0; ) {
      day = day.minusDays(1);
      if (desk.isWorkingDay(day)) {
        left--;
      }
    }
    return Date.from(desk.dayStart(day).toInstant());
  }

  public Instant plus(Instant from, String target, String calendar) {
    return plus(from, parse(target, calendar), calendar);
  }

  /** {@code amount} must already be in the calendar's own time (see {@link #parse}). */
  public Instant plus(Instant from, Duration amount, String calendar) {
    BusinessHours business = hoursOf(calendar);
    return business == null ? from.plus(amount) : plusBusiness(business, from, amount);
  }

  /** How much of the calendar's time lies between two instants (zero when {@code to} is not after {@code from}). */
  public Duration between(Instant from, Instant to, String calendar) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    BusinessHours business = hoursOf(calendar);
    return business == null ? Duration.between(from, to) : businessBetween(business, from, to);
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
    BusinessHours business = hoursOf(calendar);
    if (business != null) {
      long days = duration.toDays();
      return business.workingDay().multipliedBy(days).plus(duration.minusDays(days));
    }
    return duration;
  }

  /** The business hours a calendar counts in; null for {@code 24x7}. */
  private BusinessHours hoursOf(String calendar) {
    if (AROUND_THE_CLOCK.equals(calendar)) {
      return null;
    }
    if (BUSINESS.equals(calendar)) {
      return desk;
    }
    BusinessHours found = calendar == null ? null : named.get(calendar);
    if (found == null) {
      throw new IllegalArgumentException("Unknown SLA calendar '" + calendar + "': use one of " + names()
          + " (catalog/calendars.yaml names the others)");
    }
    return found;
  }

  private static Instant plusBusiness(BusinessHours hours, Instant from, Duration amount) {
    Duration remaining = amount;
    ZonedDateTime at = from.atZone(hours.zone());
    LocalDate day = at.toLocalDate();
    for (int guard = 0; guard < 100_000; guard++, day = day.plusDays(1)) {
      if (!hours.isWorkingDay(day)) {
        continue;
      }
      ZonedDateTime start = hours.dayStart(day);
      ZonedDateTime end = hours.dayEnd(day);
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
    throw new IllegalStateException("No working time within 100,000 days: check the calendar " + hours.name());
  }

  private static Duration businessBetween(BusinessHours hours, Instant from, Instant to) {
    Duration total = Duration.ZERO;
    ZonedDateTime start = from.atZone(hours.zone());
    ZonedDateTime finish = to.atZone(hours.zone());
    for (LocalDate day = start.toLocalDate(); !day.isAfter(finish.toLocalDate()); day = day.plusDays(1)) {
      if (!hours.isWorkingDay(day)) {
        continue;
      }
      ZonedDateTime begin = later(hours.dayStart(day), start);
      ZonedDateTime end = earlier(hours.dayEnd(day), finish);
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
