package org.flowdesk.change;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.models.ModelHelper;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A change's plan as the process moves it along: recorded when the change is raised, rated,
 * rescheduled, and its outcome written. {@code ${changePlans.startOf(ticketNumber)}} gives the
 * implementation timer its date, so a rescheduled change waits for its new start.
 */
@ModelHelper
@Service("changePlans")
@Transactional
public class ChangePlans {

  private static final Logger LOG = LoggerFactory.getLogger(ChangePlans.class);

  private final ChangeRepository changes;
  private final TicketService tickets;
  private final ChangeCalendar calendar;
  private final SlaCalendar desk;
  private final Catalog catalog;

  ChangePlans(ChangeRepository changes, TicketService tickets, ChangeCalendar calendar, SlaCalendar desk,
      Catalog catalog) {
    this.changes = changes;
    this.catalog = catalog;
    this.tickets = tickets;
    this.calendar = calendar;
    this.desk = desk;
  }

  /** The plan of a change just raised; its requester, from the ticket, is who planned it. */
  void record(String number, ChangeRequests.Checked change, Instant at) {
    changes.insert(new ChangePlan(number, change.type(), change.template(), change.plannedStart(),
        change.plannedEnd(), change.implementationGroup(), change.complexity(), change.tested(),
        change.implementationPlan(), change.backoutPlan(), change.testEvidence(),
        null, null, null));
    tickets.assignGroup(number, change.implementationGroup(), at);
    // The group by its id, shown by its name when read (the {group} of i18n's timeline texts); the template by
    // the catalog's name for it.
    String template = change.template() == null ? null : catalog.portfolio().changeTemplate(change.template())
        .map(Portfolio.ChangeTemplate::name).orElse(change.template());
    // The window's ends as FlowDesk writes instants in its texts, so that a reader of another language reads them in
    // theirs ({start} and {end} of i18n's timeline texts).
    tickets.recordStep(number, tickets.get(number).requester(), capitalized(change.type()) + " change planned from "
        + calendar.written(change.plannedStart()) + " to " + calendar.written(change.plannedEnd()) + ", implemented by "
        + change.implementationGroup() + (template == null ? "" : ", from the template " + template), at);
  }

  @Transactional(readOnly = true)
  public Optional<ChangePlan> find(String number) {
    return changes.find(number);
  }

  ChangePlan get(String number) {
    return changes.find(number).orElseThrow(() -> new IllegalStateException("No change plan for " + number));
  }

  /** When the implementation may begin: the timer in processes/change.bpmn waits for it. */
  @Transactional(readOnly = true)
  public Date startOf(String number) {
    return Date.from(get(number).plannedStart());
  }

  void recordRisk(String number, String risk, Instant at) {
    changes.setRisk(number, risk);
    tickets.changeStatus(number, ChangeStatus.ASSESSMENT, "Risk rated " + risk, TicketService.SYSTEM, at);
  }

  List<ChangeCalendar.Conflict> conflicts(String number) {
    ChangePlan plan = get(number);
    var ticket = tickets.get(number);
    return calendar.conflictsOf(plan, ticket.service(), ticket.configurationItem());
  }

  /** A new window for the change; it must meet the same rules as the first one. */
  void reschedule(String number, String start, String end, String actor, Instant at) {
    List<FieldError> errors = new ArrayList<>();
    Instant from = parse(start, "newPlannedStart", "New planned start", errors);
    Instant to = parse(end, "newPlannedEnd", "New planned end", errors);
    if (from != null && to != null && !to.isAfter(from)) {
      errors.add(new FieldError("newPlannedEnd", "New planned end must be after the new planned start"));
    }
    if (from != null && from.isBefore(at)) {
      errors.add(new FieldError("newPlannedStart", "New planned start must not be in the past"));
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    changes.setWindow(number, from, to);
    tickets.recordStep(number, actor, "Rescheduled to run " + calendar.describe(from, to), at);
    LOG.info("{} rescheduled to {} – {}", number, from, to);
  }

  void recordOutcome(String number, String outcome, String notes, String actor, Instant at) {
    changes.setOutcome(number, outcome, notes);
    tickets.recordStep(number, actor, ("successful".equals(outcome) ? "Implemented successfully" : "Implementation failed")
        + (notes == null || notes.isBlank() ? "" : ": " + notes), at);
  }

  private Instant parse(String text, String field, String label, List<FieldError> errors) {
    if (text == null || text.isBlank()) {
      errors.add(new FieldError(field, label + " is required to reschedule"));
      return null;
    }
    try {
      return desk.instant(text);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, label + " must be a date and time like 2026-12-10T09:00"));
      return null;
    }
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
