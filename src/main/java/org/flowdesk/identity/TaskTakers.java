package org.flowdesk.identity;

import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Who may take a task on: a candidate user of it who exists, or a member of a group it is offered to. The
 * one rule for every door that gives a task to someone: FlowDesk's API ({@code /api/tasks/{id}/assign}),
 * Camunda's REST API and Tasklist ({@code …/claim}, {@code …/assignee}). A model that leaves someone out of
 * a step's candidates ({@code ${people.membersExcept('budget-owners', requester)}}) leaves them out at
 * every door. A step the model gives to one person ({@code camunda:assignee}) is offered to nobody else.
 */
@Component
public class TaskTakers {

  private final TaskService taskService;
  private final People people;

  TaskTakers(TaskService taskService, People people) {
    this.taskService = taskService;
    this.people = people;
  }

  /** The task's candidate links (users and groups), read without the caller's authorizations. */
  public List<IdentityLink> candidates(String taskId) {
    return people.withoutAuthorization(() -> taskService.getIdentityLinksForTask(taskId).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList());
  }

  /** Whether the user may take the task on: a candidate user who exists, or a member of a candidate group. */
  public boolean mayTakeOn(String taskId, String userId) {
    return mayTakeOn(candidates(taskId), userId);
  }

  /** {@link #mayTakeOn(String, String)} for candidates already read. */
  public boolean mayTakeOn(List<IdentityLink> candidates, String userId) {
    for (IdentityLink link : candidates) {
      if (userId.equals(link.getUserId()) && people.nameOf(userId).isPresent()
          || link.getGroupId() != null && people.isMember(userId, link.getGroupId())) {
        return true;
      }
    }
    return false;
  }
}
