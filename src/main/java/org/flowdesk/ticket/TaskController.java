package org.flowdesk.ticket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.TaskForms;
import org.flowdesk.models.Vocabulary;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The caller's tasks: those assigned to them and those their groups may take. A task is done
 * with its form's fields, checked as Tasklist would check them.
 */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The work people do on tickets (approve, assess, work, confirm, vote): each task "
    + "is done with the fields of its form, checked as Tasklist checks them.")
class TaskController {

  private final RepositoryService repositoryService;
  private final DeployedVocabulary vocabulary;
  private final TaskService taskService;
  private final TaskWork work;
  private final RuntimeService runtimeService;
  private final ObjectMapper json;
  private final TicketTexts ticketTexts;
  private final Languages languages;
  private final FormFiles formFiles;
  private final Clock clock;
  private final TicketService tickets;

  TaskController(TaskService taskService, TaskWork work, RuntimeService runtimeService, ObjectMapper json,
      RepositoryService repositoryService, DeployedVocabulary vocabulary, TicketTexts ticketTexts,
      Languages languages, FormFiles formFiles, Clock clock, TicketService tickets) {
    this.tickets = tickets;
    this.formFiles = formFiles;
    this.clock = clock;
    this.languages = languages;
    this.ticketTexts = ticketTexts;
    this.repositoryService = repositoryService;
    this.vocabulary = vocabulary;
    this.taskService = taskService;
    this.work = work;
    this.runtimeService = runtimeService;
    this.json = json;
  }

  record TaskView(@Schema(description = "The task's id, for claim and complete") String id,
      @Schema(example = "Work incident") String name,
      @Schema(description = "The ticket the task works on", example = "INC-000042") String ticketNumber,
      @Schema(description = "The form whose fields complete the task", example = "incident-work") String formId,
      @Schema(description = "Who took it on; none while it waits for a group's member", example = "nina") String assignee,
      Instant created, Instant due,
      @Schema(description = "The kind its model states (approval), or none", example = "approval") String kind) {
  }

  record TaskDetail(TaskView task,
      @Schema(type = "object", description = "The task's form, Camunda Forms (form-js) JSON") JsonNode form,
      @Schema(description = "The current values of the form's fields; a field that shows a text of the ticket "
          + "(the request's answers, the question asked) has it from the ticket") Map<String, Object> values) {
  }

  /**
   * The caller's tasks, oldest first, a page at a time.
   *
   * @param ticket only the tasks of this ticket
   */
  @Operation(operationId = "listTasks", summary = "List the caller's tasks",
      description = "The tasks assigned to the caller and those their groups may take, oldest first, with the "
          + "ticket number and the form id, a page at a time: a page shorter than size is the last.")
  @ApiResponse(responseCode = "200", description = "A page of tasks")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping
  List<TaskView> mine(Authentication caller,
      @Parameter(description = "Only the tasks of this ticket", example = "INC-000042") @RequestParam(required = false) @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
          message = "must be a ticket number such as INC-000042") String ticket,
      @Parameter(description = "The page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
      @Parameter(description = "Tasks per page") @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    TaskQuery query = work.visibleTo(CurrentUser.of(caller));
    if (ticket != null) {
      query.processInstanceBusinessKey(ticket);
    }
    return views(query.initializeFormKeys().orderByTaskCreateTime().asc().listPage(page * size, size));
  }

