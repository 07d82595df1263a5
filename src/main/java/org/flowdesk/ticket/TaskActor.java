package org.flowdesk.ticket;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who did a task, for the timeline: its assignee; a candidate may complete a task without
 * claiming it (Tasklist, {@code /engine-rest}), and then it is the user logged in to the engine.
 */
public final class TaskActor {

  /** The variable naming who took the ticket's work task last; set when the task is assigned. */
  public static final String AGENT = "agent";
  /**
   * The transient variable naming who reassigned the ticket when no agent did (an escalation, through the
   * process's reassignment message); the reassignment step reads it before {@link #AGENT}.
   */
  public static final String REASSIGNED_BY = "reassignedBy";

  /** Who is giving a task to someone else in this thread, while FlowDesk does it (see {@link #dispatching}). */
  private static final ThreadLocal<String> DISPATCHER = new ThreadLocal<>();

  private TaskActor() {
  }

  /** Runs {@code assignment} as {@code by} giving a task to a colleague, so the assignment listener can say who. */
  static void dispatching(String by, Runnable assignment) {
    DISPATCHER.set(by);
    try {
      assignment.run();
    } finally {
      DISPATCHER.remove();
    }
  }

  /**
   * Who gave the task to its new assignee: FlowDesk's caller while {@link #dispatching}, or the user logged in to
   * the engine (Tasklist, /engine-rest); null when nobody is known.
   */
  public static String assignedBy(DelegateTask task) {
    String by = DISPATCHER.get();
    if (by != null) {
      return by;
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  public static String of(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return current != null && current.getUserId() != null ? current.getUserId() : TicketService.SYSTEM;
  }
}
