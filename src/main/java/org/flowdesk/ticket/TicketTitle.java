package org.flowdesk.ticket;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.models.ModelHelper;
import org.springframework.stereotype.Component;

/**
 * A ticket's number and title for the models' words, e.g. a user task's name, so that Tasklist
 * lists "Work incident INC-000042: VPN drops" instead of a dozen "Work incident":
 * {@code name="Work incident ${ticketTitle.of(execution)}"}. The ticket is the instance's business
 * key, never a variable.
 */
@ModelHelper
@Component("ticketTitle")
public class TicketTitle {

  /** Long titles are cut here: a task's name is a line in a list, and Camunda stores at most 255 characters. */
  static final int LONGEST = 120;

  private final TicketService tickets;

  TicketTitle(TicketService tickets) {
    this.tickets = tickets;
  }

  /**
   * A step's name without the ticket its model named it with: "Manager approves" for "Manager approves
   * REQ-000042: New laptop", where the ticket is said already (its timeline, its approvals, its journey).
   */
  public static String step(String taskName, String number) {
    if (taskName == null || number == null) {
      return taskName;
    }
    int at = taskName.indexOf(" " + number);
    return at > 0 ? taskName.substring(0, at) : taskName;
  }

  /** "INC-000042: VPN drops", or the number alone when the ticket has no title. */
  public String of(DelegateExecution execution) {
    String number = TicketOfInstance.of(execution);
    String title = tickets.title(number).orElse(null);
    if (title == null || title.isBlank()) {
      return number;
    }
    return number + ": " + (title.length() > LONGEST ? title.substring(0, LONGEST - 1) + "…" : title);
  }
}
