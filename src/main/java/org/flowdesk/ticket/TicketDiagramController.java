package org.flowdesk.ticket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * "Where is my request": the process a ticket runs in, with the steps it waits in now. A
 * request waiting in its fulfilment also shows the fulfilment process and its current step.
 */
@RestController
@Tag(name = "Tickets")
class TicketDiagramController {

  private final TicketAccess access;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  TicketDiagramController(TicketAccess access, RepositoryService repositoryService, RuntimeService runtimeService,
      HistoryService historyService) {
    this.access = access;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  /** One process of the ticket: its BPMN, its name and the steps active now (none once ended). */
  record Diagram(String processKey, String processName, String xml, List<String> current, boolean ended) {
  }

  @Operation(operationId = "ticketDiagram", summary = "Where a ticket is in its process",
      description = "The BPMN of the process the ticket runs in with the steps active now, and for a request in "
          + "fulfilment also the fulfilment process; empty when the ticket has no process.")
  @ApiResponse(responseCode = "200", description = "The ticket's processes")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/tickets/{number}/diagram")
  List<Diagram> diagram(@PathVariable String number, Authentication caller) {
    Ticket ticket = access.visible(number, CurrentUser.of(caller));
    List<Diagram> diagrams = new ArrayList<>();
    if (ticket.processInstanceId() == null) {
      return diagrams;
    }
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(ticket.processInstanceId()).singleResult();
    if (instance == null) {
      return diagrams;
    }
    boolean running = instance.getEndTime() == null;
    diagrams.add(diagram(instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(),
        running ? runtimeService.getActiveActivityIds(instance.getId()) : List.of(), !running));
    if (running) {
      for (ProcessInstance called : runtimeService.createProcessInstanceQuery()
          .superProcessInstanceId(instance.getId()).list()) {
        diagrams.add(diagram(called.getProcessDefinitionId(), null, runtimeService.getActiveActivityIds(called.getId()),
            false));
      }
    }
    return diagrams;
  }

  private Diagram diagram(String definitionId, String key, List<String> current, boolean ended) {
    var definition = repositoryService.getProcessDefinition(definitionId);
    try (InputStream xml = repositoryService.getProcessModel(definitionId)) {
      return new Diagram(key == null ? definition.getKey() : key, definition.getName(),
          new String(xml.readAllBytes(), StandardCharsets.UTF_8), current, ended);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
