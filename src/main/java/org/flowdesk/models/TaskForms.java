package org.flowdesk.models;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The Camunda form of a user task, read and parsed once per step of a deployed process
 * definition, as {@link StartForms} does for starts: the portal's task view, its completion, the
 * engine door, Tasklist's texts and mail replies all ask for it on every request. A form bound to
 * the definition's deployment (or a fixed version) never changes for that step; one bound to
 * {@code latest} is read each time.
 */
@Component
public class TaskForms {

  /** A task's form: its form-js JSON as deployed, and what FlowDesk checks it by. */
  public record TaskForm(String json, FormSchema schema) {
  }

  private final FormService formService;
  private final Map<String, Optional<TaskForm>> byStep = new ConcurrentHashMap<>();

  TaskForms(FormService formService) {
    this.formService = formService;
  }

  /** The task's Camunda form, or empty when it has none (no form, or a form key of another kind). */
  public Optional<TaskForm> of(Task task) {
    String step = task.getProcessDefinitionId() == null ? null
        : task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
    Optional<TaskForm> known = step == null ? null : byStep.get(step);
    if (known != null) {
      return known;
    }
    CamundaFormRef ref = formService.getTaskFormData(task.getId()).getCamundaFormRef();
    Optional<TaskForm> form = ref == null ? Optional.empty() : Optional.of(read(task.getId()));
    if (step != null && (ref == null || !"latest".equals(ref.getBinding()))) {
      byStep.put(step, form);
    }
    return form;
  }

  private TaskForm read(String taskId) {
    try (InputStream in = formService.getDeployedTaskForm(taskId)) {
      byte[] json = in.readAllBytes();
      return new TaskForm(new String(json, StandardCharsets.UTF_8), FormSchema.parse(new ByteArrayInputStream(json)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
