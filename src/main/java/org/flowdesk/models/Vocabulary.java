package org.flowdesk.models;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The words the deployed models use, read from them at each deployment: the statuses a ticket
 * can be in (declared on each process as {@code camunda:property name="status.<code>"
 * value="<label> | open, calendar"}), the groups the models hand work to or ask for a decision,
 * the user tasks that are approvals ({@code camunda:property name="kind" value="approval"}) and
 * the milestones of each process's journey ({@code milestone.<code>} = {@code <label>}, see
 * {@link Milestones}). Queues, backlog, metrics, Tasklist access, the change calendar and the
 * portal's labels read this instead of spelling the words out.
 */
@Schema(description = "The statuses, groups, kinds of task and milestones that the deployed models declare")
public record Vocabulary(List<Status> statuses, List<Group> groups, List<TaskKind> tasks, List<Milestone> milestones) {

  public static final Vocabulary EMPTY = new Vocabulary(List.of(), List.of(), List.of(), List.of());

  /** A ticket's status as a model declares it. */
  @Schema(description = "A status a model declares")
  public record Status(
      @Schema(description = "The word stored on the ticket", example = "in_progress") String code,
      @Schema(description = "What people read", example = "In progress") String label,
      @Schema(description = "Still being worked: counts in queues and the backlog") boolean open,
      @Schema(description = "Approved to go ahead: its window is booked in the change calendar") boolean calendar,
      @Schema(description = "Processes that declare it", example = "[\"incident\"]") List<String> processes) {
  }

  /** A group the models name, and where. */
  @Schema(description = "A group the models hand work to, ask for approval or notify")
  public record Group(
      @Schema(description = "Group id", example = "network") String id,
      @Schema(description = "Where the models name it: file#element", example = "[\"decisions/incident-assignment.dmn#Rule_Network\"]")
      List<String> usedBy) {
  }

  /** A user task whose kind the model states. */
  @Schema(description = "A user task of a stated kind (approval)")
  public record TaskKind(
      @Schema(description = "Process key", example = "service-request") String process,
      @Schema(description = "Task id in the model", example = "Activity_ManagerApproves") String task,
      @Schema(description = "Task name", example = "Manager approves") String name,
      @Schema(description = "The kind", example = "approval") String kind,
      @Schema(description = "Its form", example = "request-approval") String form) {
  }

  /** A milestone of a process's journey, in the order the process declares them. */
  @Schema(description = "A milestone of a process's journey, as a requester reads it")
  public record Milestone(
      @Schema(description = "Process key", example = "fulfil-hardware") String process,
      @Schema(description = "The milestone's code in the model", example = "ordering") String code,
      @Schema(description = "What people read", example = "Ordering") String label,
      @Schema(description = "Passed only sometimes: shown once reached") boolean optional,
      @Schema(description = "The steps that reach it", example = "[\"Activity_OrderFromSupplier\"]") List<String> reachedBy) {
  }

  public Optional<Status> status(String code) {
    return statuses.stream().filter(s -> s.code().equals(code)).findFirst();
  }

  /** What people read for a ticket's stored status: its label, or the stored word if no model declares it. */
  public String statusLabel(String code) {
    return status(code).map(Status::label).orElse(code);
  }

  /**
   * Refuses a filter by a status no model declares (400 on the field {@code status}, naming those they do), so a
   * typo is not answered with an empty list; null filters nothing. {@code alsoTaken}: other words the filter takes
   * (the search's article and service lifecycles).
   */
  public void checkStatusFilter(String code, List<String> alsoTaken) {
    if (code != null && status(code).isEmpty() && !alsoTaken.contains(code)) {
      throw new FormValidationException(List.of(new FieldError("status", "is no status the models declare; they "
          + "declare " + String.join(", ", statuses.stream().map(Status::code).toList())
          + (alsoTaken.isEmpty() ? "" : " (also taken here: " + String.join(", ", alsoTaken) + ")"))));
    }
  }

  /** Statuses of tickets still being worked. */
  public List<String> openStatuses() {
    return statuses.stream().filter(Status::open).map(Status::code).toList();
  }

  /** Statuses of changes whose window counts in the change calendar's conflict check. */
  public List<String> calendarStatuses() {
    return statuses.stream().filter(Status::calendar).map(Status::code).toList();
  }

  public List<String> groupIds() {
    return groups.stream().map(Group::id).toList();
  }

  /**
   * The groups offered tasks of a kind (candidate groups, or the groups its candidate users come from): those whose
   * members approve, for {@code kind} approval, however new the group or the process.
   */
  public java.util.SortedSet<String> groupsOfKind(String kind) {
    // One process per file, named after it: processes/fulfil-legal-review.bpmn#Activity_SignOff.
    Set<String> elements = tasks.stream().filter(t -> t.kind().equals(kind))
        .map(t -> "/" + t.process() + ".bpmn#" + t.task()).collect(java.util.stream.Collectors.toSet());
    return groups.stream().filter(g -> g.usedBy().stream().anyMatch(where -> elements.stream().anyMatch(where::endsWith)))
        .map(Group::id).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The kind of a process's user task, if its model states one. */
  public Optional<String> kindOf(String process, String task) {
    return tasks.stream().filter(t -> t.process().equals(process) && t.task().equals(task))
        .map(TaskKind::kind).findFirst();
  }
}
