package org.flowdesk.incident;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.models.StartForms;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.OnBehalf;
import org.flowdesk.ticket.TicketStartCheck;
import org.springframework.stereotype.Service;

/**
 * Reporting an incident, whichever way it arrives (API, mail): the report is checked against
 * the incident process's start form, the requester is who sent it, never a field — or the person
 * an agent reported it for, after {@link org.flowdesk.ticket.OnBehalf} allowed it.
 */
@Service
public class IncidentIntake {

  static final String PROCESS_KEY = "incident";

  private final LatestProcess latestProcess;
  private final StartForms startForms;
  private final RuntimeService runtimeService;
  private final IdempotencyKeys idempotencyKeys;

  IncidentIntake(LatestProcess latestProcess, StartForms startForms, RuntimeService runtimeService,
      IdempotencyKeys idempotencyKeys) {
    this.latestProcess = latestProcess;
    this.startForms = startForms;
    this.runtimeService = runtimeService;
    this.idempotencyKeys = idempotencyKeys;
  }

  /**
   * @param idempotencyKey the client's key, or null
   * @return the ticket number
   */
  public String report(String requester, Map<String, Object> report, String idempotencyKey) {
    return report(requester, report, idempotencyKey, number -> { });
  }

  /**
   * @param withTicket runs in the new ticket's transaction with its number (attaching the files
   *     that came with the report), only when this call made the ticket
   */
  public String report(String requester, Map<String, Object> report, String idempotencyKey,
      Consumer<String> withTicket) {
    return report(requester, null, report, idempotencyKey, withTicket);
  }

  /**
   * @param enteredBy who reports it for the requester (allowed by {@code OnBehalf}), or null when the
   *     requester reports it; the idempotency key is theirs
   */
  public String report(String requester, String enteredBy, Map<String, Object> report, String idempotencyKey,
      Consumer<String> withTicket) {
    return report(requester, enteredBy, report, null, idempotencyKey, withTicket);
  }

  /**
   * @param files the files that came with the report (already checked; the caller attaches them through
   *     {@code withTicket}), or null for none: those sent for the report form's file pickers answer them
   */
  public String report(String requester, String enteredBy, Map<String, Object> report,
      FormFiles.Checked files, String idempotencyKey, Consumer<String> withTicket) {
    String caller = requester;
    Object request = report;
    if (enteredBy != null && !enteredBy.equals(requester)) {
      caller = enteredBy;
      // A retry with the same key for another person is another request.
      Map<String, Object> fingerprint = new java.util.TreeMap<>(report);
      fingerprint.put(OnBehalf.REQUESTED_FOR, requester);
      request = fingerprint;
    }
    // The process's lookup, the form's check and the start run in the ticket's transaction (after the key's
    // record, with a key): a refused report rolls back all of it.
    return idempotencyKeys.intake(caller, idempotencyKey, request, files,
        () -> start(requester, enteredBy, report, files == null ? Map.of() : files.byField(), withTicket))
        .ticketNumber();
  }

  private String start(String requester, String enteredBy, Map<String, Object> report,
      Map<String, List<FormSchema.PickedFile>> files, Consumer<String> withTicket) {
    ProcessDefinition incident = latestProcess.of(PROCESS_KEY).orElseThrow(() -> new IllegalStateException(
        "No incident process is deployed: processes/incident.bpmn is missing"));
    FormSchema form = startForms.of(incident.getId()).orElseThrow(() -> new IllegalStateException(
        "The incident process has no start form: processes/incident.bpmn needs a formRef"));
    Map<String, Object> variables = form.validate(report, files);
    // Texts reach the ticket through "Open ticket" in this transaction and are never stored as
    // variables (nor in their history): transient values live only until the instance waits.
    form.freeTextKeys().forEach(key -> variables.computeIfPresent(key,
        (k, text) -> Variables.stringValue(text.toString(), true)));
    variables.put("requester", requester);
    if (enteredBy != null && !enteredBy.equals(requester)) {
      variables.put(OnBehalf.ENTERED_BY, Variables.stringValue(enteredBy, true));
    }
    StartForms.markChecked(variables);
    String number;
    try {
      number = runtimeService.startProcessInstanceById(incident.getId(), variables).getBusinessKey();
    } catch (BadUserRequestException e) {
      throw TicketStartCheck.refusal(e);
    }
    withTicket.accept(number);
    return number;
  }

}