  @Operation(operationId = "getTask", summary = "A task with its form",
      description = "The task, its form (form-js JSON) and the current values of the form's fields.")
  @ApiResponse(responseCode = "200", description = "The task")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{id}")
  TaskDetail get(@Parameter(description = "The task's id (GET /api/tasks)") @PathVariable String id, Authentication caller) {
    Task task = visibleTask(id, CurrentUser.of(caller));
    TaskForms.TaskForm form = work.formOf(task);
    FormSchema schema = form.schema();
    TaskView view = views(List.of(task)).get(0);
    // Texts people wrote come from the ticket; the other fields from the task's variables.
    String language = languages.ofCaller(caller.getName());
    Map<String, String> texts = ticketTexts.forForm(schema, view.ticketNumber(), language);
    Map<String, Object> values = new HashMap<>(taskService.getVariables(id, schema.keys().stream()
        .filter(key -> !texts.containsKey(key)).toList()));
    values.putAll(texts);
    try {
      return new TaskDetail(view, languages.form(json.readTree(form.json()), language), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes the task on; for a ticket's work task this is the response. */
  @Operation(operationId = "claimTask", summary = "Claim a task",
      description = "Takes the task on; for an incident's work task this is the response to the requester.")
  @ApiResponse(responseCode = "200", description = "The task, now assigned to the caller")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/claim")
  @Transactional
  TaskView claim(@Parameter(description = "The task's id (GET /api/tasks)") @PathVariable String id, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    work.takeOn(work.workable(id, user), user);
    return views(List.of(visibleTask(id, user))).get(0);
  }

  @Schema(name = "TaskAssignment", example = """
      {"assignee": "nina"}""")
  record Assignment(@Schema(description = "Who takes the task on: a member of a group it is offered to; the caller "
      + "when left out", example = "nina") @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]*",
      message = "must be a user id") String assignee) {
  }

  /** Gives the task to a colleague who may take it on, or takes it on. */
  @Operation(operationId = "assignTask", summary = "Assign a task to a colleague",
      description = "Gives the task to a member of a group it is offered to, as a dispatcher does; the caller must "
          + "be one who may take it on too, and may hand on a task they hold, not one someone else has taken on. The "
          + "ticket's timeline says who gave it to whom. Without an assignee the caller takes it on, as claim does.")
  @ApiResponse(responseCode = "200", description = "The task, now assigned")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/assign")
  @Transactional
  TaskView assign(@Parameter(description = "The task's id (GET /api/tasks)") @PathVariable String id,
      @Valid @RequestBody Assignment assignment, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    work.assignTo(work.workable(id, user), user, blankToNull(assignment.assignee()));
    Task task = taskService.createTaskQuery().taskId(id).initializeFormKeys().singleResult();
    return views(List.of(task)).get(0);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** Completes the task with its form's fields; an unassigned task is claimed by the caller first. */
  @Operation(operationId = "completeTask", summary = "Complete a task",
      description = "Completes the task with its form's fields (required, types, limits, allowed values, no unknown "
          + "fields); an unassigned task is claimed by the caller first. A form with a file picker is sent as "
          + "multipart/form-data: the fields as the part \"fields\" (application/json), the picker's files as parts "
          + "named by its key; they are attached to the task's ticket in the same transaction, and the field's "
          + "answer is their names.")
  @ApiResponse(responseCode = "204", description = "Completed; the process goes on")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/{id}/complete")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  void complete(@Parameter(description = "The task's id (GET /api/tasks)") @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The fields of the task's form", content = @Content(
          schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE),
          examples = @ExampleObject(name = "resolve", value = """
              {"action": "resolve", "resolutionCode": "solved", "resolutionNotes": "Firmware updated"}""")))
      @RequestBody(required = false) Map<String, Object> fields,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    work.complete(work.workable(id, user), user, fields);
  }

  /**
   * The same completion with files, for a form with file pickers: the fields are the part "fields"
   * (application/json), each picker's files are parts named by its key, other files parts "files". The
   * files are checked before anything is written and attached to the task's ticket in the completion's
   * transaction; a refused file or field completes nothing. The API document shows the JSON call.
   */
  @Operation(hidden = true)
  @PostMapping(path = "/{id}/complete", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  void completeWithFiles(@PathVariable String id,
      @Parameter(hidden = true) @RequestPart(name = "fields", required = false) Map<String, Object> fields,
      @Parameter(hidden = true) @RequestParam MultiValueMap<String, MultipartFile> parts,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Task task = work.workable(id, user);
    String ticket = ticketOf(task);
    // A knowledge article's steps carry the article's id: files go to the article, not through its review.
    if (ticket == null || tickets.find(ticket).isEmpty()) {
      throw new FormValidationException(List.of(new FieldError("files",
          "\"" + task.getName() + "\" belongs to no ticket, so it takes no files")));
    }
    FormFiles.Checked files = formFiles.check(ticket, parts, "fields");
    work.complete(task, user, fields, files.byField(), () -> files.attach(ticket, user.id(), clock.instant()));
  }

  private String ticketOf(Task task) {
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).singleResult();
    return instance == null ? null : instance.getBusinessKey();
  }

  private Task visibleTask(String id, CurrentUser user) {
    Task task = work.visibleTo(user).taskId(id).initializeFormKeys().singleResult();
    if (task == null) {
      throw new NotFoundException("task", id);
    }
    return task;
  }

  private List<TaskView> views(List<Task> tasks) {
    Set<String> instanceIds = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
    Map<String, String> ticketByInstance = instanceIds.isEmpty() ? Map.of()
        : runtimeService.createProcessInstanceQuery().processInstanceIds(instanceIds).list().stream()
            .filter(p -> p.getBusinessKey() != null)
            .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
    // One look-up per process definition on the page, not per task.
    Map<String, String> processKeys = new HashMap<>();
    tasks.stream().map(Task::getProcessDefinitionId).filter(Objects::nonNull).distinct()
        .forEach(id -> processKeys.put(id, repositoryService.getProcessDefinition(id).getKey()));
    Vocabulary words = vocabulary.current();
    return tasks.stream().map(t -> new TaskView(t.getId(), t.getName(), ticketByInstance.get(t.getProcessInstanceId()),
        t.getCamundaFormRef() == null ? t.getFormKey() : t.getCamundaFormRef().getKey(), t.getAssignee(),
        t.getCreateTime().toInstant(), t.getDueDate() == null ? null : t.getDueDate().toInstant(),
        t.getProcessDefinitionId() == null ? null
            : words.kindOf(processKeys.get(t.getProcessDefinitionId()), t.getTaskDefinitionKey()).orElse(null)))
        .toList();
  }
}
