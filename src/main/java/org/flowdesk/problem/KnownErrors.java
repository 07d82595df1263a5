package org.flowdesk.problem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.TextQuery;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketSearch;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TimelineEntry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an incident's agents see of problems while they work it: the open problems and known
 * errors of its service and category, those whose words match its title (the ticket search), and
 * those it is already linked to; and applying a known error's workaround to it as a public comment.
 */
@Service
@Transactional
class KnownErrors {

  static final int MOST = 10;
  /** The work form's field (forms/incident-work.form) and the code of an incident resolved by a known error. */
  static final String RESOLUTION_CODE = "resolutionCode";
  static final String KNOWN_ERROR = "known_error";
  /** Words shorter than this ("the", "on", "is") say nothing about a problem. */
  private static final int SHORTEST_WORD = 4;
  private static final int MOST_WORDS = 8;
  /** Longer words that say nothing either. */
  private static final Set<String> NOISE = Set.of("from", "with", "that", "this", "when", "have", "does", "after",
      "since", "again", "every", "cannot", "there", "what", "about");

  /** An open problem as an incident's agent sees it; {@code matched}: service, linked or words. */
  @Schema(description = "An open problem or known error that may explain the incident")
  record KnownProblem(@Schema(example = "PRB-000001") String number, String title,
      @Schema(example = "known_error") String status, @Schema(example = "email") String service,
      @Schema(description = "Its workaround: a known error has one") String workaround, Instant knownErrorAt,
      @Schema(description = "The incident is linked to it already") boolean linked,
      @Schema(description = "Why it is shown: linked, service, words", example = "[\"service\"]") List<String> matched,
      @Schema(description = "Its workaround as applied to the incident already; null if never") Applied applied) {
  }

  /** The workaround applied to the incident: its current revision, or else the last one applied. */
  @Schema(description = "A known error's workaround applied to the incident: when, by whom, and whether it was "
      + "revised since (then it may be applied again; otherwise applying it is refused with 409) or withdrawn since")
  record Applied(@Schema(example = "2027-05-03T09:15:00Z") Instant at,
      @Schema(description = "The agent who applied it", example = "bob") String by,
      @Schema(description = "Their name", example = "Bob Becker") String byName,
      @Schema(description = "The workaround changed on the problem since it was applied: its new revision has not "
          + "been applied to the incident") boolean revisedSince,
      @Schema(description = "The problem has no workaround now: the one applied was withdrawn since (an "
          + "investigation after a failed fix found none), so there is nothing to apply again; revisedSince is then "
          + "false") boolean withdrawnSince) {
  }

  private final TicketService tickets;
  private final TicketAccess access;
  private final TicketSearch search;
  private final ProblemRepository problems;
  private final Problems problemService;
  private final DeployedVocabulary vocabulary;
  private final RuntimeService runtime;
  private final People people;
  private final Clock clock;

  KnownErrors(TicketService tickets, TicketAccess access, TicketSearch search, ProblemRepository problems,
      Problems problemService, DeployedVocabulary vocabulary, RuntimeService runtime, People people, Clock clock) {
    this.runtime = runtime;
    this.people = people;
    this.tickets = tickets;
    this.access = access;
    this.search = search;
    this.problems = problems;
    this.problemService = problemService;
    this.vocabulary = vocabulary;
    this.clock = clock;
  }

  /** Those linked first, then known errors, then the other open problems, newest first; each once, with why it is shown. */
  @Transactional(readOnly = true)
  List<KnownProblem> forIncident(String number, CurrentUser user) {
    Ticket incident = workedIncident(number, user);
    List<String> open = vocabulary.current().openStatuses();
    Map<String, List<String>> matched = new LinkedHashMap<>();
    Set<String> linked = tickets.links(number).stream()
        .filter(link -> Problems.CAUSED_BY.equals(link.relation()) && TicketType.PROBLEM.id().equals(link.type()))
        .map(link -> link.number()).collect(Collectors.toSet());
    linked.forEach(problem -> matched.computeIfAbsent(problem, k -> new ArrayList<>()).add("linked"));
    problems.openOf(incident.service(), incident.category(), open)
        .forEach(problem -> matched.computeIfAbsent(problem, k -> new ArrayList<>()).add("service"));
    TextQuery words = words(incident.title());
    if (!words.isEmpty()) {
      search.bestOpenOfType(TicketType.PROBLEM, words, open, MOST)
          .forEach(hit -> matched.computeIfAbsent(hit.number(), k -> new ArrayList<>()).add("words"));
    }
    List<ProblemRepository.Application> applications = problems.applications(number);
    List<KnownProblem> found = new ArrayList<>();
    matched.forEach((problemNumber, why) -> tickets.find(problemNumber)
        .filter(problem -> linked.contains(problemNumber) || open.contains(problem.status()))
        .ifPresent(problem -> {
          ProblemRecord findings = problems.find(problemNumber)
              .orElse(ProblemRecord.none(problemNumber));
          found.add(new KnownProblem(problemNumber, problem.title(), problem.status(), problem.service(),
              findings.workaround(), findings.knownErrorAt(), linked.contains(problemNumber), List.copyOf(why),
              applied(applications, findings)));
        }));
    return found.stream()
        .sorted(Comparator.comparing(KnownProblem::linked).thenComparing(known -> known.workaround() != null)
            .thenComparing(KnownProblem::number).reversed())
        .limit(MOST).toList();
  }

