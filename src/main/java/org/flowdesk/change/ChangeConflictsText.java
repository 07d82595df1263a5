package org.flowdesk.change;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketTextSource;
import org.flowdesk.ticket.TicketType;
import org.flowdesk.ticket.TimelineTexts;
import org.springframework.stereotype.Component;

/**
 * A change's conflicts as the forms of its assessment, votes and decisions show them ({@code "properties":
 * {"ticket": "conflicts"}}): worked out when the form is read, as the change's page does, so that a CAB member
 * voting days after the change was raised reads the changes approved into its window since; one line per conflict,
 * "None" when there is none, in the reader's language as the timeline reads its conflicts.
 */
@Component
class ChangeConflictsText implements TicketTextSource {

  /** What the forms show for a change without conflicts (a timeline word, "Keine" in German). */
  static final String NONE = "None";

  private final ChangePlans plans;
  private final ChangeCalendar calendar;
  private final DeployedVocabulary vocabulary;
  private final TimelineTexts texts;

  ChangeConflictsText(ChangePlans plans, ChangeCalendar calendar, DeployedVocabulary vocabulary, TimelineTexts texts) {
    this.plans = plans;
    this.calendar = calendar;
    this.vocabulary = vocabulary;
    this.texts = texts;
  }

  @Override
  public String name() {
    return "conflicts";
  }

  @Override
  public String of(Ticket ticket, String language) {
    if (!TicketType.CHANGE.id().equals(ticket.type())) {
      return null;
    }
    // A change that is over holds no window: nothing conflicts with it any more.
    List<ChangeCalendar.Conflict> conflicts = !vocabulary.current().openStatuses().contains(ticket.status()) ? List.of()
        : plans.find(ticket.number()).map(plan -> calendar.conflictsOf(plan, ticket.service(),
            ticket.configurationItem())).orElse(List.of());
    UnaryOperator<String> reader = texts.reader(language, "timeline");
    return conflicts.isEmpty() ? reader.apply(NONE)
        : conflicts.stream().map(conflict -> reader.apply(conflict.text())).collect(Collectors.joining("\n"));
  }
}
