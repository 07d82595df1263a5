package org.flowdesk.sla;

import static org.flowdesk.UtcColumns.instant;
import static org.flowdesk.UtcColumns.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flowdesk.models.ModelHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The OLA clocks of tickets: how long each assignment group holds a ticket. A ticket has at most one
 * clock per group that is not stopped: an incident one, that of the group holding it now; a request one per
 * fulfilment group at work on it at once. A group that gets the ticket back later starts a new one. Models read the held clock's instants for their timers
 * ({@code ${olaClocks.warnAt(ticketNumber)}}); pausing and resuming move them as
 * {@link SlaClocks} moves an SLA clock's, and warnings and breaches are recorded once, never after a breach.
 */
@ModelHelper
@Service("olaClocks")
public class OlaClocks {

  private static final Logger LOG = LoggerFactory.getLogger(OlaClocks.class);

  private final JdbcClient jdbc;
  private final SlaCalendar calendar;

  OlaClocks(JdbcClient jdbc, SlaCalendar calendar) {
    this.jdbc = jdbc;
    this.calendar = calendar;
  }

  /**
   * The group holds the ticket from {@code at}: its paused clock resumes, or a new clock starts towards
   * {@code target} (ISO-8601 in {@code calendarName}, warning at {@code warningPercent} of it). A clock of
   * another group still held is stopped first: the ticket has left that group.
   */
  public OlaClock hold(String ticketNumber, String group, String target, String calendarName, int warningPercent,
      Instant at) {
    return hold(ticketNumber, group, target, calendarName, warningPercent, at, true);
  }

  /**
   * The group takes its part of the ticket from {@code at} while other groups may hold theirs (a fulfilment's
   * parallel tasks: HR's paperwork and facilities' desk at once): its paused clock resumes, its running clock
   * runs on, or a new one starts; other groups' clocks are left alone.
   */
  public OlaClock holdAlongside(String ticketNumber, String group, String target, String calendarName,
      int warningPercent, Instant at) {
    return hold(ticketNumber, group, target, calendarName, warningPercent, at, false);
  }

  private OlaClock hold(String ticketNumber, String group, String target, String calendarName, int warningPercent,
      Instant at, boolean alone) {
    if (warningPercent < 1 || warningPercent > 100) {
      throw new IllegalArgumentException("OLA warning percent must be 1 to 100, not " + warningPercent);
    }
    Optional<OlaClock> held = held(ticketNumber, group);
    if (held.isPresent()) {
      return held.get().pausedSince() == null ? held.get() : resume(held.get(), at);
    }
    if (alone) {
      release(ticketNumber, at);
    }
    Duration amount = calendar.parse(target, calendarName);
    Instant due = calendar.plus(at, amount, calendarName);
    Instant warn = calendar.plus(at, amount.multipliedBy(warningPercent).dividedBy(100), calendarName);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.sql("""
        INSERT INTO fd_ola_clock (ticket_number, assignment_group, target, calendar, started_at, warn_at, due_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""")
        .params(ticketNumber, group, target, calendarName, utc(at), utc(warn), utc(due))
        .update(key, "id");
    LOG.info("{} held by {}: OLA {} ({}) warns {}, due {}", ticketNumber, group, target, calendarName, warn, due);
    // The timers that ask for its dates right after read them from here, not from the table again.
    OlaClock started = new OlaClock(key.getKeyAs(Number.class).longValue(), ticketNumber, group, target, calendarName,
        at, warn, due, null, 0, null, null, null);
    List<OlaClock> others = known().get(ticketNumber);
    if (others != null) {
      List<OlaClock> now = new ArrayList<>(others);
      now.add(started);
      known().put(ticketNumber, List.copyOf(now));
    }
    return started;
  }

