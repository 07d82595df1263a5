package org.flowdesk.identity;

import java.lang.reflect.Proxy;
import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A task someone holds is theirs, in the engine's own transaction. {@link EngineDoor} checks a completion at
 * Camunda's door before the engine runs it; a colleague who takes the task on in the milliseconds between would
 * otherwise have it completed under their hands (Camunda's complete does not look at the assignee). So when a
 * person acts through Camunda's door (the engine knows who: {@code /engine-rest} and the webapps authenticate them),
 * the engine itself refuses, on the task row it is about to change, to let them work on a task someone else holds
 * (complete, submit its form, claim, resolve): {@code 403} "… has been taken on by Bob Becker in the meantime" (the
 * door answers 409 when it sees it first). A task still open to its groups, or the caller's own, goes on as the
 * door allowed. FlowDesk's API (which takes a task on in its own transaction), the engine's jobs and
 * administrators are not persons at the door here. Updates of a task (its follow-up date) and assignments are the
 * door's to check: Camunda asks the same check of every update, whoever holds the task.
 *
 * <p>The check is one of the engine's command checkers, which its commands ask before they work on a task (as they
 * ask its authorization checker), so what it throws reaches the caller as it is.
 */
@Component
class HeldTasks extends AbstractProcessEnginePlugin {

  // Looked up on first use: the engine is built before the beans People needs.
  private final ObjectProvider<People> people;

  HeldTasks(ObjectProvider<People> people) {
    this.people = people;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getCommandCheckers().add((CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
        new Class<?>[] {CommandChecker.class}, (proxy, method, arguments) -> {
          switch (method.getName()) {
            case "checkTaskWork" -> refuseSomeoneElses((TaskEntity) arguments[0]);
            case "toString" -> {
              return "HeldTasks";
            }
            case "hashCode" -> {
              return System.identityHashCode(proxy);
            }
            case "equals" -> {
              return proxy == arguments[0];
            }
            default -> {
              // Every other check is the authorization and tenant checkers' to make.
            }
          }
          return null;
        }));
  }

  private void refuseSomeoneElses(TaskEntity task) {
    String person = personAtTheDoor();
    String holder = task.getAssignee();
    if (person != null && holder != null && !holder.equals(person)) {
      throw new AuthorizationException("\"" + task.getName() + "\" has been taken on by " + people.getObject().name(holder)
          + " in the meantime");
    }
  }

  /** The person the engine runs the command for, unless it runs for no one (the system) or for an administrator. */
  private static String personAtTheDoor() {
    CommandContext command = Context.getCommandContext();
    Authentication authentication = command == null ? null : command.getAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      return null;
    }
    List<String> groups = authentication.getGroupIds();
    return groups != null && groups.contains(Groups.CAMUNDA_ADMIN) ? null : authentication.getUserId();
  }
}
