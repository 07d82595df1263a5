package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.flowdesk.models.ModelRejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named business calendars from catalog/*.yaml: each counts in its own zone, hours and holidays. */
class CalendarFilesTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir
  Path root;

  /** The desk's own calendar as application.yaml ships it: Berlin, 08:00 to 18:00, Berlin's public holidays. */
  final SlaCalendar calendar = new SlaCalendar(new SlaProperties(BERLIN, LocalTime.of(8, 0), LocalTime.of(18, 0),
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of("12-24", "12-31"), "DE-BE"));

  void write(String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  void load() {
    calendar.use(new CalendarFiles(calendar, null).read(root));
  }

  static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  static final String NEW_YORK_DESK = """
      calendars:
        - name: new-york
          description: The Americas desk
          zone: America/New_York
          dayStart: "09:00"
          dayEnd: "17:00"
          workingDays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]
          publicHolidays: US
          holidays: ["07-03"%s]
      """;

  @Test
  void aCalendarInAnotherZoneCountsItsOwnHoursAcrossAWeekendAndAPublicHolidayOfALaterYear() throws IOException {
    write("catalog/calendars.yaml", NEW_YORK_DESK.formatted(""));
    load();
    // Friday 25 May 2029, 15:00 in New York (21:00 in Berlin). Four business hours in New York: 15:00 to 17:00
    // on Friday, then the weekend, then Monday 28 May, Memorial Day (Jollyday's US calendar), then 09:00 to
    // 11:00 on Tuesday 29 May: 11:00 EDT is 15:00 UTC.
    Instant reported = at("2029-05-25T15:00", NEW_YORK);
    assertThat(calendar.plus(reported, "PT4H", "new-york")).isEqualTo(Instant.parse("2029-05-29T15:00:00Z"));
    // Berlin's desk was closed at 21:00; Whit Monday was a week before, so Monday 28 May counts: 08:00 to 12:00.
    assertThat(calendar.plus(reported, "PT4H", "business")).isEqualTo(Instant.parse("2029-05-28T10:00:00Z"));
    // A business day is one working day of the calendar's own: eight hours in New York.
    assertThat(calendar.plus(reported, "P1D", "new-york")).isEqualTo(Instant.parse("2029-05-29T19:00:00Z"));
    assertThat(calendar.between(reported, Instant.parse("2029-05-29T15:00:00Z"), "new-york"))
        .isEqualTo(Duration.ofHours(4));
    assertThat(calendar.names()).containsExactly("24x7", "business", "new-york");
  }

  @Test
  void daysClosedOnceOrEveryYearAreSkippedToo() throws IOException {
    write("catalog/calendars.yaml", NEW_YORK_DESK.formatted(", \"2029-05-29\""));
    load();
    // Tuesday 29 May 2029 is closed once: the four hours end on Wednesday at 11:00 EDT.
    assertThat(calendar.plus(at("2029-05-25T15:00", NEW_YORK), "PT4H", "new-york"))
        .isEqualTo(Instant.parse("2029-05-30T15:00:00Z"));
    // 3 July is closed every year, 4 July is Independence Day: Monday 2 July 2029 16:00 plus 2 hours ends on
    // Thursday 5 July at 10:00 EDT.
    assertThat(calendar.plus(at("2029-07-02T16:00", NEW_YORK), "PT2H", "new-york"))
        .isEqualTo(Instant.parse("2029-07-05T14:00:00Z"));
  }

  @Test
  void aClockInACalendarThatIsNotDefinedIsRefusedNamingTheOnesThatAre() throws IOException {
    write("catalog/calendars.yaml", NEW_YORK_DESK.formatted(""));
    load();
    assertThatThrownBy(() -> calendar.plus(Instant.parse("2029-05-25T15:00:00Z"), "PT4H", "tokyo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown SLA calendar 'tokyo'").hasMessageContaining("[24x7, business, new-york]");
  }

  @Test
  void badCalendarsAreRefusedNamingFileCalendarAndReasonAndTheOnesInForceStay() throws IOException {
    write("catalog/calendars.yaml", NEW_YORK_DESK.formatted(""));
    load();
    write("catalog/more-calendars.yaml", """
        calendars:
          - name: mars
            zone: Mars/Olympus_Mons
            dayStart: "08:00"
            dayEnd: "16:00"
            workingDays: [MONDAY]
          - name: backwards
            zone: Europe/Berlin
            dayStart: "18:00"
            dayEnd: "08:00"
            workingDays: [MONDAY]
          - name: funday
            zone: Europe/Berlin
            dayStart: "08:00"
            dayEnd: "16:00"
            workingDays: [FUNDAY]
          - name: nowhere
            zone: Europe/Berlin
            dayStart: "08:00"
            dayEnd: "16:00"
            workingDays: [MONDAY]
            publicHolidays: XX
            holidays: ["someday"]
          - name: new-york
            zone: America/New_York
            dayStart: "09:00"
            dayEnd: "17:00"
            workingDays: [MONDAY]
          - name: business
            zone: Europe/Berlin
            dayStart: "09:00"
            dayEnd: "17:00"
            workingDays: [MONDAY]
        """);
    write("decisions/sla-targets.dmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="D" name="D" namespace="x">
          <decision id="sla-targets" name="SLA targets">
            <decisionTable id="T" hitPolicy="FIRST">
              <input id="I"><inputExpression id="IE" typeRef="integer"><text>priority</text></inputExpression></input>
              <output id="O" name="slaCalendarType" typeRef="string" />
              <rule id="Rule_Tokyo"><inputEntry id="E1"><text>1</text></inputEntry><outputEntry id="E2"><text>"tokyo"</text></outputEntry></rule>
              <rule id="Rule_NewYork"><inputEntry id="E3"><text>2</text></inputEntry><outputEntry id="E4"><text>"new-york"</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """);

    assertThatThrownBy(() -> new CalendarFiles(calendar, null).read(root)).isInstanceOfSatisfying(
        ModelRejectedException.class, refused -> assertThat(refused.problems()).extracting(
            p -> p.file() + " " + p.element() + ": " + p.reason()).containsExactlyInAnyOrder(
            "catalog/more-calendars.yaml mars: zone 'Mars/Olympus_Mons' is not a time zone such as Europe/Berlin "
                + "or America/New_York",
            "catalog/more-calendars.yaml backwards: dayEnd 08:00 must be after dayStart 18:00",
            "catalog/more-calendars.yaml funday: working day 'FUNDAY' is not a day of the week (MONDAY to SUNDAY)",
            "catalog/more-calendars.yaml nowhere: holidays: 'someday' is neither a date (2026-12-28) nor a day of "
                + "every year (12-24)",
            "catalog/more-calendars.yaml new-york: calendar 'new-york' is also defined in catalog/calendars.yaml",
            "catalog/more-calendars.yaml business: calendar 'business' is built in: 24x7 counts around the clock "
                + "and business in flowdesk.sla's hours; choose another name",
            "decisions/sla-targets.dmn Rule_Tokyo: calendar 'tokyo' is neither 24x7, business nor a calendar of "
                + "catalog/ (new-york)"));
    // Nothing was put in force: the calendars of the last good deployment still count.
    assertThat(calendar.names()).containsExactly("24x7", "business", "new-york");
  }

  @Test
  void anUnknownPublicHolidayRegionIsRefused() throws IOException {
    write("catalog/calendars.yaml", """
        calendars:
          - name: atlantis
            zone: Europe/Berlin
            dayStart: "08:00"
            dayEnd: "16:00"
            workingDays: [MONDAY]
            publicHolidays: XX
        """);
    assertThatThrownBy(() -> new CalendarFiles(calendar, null).read(root)).isInstanceOfSatisfying(
        ModelRejectedException.class, refused -> assertThat(refused.problems()).singleElement()
            .satisfies(p -> assertThat(p.file() + " " + p.element() + ": " + p.reason()).startsWith(
                "catalog/calendars.yaml atlantis: publicHolidays: 'XX' is not a country with a holiday calendar")));
  }
}
