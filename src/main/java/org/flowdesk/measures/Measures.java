package org.flowdesk.measures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.sla.SlaProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Service measures from FlowDesk's tickets and Camunda's history. Durations are in hours (of
 * the ticket's SLA calendar: business hours for business-hours services, pauses excluded; every
 * hour for the time to a known error, as problems have no SLA clock);
 * rates are percentages; the median of an even count is the mean of the middle two, the 90th
 * percentile the nearest rank.
 */
@Service
@Transactional(readOnly = true)
public class Measures {

  static final List<String> GROUPINGS = List.of("service", "lineOfBusiness", "priority", "group", "month");

  private final MeasuresRepository repository;
  private final Catalog catalog;
  private final SlaCalendar calendar;
  private final ZoneId zone;

  private final DeployedVocabulary vocabulary;
  private final People people;

  Measures(MeasuresRepository repository, Catalog catalog, SlaCalendar calendar, SlaProperties hours,
      DeployedVocabulary vocabulary, People people) {
    this.vocabulary = vocabulary;
    this.people = people;
    this.repository = repository;
    this.catalog = catalog;
    this.calendar = calendar;
    this.zone = hours.zone();
  }

  /** The key of the tickets, time or files without a service (a line of business, a group, a priority). */
  static final String NONE = "none";

  /** The catalog in force, whose entries the measures name. */
  Portfolio portfolio() {
    return catalog.portfolio();
  }

  /** The measures of one group of tickets (or of all, when not grouped). */
  @Schema(name = "MeasuresRow")
  record Row(String key,
      @Schema(description = "What people read for the key, in the caller's language: the service's, line of "
          + "business's or group's name, the priority (P2), the month (Dec 2026); \"—\" for none, null when not "
          + "grouped", example = "Network and Wi-Fi") String label,
      long opened, long resolved, long closed, long backlog,
      Double acknowledgeMedianHours, Double acknowledgeP90Hours, Double resolveMedianHours, Double resolveP90Hours,
      Double responseSlaCompliancePercent, Double resolutionSlaCompliancePercent, Double reopenRatePercent,
      Double firstContactResolutionPercent, Double satisfactionAverage, Double satisfactionResponseRatePercent,
      Double fulfilmentMedianHours, Double fulfilmentWithinTargetPercent, Double approvalCycleMedianHours,
      Double changeSuccessRatePercent, Double emergencyChangeSharePercent,
      @Schema(description = "Problems logged in the period") long problemsOpened,
      @Schema(description = "Problems resolved in the period") long problemsResolved,
      @Schema(description = "Mean hours from logging a problem to its known error, of the problems that became "
          + "known errors in the period (every hour counts)") Double knownErrorMeanHours,
      @Schema(description = "Mean number of incidents linked to the problems logged in the period (by the period's "
          + "end), those without any counted as 0") Double incidentsPerProblem,
      @Schema(description = "Of the incidents resolved in the period, the share resolved by a known error "
          + "(resolution code known_error)") Double knownErrorResolutionPercent,
      @Schema(description = "Mean time to resolve (SLA hours) of the incidents resolved in the period with a known "
          + "error at hand: resolved as known_error, or linked to a problem that was a known error by then")
      Double resolveMeanHoursWithKnownError,
      @Schema(description = "Mean time to resolve (SLA hours) of the other incidents resolved in the period")
      Double resolveMeanHoursWithoutKnownError,
      @Schema(description = "Incidents declared major in the period (by their model, a P1, or by an agent)")
      long majorIncidents,
      @Schema(description = "Mean hours from declaring a major incident to resolving it, of the major incidents "
          + "resolved in the period (every hour counts: an outage is measured as it is felt)")
      Double majorIncidentMeanHours) {

    /** The row, its key read as {@code label}. */
    Row labelled(String label) {
      return new Row(key, label, opened, resolved, closed, backlog, acknowledgeMedianHours, acknowledgeP90Hours,
          resolveMedianHours, resolveP90Hours, responseSlaCompliancePercent, resolutionSlaCompliancePercent,
          reopenRatePercent, firstContactResolutionPercent, satisfactionAverage, satisfactionResponseRatePercent,
          fulfilmentMedianHours, fulfilmentWithinTargetPercent, approvalCycleMedianHours, changeSuccessRatePercent,
          emergencyChangeSharePercent, problemsOpened, problemsResolved, knownErrorMeanHours, incidentsPerProblem,
          knownErrorResolutionPercent, resolveMeanHoursWithKnownError, resolveMeanHoursWithoutKnownError,
          majorIncidents, majorIncidentMeanHours);
    }
  }

