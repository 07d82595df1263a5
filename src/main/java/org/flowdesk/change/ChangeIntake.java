package org.flowdesk.change;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.StartForms;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.TicketStartCheck;
import org.springframework.stereotype.Service;

/**
 * Raising a change, from the change API or from a problem it is to fix: the request is checked
 * against the change process's start form and the change rules together, so one refusal names
 * every field; then processes/change.bpmn takes over.
 */
@Service
public class ChangeIntake {

  private final LatestProcess latestProcess;
  private final RuntimeService runtimeService;
  private final StartForms startForms;
  private final ChangeRequests requests;
  private final IdempotencyKeys idempotencyKeys;
  private final AccessProperties access;
  private final AgentGroups agents;
  private final Clock clock;

  ChangeIntake(LatestProcess latestProcess, RuntimeService runtimeService, StartForms startForms,
      ChangeRequests requests, IdempotencyKeys idempotencyKeys, AccessProperties access, AgentGroups agents,
      Clock clock) {
    this.latestProcess = latestProcess;
    this.runtimeService = runtimeService;
    this.startForms = startForms;
    this.requests = requests;
    this.idempotencyKeys = idempotencyKeys;
    this.access = access;
    this.agents = agents;
    this.clock = clock;
  }

  /**
   * @param idempotencyKey the client's key, or null
   * @return the change's number
   */
  public String raise(CurrentUser user, Map<String, Object> request, String idempotencyKey) {
    return raise(user, request, null, idempotencyKey);
  }

  /**
   * @param files the request's files, checked already: those for the form's file pickers answer them, and all
   *     are attached to the change in its transaction; null for none
   */
  public String raise(CurrentUser user, Map<String, Object> request, FormFiles.Checked files,
      String idempotencyKey) {
    if (!mayRaise(user)) {
      throw new ForbiddenException("Only agents and change managers may raise changes");
    }
    ProcessDefinition process = latestProcess.of(ChangeController.PROCESS_KEY).orElseThrow(() ->
        new IllegalStateException("No change process is deployed: processes/change.bpmn is missing"));
    FormSchema form = startForms.of(process.getId()).orElseThrow(() -> new IllegalStateException(
        "The change process has no start form: processes/change.bpmn needs a formRef"));
    // The form's rules and the change rules are checked together, so one answer names every field.
    List<FieldError> errors = new ArrayList<>();
    Map<String, Object> variables;
    try {
      variables = form.validate(request, files == null ? Map.of() : files.byField());
    } catch (FormValidationException e) {
      errors.addAll(e.errors());
      variables = new HashMap<>(request);
    }
    try {
      requests.check(variables, clock.instant());
    } catch (FormValidationException e) {
      e.errors().stream().filter(rule -> errors.stream().noneMatch(known -> known.field().equals(rule.field())))
          .forEach(errors::add);
    }
    if (!errors.isEmpty()) {
      // The form's id, so that a reader of another language reads its fields' labels in theirs (forms/i18n).
      throw new FormValidationException(errors, form.id());
    }
    variables.put("requester", user.id());
    Map<String, Object> accepted = StartForms.markChecked(variables);
    return idempotencyKeys.intake(user.id(), idempotencyKey, request, files,
        () -> {
          try {
            String number = runtimeService.startProcessInstanceById(process.getId(), accepted).getBusinessKey();
            if (files != null) {
              files.attach(number, user.id(), clock.instant());
            }
            return number;
          } catch (BadUserRequestException e) {
            throw TicketStartCheck.refusal(e);
          }
        }).ticketNumber();
  }

  /** Agents, change managers, the boards and administrators. */
  public boolean mayRaise(CurrentUser user) {
    return user.isAdministrator() || agents.isAgent(user)
        || access.changeRoleGroups().stream().anyMatch(user::isMemberOf);
  }
}
