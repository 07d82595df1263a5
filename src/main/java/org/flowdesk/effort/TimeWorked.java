package org.flowdesk.effort;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.flowdesk.UtcColumns;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.TaskForms;
import org.flowdesk.ticket.TaskActor;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketTitle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Time agents worked on tickets: the minutes of a completed step whose form asks for them
 * ({@link FormSchema#TIME_SPENT}), recorded here, and those given with a comment (recorded with the
 * comment by {@link TicketService}); a ticket's total for its agents. Each entry refers to the
 * timeline entry it came with (the comment, or an internal "time worked" entry for a step), and
 * keeps the ticket's service and the group the work was done for, to be priced at that group's rate.
 */
@Service
public class TimeWorked {

  private final JdbcClient jdbc;
  private final TicketService tickets;
  private final TaskForms taskForms;
  private final Clock clock;

  TimeWorked(JdbcClient jdbc, TicketService tickets, TaskForms taskForms, Clock clock) {
    this.jdbc = jdbc;
    this.tickets = tickets;
    this.taskForms = taskForms;
    this.clock = clock;
  }

  /**
   * Task listener (complete) on every user task: records the time spent when the task's form asks
   * for it and the person gave it. The value is only ever the transient one a door checked
   * against the form in this completion; a stored variable of that name is nobody's input.
   */
  void withStep(DelegateTask task) {
    // The form of the task's own deployment: the one the door checked this completion against.
    if (!(task instanceof Task completed)
        || taskForms.of(completed).map(TaskForms.TaskForm::schema).filter(FormSchema::asksTimeSpent).isEmpty()) {
      return;
    }
    TypedValue typed = task.getVariableTyped(FormSchema.TIME_SPENT);
    if (typed == null || !typed.isTransient() || !(typed.getValue() instanceof Number given)) {
      return;
    }
    int minutes = given.intValue();
    String number = task.getExecution().getProcessBusinessKey();
    Ticket ticket = number == null ? null : tickets.find(number).orElse(null);
    if (ticket == null || minutes < 1 || minutes > FormSchema.MOST_MINUTES) {
      return; // not a ticket's step (a knowledge article's review); the doors refuse other minutes
    }
    // The group the step was offered to is whose work it was; a step offered to people only counts for the
    // ticket's assignment group.
    String group = task.getCandidates().stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElse(ticket.assignmentGroup());
    tickets.recordTimeWorked(number, TaskActor.of(task), TicketTitle.step(task.getName(), number), task.getId(),
        minutes, group, clock.instant());
  }

  @Schema(name = "TimeWorkedEntry")
  record Entry(Instant at, @Schema(example = "nina") String actor, @Schema(example = "45") int minutes,
      @Schema(description = "comment or step", example = "step") String source,
      @Schema(description = "The step's name, for time recorded with a step", example = "Work incident") String step,
      @Schema(description = "The group the work was done for", example = "network") String group,
      @Schema(description = "The timeline entry the time came with") long timelineEntryId) {
  }

  @Schema(name = "AgentTime")
  record AgentTime(@Schema(example = "nina") String agent, long minutes) {
  }

  @Schema(name = "TicketTimeWorked", description = "The time the agents recorded on a ticket")
  record Totals(@Schema(example = "INC-000042") String ticketNumber, long totalMinutes, List<AgentTime> byAgent,
      List<Entry> entries) {
  }

  Totals ofTicket(String number) {
    List<Entry> entries = jdbc.sql("SELECT * FROM fd_time_worked WHERE ticket_number = ? ORDER BY worked_at, id")
        .param(number)
        .query((rs, n) -> new Entry(UtcColumns.instant(rs, "worked_at"), rs.getString("actor"), rs.getInt("minutes"),
            rs.getString("source"), rs.getString("step"), rs.getString("assignment_group"),
            rs.getLong("timeline_entry_id")))
        .list();
    List<AgentTime> byAgent = entries.stream()
        .collect(java.util.stream.Collectors.groupingBy(Entry::actor, java.util.TreeMap::new,
            java.util.stream.Collectors.summingLong(Entry::minutes)))
        .entrySet().stream().map(e -> new AgentTime(e.getKey(), e.getValue())).toList();
    return new Totals(number, entries.stream().mapToLong(Entry::minutes).sum(), byAgent, entries);
  }
}
