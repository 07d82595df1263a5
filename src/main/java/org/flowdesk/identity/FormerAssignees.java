package org.flowdesk.identity;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A task handed on leaves its former assignee. Camunda's default grants the new assignee the task and never takes
 * the grant back, so whoever once held a task could read it, take it back or complete it long after a colleague
 * took it over. Here the former assignee's grant on the task goes with the task, unless they keep a part in it of
 * their own (a candidate user of it, or its owner); what their groups may do is untouched.
 */
@Component
class FormerAssignees extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new DefaultAuthorizationProvider() {
      @Override
      public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        if (oldAssignee != null && !oldAssignee.equals(newAssignee) && !oldAssignee.equals(task.getOwner())
            && !isCandidate(task, oldAssignee)) {
          Context.getCommandContext().getAuthorizationManager()
              .deleteAuthorizationsByResourceIdAndUserId(Resources.TASK, task.getId(), oldAssignee);
        }
        return super.newTaskAssignee(task, oldAssignee, newAssignee);
      }
    });
  }

  private static boolean isCandidate(Task task, String userId) {
    return task instanceof TaskEntity entity && entity.getIdentityLinks().stream()
        .anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && userId.equals(link.getUserId()));
  }
}