  /** What happened between two instants, grouped by service, line of business, priority, group or month. */
  List<Row> between(Instant from, Instant to, String type, String groupBy) {
    Map<String, Accumulator> groups = new TreeMap<>();
    Function<String, Accumulator> group = key -> groups.computeIfAbsent(key, k -> new Accumulator());
    for (TicketFacts t : repository.tickets(from, to, type)) {
      if (in(t.createdAt(), from, to)) {
        Accumulator a = group.apply(key(t, t.createdAt(), groupBy));
        a.opened++;
        if (t.is("change")) {
          a.changesOpened++;
          a.emergencyChanges += "emergency".equals(t.changeType()) ? 1 : 0;
        }
        if (t.is("problem")) {
          a.problemsOpened++;
          a.incidentsPerProblem.add((double) t.incidents());
        }
      }
      if (t.is("problem") && t.knownErrorAt() != null && in(t.knownErrorAt(), from, to)) {
        group.apply(key(t, t.knownErrorAt(), groupBy)).timeToKnownError.add(
            hours(Duration.between(t.createdAt(), t.knownErrorAt())));
      }
      if (t.majorDeclaredAt() != null && in(t.majorDeclaredAt(), from, to)) {
        group.apply(key(t, t.majorDeclaredAt(), groupBy)).majorIncidents++;
      }
      if (t.majorDeclaredAt() != null && t.resolvedAt() != null && in(t.resolvedAt(), from, to)) {
        group.apply(key(t, t.resolvedAt(), groupBy)).majorDuration.add(
            hours(Duration.between(t.majorDeclaredAt(), t.resolvedAt())));
      }
      if (t.openAt(to)) {
        group.apply(key(t, to, groupBy)).backlog++;
      }
      if (t.respondedAt() != null && in(t.respondedAt(), from, to) && t.response() != null) {
        Accumulator a = group.apply(key(t, t.respondedAt(), groupBy));
        a.acknowledge.add(elapsedHours(t.response(), t.respondedAt()));
      }
      Instant responseEnd = ended(t.response(), t.respondedAt());
      if (responseEnd != null && in(responseEnd, from, to)) {
        group.apply(key(t, responseEnd, groupBy)).responseClocks.count(t.response().breachedAt() == null);
      }
      Instant resolutionEnd = ended(t.resolution(), t.resolvedAt());
      if (resolutionEnd != null && in(resolutionEnd, from, to)) {
        group.apply(key(t, resolutionEnd, groupBy)).resolutionClocks.count(t.resolution().breachedAt() == null);
      }
      if (t.resolvedAt() != null && in(t.resolvedAt(), from, to)) {
        Accumulator a = group.apply(key(t, t.resolvedAt(), groupBy));
        a.resolved++;
        if (t.is("incident")) {
          if (t.resolution() != null) {
            double hours = elapsedHours(t.resolution(), t.resolvedAt());
            a.resolve.add(hours);
            (t.resolvedWithKnownError() ? a.resolveWithKnownError : a.resolveWithoutKnownError).add(hours);
          }
          a.byKnownError.count(TicketFacts.KNOWN_ERROR.equals(t.resolutionCode()));
          a.reopened.count(t.reopenCount() > 0);
          a.firstContact.count(t.reassignmentCount() == 0);
        }
        a.problemsResolved += t.is("problem") ? 1 : 0;
        if (t.is("request") && t.resolution() != null) {
          a.fulfilment.add(elapsedHours(t.resolution(), t.resolvedAt()));
          a.withinTarget.count(t.resolution().breachedAt() == null);
        }
      }
      if (t.closedAt() != null && in(t.closedAt(), from, to)) {
        Accumulator a = group.apply(key(t, t.closedAt(), groupBy));
        if ("closed".equals(t.status())) {
          a.closed++;
        }
        if (t.is("incident") && "closed".equals(t.status())) {
          a.rated.count(t.satisfaction() != null);
          if (t.satisfaction() != null) {
            a.satisfaction.add(t.satisfaction().doubleValue());
          }
        }
        if (t.is("change") && t.changeOutcome() != null) {
          a.changeSuccess.count("successful".equals(t.changeOutcome()));
        }
      }
      if (t.approvalRequestedAt() != null && t.approvalDecidedAt() != null && in(t.approvalDecidedAt(), from, to)) {
        group.apply(key(t, t.approvalDecidedAt(), groupBy)).approval.add(
            hours(Duration.between(t.approvalRequestedAt(), t.approvalDecidedAt())));
      }
    }
    return groups.entrySet().stream().map(e -> e.getValue().row(e.getKey())).toList();
  }

