package org.flowdesk.ticket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.identity.TaskTakers;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.TaskForms;
import org.springframework.stereotype.Component;

/**
 * Taking a task on and completing it with its form's fields: the one way a person works a
 * ticket's step, whether one task at a time (/api/tasks) or many tickets at once (bulk).
 */
@Component
class TaskWork {

  private final TaskService taskService;
  private final TaskForms taskForms;
  private final People people;
  private final TaskTakers takers;

  TaskWork(TaskService taskService, TaskForms taskForms, People people, TaskTakers takers) {
    this.taskService = taskService;
    this.taskForms = taskForms;
    this.people = people;
    this.takers = takers;
  }

  /** The tasks assigned to the user and those their groups or they themselves may take. */
  TaskQuery visibleTo(CurrentUser user) {
    TaskQuery query = taskService.createTaskQuery().or().taskAssignee(user.id());
    if (!user.groups().isEmpty()) {
      query.taskCandidateGroupIn(List.copyOf(user.groups()));
    }
    return query.taskCandidateUser(user.id()).endOr();
  }

  /**
   * A task the caller may take on or complete. One their group was offered but someone else has
   * taken on since (a lost race) is found too, so that takeOn says who has it; others are not found.
   */
  Task workable(String id, CurrentUser user) {
    Task task = visibleTo(user).taskId(id).initializeFormKeys().singleResult();
    if (task == null && !user.groups().isEmpty()) {
      task = taskService.createTaskQuery().taskId(id).taskCandidateGroupIn(List.copyOf(user.groups()))
          .includeAssignedTasks().initializeFormKeys().singleResult();
    }
    if (task == null) {
      task = taskService.createTaskQuery().taskId(id).taskCandidateUser(user.id()).includeAssignedTasks()
          .initializeFormKeys().singleResult();
    }
    if (task == null) {
      throw new NotFoundException("task", id);
    }
    return task;
  }

  /**
   * The ticket's open tasks that the caller may take on or complete, those someone else of their
   * groups has taken on included (so that taking one on says who has it), oldest first.
   */
  List<Task> workableOf(String ticket, CurrentUser user) {
    Map<String, Task> tasks = new LinkedHashMap<>();
    visibleTo(user).processInstanceBusinessKey(ticket).initializeFormKeys().orderByTaskCreateTime().asc().list()
        .forEach(t -> tasks.put(t.getId(), t));
    List<TaskQuery> taken = new ArrayList<>();
    if (!user.groups().isEmpty()) {
      taken.add(taskService.createTaskQuery().taskCandidateGroupIn(List.copyOf(user.groups())));
    }
    taken.add(taskService.createTaskQuery().taskCandidateUser(user.id()));
    for (TaskQuery query : taken) {
      query.processInstanceBusinessKey(ticket).includeAssignedTasks().initializeFormKeys().orderByTaskCreateTime()
          .asc().list().forEach(t -> tasks.putIfAbsent(t.getId(), t));
    }
    return List.copyOf(tasks.values());
  }

  /** The caller takes the task on; a task someone else has taken on meanwhile is a conflict. */
  void takeOn(Task task, CurrentUser user) {
    if (task.getAssignee() == null) {
      taskService.setAssignee(task.getId(), user.id());
    } else if (!task.getAssignee().equals(user.id())) {
      // Words for the person who lost the race, not the task's internal id.
      throw new ConflictException("\"" + task.getName() + "\" has been taken on by "
          + people.nameOf(task.getAssignee()).orElse(task.getAssignee()) + " in the meantime.");
    }
  }

  /**
   * The caller gives the task to {@code assignee}, who must be one who may take it on: a member of a group the
   * task is offered to, or a candidate user. The caller takes it on when {@code assignee} is the caller or
   * null. A task someone else has taken on is a conflict; the caller may hand on one they hold.
   */
  void assignTo(Task task, CurrentUser user, String assignee) {
    if (assignee == null || assignee.equals(user.id())) {
      takeOn(task, user);
      return;
    }
    if (assignee.equals(task.getAssignee())) {
      return;
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
      throw new ConflictException("\"" + task.getName() + "\" has been taken on by "
          + people.nameOf(task.getAssignee()).orElse(task.getAssignee()) + " in the meantime.");
    }
    if (!takers.mayTakeOn(task.getId(), assignee)) {
      throw new FormValidationException(List.of(new FieldError("assignee", people.nameOf(assignee).orElse(assignee)
          + " may not take on \"" + task.getName() + "\": not a member of a group it is offered to")));
    }
    TaskActor.dispatching(user.id(), () -> taskService.setAssignee(task.getId(), assignee));
  }

  /**
   * Completes the task with its form's fields, checked as Tasklist checks them; an unassigned
   * task is taken on by the caller first.
   */
  void complete(Task task, CurrentUser user, Map<String, Object> fields) {
    complete(task, user, fields, Map.of(), () -> { });
  }

  /**
   * As {@link #complete(Task, CurrentUser, Map)}, with the files sent for the form's file pickers (by field key);
   * {@code accepted} runs once the form took them and the caller holds the task, before the step is done (it attaches the files, so that the
   * timeline has them before what the step leads to).
   */
  void complete(Task task, CurrentUser user, Map<String, Object> fields,
      Map<String, List<FormSchema.PickedFile>> files, Runnable accepted) {
    FormSchema form = formOf(task).schema();
    Map<String, Object> variables = form.withTransientTexts(form.validate(fields, files));
    takeOn(task, user);
    accepted.run();
    taskService.complete(task.getId(), variables);
  }

  /** Every user task of FlowDesk's models has a Camunda form (the models' lint sees to it). */
  TaskForms.TaskForm formOf(Task task) {
    return taskForms.of(task).orElseThrow(() -> new IllegalStateException("Task " + task.getId() + " ("
        + task.getTaskDefinitionKey() + ") has no Camunda form"));
  }
}