  /**
   * Links the incident to the problem and tells the requester its workaround in a public comment,
   * by the agent.
   */
  TimelineEntry applyWorkaround(String number, String problemNumber, CurrentUser user) {
    Ticket incident = workedIncident(number, user);
    Ticket problem = problemService.problem(problemNumber, user);
    List<String> open = vocabulary.current().openStatuses();
    if (!open.contains(incident.status())) {
      throw new ConflictException(number + " is " + vocabulary.current().statusLabel(incident.status())
          + ": apply a workaround to an open incident");
    }
    if (!open.contains(problem.status())) {
      throw new ConflictException(problemNumber + " is "
          + vocabulary.current().statusLabel(problem.status()) + ": its workaround is no longer needed");
    }
    ProblemRecord findings = problems.find(problemNumber).orElse(ProblemRecord.none(problemNumber));
    if (!hasWorkaround(findings)) {
      throw new ConflictException(findings.knownErrorAt() != null
          ? problemNumber + "'s workaround was withdrawn: it has none now"
          : problemNumber + " has no workaround yet: it is no known error");
    }
    Instant now = clock.instant();
    // The requester has read this revision of the workaround already: a second, identical comment would only say it
    // again. Written first, so that of two applying it at once the second waits here for the first and is refused.
    if (!problems.recordApplication(number, problemNumber, findings.workaroundRevision(), user.id(), now)) {
      throw new ConflictException(problemNumber + "'s workaround was applied to " + number + " already: its requester "
          + "has it in a public comment");
    }
    tickets.link(problemNumber, number, Problems.CAUSED, Problems.CAUSED_BY, user.id(), now);
    // Resolved after its workaround, the incident was resolved by a known error: its work form offers that code first.
    runtime.setVariable(incident.processInstanceId(), RESOLUTION_CODE, KNOWN_ERROR);
    return tickets.comment(number, user.id(), "Workaround for the known error " + problemNumber + " ("
        + problem.title() + "):\n" + findings.workaround(), false, true, now);
  }

  /**
   * The application of the problem's current workaround to the incident, or else the last of an earlier revision
   * (revised since: it may be applied again; withdrawn since when the problem has none now), or null; the rule
   * applyWorkaround's 409 follows.
   */
  private Applied applied(List<ProblemRepository.Application> applications, ProblemRecord findings) {
    List<ProblemRepository.Application> ofProblem = applications.stream()
        .filter(a -> a.problem().equals(findings.number())).toList();
    boolean withdrawn = !hasWorkaround(findings);
    return ofProblem.stream().filter(a -> !withdrawn && a.revision() == findings.workaroundRevision()).findFirst()
        .or(() -> ofProblem.stream().reduce((earlier, later) -> later))
        .map(a -> new Applied(a.at(), a.by(), people.nameOf(a.by()).orElse(a.by()),
            !withdrawn && a.revision() != findings.workaroundRevision(), withdrawn))
        .orElse(null);
  }

  private static boolean hasWorkaround(ProblemRecord findings) {
    return findings.workaround() != null && !findings.workaround().isBlank();
  }

  /** The incident, for its agents: 404 for those who may not see it, 403 for those who may but do not work it. */
  private Ticket workedIncident(String number, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    if (!TicketType.INCIDENT.id().equals(ticket.type())) {
      throw new NotFoundException("incident", number);
    }
    if (!access.works(ticket, user)) {
      throw new ForbiddenException("Known errors are for the agents of " + number);
    }
    return ticket;
  }

  /** Any of the title's longer words: a problem needs to share one of them, not all. */
  static TextQuery words(String title) {
    List<String> words = Stream.of((title == null ? "" : title).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(word -> word.length() >= SHORTEST_WORD && !NOISE.contains(word)).distinct().limit(MOST_WORDS).toList();
    return TextQuery.parse(String.join(" OR ", words));
  }
}