  /** How the groups kept their OLAs: the time each held tickets against decisions/ola-targets.dmn. */
  @Schema(name = "OlaRow")
  record OlaRow(
      @Schema(description = "The assignment group") String group,
      @Schema(description = "Times the group let a ticket go (reassigned, resolved, closed) in the period") long held,
      @Schema(description = "Of those, held within the group's OLA target") long met,
      @Schema(description = "Of those, held longer than the target") long breached,
      @Schema(description = "met / held in %") Double compliancePercent,
      @Schema(description = "Median time a ticket was held, in hours of the OLA's calendar (business hours for a "
          + "business calendar), without the time the ticket waited for its requester") Double medianHoursHeld) {
  }

  /**
   * Per group, the OLA clocks that stopped in the period: held, met, breached, compliance and the median time
   * held. A clock counts when the group lets the ticket go, as an SLA clock counts when it stops.
   */
  List<OlaRow> olas(Instant from, Instant to, String type) {
    Map<String, List<MeasuresRepository.HeldClock>> byGroup = repository.olaClocksStopped(from, to, type).stream()
        .collect(Collectors.groupingBy(MeasuresRepository.HeldClock::group, TreeMap::new, Collectors.toList()));
    return byGroup.entrySet().stream().map(e -> {
      List<MeasuresRepository.HeldClock> clocks = e.getValue();
      long breached = clocks.stream().filter(c -> c.breachedAt() != null).count();
      long held = clocks.size();
      List<Double> hours = clocks.stream().map(c -> heldHours(c)).toList();
      return new OlaRow(e.getKey(), held, held - breached, breached, round(100.0 * (held - breached) / held),
          round(median(hours)));
    }).toList();
  }

  /** As {@link #elapsedHours}: the target, plus (or minus) the calendar time between its due date and its stop. */
  private double heldHours(MeasuresRepository.HeldClock clock) {
    Duration target = calendar.parse(clock.target(), clock.calendar());
    Duration held = clock.stoppedAt().isAfter(clock.dueAt())
        ? target.plus(calendar.between(clock.dueAt(), clock.stoppedAt(), clock.calendar()))
        : target.minus(calendar.between(clock.stoppedAt(), clock.dueAt(), clock.calendar()));
    return hours(held);
  }

  /** Open tickets now by age and priority: bucket → priority (P1…, "none") → tickets. */
  Map<String, Map<String, Long>> backlogAging(Instant now, String type) {
    Map<String, Map<String, Long>> buckets = new LinkedHashMap<>();
    for (String bucket : List.of("< 1 day", "1-3 days", "3-7 days", "7-30 days", "> 30 days")) {
      buckets.put(bucket, new TreeMap<>());
    }
    for (MeasuresRepository.AgeCount count : repository.backlogByAge(now, type, vocabulary.current().openStatuses())) {
      buckets.get(count.bucket()).merge(count.priority() == null ? "none" : "P" + count.priority(), count.tickets(),
          Long::sum);
    }
    return buckets;
  }

