package org.flowdesk.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;

/**
 * Which tickets a list shows. {@code visibleTo} limits the list to what that user may see
 * (null: everything, for administrators); {@code openStatuses}, when not null, keeps only tickets
 * in those statuses (the ones the models declare open); {@code text}, when not null, keeps those
 * whose number, title, description, resolution or comments match it (internal comments only for
 * the ticket's agents); {@code watcher}, when not null, keeps the tickets that user watches;
 * {@code workspace}, when not null, what an agent's queue view narrows it to.
 */
record TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
    List<String> openStatuses, String service, TextQuery text, String watcher, Workspace workspace) {

  TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
      List<String> openStatuses, String service, TextQuery text, String watcher) {
    this(visibleTo, requester, status, group, type, openStatuses, service, text, watcher, null);
  }

  TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
      List<String> openStatuses, String service, TextQuery text) {
    this(visibleTo, requester, status, group, type, openStatuses, service, text, null);
  }

  TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
      List<String> openStatuses) {
    this(visibleTo, requester, status, group, type, openStatuses, null, null, null);
  }

  /**
   * An agent's queue view: {@code assignee} keeps the tickets assigned to that user, and
   * {@code unassigned} those assigned to nobody; {@code priority} those of that priority;
   * {@code breached} those of which an SLA clock has (true) or has not (false) breached;
   * {@code dueBefore} those whose resolution clock runs and is due before then (overdue included).
   * Each is left out when null (false for unassigned).
   */
  record Workspace(String assignee, boolean unassigned, Integer priority, Boolean breached, Instant dueBefore) {
  }

  /** The columns a list is sorted by; the list's number breaks ties, so pages never overlap. */
  enum SortColumn {
    REQUESTER, SERVICE, PRIORITY, DUE, AGE, UPDATED
  }

  /** A list's order: a column, ascending or descending. Age ascending is the youngest ticket first. */
  record Sort(SortColumn column, boolean descending) {

    /** The order {@code sort} names (requester, -requester, due, -age …); null when it names none. */
    static Sort parse(String sort) {
      if (sort == null || sort.isBlank()) {
        return null;
      }
      boolean descending = sort.startsWith("-");
      return new Sort(SortColumn.valueOf((descending ? sort.substring(1) : sort).toUpperCase()), descending);
    }
  }

  /**
   * A user, the services whose tickets they see as an owner, and whether they see every change
   * (change managers and the boards that approve changes).
   */
  record Visibility(CurrentUser user, Set<String> ownedServices, boolean allChanges) {
  }
}
