package org.flowdesk.ticket;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.Vocabulary;
import org.springframework.stereotype.Component;

/**
 * What a list of tickets shows, from what its caller asked for (GET /api/tickets, its export, a
 * saved view): the caller's visibility always, then their filters, checked against the models' words.
 */
@Component
class TicketLists {

  /** The assignee filter's words for the caller and for nobody. */
  static final String ME = "me";
  static final String NOBODY = "none";

  /** A list's filters as its caller gives them; null (false) for those not given. */
  record View(boolean mine, boolean open, boolean watching, String status, String group, String type, String q,
      String assignee, Integer priority, Boolean breached, Integer dueWithinHours) {
  }

  private final TicketAccess access;
  private final DeployedVocabulary vocabulary;
  private final Clock clock;

  TicketLists(TicketAccess access, DeployedVocabulary vocabulary, Clock clock) {
    this.access = access;
    this.vocabulary = vocabulary;
    this.clock = clock;
  }

  TicketFilter filter(CurrentUser user, View view) {
    Vocabulary words = vocabulary.current();
    words.checkStatusFilter(view.status(), List.of());
    return new TicketFilter(access.visibility(user), view.mine() ? user.id() : null, view.status(), view.group(),
        view.type(), view.open() ? words.openStatuses() : null, null,
        view.q() == null || view.q().isBlank() ? null : TextQuery.parse(view.q()), view.watching() ? user.id() : null,
        workspace(user, view));
  }

  /** An agent's queue view; null when it narrows nothing. */
  private TicketFilter.Workspace workspace(CurrentUser user, View view) {
    String who = view.assignee() == null || view.assignee().isBlank() ? null : view.assignee().strip();
    if (who == null && view.priority() == null && view.breached() == null && view.dueWithinHours() == null) {
      return null;
    }
    return new TicketFilter.Workspace(ME.equals(who) ? user.id() : NOBODY.equals(who) ? null : who, NOBODY.equals(who),
        view.priority(), view.breached(),
        view.dueWithinHours() == null ? null : clock.instant().plus(Duration.ofHours(view.dueWithinHours())));
  }
}
