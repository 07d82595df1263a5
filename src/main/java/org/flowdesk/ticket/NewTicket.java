package org.flowdesk.ticket;

import java.math.BigDecimal;

/** What a requester reported or ordered; the rest of the ticket is decided by the models. */
public record NewTicket(TicketType type, String title, String description, String requester, String service,
    String category, Integer impact, Integer urgency, String processInstanceId, String item, BigDecimal price) {
}