  /** An activity's share of its process's time: how many ran, how long, and for user tasks waiting against working. */
  record ActivityMeasure(String activityId, String name, String type, long instances, double medianSeconds,
      double p90Seconds, double sharePercent, Double waitingMedianSeconds, Double workingMedianSeconds) {
  }

  /** A process version's instances that ended in the period, its cycle time and its activities, biggest share first. */
  record ProcessMeasure(String processKey, int version, String name, long instances, double cycleMedianSeconds,
      List<ActivityMeasure> activities, List<String> topBottlenecks) {
  }

  List<ProcessMeasure> bottlenecks(Instant from, Instant to, String processKey) {
    Map<String, List<MeasuresRepository.ActivityRun>> byVersion = repository.activities(from, to, processKey).stream()
        .collect(Collectors.groupingBy(run -> run.processKey() + ":" + run.version(), TreeMap::new, Collectors.toList()));
    List<ProcessMeasure> processes = new ArrayList<>();
    for (List<MeasuresRepository.ActivityRun> runs : byVersion.values()) {
      MeasuresRepository.ActivityRun first = runs.get(0);
      Map<String, Long> cycle = runs.stream().collect(Collectors.toMap(MeasuresRepository.ActivityRun::processInstanceId,
          MeasuresRepository.ActivityRun::processMillis, (a, b) -> a));
      double totalCycle = cycle.values().stream().mapToLong(Long::longValue).sum() / 1000.0;
      List<ActivityMeasure> activities = new ArrayList<>();
      runs.stream().collect(Collectors.groupingBy(MeasuresRepository.ActivityRun::activityId, LinkedHashMap::new,
          Collectors.toList())).forEach((id, ofActivity) -> {
            List<Double> seconds = ofActivity.stream().map(r -> seconds(r.start(), r.end())).toList();
            double total = seconds.stream().mapToDouble(Double::doubleValue).sum();
            boolean userTask = "userTask".equals(ofActivity.get(0).activityType());
            List<Double> waiting = userTask ? ofActivity.stream()
                .map(r -> seconds(r.start(), r.claimed() == null ? r.end() : r.claimed())).toList() : List.of();
            List<Double> working = userTask ? ofActivity.stream()
                .map(r -> r.claimed() == null ? 0.0 : seconds(r.claimed(), r.end())).toList() : List.of();
            activities.add(new ActivityMeasure(id, withoutExpressions(ofActivity.get(0).activityName()),
                ofActivity.get(0).activityType(),
                ofActivity.size(), round(median(seconds)), round(p90(seconds)),
                totalCycle == 0 ? 0 : round(100 * total / totalCycle), userTask ? round(median(waiting)) : null,
                userTask ? round(median(working)) : null));
          });
      activities.sort(Comparator.comparingDouble(ActivityMeasure::sharePercent).reversed()
          .thenComparing(ActivityMeasure::activityId));
      List<Double> cycles = cycle.values().stream().map(ms -> ms / 1000.0).toList();
      processes.add(new ProcessMeasure(first.processKey(), first.version(), first.processName(), cycle.size(),
          round(median(cycles)), activities, activities.stream().filter(a -> a.sharePercent() > 0).limit(3)
              .map(a -> a.name() == null ? a.activityId() : a.name()).toList()));
    }
    return processes;
  }

  /**
   * A step's name as the model writes it, without the expressions the engine fills in for each ticket: "Work
   * incident" for "Work incident ${ticketTitle.of(execution)}" (history keeps the model's name).
   */
  static String withoutExpressions(String name) {
    if (name == null) {
      return null;
    }
    String plain = name.replaceAll("[$#]\\{[^}]*}", "").replaceAll("\\s+", " ").strip();
    return plain.isEmpty() ? name : plain;
  }

