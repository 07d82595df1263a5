package org.flowdesk.ticket;

import java.util.List;
import java.util.Set;

import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;

/**
 * Which tickets a list shows. {@code visibleTo} limits the list to what that user may see
 * (null: everything, for administrators); {@code openStatuses}, when not null, keeps only tickets
 * in those statuses (the ones the models declare open); {@code text}, when not null, keeps those
 * whose number, title, description, resolution or comments match it (internal comments only for
 * the ticket's agents); {@code watcher}, when not null, keeps the tickets that user watches.
 */
record TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
    List<String> openStatuses, String service, TextQuery text, String watcher) {

  TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
      List<String> openStatuses, String service, TextQuery text) {
    this(visibleTo, requester, status, group, type, openStatuses, service, text, null);
  }

  TicketFilter(Visibility visibleTo, String requester, String status, String group, String type,
      List<String> openStatuses) {
    this(visibleTo, requester, status, group, type, openStatuses, null, null, null);
  }

  /**
   * A user, the services whose tickets they see as an owner, and whether they see every change
   * (change managers and the boards that approve changes).
   */
  record Visibility(CurrentUser user, Set<String> ownedServices, boolean allChanges) {
  }
}
