package org.flowdesk.sla;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.flowdesk.models.ModelCompanion;
import org.flowdesk.models.ModelIndex;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ModelRejectedException;
import org.flowdesk.models.ParsedModels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads the business calendars of teams and regions (section {@code calendars} of catalog/*.yaml) with
 * every model deployment, and puts them in force only when the whole deployment goes through. A calendar
 * that cannot count (an unknown zone, a day that ends before it starts, a holiday that is no date, a
 * public-holiday region Jollyday does not know) is refused naming its file and name, and so is a decision
 * that names a calendar ({@value #CALENDAR_OUTPUT}) which does not exist, and the removal of a calendar
 * that SLA clocks count in (their timers and the measures go on asking it).
 */
@Component
class CalendarFiles implements ModelCompanion {

  /** The decision output that names the calendar a clock counts in. */
  static final String CALENDAR_OUTPUT = "slaCalendarType";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern FEEL_STRING = Pattern.compile("^\\s*\"([^\"]*)\"\\s*$");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The part of a catalog file read here; the other sections are the catalog's. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record File(List<Calendar> calendars) {
  }

  /**
   * One calendar as written: times as {@code 08:00}, days as {@code MONDAY}, holidays as for
   * {@code flowdesk.sla.holidays}, public holidays as a Jollyday country or region ({@code US-NY}).
   */
  record Calendar(String name, String description, String zone, String dayStart, String dayEnd,
      List<String> workingDays, List<String> holidays, String publicHolidays) {
  }

  private final SlaCalendar slaCalendar;
  private final JdbcClient jdbc;
  /** The file of each calendar in force, to name where a calendar still in use was removed from. */
  private volatile Map<String, String> filesInForce = Map.of();

  CalendarFiles(SlaCalendar slaCalendar, JdbcClient jdbc) {
    this.slaCalendar = slaCalendar;
    this.jdbc = jdbc;
  }

  @Override
  public Prepared prepare(Path root, ModelIndex index) {
    Map<String, String> files = new HashMap<>();
    Map<String, BusinessHours> calendars = read(root, files);
    List<ModelProblem> removedInUse = new ArrayList<>();
    jdbc.sql("SELECT calendar, COUNT(*) AS clocks, MIN(ticket_number) AS example FROM fd_sla_clock GROUP BY calendar")
        .query((rs, row) -> {
          String name = rs.getString("calendar");
          if (!calendars.containsKey(name) && !SlaCalendar.AROUND_THE_CLOCK.equals(name)
              && !SlaCalendar.BUSINESS.equals(name)) {
            removedInUse.add(new ModelProblem(filesInForce.getOrDefault(name, "catalog/calendars.yaml"), name, null,
                "calendar '" + name + "' is gone, but " + rs.getLong("clocks") + " SLA clocks count in it (such as "
                    + rs.getString("example") + "'s): keep it, change its hours if they changed"));
          }
          return name;
        }).list();
    if (!removedInUse.isEmpty()) {
      throw new ModelRejectedException(removedInUse, null);
    }
    return () -> {
      slaCalendar.use(calendars);
      filesInForce = Map.copyOf(files);
    };
  }

  Map<String, BusinessHours> read(Path root) {
    return read(root, new HashMap<>());
  }

  private Map<String, BusinessHours> read(Path root, Map<String, String> fileOf) {
    List<ModelProblem> problems = new ArrayList<>();
    Map<String, BusinessHours> calendars = new TreeMap<>();
    for (Path path : files(root.resolve("catalog"))) {
      String file = root.relativize(path).toString().replace('\\', '/');
      File read;
      try {
        read = YAML.readValue(path.toFile(), File.class);
      } catch (IOException e) {
        continue; // The catalog (CatalogFiles) refuses a file that is no catalog YAML, with its line.
      }
      if (read == null || read.calendars() == null) {
        continue;
      }
      for (Calendar calendar : read.calendars()) {
        String name = calendar == null ? null : calendar.name();
        if (name == null || !NAME.matcher(name).matches()) {
          problems.add(new ModelProblem(file, name, null,
              "a calendar needs a name of lower-case letters, digits and hyphens (such as new-york)"));
        } else if (SlaCalendar.AROUND_THE_CLOCK.equals(name) || SlaCalendar.BUSINESS.equals(name)) {
          problems.add(new ModelProblem(file, name, null, "calendar '" + name + "' is built in: "
              + "24x7 counts around the clock and business in flowdesk.sla's hours; choose another name"));
        } else if (fileOf.putIfAbsent(name, file) != null) {
          problems.add(new ModelProblem(file, name, null, "calendar '" + name + "' is also defined in "
              + fileOf.get(name)));
        } else {
          try {
            calendars.put(name, hours(calendar));
          } catch (IllegalArgumentException | DateTimeException e) {
            problems.add(new ModelProblem(file, name, null, e.getMessage()));
          }
        }
      }
    }
    problems.addAll(unknownCalendarsInDecisions(root, calendars.keySet()));
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(problems, null);
    }
    return calendars;
  }

  private static BusinessHours hours(Calendar calendar) {
    String name = calendar.name();
    ZoneId zone;
    try {
      zone = ZoneId.of(String.valueOf(calendar.zone()));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("zone '" + calendar.zone()
          + "' is not a time zone such as Europe/Berlin or America/New_York");
    }
    LocalTime start = time(calendar.dayStart(), "dayStart");
    LocalTime end = time(calendar.dayEnd(), "dayEnd");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("dayEnd " + end + " must be after dayStart " + start);
    }
    if (calendar.workingDays() == null || calendar.workingDays().isEmpty()) {
      throw new IllegalArgumentException("workingDays must name at least one day (MONDAY to SUNDAY)");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String day : calendar.workingDays()) {
      try {
        days.add(DayOfWeek.valueOf(String.valueOf(day).trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("working day '" + day + "' is not a day of the week (MONDAY to SUNDAY)");
      }
    }
    Holidays holidays = new Holidays(calendar.holidays(), calendar.publicHolidays(), "holidays", "publicHolidays");
    return new BusinessHours(name, zone, start, end, days, holidays, calendar.description(),
        calendar.holidays() == null ? List.of() : List.copyOf(calendar.holidays()), calendar.publicHolidays());
  }

  private static LocalTime time(String text, String field) {
    try {
      return LocalTime.parse(String.valueOf(text).trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(field + " '" + text + "' is not a time of day such as 08:00");
    }
  }

  /** The rules of decisions/ whose calendar output names a calendar that does not exist. */
  private static List<ModelProblem> unknownCalendarsInDecisions(Path root, Set<String> named) {
    List<ModelProblem> problems = new ArrayList<>();
    for (Path path : files(root.resolve("decisions"))) {
      if (!path.getFileName().toString().endsWith(".dmn")) {
        continue;
      }
      DmnModelInstance dmn;
      try {
        dmn = ParsedModels.dmn(Files.readAllBytes(path));
      } catch (IOException | RuntimeException e) {
        continue; // The model lint refuses a decision that does not parse.
      }
      String file = root.relativize(path).toString().replace('\\', '/');
      for (DecisionTable table : dmn.getModelElementsByType(DecisionTable.class)) {
        List<Output> outputs = List.copyOf(table.getOutputs());
        for (int column = 0; column < outputs.size(); column++) {
          if (!CALENDAR_OUTPUT.equals(outputs.get(column).getName())) {
            continue;
          }
          for (Rule rule : table.getRules()) {
            List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
            if (column >= entries.size() || entries.get(column).getText() == null) {
              continue;
            }
            Matcher literal = FEEL_STRING.matcher(entries.get(column).getText().getTextContent());
            if (literal.matches() && !SlaCalendar.AROUND_THE_CLOCK.equals(literal.group(1))
                && !SlaCalendar.BUSINESS.equals(literal.group(1)) && !named.contains(literal.group(1))) {
              problems.add(new ModelProblem(file, rule.getId(), null, "calendar '" + literal.group(1)
                  + "' is neither 24x7, business nor a calendar of catalog/ (" + String.join(", ", named) + ")"));
            }
          }
        }
      }
    }
    return problems;
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("i18n")))
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".dmn");
          }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir, e);
    }
  }
}
