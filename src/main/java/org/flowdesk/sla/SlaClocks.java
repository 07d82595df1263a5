package org.flowdesk.sla;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.flowdesk.models.ModelHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SLA clocks of tickets. Models read a clock's warning and breach instants for their timers
 * ({@code ${slaClocks.warnAt(ticketNumber, 'resolution')}}); pausing moves nothing until the
 * clock resumes, when both instants move by the calendar time that was spent waiting. A clock
 * remembers whether it has warned or breached, so a timer created again never repeats either.
 *
 * <p>Within a transaction each clock is read at most once: a step starting the clocks and the
 * four timers and the task's due date that ask for them right after share what was written or
 * read (an update forgets the clock, the next read fetches it again).
 */
@ModelHelper
@Service("slaClocks")
public class SlaClocks {

  private static final Logger LOG = LoggerFactory.getLogger(SlaClocks.class);

  private final JdbcClient jdbc;
  private final SlaCalendar calendar;

  SlaClocks(JdbcClient jdbc, SlaCalendar calendar) {
    this.jdbc = jdbc;
    this.calendar = calendar;
  }

  /**
   * Starts a clock at {@code at}.
   *
   * @param target ISO-8601 duration in the calendar's time
   * @param warningPercent share of the target after which the group is warned
   */
  public SlaClock start(String ticketNumber, String clock, String target, String calendarName,
      int warningPercent, Instant at) {
    if (warningPercent < 1 || warningPercent > 100) {
      throw new IllegalArgumentException("SLA warning percent must be 1 to 100, not " + warningPercent);
    }
    Duration amount = calendar.parse(target, calendarName);
    Instant due = calendar.plus(at, amount, calendarName);
    Instant warn = calendar.plus(at, amount.multipliedBy(warningPercent).dividedBy(100), calendarName);
    jdbc.sql("""
        INSERT INTO fd_sla_clock (ticket_number, clock, target, calendar, started_at, warn_at, due_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(ticketNumber, clock, target, calendarName, utc(at), utc(warn), utc(due))
        .update();
    SlaClock started = new SlaClock(ticketNumber, clock, target, calendarName, at, warn, due, null, 0, null, null,
        null);
    remember(started);
    return started;
  }

  public Optional<SlaClock> find(String ticketNumber, String clock) {
    Map<String, SlaClock> known = known();
    SlaClock clockKnown = known.get(key(ticketNumber, clock));
    if (clockKnown != null) {
      return Optional.of(clockKnown);
    }
    Optional<SlaClock> found = jdbc.sql("SELECT * FROM fd_sla_clock WHERE ticket_number = ? AND clock = ?")
        .params(ticketNumber, clock)
        .query(SlaClocks::clock)
        .optional();
    found.ifPresent(this::remember);
    return found;
  }

  /** The ticket's clocks (response first), in one read. */
  public List<SlaClock> of(String ticketNumber) {
    List<SlaClock> clocks = jdbc.sql("SELECT * FROM fd_sla_clock WHERE ticket_number = ?")
        .param(ticketNumber)
        .query(SlaClocks::clock)
        .list().stream()
        .sorted(Comparator.comparing((SlaClock c) -> !SlaClock.RESPONSE.equals(c.clock())).thenComparing(SlaClock::clock))
        .toList();
    clocks.forEach(this::remember);
    return clocks;
  }

  /** The clocks of many tickets (response first), in one read: for lists and exports. */
  public Map<String, List<SlaClock>> of(Collection<String> ticketNumbers) {
    if (ticketNumbers.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("SELECT * FROM fd_sla_clock WHERE ticket_number IN (:numbers)")
        .param("numbers", List.copyOf(ticketNumbers))
        .query(SlaClocks::clock)
        .list().stream()
        .sorted(Comparator.comparing((SlaClock c) -> !SlaClock.RESPONSE.equals(c.clock())).thenComparing(SlaClock::clock))
        .collect(Collectors.groupingBy(SlaClock::ticketNumber));
  }

  private static SlaClock clock(ResultSet rs, int row) throws SQLException {
    return new SlaClock(rs.getString("ticket_number"), rs.getString("clock"),
        rs.getString("target"), rs.getString("calendar"), instant(rs, "started_at"),
        instant(rs, "warn_at"), instant(rs, "due_at"), instant(rs, "paused_since"), rs.getLong("paused_seconds"),
        instant(rs, "stopped_at"), instant(rs, "warned_at"), instant(rs, "breached_at"));
  }

  private SlaClock get(String ticketNumber, String clock) {
    return find(ticketNumber, clock).orElseThrow(() ->
        new IllegalStateException(ticketNumber + " has no " + clock + " clock"));
  }

  /** For timers: when the clock warns. After a warning that already fired, that past instant. */
  public Date warnAt(String ticketNumber, String clock) {
    return Date.from(get(ticketNumber, clock).warnAt());
  }

  /** For timers: when the clock breaches. */
  public Date dueAt(String ticketNumber, String clock) {
    return Date.from(get(ticketNumber, clock).dueAt());
  }

  /**
   * For texts people read: when the clock breaches, in the service desk's time zone ("Fri 11 Dec 2026, 17:00 CET"),
   * not a date's {@code toString()}.
   */
  public String dueText(String ticketNumber, String clock) {
    return readable(get(ticketNumber, clock).dueAt());
  }

  /** An instant as people read it, in the service desk's time zone: "Fri 11 Dec 2026, 17:00 CET". */
  public String readable(Instant at) {
    // Written so that a reader of another language reads it in theirs (Dates.in).
    return org.flowdesk.language.Dates.WRITTEN.format(at.atZone(calendar.zone()));
  }

  public void pause(String ticketNumber, String clock, Instant at) {
    forget(ticketNumber, clock);
    jdbc.sql("UPDATE fd_sla_clock SET paused_since = ? WHERE ticket_number = ? AND clock = ? "
        + "AND paused_since IS NULL AND stopped_at IS NULL")
        .params(utc(at), ticketNumber, clock).update();
  }

  /** Resumes a paused clock: what was left of it at the pause is counted again from {@code at}. */
  public SlaClock resume(String ticketNumber, String clock, Instant at) {
    SlaClock paused = get(ticketNumber, clock);
    if (paused.pausedSince() == null || paused.stoppedAt() != null) {
      return paused;
    }
    Instant pausedAt = paused.pausedSince();
    Instant warn = moved(paused.warnAt(), pausedAt, at, paused.calendar());
    Instant due = moved(paused.dueAt(), pausedAt, at, paused.calendar());
    long waited = Math.max(0, Duration.between(pausedAt, at).toSeconds());
    forget(ticketNumber, clock);
    jdbc.sql("UPDATE fd_sla_clock SET paused_since = NULL, paused_seconds = paused_seconds + ?, "
        + "warn_at = ?, due_at = ? WHERE ticket_number = ? AND clock = ?")
        .params(waited, utc(warn), utc(due), ticketNumber, clock).update();
    LOG.info("{} {} clock resumed after {} s paused; due {}", ticketNumber, clock, waited, due);
    return get(ticketNumber, clock);
  }

  private Instant moved(Instant deadline, Instant pausedAt, Instant resumedAt, String calendarName) {
    if (!deadline.isAfter(pausedAt)) {
      return deadline;
    }
    return calendar.plus(resumedAt, calendar.between(pausedAt, deadline, calendarName), calendarName);
  }

  /**
   * The ticket's priority changed: from {@code now} the clock counts towards {@code target} (in
   * {@code calendarName}, warning at {@code warningPercent}) with the time it has used so far. That time is
   * what its old target counted — in its old calendar, without the time it was paused — so a P3 two business
   * hours in that becomes a P1 has two hours of its four left, however many nights and weekends lie
   * between. A paused clock stays paused and keeps what is left of the new target for when it resumes.
   *
   * <p>A target used up already is due now (for a paused clock: when it resumes), so its breach timer fires
   * at once and breaches by the model's breach step, once. What has fired stays: a recorded breach is a fact
   * a lower priority does not undo, and a warning sent is not sent again (its timer is gone) — the warning
   * instant stays the one at which it fired. Empty for a clock that is stopped or does not exist.
   */
  public Optional<SlaClock> retarget(String ticketNumber, String clock, String target, String calendarName,
      int warningPercent, Instant now) {
    if (warningPercent < 1 || warningPercent > 100) {
      throw new IllegalArgumentException("SLA warning percent must be 1 to 100, not " + warningPercent);
    }
    Optional<SlaClock> found = find(ticketNumber, clock);
    if (found.isEmpty() || found.get().stoppedAt() != null) {
      return Optional.empty();
    }
    SlaClock old = found.get();
    Instant from = old.pausedSince() != null ? old.pausedSince() : now;
    Duration used = used(old, from);
    Duration amount = calendar.parse(target, calendarName);
    Instant due = afterUsed(from, amount, used, calendarName);
    Instant warn = old.warnedAt() != null ? old.warnAt()
        : afterUsed(from, amount.multipliedBy(warningPercent).dividedBy(100), used, calendarName);
    forget(ticketNumber, clock);
    jdbc.sql("UPDATE fd_sla_clock SET target = ?, calendar = ?, warn_at = ?, due_at = ? "
        + "WHERE ticket_number = ? AND clock = ? AND stopped_at IS NULL")
        .params(target, calendarName, utc(warn), utc(due), ticketNumber, clock).update();
    LOG.info("{} {} clock now {} ({}) with {} used: warns {}, due {}", ticketNumber, clock, target, calendarName,
        used, warn, due);
    return find(ticketNumber, clock);
  }

  /**
   * How much of its target the clock has used by {@code at}, in its calendar and without the time it was paused:
   * the target less what is left, plus any overrun.
   */
  public Duration used(SlaClock clock, Instant at) {
    Duration amount = calendar.parse(clock.target(), clock.calendar());
    return amount.minus(calendar.between(at, clock.dueAt(), clock.calendar()))
        .plus(calendar.between(clock.dueAt(), at, clock.calendar()));
  }

  private Instant afterUsed(Instant from, Duration amount, Duration used, String calendarName) {
    return used.compareTo(amount) >= 0 ? from : calendar.plus(from, amount.minus(used), calendarName);
  }

  public void stop(String ticketNumber, String clock, Instant at) {
    forget(ticketNumber, clock);
    jdbc.sql("UPDATE fd_sla_clock SET stopped_at = ?, paused_since = NULL WHERE ticket_number = ? AND clock = ? "
        + "AND stopped_at IS NULL")
        .params(utc(at), ticketNumber, clock).update();
  }

  /**
   * A stopped clock runs again when its closed ticket is reopened: it is paused as of {@code pausedSince}
   * (when the ticket was resolved, the clock's last pause), so that resuming it counts only the time it had
   * left then. What it warned or breached already stays recorded and is not repeated.
   */
  public void reopen(String ticketNumber, String clock, Instant pausedSince) {
    forget(ticketNumber, clock);
    jdbc.sql("UPDATE fd_sla_clock SET stopped_at = NULL, paused_since = ? WHERE ticket_number = ? AND clock = ? "
        + "AND stopped_at IS NOT NULL")
        .params(utc(pausedSince), ticketNumber, clock).update();
  }

  /**
   * Records the warning unless the clock is paused, stopped, has warned already or has breached
   * (a warning timer that fires late, after the breach, warns about nothing); true when recorded.
   */
  public boolean recordWarning(String ticketNumber, String clock, Instant at) {
    forget(ticketNumber, clock);
    return jdbc.sql("UPDATE fd_sla_clock SET warned_at = ? WHERE ticket_number = ? AND clock = ? "
        + "AND warned_at IS NULL AND breached_at IS NULL AND paused_since IS NULL AND stopped_at IS NULL")
        .params(utc(at), ticketNumber, clock).update() == 1;
  }

  /** Records the breach unless the clock is paused, stopped or has breached already; true when recorded. */
  public boolean recordBreach(String ticketNumber, String clock, Instant at) {
    forget(ticketNumber, clock);
    return jdbc.sql("UPDATE fd_sla_clock SET breached_at = ? WHERE ticket_number = ? AND clock = ? "
        + "AND breached_at IS NULL AND paused_since IS NULL AND stopped_at IS NULL")
        .params(utc(at), ticketNumber, clock).update() == 1;
  }

  /**
   * How many of the ticket's clocks have breached: before a breach is recorded, the times the ticket was
   * escalated already (the escalation decision's input {@code timesEscalated}).
   */
  public int breaches(String ticketNumber) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_sla_clock WHERE ticket_number = ? AND breached_at IS NOT NULL")
        .param(ticketNumber).query(Integer.class).single();
  }

  /** The clocks this transaction has written or read; empty (and forgetful) outside a transaction. */
  private Map<String, SlaClock> known() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, SlaClock> known = (Map<String, SlaClock>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      Map<String, SlaClock> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(SlaClocks.this);
        }
      });
      known = fresh;
    }
    return known;
  }

  private void remember(SlaClock clock) {
    known().put(key(clock.ticketNumber(), clock.clock()), clock);
  }

  private void forget(String ticketNumber, String clock) {
    known().remove(key(ticketNumber, clock));
  }

  private static String key(String ticketNumber, String clock) {
    return ticketNumber + '/' + clock;
  }
}
