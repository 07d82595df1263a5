package org.flowdesk.ticket;

import java.util.List;

import org.flowdesk.TextQuery;
import org.flowdesk.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Tickets found by text for the search box (org.flowdesk.search): only those the caller may see,
 * left out by the query itself, so a hidden ticket never counts towards a page or a total.
 */
@Component
public class TicketSearch {

  private final TicketRepository repository;
  private final TicketAccess access;

  TicketSearch(TicketRepository repository, TicketAccess access) {
    this.repository = repository;
    this.access = access;
  }

  /**
   * A ticket that matched: the title and an excerpt of its description with the matched words
   * marked between {@link TextQuery#MARK_START} and {@link TextQuery#MARK_END}.
   */
  public record Hit(String number, String type, String service, String status, double rank, String markedTitle,
      String markedExcerpt) {
  }

  /** The best {@code limit} matches, best first. */
  public List<Hit> best(CurrentUser user, TextQuery text, String service, String status, int limit) {
    return repository.textHits(filter(user, text, service, status), limit);
  }

  public long count(CurrentUser user, TextQuery text, String service, String status) {
    return repository.count(filter(user, text, service, status));
  }

  /**
   * The best {@code limit} open tickets of one type, whoever may see them: for callers who may see
   * every ticket of that type, as agents see every problem.
   */
  public List<Hit> bestOpenOfType(TicketType type, TextQuery text, List<String> openStatuses, int limit) {
    return repository.textHits(new TicketFilter(null, null, null, null, type.id(), openStatuses, null, text), limit);
  }

  private TicketFilter filter(CurrentUser user, TextQuery text, String service, String status) {
    return new TicketFilter(access.visibility(user), null, status, null, null, null, service, text);
  }
}
