package org.flowdesk.incident;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flowdesk.models.FormSchema;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Reporting an incident: the fields of the incident process's start form, checked as Tasklist would. */
@RestController
class IncidentController {

  static final String PROCESS_KEY = "incident";

  private final RepositoryService repositoryService;
  private final FormService formService;
  private final RuntimeService runtimeService;
  private final TicketService tickets;
  private final TicketAccess access;
  private final IdempotencyKeys idempotencyKeys;

  IncidentController(RepositoryService repositoryService, FormService formService, RuntimeService runtimeService,
      TicketService tickets, TicketAccess access, IdempotencyKeys idempotencyKeys) {
    this.idempotencyKeys = idempotencyKeys;
    this.repositoryService = repositoryService;
    this.formService = formService;
    this.runtimeService = runtimeService;
    this.tickets = tickets;
    this.access = access;
  }

  /**
   * Reports an incident. With an {@code Idempotency-Key}, a retry of the same request by the
   * same user answers with the ticket the first one made and creates nothing.
   */
  @PostMapping("/api/incidents")
  ResponseEntity<TicketView> report(@RequestBody Map<String, Object> report,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication caller) {
    ProcessDefinition incident = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult();
    if (incident == null) {
      throw new IllegalStateException("No incident process is deployed: processes/incident.bpmn is missing");
    }
    Map<String, Object> variables = startForm(incident).validate(report);
    // The requester is whoever is logged in, never a form field.
    variables.put("requester", caller.getName());
    IdempotencyKeys.Intake intake = idempotencyKeys.intake(caller.getName(), idempotencyKey, report,
        () -> runtimeService.startProcessInstanceById(incident.getId(), variables).getBusinessKey());
    TicketView ticket = access.view(tickets.get(intake.ticketNumber()));
    return ResponseEntity.created(URI.create("/api/tickets/" + ticket.number())).body(ticket);
  }

  private FormSchema startForm(ProcessDefinition definition) {
    try (InputStream form = formService.getDeployedStartForm(definition.getId())) {
      return FormSchema.parse(form);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
