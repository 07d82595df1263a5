package org.flowdesk.notification;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.flowdesk.TicketOfInstance;
import org.flowdesk.identity.ActingUser;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationDelegates {

  /**
   * Notifies whom the model says, with the model's text: input parameters {@code recipientUser}
   * or {@code recipientGroup}, {@code kind} and {@code text}; with {@code watcherText} the ticket's
   * watchers are told too, in those words (the model decides which steps concern them), but never the
   * step's own recipient (told already) nor the person whose action this is (the approver who decided, the
   * agent who resolved): nobody is told of what they did themselves.
   */
  @Bean
  JavaDelegate notify(Notifications notifications, Clock clock) {
    return execution -> {
      String ticket = execution.getProcessBusinessKey();
      String kind = required(execution, "kind");
      String text = required(execution, "text");
      Object user = execution.getVariableLocal("recipientUser");
      Object group = execution.getVariableLocal("recipientGroup");
      if (user != null) {
        notifications.toUser(user.toString(), ticket, kind, text, clock.instant());
      }
      if (group != null) {
        notifications.toGroup(group.toString(), ticket, kind, text, clock.instant());
      }
      if (user == null && group == null) {
        throw new IllegalStateException(execution.getCurrentActivityId()
            + ": the notify step needs an input parameter recipientUser or recipientGroup");
      }
      Object watcherText = execution.getVariableLocal("watcherText");
      if (watcherText != null) {
        Set<String> told = new HashSet<>();
        if (user != null) {
          told.add(user.toString());
        }
        ActingUser.of(execution.getProcessEngineServices().getIdentityService()).ifPresent(told::add);
        notifications.toWatchers(ticket, kind, watcherText.toString(), told, clock.instant());
      }
    };
  }

  /**
   * Task listener (create): tells the people who can do the task that it is waiting for them,
   * its assignee or else each candidate group, with the task's input parameters
   * {@code notificationKind} and {@code notificationText}.
   */
  @Bean
  TaskListener notifyTaskAudience(Notifications notifications, Clock clock) {
    return task -> {
      // The task's input parameters live on its execution, which getVariable reaches first.
      String kind = String.valueOf(task.getVariable("notificationKind"));
      String text = String.valueOf(task.getVariable("notificationText"));
      String ticket = TicketOfInstance.of(task);
      if (task.getAssignee() != null) {
        notifications.toUser(task.getAssignee(), ticket, kind, text, clock.instant());
        return;
      }
      task.getCandidates().stream().filter(link -> link.getGroupId() != null)
          .forEach(link -> notifications.toGroup(link.getGroupId(), ticket, kind, text, clock.instant()));
    };
  }

  private static String required(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalStateException(execution.getCurrentActivityId() + ": the notify step needs an input parameter "
          + name);
    }
    return value.toString();
  }
}