  /** A service's cost and value in the period. */
  record ServiceValue(String service, String name, String lineOfBusiness, String lifecycle, long fulfilledRequests,
      BigDecimal requestCost, BigDecimal runningCost,
      @Schema(description = "Hours the agents recorded on the service's tickets in the period") double hoursWorked,
      @Schema(description = "Those hours at the hourly rate of the group each was worked for (catalog effortRates)")
      BigDecimal effortCost,
      @Schema(description = "Request, running and effort cost") BigDecimal totalCost, long tickets,
      BigDecimal costPerTicket, Double resolutionSlaCompliancePercent, Double satisfactionAverage) {

    ServiceValue named(String named) {
      return new ServiceValue(service, named, lineOfBusiness, lifecycle, fulfilledRequests, requestCost, runningCost,
          hoursWorked, effortCost, totalCost, tickets, costPerTicket, resolutionSlaCompliancePercent,
          satisfactionAverage);
    }
  }

  record LineValue(String lineOfBusiness, String name, double hoursWorked, BigDecimal effortCost, BigDecimal totalCost,
      long tickets, BigDecimal costPerTicket) {

    LineValue named(String named) {
      return new LineValue(lineOfBusiness, named, hoursWorked, effortCost, totalCost, tickets, costPerTicket);
    }
  }

  record CostReport(Instant from, Instant to, List<ServiceValue> services, List<LineValue> linesOfBusiness,
      Map<String, List<String>> portfolio) {
  }

  CostReport cost(Instant from, Instant to) {
    Portfolio portfolio = catalog.portfolio();
    Map<String, MeasuresRepository.CostLine> requests = repository.requestCosts(from, to).stream()
        .collect(Collectors.toMap(MeasuresRepository.CostLine::service, c -> c));
    Map<String, Row> byService = between(from, to, null, "service").stream()
        .collect(Collectors.toMap(Row::key, r -> r));
    BigDecimal months = BigDecimal.valueOf(Duration.between(from, to).toSeconds())
        .divide(BigDecimal.valueOf(365.25 / 12 * 86_400), 10, RoundingMode.HALF_UP);
    TimeReport time = timeWorked(from, to);
    Map<String, Effort> effort = time.services().stream().collect(Collectors.toMap(Effort::key, e -> e));
    List<ServiceValue> services = new ArrayList<>();
    for (Portfolio.Service s : portfolio.services()) {
      MeasuresRepository.CostLine line = requests.get(s.id());
      BigDecimal requestCost = line == null ? BigDecimal.ZERO : line.total();
      BigDecimal running = (s.monthlyCost() == null ? BigDecimal.ZERO : s.monthlyCost()).multiply(months)
          .setScale(2, RoundingMode.HALF_UP);
      Effort worked = effort.get(s.id());
      BigDecimal effortCost = worked == null ? BigDecimal.ZERO.setScale(2) : worked.effortCost();
      BigDecimal total = requestCost.add(running).add(effortCost).setScale(2, RoundingMode.HALF_UP);
      Row row = byService.get(s.id());
      long tickets = row == null ? 0 : row.opened();
      services.add(new ServiceValue(s.id(), s.name(), s.lineOfBusiness(), s.lifecycle(), line == null ? 0 : line.requests(),
          requestCost.setScale(2, RoundingMode.HALF_UP), running, worked == null ? 0 : worked.hours(), effortCost,
          total, tickets,
          tickets == 0 ? null : total.divide(BigDecimal.valueOf(tickets), 2, RoundingMode.HALF_UP),
          row == null ? null : row.resolutionSlaCompliancePercent(), row == null ? null : row.satisfactionAverage()));
    }
    List<LineValue> lines = portfolio.linesOfBusiness().stream().map(l -> {
      BigDecimal total = services.stream().filter(s -> l.id().equals(s.lineOfBusiness())).map(ServiceValue::totalCost)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      long tickets = services.stream().filter(s -> l.id().equals(s.lineOfBusiness())).mapToLong(ServiceValue::tickets).sum();
      BigDecimal effortCost = services.stream().filter(s -> l.id().equals(s.lineOfBusiness()))
          .map(ServiceValue::effortCost).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
      double hoursWorked = round(services.stream().filter(s -> l.id().equals(s.lineOfBusiness()))
          .mapToDouble(ServiceValue::hoursWorked).sum());
      return new LineValue(l.id(), l.name(), hoursWorked, effortCost, total, tickets,
          tickets == 0 ? null : total.divide(BigDecimal.valueOf(tickets), 2, RoundingMode.HALF_UP));
    }).toList();
    Map<String, List<String>> lifecycles = new LinkedHashMap<>();
    for (String lifecycle : List.of(Portfolio.PIPELINE, Portfolio.CATALOG, Portfolio.RETIRED)) {
      lifecycles.put(lifecycle, portfolio.services().stream().filter(s -> lifecycle.equals(s.lifecycle()))
          .map(Portfolio.Service::id).toList());
    }
    return new CostReport(from, to, services, lines, lifecycles);
  }

