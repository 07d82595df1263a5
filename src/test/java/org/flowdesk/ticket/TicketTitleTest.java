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

  Ticket titled(String text) {
    Ticket ticket = mock(Ticket.class);
    when(ticket.title()).thenReturn(text);
    return ticket;
  }

  @Test
  void aTaskNameReadsTheTicketsNumberAndTitle() {
    when(execution.getProcessBusinessKey()).thenReturn("INC-000042");
    Ticket ticket = titled("VPN drops");
    when(tickets.find("INC-000042")).thenReturn(Optional.of(ticket));
    assertThat(title.of(execution)).isEqualTo("INC-000042: VPN drops");
  }

  @Test
  void aLongTitleIsCutForAListAndAMissingOneLeavesTheNumber() {
    when(execution.getProcessBusinessKey()).thenReturn("REQ-000007");
    Ticket ticket = titled("x".repeat(300));
    when(tickets.find("REQ-000007")).thenReturn(Optional.of(ticket));
    assertThat(title.of(execution)).hasSize("REQ-000007: ".length() + TicketTitle.LONGEST).endsWith("…");
    when(tickets.find("REQ-000007")).thenReturn(Optional.empty());
    assertThat(title.of(execution)).isEqualTo("REQ-000007");
  }
}