  private OlaClock resume(OlaClock paused, Instant at) {
    Instant warn = moved(paused.warnAt(), paused.pausedSince(), at, paused.calendar());
    Instant due = moved(paused.dueAt(), paused.pausedSince(), at, paused.calendar());
    long waited = Math.max(0, Duration.between(paused.pausedSince(), at).toSeconds());
    jdbc.sql("UPDATE fd_ola_clock SET paused_since = NULL, paused_seconds = paused_seconds + ?, warn_at = ?, "
        + "due_at = ? WHERE id = ? AND paused_since IS NOT NULL")
        .params(waited, utc(warn), utc(due), paused.id()).update();
    known().remove(paused.ticketNumber());
    LOG.info("{} OLA clock of {} resumed after {} s paused; due {}", paused.ticketNumber(), paused.group(), waited,
        due);
    return held(paused.ticketNumber(), paused.group()).orElseThrow();
  }

  private Instant moved(Instant deadline, Instant pausedAt, Instant resumedAt, String calendarName) {
    if (!deadline.isAfter(pausedAt)) {
      return deadline;
    }
    return calendar.plus(resumedAt, calendar.between(pausedAt, deadline, calendarName), calendarName);
  }

  /** The ticket waits for someone outside the group (its requester): the held clock stands still. */
  public void pause(String ticketNumber, Instant at) {
    jdbc.sql("UPDATE fd_ola_clock SET paused_since = ? WHERE ticket_number = ? AND paused_since IS NULL "
        + "AND stopped_at IS NULL")
        .params(utc(at), ticketNumber).update();
    known().remove(ticketNumber);
  }

  /**
   * The ticket left the groups holding it (reassigned, resolved, closed, withdrawn): their clocks stop at
   * {@code at}. A clock stopped while paused counts its pause as a resume would (its due date moves by it), so the
   * time held is always the target less what was left at the stop. Nothing happens when no clock is held.
   */
  public void release(String ticketNumber, Instant at) {
    heldClocks(ticketNumber).forEach(clock -> stop(clock, at));
  }

  /** The group is done with its part of the ticket (its fulfilment task ended): its clock stops at {@code at}. */
  public void release(String ticketNumber, String group, Instant at) {
    held(ticketNumber, group).ifPresent(clock -> stop(clock, at));
  }

  private void stop(OlaClock clock, Instant at) {
    OlaClock counted = clock.pausedSince() == null ? clock : resume(clock, at);
    jdbc.sql("UPDATE fd_ola_clock SET stopped_at = ? WHERE id = ? AND stopped_at IS NULL")
        .params(utc(at), counted.id()).update();
    known().remove(clock.ticketNumber());
    LOG.info("{} left {}: OLA clock stopped{}", clock.ticketNumber(), clock.group(),
        clock.breached() ? " (breached)" : "");
  }

  /** The clock of the group that took the ticket last of those holding it now (running or paused). */
  public Optional<OlaClock> held(String ticketNumber) {
    List<OlaClock> held = heldClocks(ticketNumber);
    return held.isEmpty() ? Optional.empty() : Optional.of(held.get(held.size() - 1));
  }

  /** The clock of {@code group} on the ticket, when the group holds it now (running or paused). */
  public Optional<OlaClock> held(String ticketNumber, String group) {
    return heldClocks(ticketNumber).stream().filter(clock -> clock.group().equals(group)).findFirst();
  }

  /** The clocks not stopped of the ticket, oldest first: one per group holding it now. */
  private List<OlaClock> heldClocks(String ticketNumber) {
    List<OlaClock> known = known().get(ticketNumber);
    if (known != null) {
      return known;
    }
    List<OlaClock> held = jdbc.sql("SELECT * FROM fd_ola_clock WHERE ticket_number = ? AND stopped_at IS NULL "
        + "ORDER BY id").param(ticketNumber).query(OlaClocks::clock).list();
    known().put(ticketNumber, List.copyOf(held));
    return held;
  }

  /** Every clock of the ticket, the first group's first. */
  public List<OlaClock> of(String ticketNumber) {
    return jdbc.sql("SELECT * FROM fd_ola_clock WHERE ticket_number = ? ORDER BY id")
        .param(ticketNumber).query(OlaClocks::clock).list();
  }

  /** For timers: when the held clock warns (after a warning that fired, that past instant). */
  public Date warnAt(String ticketNumber) {
    return Date.from(heldNow(ticketNumber, held(ticketNumber)).warnAt());
  }