  /** The time worked by one agent, on one service, for one line of business or group, and what it cost. */
  @Schema(name = "TimeWorkedLine")
  record Effort(@Schema(description = "The agent, service, line of business or group; none for tickets without a "
      + "service", example = "network") String key,
      @Schema(description = "The agent's name, the service's or line of business's", example = "Network and Wi-Fi")
      String name,
      long minutes, @Schema(description = "minutes / 60, to two places", example = "1.75") double hours,
      @Schema(description = "Each entry's hours at the hourly rate of the group it was worked for; 0 for groups "
          + "without a rate when the catalog has no default rate") BigDecimal effortCost) {

    Effort named(String named) {
      return new Effort(key, named, minutes, hours, effortCost);
    }
  }

  /** A group's time worked and the rate it is priced at. */
  @Schema(name = "GroupTimeWorked")
  record GroupEffort(@Schema(example = "network") String group,
      @Schema(description = "The group's name, in the caller's language", example = "Network team") String name,
      @Schema(description = "The catalog's hourly rate for the group (or its default rate); null when none") BigDecimal
      hourlyRate, long minutes, double hours, BigDecimal effortCost) {

    GroupEffort named(String named) {
      return new GroupEffort(group, named, hourlyRate, minutes, hours, effortCost);
    }
  }

  @Schema(name = "TimeWorkedReport", description = "Time agents recorded on tickets in a period and its cost")
  record TimeReport(Instant from, Instant to, long minutes, double hours, BigDecimal effortCost, List<Effort> agents,
      List<Effort> services, List<Effort> linesOfBusiness, List<GroupEffort> groups) {
  }

