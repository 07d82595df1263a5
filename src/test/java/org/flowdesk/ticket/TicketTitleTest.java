package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** The words a model puts in a task's name for Tasklist: the ticket's number and title, from the business key. */
class TicketTitleTest {

  final TicketService tickets = mock(TicketService.class);
  final DelegateExecution execution = mock(DelegateExecution.class);
  final TicketTitle title = new TicketTitle(tickets);

  @Test
  void aTaskNameReadsTheTicketsNumberAndTitle() {
    when(execution.getProcessBusinessKey()).thenReturn("INC-000042");
    when(tickets.title("INC-000042")).thenReturn(Optional.of("VPN drops"));
    assertThat(title.of(execution)).isEqualTo("INC-000042: VPN drops");
  }

  @Test
  void aLongTitleIsCutForAListAndAMissingOneLeavesTheNumber() {
    when(execution.getProcessBusinessKey()).thenReturn("REQ-000007");
    when(tickets.title("REQ-000007")).thenReturn(Optional.of("x".repeat(300)));
    assertThat(title.of(execution)).hasSize("REQ-000007: ".length() + TicketTitle.LONGEST).endsWith("…");
    when(tickets.title("REQ-000007")).thenReturn(Optional.empty());
    assertThat(title.of(execution)).isEqualTo("REQ-000007");
  }
}
