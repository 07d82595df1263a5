package org.flowdesk.ticket;

import org.flowdesk.identity.CurrentUser;

/**
 * Which tickets a list shows. {@code visibleTo} limits the list to what that user may see
 * (null: everything, for administrators).
 */
record TicketFilter(CurrentUser visibleTo, String requester, String status, String group, String type) {
}
