package org.flowdesk.sla;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The business calendar in which "business" SLA targets count.
 *
 * @param zone the service desk's time zone
 * @param dayStart when a working day begins
 * @param dayEnd when a working day ends
 * @param workingDays the days of the week that are worked
 * @param holidays days not worked even on a working day of the week: a date ({@code 2026-12-28})
 *     once, a month and day ({@code 12-24}) every year
 * @param publicHolidays the public holidays not worked, every year, from Jollyday's holiday
 *     calendars: a country ({@code DE}) or a country and region ({@code DE-BE}); none when blank
 */
@ConfigurationProperties("flowdesk.sla")
public record SlaProperties(
    @DefaultValue("UTC") ZoneId zone,
    @DefaultValue("08:00") LocalTime dayStart,
    @DefaultValue("18:00") LocalTime dayEnd,
    @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) Set<DayOfWeek> workingDays,
    @DefaultValue({}) List<String> holidays,
    @DefaultValue("") String publicHolidays) {

  public SlaProperties {
    if (!dayEnd.isAfter(dayStart)) {
      throw new IllegalArgumentException("flowdesk.sla.day-end must be after flowdesk.sla.day-start");
    }
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("flowdesk.sla.working-days must name at least one day");
    }
  }
}
