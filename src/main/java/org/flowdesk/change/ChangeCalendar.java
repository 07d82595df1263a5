package org.flowdesk.change;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.cmdb.CiDependencies;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.sla.SlaCalendar;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Approved changes and the catalog's blackout windows over time, and the conflicts among them:
 * two approved changes whose windows overlap, of one service or of configuration items tied through the
 * relations (one depends on the other, transitively, or they are the same), or a change in a blackout window.
 */
@Service
@Transactional(readOnly = true)
class ChangeCalendar {

  @Schema(name = "CalendarChange")
  record Entry(String number, String title, String service, String type, String status, String risk,
      Instant plannedStart, Instant plannedEnd) {
  }

  @Schema(name = "CalendarBlackout")
  record Blackout(String id, String name, List<String> services, Instant from, Instant to) {
  }

  /** A conflict: {@code kind} change (two changes) or blackout; {@code with} the other side. */
  @Schema(name = "CalendarConflict")
  record Conflict(String kind, String change, String with, Instant from, Instant to, String text) {
  }

  @Schema(name = "ChangeCalendar")
  record View(Instant from, Instant to, List<Entry> changes, List<Blackout> blackouts, List<Conflict> conflicts) {
  }

  private final ChangeRepository changes;
  private final Catalog catalog;
  private final ZoneId zone;
  private final DeployedVocabulary vocabulary;
  private final CiDependencies dependencies;

  ChangeCalendar(ChangeRepository changes, Catalog catalog, SlaCalendar desk, DeployedVocabulary vocabulary,
      CiDependencies dependencies) {
    this.dependencies = dependencies;
    this.vocabulary = vocabulary;
    this.changes = changes;
    this.catalog = catalog;
    this.zone = desk.zone();
  }

  /**
   * What the change's window collides with, other than itself: changes of the same service, changes of a CI
   * tied to the change's CI (one depends on the other, transitively, or it is the same CI), and blackouts.
   */
  List<Conflict> conflictsOf(ChangePlan plan, String service, String ci) {
    List<Conflict> conflicts = new ArrayList<>();
    Map<String, CiDependencies.Tie> tied = null;
    for (ChangeRepository.Scheduled other : changes.overlapping(plan.plannedStart(), plan.plannedEnd(), approved(),
        ci == null ? service : null)) {
      if (other.plan().number().equals(plan.number())) {
        continue;
      }
      if (ci != null && other.configurationItem() != null) {
        if (tied == null) {
          tied = dependencies.around(ci);
        }
        CiDependencies.Tie tie = tied.get(other.configurationItem());
        if (tie != null) {
          conflicts.add(ciConflict(plan.number(), ci, tie, other));
          continue;
        }
      }
      if (Objects.equals(service, other.service())) {
        conflicts.add(changeConflict(plan.number(), service, other));
      }
    }
    for (Blackout blackout : blackouts(plan.plannedStart(), plan.plannedEnd())) {
      if (blackout.services().isEmpty() || blackout.services().contains(service)) {
        conflicts.add(blackoutConflict(plan.number(), blackout));
      }
    }
    return conflicts;
  }

  /** The statuses of changes that hold their window: those the models flag "calendar". */
  private List<String> approved() {
    return vocabulary.current().calendarStatuses();
  }