  /**
   * Time worked in the period per agent, service, line of business (of the service now, as the cost
   * report groups) and group, each entry priced at its group's hourly rate in the catalog now.
   */
  TimeReport timeWorked(Instant from, Instant to) {
    Portfolio portfolio = catalog.portfolio();
    List<MeasuresRepository.TimeLine> lines = repository.timeWorked(from, to);
    Map<String, long[]> agents = new TreeMap<>();
    Map<String, long[]> services = new TreeMap<>();
    Map<String, long[]> businesses = new TreeMap<>();
    Map<String, long[]> groups = new TreeMap<>();
    Map<String, BigDecimal> agentCost = new TreeMap<>();
    Map<String, BigDecimal> serviceCost = new TreeMap<>();
    Map<String, BigDecimal> businessCost = new TreeMap<>();
    Map<String, BigDecimal> groupCost = new TreeMap<>();
    BigDecimal total = BigDecimal.ZERO;
    long minutes = 0;
    for (MeasuresRepository.TimeLine line : lines) {
      String group = line.group() == null ? "none" : line.group();
      BigDecimal cost = portfolio.hourlyRate(group).orElse(BigDecimal.ZERO).multiply(BigDecimal.valueOf(line.minutes()))
          .divide(BigDecimal.valueOf(60), 10, RoundingMode.HALF_UP);
      String service = line.service() == null ? "none" : line.service();
      String business = line.service() == null ? "none"
          : portfolio.service(line.service()).map(Portfolio.Service::lineOfBusiness).orElse("none");
      add(agents, agentCost, line.actor(), line.minutes(), cost);
      add(services, serviceCost, service, line.minutes(), cost);
      add(businesses, businessCost, business, line.minutes(), cost);
      add(groups, groupCost, group, line.minutes(), cost);
      total = total.add(cost);
      minutes += line.minutes();
    }
    Function<String, String> serviceName = id -> portfolio.service(id).map(Portfolio.Service::name).orElse(id);
    Function<String, String> businessName = id -> portfolio.linesOfBusiness().stream().filter(l -> l.id().equals(id))
        .map(Portfolio.LineOfBusiness::name).findFirst().orElse(id);
    return new TimeReport(from, to, minutes, hoursOf(minutes), money(total),
        efforts(agents, agentCost, people::name), efforts(services, serviceCost, serviceName),
        efforts(businesses, businessCost, businessName),
        groups.entrySet().stream().map(e -> new GroupEffort(e.getKey(), people.groupName(e.getKey()),
            portfolio.hourlyRate(e.getKey()).orElse(null),
            e.getValue()[0], hoursOf(e.getValue()[0]), money(groupCost.get(e.getKey())))).toList());
  }

  private static void add(Map<String, long[]> minutes, Map<String, BigDecimal> costs, String key, long worked,
      BigDecimal cost) {
    minutes.computeIfAbsent(key, k -> new long[1])[0] += worked;
    costs.merge(key, cost, BigDecimal::add);
  }

  private static List<Effort> efforts(Map<String, long[]> minutes, Map<String, BigDecimal> costs,
      Function<String, String> name) {
    return minutes.entrySet().stream().map(e -> new Effort(e.getKey(), name.apply(e.getKey()), e.getValue()[0],
        hoursOf(e.getValue()[0]), money(costs.get(e.getKey())))).toList();
  }

  private static double hoursOf(long minutes) {
    return round(minutes / 60.0);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  /** The attachments one service's tickets hold now. */
  @Schema(name = "ServiceStorage")
  record ServiceStorage(@Schema(description = "The service's id; none for tickets without one", example = "email")
      String service, @Schema(example = "E-mail") String name, long files, long bytes) {
  }

  @Schema(name = "AttachmentStorage", description = "What the attachments of every service's tickets take up now")
  record Storage(Instant at, long files, long bytes, List<ServiceStorage> services) {
  }

  /** Attachments kept now, per service of their tickets, the largest first. */
  Storage storage(Instant now) {
    List<ServiceStorage> services = repository.storageByService().stream()
        .map(line -> new ServiceStorage(line.service() == null ? "none" : line.service(), line.service() == null
            ? "No service" : catalog.service(line.service()).map(Portfolio.Service::name).orElse(line.service()),
            line.files(), line.bytes()))
        .sorted(Comparator.comparingLong(ServiceStorage::bytes).reversed().thenComparing(ServiceStorage::service))
        .toList();
    return new Storage(now, services.stream().mapToLong(ServiceStorage::files).sum(),
        services.stream().mapToLong(ServiceStorage::bytes).sum(), services);
  }

  // --- helpers -------------------------------------------------------------------------

  private String key(TicketFacts t, Instant at, String groupBy) {
    if (groupBy == null) {
      return "all";
    }
    return switch (groupBy) {
      case "service" -> t.service() == null ? "none" : t.service();
      case "lineOfBusiness" -> t.service() == null ? "none"
          : catalog.service(t.service()).map(Portfolio.Service::lineOfBusiness).orElse("none");
      case "priority" -> t.priority() == null ? "none" : "P" + t.priority();
      case "group" -> t.group() == null ? "none" : t.group();
      case "month" -> YearMonth.from(at.atZone(zone)).toString();
      default -> throw new IllegalArgumentException("groupBy " + groupBy);
    };
  }

  /** When a clock's measure ended: when it was met, or when it breached while still running. */
  private static Instant ended(TicketFacts.Clock clock, Instant met) {
    if (clock == null) {
      return null;
    }
    return met != null ? met : clock.breachedAt();
  }

  /**
   * The clock's time from its start to {@code at}, in its own calendar and without its pauses:
   * its due time moved by every pause, so the target plus (or minus) the time between due and
   * {@code at} is what counted.
   */
  private double elapsedHours(TicketFacts.Clock clock, Instant at) {
    Duration target = calendar.parse(clock.target(), clock.calendar());
    Duration elapsed = at.isAfter(clock.dueAt())
        ? target.plus(calendar.between(clock.dueAt(), at, clock.calendar()))
        : target.minus(calendar.between(at, clock.dueAt(), clock.calendar()));
    return hours(elapsed);
  }

  private static boolean in(Instant instant, Instant from, Instant to) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }

