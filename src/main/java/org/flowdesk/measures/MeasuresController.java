package org.flowdesk.measures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.lang.reflect.RecordComponent;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.export.Spreadsheet;
import org.flowdesk.sla.SlaCalendar;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Measures for service owners and administrators. A period is {@code from} (inclusive) and
 * {@code to} (exclusive), dates (2026-11-01, the service desk's midnight) or dates and times;
 * the last 30 days when not given; at most 3 years.
 */
@RestController
@RequestMapping("/api/measures")
@Tag(name = "Measures", description = "Figures for service owners and administrators: volumes and SLA compliance, "
    + "backlog aging, process bottlenecks and cost.")
class MeasuresController {

  private static final String FROM = "Start (inclusive): a date (the desk's midnight) like 2026-11-01 or a date and "
      + "time; 30 days before to when not given";
  private static final String TO = "End (exclusive): a date or a date and time; now when not given. A period is at "
      + "most 3 years";

  private static final Duration LONGEST = Duration.ofDays(3 * 366);

  private final Measures measures;
  private final AccessProperties access;
  private final SlaCalendar desk;
  private final Clock clock;
  private final Languages languages;
  private final People people;

  MeasuresController(Measures measures, AccessProperties access, SlaCalendar desk, Clock clock, Languages languages,
      People people) {
    this.clock = clock;
    this.measures = measures;
    this.access = access;
    this.desk = desk;
    this.languages = languages;
    this.people = people;
  }

  /**
   * The names people read in the caller's language: services and lines of business as catalog/i18n words them,
   * groups as the language's groups section (else the directory), months as the language writes them.
   */
  private final class Names {
    final String code;
    final Languages.CatalogWords catalog;
    final JsonNode bundle;
    final Map<String, String> serviceNames = new java.util.HashMap<>();
    final Map<String, String> lineNames = new java.util.HashMap<>();

    Names(Authentication caller) {
      code = languages.ofCaller(CurrentUser.of(caller).id());
      catalog = languages.catalog(code);
      bundle = languages.bundle(code);
      Portfolio portfolio = measures.portfolio();
      portfolio.services().forEach(s -> serviceNames.put(s.id(), s.name()));
      portfolio.linesOfBusiness().forEach(l -> lineNames.put(l.id(), l.name()));
    }

    String service(String id, String english) {
      return catalog.name("services", id, english != null ? english : serviceNames.getOrDefault(id, id));
    }

    String line(String id, String english) {
      return catalog.name("linesOfBusiness", id, english != null ? english : lineNames.getOrDefault(id, id));
    }

    String group(String id, String named) {
      return Languages.groupName(bundle, id, named != null ? named : people.groupName(id));
    }

    /** A row's key as people read it, by what the rows are grouped by. */
    String label(String groupBy, String key) {
      if (groupBy == null) {
        return null;
      }
      if (Measures.NONE.equals(key)) {
        return "—";
      }
      return switch (groupBy) {
        case "service" -> service(key, null);
        case "lineOfBusiness" -> line(key, null);
        case "group" -> group(key, null);
        case "month" -> month(key);
        default -> key;
      };
    }

    private String month(String key) {
      try {
        return java.time.YearMonth.parse(key).format(java.time.format.DateTimeFormatter.ofPattern("MMM yyyy",
            Languages.MODELS_LANGUAGE.equals(code) ? java.util.Locale.ENGLISH : java.util.Locale.forLanguageTag(code)));
      } catch (java.time.format.DateTimeParseException e) {
        return key;
      }
    }
  }

  private List<Measures.Row> labelled(List<Measures.Row> rows, String groupBy, Names names) {
    return rows.stream().map(row -> row.labelled(names.label(groupBy, row.key()))).toList();
  }

  private Measures.CostReport named(Measures.CostReport cost, Names names) {
    return new Measures.CostReport(cost.from(), cost.to(), cost.services().stream().map(s -> s.named(
        names.service(s.service(), s.name()))).toList(), cost.linesOfBusiness().stream().map(l -> l.named(
            names.line(l.lineOfBusiness(), l.name()))).toList(), cost.portfolio());
  }

  @Schema(name = "MeasuresReport")
  record Report(Instant from, Instant to, String type, String groupBy, List<Measures.Row> rows,
      @Schema(description = "Per assignment group, its OLAs that ended in the period (of tickets of the type, when "
          + "given): how many it held, met and breached, and the median time it held a ticket")
      List<Measures.OlaRow> olas) {
  }

  @Operation(operationId = "measures", summary = "Volumes and SLA compliance",
      description = "Tickets opened, resolved and closed, backlog and SLA compliance in a period, by service, line "
          + "of business, priority, group or month; problems opened and resolved, time to known error, incidents per "
          + "problem, incidents resolved by a known error and their time to resolve against the others'.")
  @ApiResponse(responseCode = "200", description = "The period's figures")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping
  Report measures(Authentication caller, @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to,
      @Parameter(description = "Only tickets of this type") @RequestParam(required = false)
      @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type,
      @Parameter(description = "The rows: one per service, line of business, priority, group or month")
      @RequestParam(required = false) @Pattern(regexp = "service|lineOfBusiness|priority|group|month",
          message = "must be service, lineOfBusiness, priority, group or month") String groupBy) {
    allowed(caller);
    Instant[] period = period(from, to);
    return new Report(period[0], period[1], type, groupBy, labelled(measures.between(period[0], period[1], type,
        groupBy), groupBy, new Names(caller)), measures.olas(period[0], period[1], type));
  }

  @Schema(name = "BacklogAging")
  record Aging(Instant at, String type, Map<String, Map<String, Long>> buckets) {
  }

  @Operation(operationId = "backlogAging", summary = "Backlog aging",
      description = "The open tickets now by age bucket and priority: bucket → priority (P1…, none) → tickets.")
  @ApiResponse(responseCode = "200", description = "The backlog by age")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/backlog")
  Aging backlog(Authentication caller, @Parameter(description = "Only tickets of this type") @RequestParam(required = false)
      @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type) {
    allowed(caller);
    Instant now = clock.instant();
    return new Aging(now, type, measures.backlogAging(now, type));
  }

  record Bottlenecks(Instant from, Instant to, List<Measures.ProcessMeasure> processes) {
  }

  @Operation(operationId = "bottlenecks", summary = "Process bottlenecks",
      description = "Per process version whose instances ended in the period: its cycle time and its "
          + "activities, the biggest share of the time first (user tasks: waiting against working).")
  @ApiResponse(responseCode = "200", description = "The steps' durations")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/bottlenecks")
  Bottlenecks bottlenecks(Authentication caller, @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to,
      @Parameter(description = "Only this process", example = "incident") @RequestParam(required = false) @Size(max = 255) @Pattern(regexp = "[A-Za-z0-9_.-]*",
          message = "must be a process key such as incident") String process) {
    allowed(caller);
    Instant[] period = period(from, to);
    return new Bottlenecks(period[0], period[1], measures.bottlenecks(period[0], period[1], process));
  }

  @Operation(operationId = "cost", summary = "Cost and value of the services",
      description = "Each service's running and request cost in a period, the hours agents worked on its tickets "
          + "and their cost at the catalog's hourly rate of each group (effortRates), with its tickets, SLA "
          + "compliance and satisfaction, and the totals per line of business.")
  @ApiResponse(responseCode = "200", description = "The period's cost")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/cost")
  Measures.CostReport cost(Authentication caller, @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to) {
    allowed(caller);
    Instant[] period = period(from, to);
    return named(measures.cost(period[0], period[1]), new Names(caller));
  }

  @Operation(operationId = "timeWorked", summary = "Time worked and its cost",
      description = "The minutes agents recorded on tickets in a period (with steps whose form asks for the time "
          + "spent, and with comments), per agent, service, line of business and group, each entry priced at the "
          + "hourly rate of the group it was worked for (catalog effortRates; group default for the others).")
  @ApiResponse(responseCode = "200", description = "The period's time worked")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/time-worked")
  Measures.TimeReport timeWorked(Authentication caller,
      @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to) {
    allowed(caller);
    Instant[] period = period(from, to);
    Measures.TimeReport time = measures.timeWorked(period[0], period[1]);
    Names names = new Names(caller);
    return new Measures.TimeReport(time.from(), time.to(), time.minutes(), time.hours(), time.effortCost(),
        time.agents(), time.services().stream().map(e -> Measures.NONE.equals(e.key()) ? e
            : e.named(names.service(e.key(), e.name()))).toList(),
        time.linesOfBusiness().stream().map(e -> Measures.NONE.equals(e.key()) ? e
            : e.named(names.line(e.key(), e.name()))).toList(),
        time.groups().stream().map(g -> g.named(names.group(g.group(), g.name()))).toList());
  }

  @Operation(operationId = "attachmentStorage", summary = "Attachment storage per service",
      description = "How many files the tickets and knowledge articles of each service hold now and how many bytes "
          + "they take up (in the database or the attachment directory, whichever stores them), the largest first.")
  @ApiResponse(responseCode = "200", description = "The storage now")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/storage")
  Measures.Storage storage(Authentication caller) {
    allowed(caller);
    return measures.storage(clock.instant());
  }

  /**
   * The figures a spreadsheet takes: the measures' rows, the cost per service or per line of
   * business. The columns are the report's fields, in their order, so a figure added to a report
   * is in its export too.
   */
  @Operation(operationId = "exportMeasures", summary = "Export the measures as CSV or XLSX",
      description = "One report of a period as a spreadsheet, one row per group: report=measures (the rows of "
          + "measures with the same type and groupBy; the columns are MeasuresReport's row fields), cost (one row per "
          + "service, the columns of ServiceValue) or linesOfBusiness (one row per line of business, the columns of "
          + "LineValue) or olas (one row per assignment group, the columns of OlaRow). Numbers are numbers; text "
          + "that a spreadsheet would run as a formula is neutralised as in "
          + "exportTickets.")
  @ApiResponse(responseCode = "200", description = "The spreadsheet, as a download", content = {
      @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
      @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          schema = @Schema(type = "string", format = "binary")) })
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @GetMapping("/export")
  void export(Authentication caller, HttpServletResponse response,
      @Parameter(description = "csv or xlsx", example = "csv") @RequestParam(defaultValue = "csv") @Size(max = 8)
      String format,
      @Parameter(description = "measures, cost, linesOfBusiness or olas", example = "measures")
      @RequestParam(defaultValue = "measures") @Pattern(regexp = "measures|cost|linesOfBusiness|olas",
          message = "must be measures, cost, linesOfBusiness or olas") String report,
      @Parameter(description = FROM) @RequestParam(required = false) String from,
      @Parameter(description = TO) @RequestParam(required = false) String to,
      @Parameter(description = "Only tickets of this type (report=measures and olas)") @RequestParam(required = false)
      @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type,
      @Parameter(description = "The rows of report=measures: one per service, line of business, priority, group or "
          + "month") @RequestParam(required = false) @Pattern(regexp = "service|lineOfBusiness|priority|group|month",
          message = "must be service, lineOfBusiness, priority, group or month") String groupBy) {
    // Everything is checked and read before the first byte: once rows are written, no error can be answered.
    allowed(caller);
    Spreadsheet.Format as = Spreadsheet.Format.of(format);
    Instant[] period = period(from, to);
    // Names as the caller reads them, as the API answers them.
    Names names = new Names(caller);
    List<? extends Record> rows = switch (report) {
      case "cost" -> named(measures.cost(period[0], period[1]), names).services();
      case "linesOfBusiness" -> named(measures.cost(period[0], period[1]), names).linesOfBusiness();
      case "olas" -> measures.olas(period[0], period[1], type);
      default -> labelled(measures.between(period[0], period[1], type, groupBy), groupBy, names);
    };
    Class<? extends Record> kind = switch (report) {
      case "cost" -> Measures.ServiceValue.class;
      case "linesOfBusiness" -> Measures.LineValue.class;
      case "olas" -> Measures.OlaRow.class;
      default -> Measures.Row.class;
    };
    RecordComponent[] columns = kind.getRecordComponents();
    String name = report + "-" + LocalDate.ofInstant(period[0], desk.zone()) + "-to-"
        + LocalDate.ofInstant(period[1], desk.zone());
    try (Spreadsheet sheet = Spreadsheet.download(response, as, name, report,
        Arrays.stream(columns).map(RecordComponent::getName).toList())) {
      for (Record row : rows) {
        List<Object> cells = new ArrayList<>(columns.length);
        for (RecordComponent column : columns) {
          try {
            cells.add(column.getAccessor().invoke(row));
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + column.getName() + " of " + kind.getSimpleName(), e);
          }
        }
        sheet.row(cells);
      }
    }
  }

  private void allowed(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isAdministrator() && access.serviceOwnerGroups().stream().noneMatch(user::isMemberOf)) {
      throw new ForbiddenException("The measures are for service owners and administrators");
    }
  }

  private Instant[] period(String from, String to) {
    Instant end = to == null ? clock.instant() : when(to, "to");
    Instant start = from == null ? end.minus(Duration.ofDays(30)) : when(from, "from");
    if (!end.isAfter(start)) {
      // Without an end the period ends now: a start after it is the start's fault.
      throw new FormValidationException(List.of(to == null ? new FieldError("from", "must be before now")
          : new FieldError("to", "must be after from")));
    }
    if (Duration.between(start, end).compareTo(LONGEST) > 0) {
      throw new FormValidationException(List.of(new FieldError("to", "a period may be at most 3 years")));
    }
    return new Instant[] {start, end};
  }

  private Instant when(String text, String parameter) {
    try {
      return desk.instant(text);
    } catch (DateTimeParseException e) {
      throw new FormValidationException(List.of(new FieldError(parameter,
          "must be a date like 2026-11-01 or a date and time like 2026-11-01T08:00")));
    }
  }
}
