package org.flowdesk.request;

import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.Test;

/**
 * An approval is recorded under its step's code and its task's name (what it showed while it waited), whether the
 * approval chain or a fulfilment process asks for it.
 */
class RecordApprovalTest {

  final TicketService tickets = mock(TicketService.class);
  final Clock clock = Clock.fixed(Instant.parse("2027-03-01T09:00:00Z"), ZoneOffset.UTC);

  DelegateTask task(String name, Object approval, String decision) {
    DelegateTask task = mock(DelegateTask.class, RETURNS_DEEP_STUBS);
    when(task.getExecution().getProcessBusinessKey()).thenReturn("REQ-000042");
    when(task.getAssignee()).thenReturn("leo");
    when(task.getName()).thenReturn(name + " REQ-000042: Contract review (Acme)");
    when(task.getVariable("approval")).thenReturn(approval);
    when(task.getVariable("decision")).thenReturn(decision);
    when(task.getVariable("approvalComment")).thenReturn("Clause 7 changed");
    return task;
  }

  @Test
  void theApprovalChainNamesItsStepAndItsTaskNamesItForPeople() throws Exception {
    new RequestDelegates().recordApproval(tickets, clock).notify(task("Budget owner approves", "budget", "approve"));
    verify(tickets).recordApproval("REQ-000042", "leo", "budget", "Budget owner approves", true, "Clause 7 changed",
        clock.instant());
  }

  @Test
  void anApprovalOutsideTheChainIsNamedByItsTaskNotNull() throws Exception {
    new RequestDelegates().recordApproval(tickets, clock).notify(task("Legal counsel signs off", null, "reject"));
    verify(tickets).recordApproval("REQ-000042", "leo", "Legal counsel signs off", "Legal counsel signs off", false,
        "Clause 7 changed", clock.instant());
  }
}
