package org.flowdesk.sla;

import java.time.Instant;
import java.util.List;

/**
 * A new breach and what the model decided to do about it (decisions/sla-escalation.dmn, one action per
 * matching rule): published in the breach step's transaction, after the breach is recorded, so the ticket
 * package (which depends on sla, not the other way round) carries the actions out in the same commit.
 *
 * @param kind the notifications' kind, the step's input parameter
 * @param text the notifications' text, the step's input parameter
 * @param reprioritiseMessage the message that changes the ticket's priority in its process (the step's input
 *     parameter {@code reprioritiseMessage}); null where the process has none
 * @param reassignMessage the message that hands the ticket's work to another group in its process, as an agent's
 *     reassignment would (the step's input parameter {@code reassignMessage}); null where the process has none
 */
public record SlaEscalation(String ticket, String clock, List<Action> actions, String kind, String text,
    String reprioritiseMessage, String reassignMessage, Instant at) {

  /** One row of the decision's result: any of its columns may be empty. */
  public record Action(String notifyGroup, String reassignGroup, Integer raiseUrgencyTo) {
  }
}
