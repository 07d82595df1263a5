package org.flowdesk.ticket;

/** What a requester reported; the rest of the ticket is decided by the models. */
public record NewTicket(TicketType type, String title, String description, String requester, String service,
    String category, Integer impact, Integer urgency, String processInstanceId) {
}