  /** For timers: when the held clock breaches. */
  public Date dueAt(String ticketNumber) {
    return Date.from(heldNow(ticketNumber, held(ticketNumber)).dueAt());
  }

  /** For timers of a group's task: when the group's clock warns. */
  public Date warnAt(String ticketNumber, String group) {
    return Date.from(heldNow(ticketNumber, held(ticketNumber, group)).warnAt());
  }

  /** For timers of a group's task: when the group's clock breaches. */
  public Date dueAt(String ticketNumber, String group) {
    return Date.from(heldNow(ticketNumber, held(ticketNumber, group)).dueAt());
  }

  private static OlaClock heldNow(String ticketNumber, Optional<OlaClock> held) {
    return held.orElseThrow(() ->
        new IllegalStateException(ticketNumber + " is held by no such group: no OLA clock runs for it"));
  }

  /**
   * Records the warning on the held clock unless it is paused, has warned or has breached (a warning timer
   * that fires late, after the breach, warns about nothing); the clock when recorded.
   */
  public Optional<OlaClock> recordWarning(String ticketNumber, Instant at) {
    return recordWarning(held(ticketNumber), at);
  }

  /** Records the warning on the group's clock, as {@link #recordWarning(String, Instant)} does on the held one. */
  public Optional<OlaClock> recordWarning(String ticketNumber, String group, Instant at) {
    return recordWarning(held(ticketNumber, group), at);
  }

  private Optional<OlaClock> recordWarning(Optional<OlaClock> held, Instant at) {
    Optional<OlaClock> recorded = held.filter(clock -> jdbc.sql("UPDATE fd_ola_clock SET warned_at = ? "
        + "WHERE id = ? AND stopped_at IS NULL AND paused_since IS NULL AND warned_at IS NULL AND breached_at IS NULL")
        .params(utc(at), clock.id()).update() == 1);
    held.ifPresent(clock -> known().remove(clock.ticketNumber()));
    return recorded;
  }

  /** Records the breach on the held clock unless it is paused or has breached; the clock when recorded. */
  public Optional<OlaClock> recordBreach(String ticketNumber, Instant at) {
    return recordBreach(held(ticketNumber), at);
  }

  /** Records the breach on the group's clock, as {@link #recordBreach(String, Instant)} does on the held one. */
  public Optional<OlaClock> recordBreach(String ticketNumber, String group, Instant at) {
    return recordBreach(held(ticketNumber, group), at);
  }

  private Optional<OlaClock> recordBreach(Optional<OlaClock> held, Instant at) {
    Optional<OlaClock> recorded = held.filter(clock -> jdbc.sql("UPDATE fd_ola_clock SET breached_at = ? "
        + "WHERE id = ? AND stopped_at IS NULL AND paused_since IS NULL AND breached_at IS NULL")
        .params(utc(at), clock.id()).update() == 1);
    held.ifPresent(clock -> known().remove(clock.ticketNumber()));
    return recorded;
  }

  /**
   * The held clocks this transaction has written or read, by ticket (an empty list: none is held); empty and
   * forgetful outside a transaction. Every update forgets the ticket's, so the next read fetches it again.
   */
  private Map<String, List<OlaClock>> known() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return new HashMap<>();
    }
    @SuppressWarnings("unchecked")
    Map<String, List<OlaClock>> known =
        (Map<String, List<OlaClock>>) TransactionSynchronizationManager.getResource(this);
    if (known == null) {
      Map<String, List<OlaClock>> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(this, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(OlaClocks.this);
        }
      });
      known = fresh;
    }
    return known;
  }

  private static OlaClock clock(ResultSet rs, int row) throws SQLException {
    return new OlaClock(rs.getLong("id"), rs.getString("ticket_number"), rs.getString("assignment_group"),
        rs.getString("target"), rs.getString("calendar"), instant(rs, "started_at"), instant(rs, "warn_at"),
        instant(rs, "due_at"), instant(rs, "paused_since"), rs.getLong("paused_seconds"), instant(rs, "stopped_at"),
        instant(rs, "warned_at"), instant(rs, "breached_at"));
  }
}