  private static double hours(Duration duration) {
    return duration.toSeconds() / 3600.0;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static double p90(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  /** A share of yes among counted cases. */
  private static final class Rate {
    long yes;
    long all;

    void count(boolean hit) {
      all++;
      yes += hit ? 1 : 0;
    }

    Double percent() {
      return all == 0 ? null : round(100.0 * yes / all);
    }
  }

  private static final class Accumulator {
    long opened;
    long resolved;
    long closed;
    long backlog;
    long changesOpened;
    long emergencyChanges;
    final List<Double> acknowledge = new ArrayList<>();
    final List<Double> resolve = new ArrayList<>();
    final List<Double> fulfilment = new ArrayList<>();
    final List<Double> approval = new ArrayList<>();
    final List<Double> satisfaction = new ArrayList<>();
    final Rate responseClocks = new Rate();
    final Rate resolutionClocks = new Rate();
    final Rate reopened = new Rate();
    final Rate firstContact = new Rate();
    final Rate rated = new Rate();
    final Rate withinTarget = new Rate();
    final Rate changeSuccess = new Rate();
    long problemsOpened;
    long problemsResolved;
    final List<Double> timeToKnownError = new ArrayList<>();
    final List<Double> incidentsPerProblem = new ArrayList<>();
    final Rate byKnownError = new Rate();
    final List<Double> resolveWithKnownError = new ArrayList<>();
    final List<Double> resolveWithoutKnownError = new ArrayList<>();
    long majorIncidents;
    final List<Double> majorDuration = new ArrayList<>();

    Row row(String key) {
      return new Row(key, key, opened, resolved, closed, backlog, med(acknowledge), pct90(acknowledge), med(resolve),
          pct90(resolve), responseClocks.percent(), resolutionClocks.percent(), reopened.percent(),
          firstContact.percent(), satisfaction.isEmpty() ? null
              : round(satisfaction.stream().mapToDouble(Double::doubleValue).average().orElse(0)),
          rated.percent(), med(fulfilment), withinTarget.percent(), med(approval), changeSuccess.percent(),
          changesOpened == 0 ? null : round(100.0 * emergencyChanges / changesOpened), problemsOpened,
          problemsResolved, mean(timeToKnownError), mean(incidentsPerProblem), byKnownError.percent(),
          mean(resolveWithKnownError), mean(resolveWithoutKnownError), majorIncidents, mean(majorDuration));
    }

    private static Double mean(List<Double> values) {
      return values.isEmpty() ? null : round(values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
    }

    private static Double med(List<Double> values) {
      return values.isEmpty() ? null : round(median(values));
    }

    private static Double pct90(List<Double> values) {
      return values.isEmpty() ? null : round(p90(values));
    }
  }
}