  View between(Instant from, Instant to) {
    List<ChangeRepository.Scheduled> scheduled = changes.overlapping(from, to, approved(), null);
    List<Blackout> blackouts = blackouts(from, to);
    List<Conflict> conflicts = new ArrayList<>();
    // What each CI is tied to, walked once per CI and only for changes whose windows overlap.
    Map<String, Map<String, CiDependencies.Tie>> tiedTo = new java.util.HashMap<>();
    for (int i = 0; i < scheduled.size(); i++) {
      ChangeRepository.Scheduled a = scheduled.get(i);
      for (int j = i + 1; j < scheduled.size(); j++) {
        ChangeRepository.Scheduled b = scheduled.get(j);
        if (!a.plan().overlaps(b.plan().plannedStart(), b.plan().plannedEnd())) {
          continue;
        }
        CiDependencies.Tie tie = a.configurationItem() == null || b.configurationItem() == null ? null
            : tiedTo.computeIfAbsent(a.configurationItem(), dependencies::around).get(b.configurationItem());
        if (tie != null) {
          conflicts.add(ciConflict(a.plan().number(), a.configurationItem(), tie, b));
        } else if (Objects.equals(a.service(), b.service())) {
          conflicts.add(changeConflict(a.plan().number(), a.service(), b));
        }
      }
      for (Blackout blackout : blackouts) {
        if ((blackout.services().isEmpty() || blackout.services().contains(a.service()))
            && a.plan().overlaps(blackout.from(), blackout.to())) {
          conflicts.add(blackoutConflict(a.plan().number(), blackout));
        }
      }
    }
    List<Entry> entries = scheduled.stream().map(s -> new Entry(s.plan().number(), s.title(), s.service(),
        s.plan().type(), s.status(), s.plan().risk(), s.plan().plannedStart(), s.plan().plannedEnd())).toList();
    return new View(from, to, entries, blackouts, conflicts);
  }

  /** An instant in the desk's zone as FlowDesk writes one in its texts ({@link org.flowdesk.language.Dates#WRITTEN}). */
  String written(Instant at) {
    return org.flowdesk.language.Dates.WRITTEN.format(at.atZone(zone));
  }

  /**
   * A window as FlowDesk writes it in its texts: "from Thu 23 Dec 2027, 18:00 CET to Mon 27 Dec 2027, 08:00 CET", its
   * ends the {start} and {end} of i18n's timeline texts, which a reader of another language reads in theirs.
   */
  String describe(Instant from, Instant to) {
    return "from " + written(from) + " to " + written(to);
  }

  private List<Blackout> blackouts(Instant from, Instant to) {
    return catalog.portfolio().blackoutWindows().stream()
        .flatMap(b -> b.occurrences(from, to, zone).stream().map(occurrence -> new Blackout(b.id(), b.name(),
            b.services() == null ? List.of() : b.services(), occurrence.from(), occurrence.to())))
        .sorted(Comparator.comparing(Blackout::from).thenComparing(Blackout::id))
        .toList();
  }

  // The conflicts' texts are i18n's timeline texts ("{change} ({status}) changes {service} from {start} to {end}"):
  // the service, blackout window and status as the models name them in English, read in the reader's language by
  // the catalog's and the statuses' words; {change} is the other change's number and title, as written.
  private Conflict changeConflict(String number, String service, ChangeRepository.Scheduled other) {
    return new Conflict("change", number, other.plan().number(), other.plan().plannedStart(), other.plan().plannedEnd(),
        named(other) + " changes " + catalog.serviceName(service) + " "
            + describe(other.plan().plannedStart(), other.plan().plannedEnd()));
  }

  private Conflict ciConflict(String number, String ci, CiDependencies.Tie tie, ChangeRepository.Scheduled other) {
    String theirs = other.configurationItem();
    String why = switch (tie) {
      case SAME -> "changes the same configuration item, " + ci + ",";
      case DEPENDS_ON_IT -> "changes the configuration item " + theirs + ", which depends on " + ci + " that this "
          + "change changes,";
      case IT_DEPENDS_ON -> "changes the configuration item " + theirs + ", which " + ci + " of this change depends on,";
    };
    return new Conflict("change", number, other.plan().number(), other.plan().plannedStart(), other.plan().plannedEnd(),
        named(other) + " " + why + " " + describe(other.plan().plannedStart(), other.plan().plannedEnd()));
  }

  /** The other change as people read it: number, title and status label. */
  private String named(ChangeRepository.Scheduled other) {
    return other.plan().number() + " \"" + other.title() + "\" (" + vocabulary.current().statusLabel(other.status())
        + ")";
  }

  private Conflict blackoutConflict(String number, Blackout blackout) {
    return new Conflict("blackout", number, blackout.id(), blackout.from(), blackout.to(),
        "Blackout window \"" + blackout.name() + "\" " + describe(blackout.from(), blackout.to()));
  }
}
