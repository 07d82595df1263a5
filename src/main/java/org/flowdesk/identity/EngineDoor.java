package org.flowdesk.identity;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.flowdesk.CachedBodyRequest;
import org.flowdesk.api.ProblemResponses;
import org.flowdesk.api.FieldError;
import org.flowdesk.models.FormSchema;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.StartForms;
import org.flowdesk.models.TaskForms;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The trust boundary at Camunda's own doors: its REST API ({@code /engine-rest}) and the one
 * Cockpit, Tasklist and Admin call ({@code /camunda/api/engine}). A person who is not an
 * administrator may read what the engine's authorizations allow, and write only what Tasklist
 * needs: start a process that has a start form and complete a task, each with exactly the
 * variables its form declares (checked as {@code /api} checks them, the body rewritten to the
 * accepted values), claim and hand on tasks, comment on them, run queries and change their own
 * password. Everything else that writes — start instructions, business keys, process-instance
 * modification, message correlation, signals, variable, job and job-definition writes, profile
 * edits — is for administrators, as is every start of a process FlowDesk starts itself.
 */
class EngineDoor extends OncePerRequestFilter {

  static final String ENGINE_REST = "/engine-rest";
  static final String WEBAPP_ENGINE_API = "/camunda/api/engine";
  /** Cockpit's own plugins' API (process statistics, instance counts): for those who may open Cockpit. */
  static final String COCKPIT_API = "/camunda/api/cockpit";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  /** After the door's prefix, Camunda accepts an engine name: /engine/default/task/… */
  private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/[^/]+(/.*)$");
  private static final Pattern START = Pattern.compile(
      "^/process-definition/(?:key/([^/]+)(?:/tenant-id/([^/]+))?|([^/]+))/(start|submit-form)$");
  private static final Pattern COMPLETE = Pattern.compile("^/task/([^/]+)/(complete|submit-form|resolve)$");
  private static final Pattern CLAIM = Pattern.compile("^/task/([^/]+)/(claim|unclaim|assignee)$");
  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)$");
  private static final Pattern COMMENT = Pattern.compile("^/task/([^/]+)/comment/create$");
  /** A task or anything of it (its variables, form, links, comments), by id: not /task/count or /task/report. */
  private static final Pattern ONE_TASK = Pattern.compile("^/task/(?!count$|report(?:/|$))([^/]+)(?:/.*)?$");
  /** Cockpit's own scripts, which it loads before anyone logs in (Camunda lets everyone read them). */
  private static final Pattern COCKPIT_STATIC = Pattern.compile("^" + COCKPIT_API + "/plugin/[^/]+/static/.*");
  /**
   * How many instances every process has, and each of its steps, whoever they belong to, how much the engine did
   * (its metrics: instances started, steps run) and its jobs (timers, history cleanup) and their log: Cockpit's
   * dashboard, not a person's business.
   */
  private static final Pattern STATISTICS = Pattern.compile("^/(?:process-definition(?:/key/[^/]+(?:/tenant-id/[^/]+)?"
      + "|/[^/]+)?/statistics(?:/count)?|metrics(?:/.*)?|job(?:-definition)?(?:/.*)?|history/job-log(?:/.*)?"
      + "|history/cleanup(?:/.*)?)$");
  /** Where an administrator creates a user or edits a profile: /user/create, /user/{id}/profile. */
  private static final Pattern PROFILE = Pattern.compile("^/user/(?:create|([^/]+)/profile)$");
  private static final Pattern CREDENTIALS = Pattern.compile("^/user/([^/]+)/credentials$");
  /** Queries that Tasklist and Cockpit send as POST with the query in the body; they change nothing. */
  private static final Pattern QUERY = Pattern.compile("^/(?:filter/[^/]+/(?:list|count|singleResult)"
      + "|(?:task|process-instance|execution|variable-instance|incident|job|external-task|process-definition"
      + "|history/(?:task|process-instance|activity-instance|variable-instance|detail|incident|decision-instance"
      + "|identity-link-log|job-log|external-task-log|user-operation))(?:/count)?"
      + "|identity/password-policy)$");
  /** Start body fields a person may send; the others (businessKey, startInstructions, skip…) steer the engine. */
  private static final Set<String> START_FIELDS = Set.of("variables", "withVariablesInReturn");
  private static final Set<String> COMPLETE_FIELDS = Set.of("variables", "withVariablesInReturn");
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Set<String> VALUE_TYPES = Set.of("string", "boolean", "integer", "short", "long", "double",
      "date", "null");

  private final IdentityService identityService;
  private final RepositoryService repositoryService;
  private final TaskService taskService;
  private final TaskForms taskForms;
  private final StartForms startForms;
  private final TaskTakers takers;
  private final People people;
  private final RuntimeService runtimeService;
  private final LatestProcess latestProcess;

  EngineDoor(IdentityService identityService, RepositoryService repositoryService, RuntimeService runtimeService,
      TaskService taskService, TaskForms taskForms, StartForms startForms, TaskTakers takers, People people,
      LatestProcess latestProcess) {
    this.runtimeService = runtimeService;
    this.latestProcess = latestProcess;
    this.takers = takers;
    this.people = people;
    this.identityService = identityService;
    this.repositoryService = repositoryService;
    this.taskService = taskService;
    this.taskForms = taskForms;
    this.startForms = startForms;
  }

  /** A request the door turns away, with the status and the reason a person can act on. */
  static final class Refused extends Exception {
    final HttpStatus status;
    final transient List<FieldError> errors;

    Refused(HttpStatus status, String detail) {
      this(status, detail, List.of());
    }

    Refused(HttpStatus status, String detail, List<FieldError> errors) {
      super(detail);
      this.status = status;
      this.errors = errors;
    }
  }

  /** Who calls, with their groups and tenants as the engine authenticates them. */
  private record Caller(String id, List<String> groups, List<String> tenants, boolean cockpit) {
    boolean isAdministrator() {
      return groups.contains(Groups.CAMUNDA_ADMIN);
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return !uri.startsWith(ENGINE_REST + "/") && !uri.startsWith(WEBAPP_ENGINE_API + "/")
        && !uri.startsWith(COCKPIT_API + "/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = caller(request);
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    if (uri.startsWith(COCKPIT_API + "/") && !COCKPIT_STATIC.matcher(uri).matches()
        && (caller == null || !caller.cockpit())) {
      refuse(response, new Refused(caller == null ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN,
          "Cockpit's API is for those who may open Cockpit"));
      return;
    }
    if (uri.startsWith(COCKPIT_API + "/")) {
      chain.doFilter(request, response);
      return;
    }
    String path = enginePath(request);
    // Read by GET or queried by POST (Cockpit sends some queries so): the same for those who may not open Cockpit.
    if (caller != null && !caller.cockpit() && (READS.contains(request.getMethod())
        || "POST".equals(request.getMethod()) && QUERY.matcher(path).matches()) && STATISTICS.matcher(path).matches()) {
      refuse(response, new Refused(HttpStatus.FORBIDDEN, "How many instances each process has, what the engine did "
          + "and its jobs are for operations, in Cockpit; your tasks and tickets are under /task and FlowDesk's "
          + "/api/tickets"));
      return;
    }
    Matcher oneTask = ONE_TASK.matcher(path);
    if (caller != null && !caller.isAdministrator() && READS.contains(request.getMethod()) && oneTask.matches()
        && !readsTask(oneTask.group(1), caller)) {
      // The engine answers 403 for a task that exists and 404 for one that does not: ids could be walked for tasks.
      refuse(response, new Refused(HttpStatus.NOT_FOUND, "There is no task " + oneTask.group(1)));
      return;
    }
    if (caller == null || READS.contains(request.getMethod())) {
      chain.doFilter(request, response); // the engine refuses the unauthenticated and checks reads itself
      return;
    }
    if (caller.isAdministrator() && !PROFILE.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    try {
      byte[] body = request.getInputStream().readAllBytes();
      body = caller.isAdministrator() ? uniqueEmail(path, body) : admit(path, request.getMethod(), body, caller);
      chain.doFilter(new CachedBodyRequest(request, body), response);
    } catch (Refused refused) {
      logger.info("Refused " + request.getMethod() + " " + request.getRequestURI() + " by " + caller.id() + ": "
          + refused.getMessage());
      refuse(response, refused);
    }
  }

  /** The path below the door, without an engine name: /task/42/complete. */
  private static String enginePath(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    String path = uri.startsWith(ENGINE_REST) ? uri.substring(ENGINE_REST.length())
        : uri.substring(WEBAPP_ENGINE_API.length());
    // As Camunda's REST layer reads it: percent-escapes decoded (/%73tatistics), a trailing slash ignored.
    path = org.springframework.web.util.UriUtils.decode(path, java.nio.charset.StandardCharsets.UTF_8);
    while (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    Matcher named = NAMED_ENGINE.matcher(path);
    return named.matches() ? named.group(1) : path;
  }

  /** The body to hand on to the engine, or why not. */
  byte[] admit(String path, String method, byte[] body, Caller caller) throws Refused {
    Matcher start = START.matcher(path);
    if ("POST".equals(method) && start.matches()) {
      return checkedStart(start.group(1), start.group(2), start.group(3), start.group(4), body);
    }
    Matcher complete = COMPLETE.matcher(path);
    if ("POST".equals(method) && complete.matches()) {
      return checkedCompletion(complete.group(1), "resolve".equals(complete.group(2)), body, caller);
    }
    Matcher claim = CLAIM.matcher(path);
    if ("POST".equals(method) && claim.matches()) {
      checkedAssignment(claim.group(1), claim.group(2), body, caller);
      return body;
    }
    Matcher comment = COMMENT.matcher(path);
    if ("POST".equals(method) && comment.matches()) {
      Task commented = readable(comment.group(1), caller, false);
      throw new Refused(HttpStatus.FORBIDDEN, "A task's comments are not part of its ticket, so nobody on the ticket "
          + "would read them: comment on the ticket" + ticketOf(commented) + " (the portal's ticket page, or "
          + "POST /api/tickets/{number}/comments)");
    }
    if ("POST".equals(method) && QUERY.matcher(path).matches()) {
      return body;
    }
    Matcher task = TASK.matcher(path);
    if ("PUT".equals(method) && task.matches()) {
      return onlyFollowUpChanged(task.group(1), body, caller);
    }
    Matcher credentials = CREDENTIALS.matcher(path);
    if ("PUT".equals(method) && credentials.matches() && credentials.group(1).equals(caller.id())) {
      return body; // the engine asks for the current password and applies the password policy
    }
    throw new Refused(HttpStatus.FORBIDDEN, "Only administrators may " + method + " " + path + " through Camunda's "
        + "REST API. Start processes and complete tasks with their form's fields, or use FlowDesk's API under /api.");
  }

  /** An e-mail address belongs to one person: mail from it is theirs (see MailIntake). */
  private byte[] uniqueEmail(String path, byte[] body) throws Refused {
    Matcher profile = PROFILE.matcher(path);
    if (!profile.matches()) {
      return body;
    }
    JsonNode request = object(body);
    JsonNode fields = profile.group(1) == null ? request.path("profile") : request;
    String userId = profile.group(1) == null ? fields.path("id").asText(null) : profile.group(1);
    String email = fields.path("email").asText("").trim();
    if (!email.isEmpty()) {
      List<String> others = asSystem(() -> identityService.createUserQuery().userEmail(email).list().stream()
          .map(org.camunda.bpm.engine.identity.User::getId).filter(id -> !id.equals(userId)).toList());
      if (!others.isEmpty()) {
        throw new Refused(HttpStatus.CONFLICT, "The e-mail address " + email + " is already " + others.get(0)
            + "'s; every person needs an address of their own");
      }
    }
    return body;
  }

  /**
   * Tasklist's "Set follow-up date" sends the whole task back: a person may change when they
   * look at it again, not its name, assignee, priority or due date (which the SLA sets).
   */
  private byte[] onlyFollowUpChanged(String taskId, byte[] body, Caller caller) throws Refused {
    ObjectNode update = object(body);
    Task task = readable(taskId, caller, false);
    Map<String, Object> current = new LinkedHashMap<>();
    current.put("name", task.getName());
    current.put("description", task.getDescription());
    current.put("assignee", task.getAssignee());
    current.put("owner", task.getOwner());
    current.put("priority", task.getPriority());
    current.put("delegationState", task.getDelegationState() == null ? null : task.getDelegationState().name());
    current.put("parentTaskId", task.getParentTaskId());
    current.put("caseInstanceId", task.getCaseInstanceId());
    current.put("tenantId", task.getTenantId());
    for (Map.Entry<String, Object> field : current.entrySet()) {
      JsonNode sent = update.get(field.getKey());
      Object value = sent == null || sent.isNull() ? null : sent.isNumber() ? (Object) sent.intValue() : sent.asText();
      if (!java.util.Objects.equals(value, field.getValue())) {
        throw new Refused(HttpStatus.FORBIDDEN, "Only the follow-up date of a task may be changed here, not its "
            + field.getKey());
      }
    }
    JsonNode due = update.get("due");
    java.time.Instant sentDue = due == null || due.isNull() ? null : instant(due.asText());
    java.time.Instant currentDue = task.getDueDate() == null ? null : task.getDueDate().toInstant();
    if (!java.util.Objects.equals(sentDue, currentDue)) {
      throw new Refused(HttpStatus.FORBIDDEN, "A task's due date follows its SLA; only its follow-up date may be "
          + "changed here");
    }
    return body;
  }

  /** A date as Camunda's REST API writes it: 2026-12-08T10:00:00.000+0000. */
  private static java.time.Instant instant(String text) throws Refused {
    try {
      return java.time.OffsetDateTime.parse(text, java.time.format.DateTimeFormatter.ofPattern(
          "yyyy-MM-dd'T'HH:mm:ss[.SSS]XX")).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new Refused(HttpStatus.BAD_REQUEST, "'" + text + "' is not a date like 2026-12-08T10:00:00.000+0000");
    }
  }

  /**
   * Claim, unclaim and hand on follow {@code /api/tasks/{id}/assign}: a task goes only to one who may take it on
   * ({@link TaskTakers}: a candidate user, or a member of a group it is offered to; so never to a requester the
   * model left out of an approval); the caller may hand on a task they hold or one still open to them, not one
   * someone else has taken on; a step the model gives to one person (a CAB member's vote) stays theirs.
   */
  private void checkedAssignment(String taskId, String action, byte[] body, Caller caller) throws Refused {
    String userId = "unclaim".equals(action) ? null : userId(object(body), action);
    if ("claim".equals(action) && !caller.id().equals(userId)) {
      throw new Refused(HttpStatus.FORBIDDEN, "You may claim a task only for yourself");
    }
    Task task = readable(taskId, caller, false);
    List<IdentityLink> candidates = asSystem(() -> takers.candidates(taskId));
    String holder = task.getAssignee();
    if (userId != null && userId.equals(holder)) {
      if (!caller.id().equals(holder) && !mayTakeOn(candidates, caller.id())) {
        throw notOffered(task);
      }
      return; // nothing changes
    }
    if (holder == null) {
      if (userId != null && !mayTakeOn(candidates, caller.id())) {
        throw notOffered(task);
      }
    } else if (!holder.equals(caller.id())) {
      if (!mayTakeOn(candidates, caller.id())) {
        throw notOffered(task);
      }
      throw new Refused(HttpStatus.CONFLICT, "\"" + task.getName() + "\" has been taken on by " + nameOf(holder)
          + ": only they hand it on");
    }
    if (userId == null) {
      if (holder != null && candidates.isEmpty()) {
        throw new Refused(HttpStatus.CONFLICT, "\"" + task.getName() + "\" is yours alone: the model gives it to you, "
            + "so it cannot be given back");
      }
      return;
    }
    if (!userId.equals(caller.id()) && !mayTakeOn(candidates, userId)) {
      throw new Refused(HttpStatus.BAD_REQUEST, nameOf(userId) + " may not take on \"" + task.getName()
          + "\": not a member of a group it is offered to", List.of(new FieldError("userId", nameOf(userId)
              + " may not take on this task: not a member of a group it is offered to")));
    }
  }

  /**
   * The task, for a caller who may read it as Camunda's own {@code GET /task/{id}} decides (the caller's id and
   * groups against the engine's authorizations); a task they may not read is as absent as one that does not exist,
   * so a refusal never names another person's task or ticket and cannot tell which ids are tasks.
   */
  private Task readable(String taskId, Caller caller, boolean formKeys) throws Refused {
    Task task = asSystem(() -> formKeys ? taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult()
        : taskService.createTaskQuery().taskId(taskId).singleResult());
    if (task == null || !readsTask(taskId, caller)) {
      throw new Refused(HttpStatus.NOT_FOUND, "There is no task " + taskId);
    }
    return task;
  }

  private boolean readsTask(String taskId, Caller caller) {
    Authentication current = identityService.getCurrentAuthentication();
    try {
      // The caller's tenants too, as the engine authenticates them: a tenant's task is read by its members.
      identityService.setAuthentication(caller.id(), caller.groups(), caller.tenants());
      return taskService.createTaskQuery().taskId(taskId).count() > 0;
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      } else {
        identityService.clearAuthentication();
      }
    }
  }

  /** " INC-000042" for a task of that ticket, "" otherwise. */
  private String ticketOf(Task task) throws Refused {
    return asSystem(() -> {
      org.camunda.bpm.engine.runtime.ProcessInstance instance = task.getProcessInstanceId() == null
          ? null : runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
              .singleResult();
      String key = instance == null ? null : instance.getBusinessKey();
      return key == null ? "" : " " + key;
    });
  }

  /** The user a claim or hand-on names: a user id, or null (hand-on without anyone is unclaim). */
  private static String userId(ObjectNode request, String action) throws Refused {
    JsonNode userId = request.get("userId");
    if (userId == null || userId.isNull()) {
      if ("claim".equals(action)) {
        throw new Refused(HttpStatus.BAD_REQUEST, "A claim names the user: {\"userId\": \"…\"}",
            List.of(new FieldError("userId", "must not be empty")));
      }
      return null;
    }
    String text = userId.isTextual() ? userId.asText() : "";
    if (!USER_ID.matcher(text).matches()) {
      throw new Refused(HttpStatus.BAD_REQUEST, "userId must be a user id (letters, digits, . _ @ -, at most 64)",
          List.of(new FieldError("userId", "must be a user id")));
    }
    return text;
  }

  /** Completing a task: its holder, or while it is open, one it is offered to; never someone else's. */
  private void mayWork(Task task, Caller caller) throws Refused {
    String holder = task.getAssignee();
    if (caller.id().equals(holder)) {
      return;
    }
    if (!mayTakeOn(asSystem(() -> takers.candidates(task.getId())), caller.id())) {
      throw notOffered(task);
    }
    if (holder != null) {
      throw new Refused(HttpStatus.CONFLICT, "\"" + task.getName() + "\" has been taken on by " + nameOf(holder)
          + " in the meantime");
    }
  }

  private boolean mayTakeOn(List<IdentityLink> candidates, String userId) throws Refused {
    return asSystem(() -> takers.mayTakeOn(candidates, userId));
  }

  private String nameOf(String userId) throws Refused {
    return asSystem(() -> people.nameOf(userId).orElse(userId));
  }

  private static Refused notOffered(Task task) {
    return new Refused(HttpStatus.FORBIDDEN, "\"" + task.getName() + "\" is not offered to you");
  }

  /**
   * A start by key (of the tenant, when the path names one; of no tenant when it names none, as Camunda's REST API
   * starts it) or by id, checked against that version's start form.
   */
  private byte[] checkedStart(String key, String tenantId, String id, String action, byte[] body) throws Refused {
    ObjectNode request = object(body);
    JsonNode businessKey = request.remove("businessKey");
    if (businessKey != null && !businessKey.isNull() && !businessKey.asText().isEmpty()) {
      throw new Refused(HttpStatus.FORBIDDEN, "'businessKey' in a start is for administrators: FlowDesk numbers "
          + "the ticket itself");
    }
    onlyFields(request, START_FIELDS, "a start");
    // The version the engine will start: by key, the latest among the tenant's versions (of no tenant when the path
    // names none); by id, that one.
    ProcessDefinition definition = asSystem(() -> key == null
        ? repositoryService.createProcessDefinitionQuery().processDefinitionId(id).singleResult()
        : latestProcess.of(key, tenantId).orElse(null));
    if (definition == null && key != null && tenantId == null) {
      List<String> tenants = asSystem(() -> latestProcess.tenantsOf(key));
      if (!tenants.isEmpty()) {
        throw new Refused(HttpStatus.NOT_FOUND, "Process " + key + " is deployed for " + (tenants.size() == 1
            ? "tenant " + tenants.get(0) : "tenants " + String.join(", ", tenants)) + " only: name the tenant, as "
            + "/process-definition/key/" + key + "/tenant-id/" + (tenants.size() == 1 ? tenants.get(0) : "{tenant}")
            + "/" + action);
      }
    }
    if (definition == null) {
      throw new Refused(HttpStatus.NOT_FOUND, "There is no process " + (key != null ? key : id)
          + (tenantId != null ? " for tenant " + tenantId : ""));
    }
    if (key == null) {
      ProcessDefinition latest = asSystem(() -> latestProcess.of(definition.getKey(), definition.getTenantId())
          .orElse(null));
      if (latest != null && !latest.getId().equals(definition.getId())) {
        // An old version would be started with its old form, rules and flow.
        throw new Refused(HttpStatus.FORBIDDEN, "Version " + definition.getVersion() + " of " + definition.getKey()
            + " is superseded: new tickets start on version " + latest.getVersion() + " (/process-definition/key/"
            + definition.getKey() + (definition.getTenantId() == null ? "" : "/tenant-id/" + definition.getTenantId())
            + "/start)");
      }
    }
    Optional<FormSchema> form = asSystem(() -> startForms.of(definition.getId()));
    if (form.isEmpty()) {
      throw new Refused(HttpStatus.FORBIDDEN, "Process " + definition.getKey() + " is started by FlowDesk, not through "
          + "Camunda's REST API: order or report through FlowDesk's API or portal");
    }
    return rewritten(request, form.get(), true);
  }

  private byte[] checkedCompletion(String taskId, boolean resolve, byte[] body, Caller caller) throws Refused {
    ObjectNode request = object(body);
    onlyFields(request, COMPLETE_FIELDS, "a task completion");
    Task task = readable(taskId, caller, true);
    mayWork(task, caller);
    if (resolve && (task.getDelegationState() != DelegationState.PENDING || !caller.id().equals(task.getAssignee()))) {
      // Resolving hands a delegated task back to its owner; on any other task it would unassign it and keep
      // variables of a step that never completed.
      throw new Refused(HttpStatus.CONFLICT, "\"" + task.getName() + "\" was not delegated to you: complete it");
    }
    if (task.getCamundaFormRef() == null) {
      throw new Refused(HttpStatus.FORBIDDEN, "Task " + taskId + " has no form: only administrators complete it here");
    }
    FormSchema form = asSystem(() -> taskForms.of(task).orElseThrow().schema());
    return rewritten(request, form, false);
  }

  /**
   * The request with exactly the variables the form accepts, typed as the form says; a start
   * is marked as checked ({@link StartForms#CHECKED}), so "Open ticket" does not check it again.
   */
  private static byte[] rewritten(ObjectNode request, FormSchema form, boolean start) throws Refused {
    Map<String, Object> submitted = new LinkedHashMap<>();
    JsonNode variables = request.path("variables");
    if (!variables.isMissingNode() && !variables.isNull() && !variables.isObject()) {
      throw new Refused(HttpStatus.BAD_REQUEST, "variables must be an object of {\"value\": …, \"type\": …}");
    }
    List<FieldError> typeErrors = new java.util.ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> variable = it.next();
      JsonNode typed = variable.getValue();
      String type = typed.path("type").asText("").toLowerCase(java.util.Locale.ROOT);
      if (!typed.isObject() || (!type.isEmpty() && !VALUE_TYPES.contains(type))
          || typed.path("value").isContainerNode()) {
        typeErrors.add(new FieldError(variable.getKey(), "must be a text, number, boolean or date value, not "
            + (type.isEmpty() ? "this" : typed.path("type").asText())));
        continue;
      }
      submitted.put(variable.getKey(), plain(typed.path("value")));
    }
    Map<String, Object> accepted;
    try {
      accepted = form.validate(submitted);
    } catch (FormValidationException e) {
      List<FieldError> errors = new java.util.ArrayList<>(typeErrors);
      // Camunda's door carries no files: a file picker is answered in FlowDesk's portal or at /api.
      e.errors().forEach(error -> errors.add(!form.fileKeys().contains(error.field()) ? error
          : new FieldError(error.field(), form.label(error.field()) + " takes files, which only FlowDesk's portal "
              + "and its API (/api) accept")));
      throw new Refused(HttpStatus.BAD_REQUEST, "Refused by form '" + form.id() + "': " + describe(errors), errors);
    }
    if (!typeErrors.isEmpty()) {
      throw new Refused(HttpStatus.BAD_REQUEST, "Refused by form '" + form.id() + "': " + describe(typeErrors),
          typeErrors);
    }
    ObjectNode kept = JSON.createObjectNode();
    Set<String> texts = form.transientKeys();
    accepted.forEach((name, value) -> {
      ObjectNode typed = kept.putObject(name);
      typed.set("value", JSON.valueToTree(value));
      typed.put("type", value instanceof Integer ? "Integer" : value instanceof Long ? "Long"
          : value instanceof Double ? "Double" : value instanceof Boolean ? "Boolean" : "String");
      if (texts.contains(name)) {
        // What people write, and the time spent, go to FlowDesk's tables through the step that handles
        // them, never into variables.
        typed.putObject("valueInfo").put("transient", true);
      }
    });
    if (start) {
      ObjectNode checked = kept.putObject(StartForms.CHECKED);
      checked.put("value", true);
      checked.put("type", "Boolean");
      checked.putObject("valueInfo").put("transient", true);
    }
    request.set("variables", kept);
    try {
      return JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object plain(JsonNode value) {
    if (value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? value.longValue() : value.decimalValue();
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return value.asText();
  }

  private static String describe(List<FieldError> errors) {
    return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
  }

  private static void onlyFields(ObjectNode request, Set<String> allowed, String what) throws Refused {
    for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new Refused(HttpStatus.FORBIDDEN, "'" + name + "' in " + what + " is for administrators; send only "
            + "the form's variables");
      }
    }
  }

  private static ObjectNode object(byte[] body) throws Refused {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null || json.isNull()) {
        return JSON.createObjectNode();
      }
      if (!json.isObject()) {
        throw new Refused(HttpStatus.BAD_REQUEST, "The body must be a JSON object");
      }
      return (ObjectNode) json;
    } catch (IOException e) {
      throw new Refused(HttpStatus.BAD_REQUEST, "The body is not valid JSON");
    }
  }

  /** Who calls: the HTTP Basic user at /engine-rest, the webapp's logged-in user at /camunda/api/engine. */
  private Caller caller(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    if (uri.startsWith(ENGINE_REST)) {
      org.springframework.security.core.Authentication user = SecurityContextHolder.getContext().getAuthentication();
      if (user == null || !user.isAuthenticated()) {
        return null;
      }
      CurrentUser current = CurrentUser.of(user);
      List<String> groups = List.copyOf(current.groups());
      // Their tenants as EngineAuthenticationFilter, before this door, gave them to the engine.
      Authentication engine = identityService.getCurrentAuthentication();
      List<String> tenants = engine != null && current.id().equals(engine.getUserId()) && engine.getTenantIds() != null
          ? List.copyOf(engine.getTenantIds()) : List.of();
      return new Caller(current.id(), groups, tenants, groups.contains(Groups.CAMUNDA_ADMIN));
    }
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    for (UserAuthentication user : authentications.getAuthentications()) {
      return new Caller(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds(),
          user.getTenantIds() == null ? List.of() : List.copyOf(user.getTenantIds()),
          user.isAuthorizedForApp("cockpit"));
    }
    return null;
  }

  private interface Lookup<T> {
    T get() throws Refused;
  }

  /** Looks up a definition or task without the caller's authorizations; the engine checks those itself after. */
  private <T> T asSystem(Lookup<T> lookup) throws Refused {
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

  private static void refuse(HttpServletResponse response, Refused refused) throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("message", refused.getMessage()); // what Camunda's own clients, Cockpit and Tasklist, show
    if (!refused.errors.isEmpty()) {
      members.put("errors", refused.errors);
    }
    ProblemResponses.write(response, refused.status, refused.status.getReasonPhrase(), refused.getMessage(), members);
  }

}
