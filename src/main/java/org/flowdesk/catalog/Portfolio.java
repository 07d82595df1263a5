package org.flowdesk.catalog;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * The service portfolio as read from catalog/: lines of business, services, request items,
 * standard-change templates and change blackout windows.
 */
public record Portfolio(List<LineOfBusiness> linesOfBusiness, List<Service> services, List<RequestItem> items,
    List<ChangeTemplate> changeTemplates, List<BlackoutWindow> blackoutWindows, List<EffortRate> effortRates,
    List<Organisation> organisations, List<Group> groups) {

  public static final String PIPELINE = "pipeline";
  public static final String CATALOG = "catalog";
  public static final String RETIRED = "retired";

  public static Portfolio empty() {
    return new Portfolio(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /**
   * A customer organisation with a contract: the people whose mail address ends in one of its
   * {@code domains} are its people, and their tickets count towards the {@code serviceLevel} it
   * contracted (gold, silver, bronze: words decisions/sla-targets.dmn decides on).
   */
  public record Organisation(String id, String name, List<String> domains, String serviceLevel) {
  }

  /** The organisation a mail address belongs to by its domain, if any. */
  public Optional<Organisation> organisationOf(String mailAddress) {
    if (mailAddress == null || organisations == null) {
      return Optional.empty();
    }
    int at = mailAddress.lastIndexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    String domain = mailAddress.substring(at + 1).strip().toLowerCase(java.util.Locale.ROOT);
    return organisations.stream()
        .filter(o -> o.domains().stream().anyMatch(d -> d.toLowerCase(java.util.Locale.ROOT).equals(domain)))
        .findFirst();
  }

  /** The group whose rate applies to the effort of groups that have none of their own. */
  public static final String DEFAULT_RATE = "default";

  /**
   * What an hour of an agent group's work costs, to price the time worked on tickets next to the
   * services' running cost and the items' prices; group {@value #DEFAULT_RATE} prices every group
   * without a rate of its own.
   */
  public record EffortRate(String group, BigDecimal hourlyRate) {
  }

  /** The hourly rate of the group's effort: its own, else the default one, else none (its effort is not priced). */
  public Optional<BigDecimal> hourlyRate(String group) {
    List<EffortRate> rates = effortRates == null ? List.of() : effortRates;
    return rates.stream().filter(r -> r.group().equals(group)).findFirst()
        .or(() -> rates.stream().filter(r -> DEFAULT_RATE.equals(r.group())).findFirst())
        .map(EffortRate::hourlyRate);
  }

  /** An assignment group as the catalog describes it: who leads it (and is warned before its OLAs run out). */
  public record Group(String id, String lead) {
  }

  /** The lead of the group, as catalog/groups.yaml names them; empty for a group without one. */
  public Optional<String> leadOf(String group) {
    return (groups == null ? List.<Group>of() : groups).stream().filter(g -> g.id().equals(group)).findFirst()
        .map(Group::lead);
  }

  public record LineOfBusiness(String id, String name, String description) {
  }

  /**
   * A service. {@code lifecycle} is pipeline (planned, shown to its owners), catalog (offered)
   * or retired (no longer offered; its tickets stay readable). {@code criticality} (low, medium,
   * high) and whether a change falls in one of its {@code maintenanceWindows} rate a change's risk.
   */
  public record Service(String id, String name, String description, String lineOfBusiness, String ownerGroup,
      String lifecycle, LocalDate plannedDate, String supportHours, BigDecimal monthlyCost, String criticality,
      List<MaintenanceWindow> maintenanceWindows) {

    public String criticalityOrDefault() {
      return criticality == null ? "medium" : criticality;
    }

    public List<MaintenanceWindow> maintenanceWindowsOrNone() {
      return maintenanceWindows == null ? List.of() : maintenanceWindows;
    }
  }

  /** A weekly window in which changes to a service are expected, in the service desk's time zone. */
  public record MaintenanceWindow(DayOfWeek day, LocalTime from, LocalTime to) {
  }

  /**
   * A pre-approved standard change: a change naming it inherits its plans and implementing
   * group, and may take at most {@code maxDuration}.
   */
  public record ChangeTemplate(String id, String name, String service, String implementationGroup,
      String implementationPlan, String backoutPlan, String testEvidence, String maxDuration) {
  }

  /**
   * A period in which no change may be made to the listed services (all services when none are
   * listed), in the service desk's time zone: once, from {@code from} to {@code to}; or, with an
   * RFC 5545 {@code recurrence} rule ({@code FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=23}), again and again
   * from that first occurrence, each as long in wall-clock time as the first.
   */
  public record BlackoutWindow(String id, String name, List<String> services, LocalDateTime from,
      LocalDateTime to, String recurrence) {

    /** The frequencies a blackout may repeat at; anything finer is a schedule, not a blackout. */
    static final Set<Freq> FREQUENCIES = EnumSet.of(Freq.DAILY, Freq.WEEKLY, Freq.MONTHLY, Freq.YEARLY);

    /** A limit to the occurrences in one answer, so a daily rule asked for a century stays an answer. */
    static final int MAX_OCCURRENCES = 5_000;

    public boolean covers(String service) {
      return services == null || services.isEmpty() || services.contains(service);
    }

    /** The rule, checked: null for a one-off window. */
    RecurrenceRule rule() throws InvalidRecurrenceRuleException {
      if (recurrence == null || recurrence.isBlank()) {
        return null;
      }
      String text = recurrence.trim();
      RecurrenceRule rule = new RecurrenceRule(text.startsWith("RRULE:") ? text.substring(6) : text);
      if (!FREQUENCIES.contains(rule.getFreq())) {
        throw new InvalidRecurrenceRuleException("a blackout window repeats daily, weekly, monthly or yearly, not "
            + rule.getFreq());
      }
      return rule;
    }

    /** Each time the window is in force that overlaps {@code start} to {@code end}, in order of time. */
    public List<Occurrence> occurrences(Instant start, Instant end, ZoneId zone) {
      Duration length = Duration.between(from, to);
      RecurrenceRule rule;
      try {
        rule = rule();
      } catch (InvalidRecurrenceRuleException e) {
        throw new IllegalStateException("blackout window " + id + ": " + e.getMessage(), e);
      }
      List<Occurrence> found = new ArrayList<>();
      if (rule == null) {
        add(found, from, length, zone, start, end);
        return found;
      }
      RecurrenceRuleIterator next = rule.iterator(from.atZone(zone).toInstant().toEpochMilli(), TimeZone.getTimeZone(zone));
      // Occurrences that began up to one window's length (and a day for zone shifts) before start may still be in force.
      next.fastForward(start.minus(length).minus(Duration.ofDays(1)).toEpochMilli());
      while (next.hasNext() && found.size() < MAX_OCCURRENCES) {
        LocalDateTime begins = LocalDateTime.ofInstant(Instant.ofEpochMilli(next.nextMillis()), zone);
        if (!begins.atZone(zone).toInstant().isBefore(end)) {
          break;
        }
        add(found, begins, length, zone, start, end);
      }
      return found;
    }

    private void add(List<Occurrence> found, LocalDateTime begins, Duration length, ZoneId zone, Instant start,
        Instant end) {
      Instant opens = begins.atZone(zone).toInstant();
      Instant closes = begins.plus(length).atZone(zone).toInstant();
      if (opens.isBefore(end) && start.isBefore(closes)) {
        found.add(new Occurrence(opens, closes));
      }
    }
  }

  /** One time a blackout window is in force. */
  public record Occurrence(Instant from, Instant to) {
  }

  /**
   * Something requesters order: its form asks the questions, its process fulfils it, its fulfilment group
   * delivers it (a request being fulfilled is in that group's queue). {@code sensitive} marks access to
   * sensitive systems (security approves).
   */
  public record RequestItem(String id, String name, String description, String service, String form,
      String process,
      @io.swagger.v3.oas.annotations.media.Schema(description = "The agent group that delivers the item: a request "
          + "being fulfilled is in its queue", example = "facilities") String fulfilmentGroup,
      BigDecimal price, String deliveryTarget, List<String> orderableBy, Boolean sensitive,
      @io.swagger.v3.oas.annotations.media.Schema(description = "What a request's title says: {field} is the answer "
          + "to a field of the item's form as people read it, {item} the item's name, {requester} who ordered; "
          + "the item's name when empty", example = "{item} — {model}, for {requester}") String title) {

    /** {field}, {item}, {requester}. */
    static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^{}]*)\\}");
    static final String ITEM = "item";
    static final String REQUESTER = "requester";
    /** As long as a ticket's title may be. */
    static final int TITLE_LENGTH = 200;

    public boolean isSensitive() {
      return Boolean.TRUE.equals(sensitive);
    }

    /**
     * The title of a request for this item: its {@link #title} template with the answers as
     * people read them (an unanswered field leaves nothing), or the item's name; the item named
     * {@code itemName} (its name in the requester's language).
     */
    public String titleFor(String itemName, java.util.Map<String, String> shownAnswers, String requesterName) {
      return titleFor(title, itemName, shownAnswers, requesterName);
    }

    /**
     * The title of a request for this item in a language: the {@code template} is the item's title in it
     * ({@code catalog/i18n}), the answers as its readers read them; the item's name when this item has no title.
     */
    public String titleFor(String template, String itemName, java.util.Map<String, String> shownAnswers,
        String requesterName) {
      if (title == null || title.isBlank() || template == null || template.isBlank()) {
        return itemName;
      }
      java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(template);
      StringBuilder text = new StringBuilder();
      while (placeholder.find()) {
        String key = placeholder.group(1);
        String value = ITEM.equals(key) ? itemName : REQUESTER.equals(key) ? requesterName
            : shownAnswers.getOrDefault(key, "");
        placeholder.appendReplacement(text, java.util.regex.Matcher.quoteReplacement(
            value.replaceAll("\\s+", " ").strip()));
      }
      placeholder.appendTail(text);
      String rendered = text.toString().replaceAll("\\s+", " ").strip();
      if (rendered.isEmpty()) {
        return itemName;
      }
      return rendered.length() <= TITLE_LENGTH ? rendered : rendered.substring(0, TITLE_LENGTH - 1) + "…";
    }

    /** The placeholders of {@link #title} that name neither a field of the form nor the item or requester. */
    public List<String> unknownPlaceholders(java.util.Set<String> formKeys) {
      if (title == null) {
        return List.of();
      }
      List<String> unknown = new java.util.ArrayList<>();
      java.util.regex.Matcher placeholder = PLACEHOLDER.matcher(title);
      while (placeholder.find()) {
        String key = placeholder.group(1);
        if (!ITEM.equals(key) && !REQUESTER.equals(key) && !formKeys.contains(key)) {
          unknown.add(key);
        }
      }
      return unknown;
    }
  }

  public Optional<Service> service(String id) {
    return services.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public Optional<ChangeTemplate> changeTemplate(String id) {
    return changeTemplates.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public Optional<RequestItem> item(String id) {
    return items.stream().filter(i -> i.id().equals(id)).findFirst();
  }
}
