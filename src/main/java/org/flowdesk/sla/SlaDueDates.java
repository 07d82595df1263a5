package org.flowdesk.sla;

import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What a process instance dates from its SLA clocks, moved when the clocks' targets change: the timers whose
 * date the model reads from {@code slaClocks} (the warning and breach timers) are recalculated from their own
 * expressions, and so are the due dates of its open user tasks that the model reads from them ("Work
 * incident" is due when the resolution clock is). Which timers and tasks those are is the model's: no
 * element id is named here. Other timers (the requester's five days to answer) keep their dates.
 */
final class SlaDueDates {

  private static final String READS_THE_CLOCKS = "slaClocks.";

  private SlaDueDates() {
  }

  /** Called from a step of the instance, so that everything moves in the step's transaction. */
  static void moveWithTheClocks(DelegateExecution execution) {
    BpmnModelInstance model = execution.getBpmnModelInstance();
    ManagementService management = execution.getProcessEngineServices().getManagementService();
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      if (!readsTheClocks(timer)) {
        continue;
      }
      ModelElementInstance event = timer.getParentElement();
      String activityId = event.getAttributeValue("id");
      for (Job job : management.createJobQuery().processInstanceId(execution.getProcessInstanceId()).timers()
          .activityId(activityId).list()) {
        management.recalculateJobDuedate(job.getId(), false);
      }
    }
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
      ModelElementInstance element = model.getModelElementById(task.getTaskDefinitionKey());
      if (!(element instanceof UserTask userTask) || userTask.getCamundaDueDate() == null
          || !userTask.getCamundaDueDate().contains(READS_THE_CLOCKS)) {
        continue;
      }
      Object due = Context.getProcessEngineConfiguration().getExpressionManager()
          .createExpression(userTask.getCamundaDueDate()).getValue(execution);
      if (due instanceof Date date && !date.equals(task.getDueDate())) {
        task.setDueDate(date);
        tasks.saveTask(task);
      }
    }
  }

  private static boolean readsTheClocks(TimerEventDefinition timer) {
    return Optional.ofNullable(timer.getTimeDate()).map(date -> date.getTextContent())
        .filter(text -> text.contains(READS_THE_CLOCKS)).isPresent();
  }
}
