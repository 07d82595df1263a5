package org.flowdesk.ticket;

/**
 * A text of the ticket that a ticket type's own package knows, for the forms that show it
 * ({@code "properties": {"ticket": "conflicts"}}): worked out when the form is read, so that who acts on the ticket
 * reads it as it is now, not as it was when the process wrote a variable, and in their language.
 */
public interface TicketTextSource {

  /** The text's name, as forms name it ({@link org.flowdesk.models.FormSchema#TICKET_TEXTS}). */
  String name();

  /** The text for the ticket in the language; null when the ticket has none (another type's text). */
  String of(Ticket ticket, String language);
}
