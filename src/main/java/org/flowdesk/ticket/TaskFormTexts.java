package org.flowdesk.ticket;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.TaskForms;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Tasklist fills a Camunda Form from {@code GET …/task/{id}/form-variables}: after the engine
 * has answered (and so checked that the caller may read the task), this adds the ticket's texts
 * that the task's form shows ({@code "properties": {"ticket": "answers"}}), read from FlowDesk's
 * tables, as string variables. The texts are never process variables; the fields are read-only,
 * and what is sent back for them is ignored at completion ({@link FormSchema#validate}), as
 * {@code /api/tasks/{id}} does for the portal.
 */
class TaskFormTexts extends OncePerRequestFilter {

  /** Camunda's REST API and the one the webapps call, with or without an engine name. */
  static final Pattern FORM_VARIABLES = Pattern.compile(
      "^(?:/engine-rest|/camunda/api/engine)(?:/engine/[^/]+)?/task/([^/]+)/form-variables$");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TaskService taskService;
  private final TaskForms taskForms;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final TicketTexts ticketTexts;

  TaskFormTexts(TaskService taskService, TaskForms taskForms, RuntimeService runtimeService,
      IdentityService identityService, TicketTexts ticketTexts) {
    this.taskService = taskService;
    this.taskForms = taskForms;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.ticketTexts = ticketTexts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !FORM_VARIABLES.matcher(path(request)).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = FORM_VARIABLES.matcher(path(request));
    if (!matcher.matches()) {
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, answer);
    if (answer.getStatus() == HttpStatus.OK.value()) {
      Map<String, String> texts = asSystem(() -> textsOf(matcher.group(1)));
      if (!texts.isEmpty()) {
        JsonNode variables = JSON.readTree(answer.getContentAsByteArray());
        if (variables instanceof ObjectNode object) {
          String names = request.getParameter("variableNames");
          java.util.Set<String> wanted = names == null || names.isBlank() ? null
              : java.util.Set.of(names.split(","));
          texts.forEach((key, text) -> {
            if (wanted == null || wanted.contains(key)) {
              ObjectNode value = object.putObject(key);
              value.put("type", "String");
              value.put("value", text);
              value.putObject("valueInfo");
            }
          });
          answer.resetBuffer();
          answer.getOutputStream().write(JSON.writeValueAsBytes(object));
        }
      }
    }
    answer.copyBodyToResponse();
  }

  private Map<String, String> textsOf(String taskId) {
    Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
    if (task == null || task.getCamundaFormRef() == null || task.getProcessInstanceId() == null) {
      return Map.of();
    }
    FormSchema form = taskForms.of(task).map(TaskForms.TaskForm::schema).orElse(null);
    if (form == null) {
      return Map.of();
    }
    if (form.ticketTexts().isEmpty()) {
      return Map.of();
    }
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    return instance == null ? Map.of() : ticketTexts.forForm(form, instance.getBusinessKey());
  }

  /** The task and its form are looked up without the caller's authorizations; the engine checked those. */
  private <T> T asSystem(Supplier<T> lookup) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return lookup.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
