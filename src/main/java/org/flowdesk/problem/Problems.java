package org.flowdesk.problem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.change.ChangeIntake;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.LatestProcess;
import org.flowdesk.ticket.FormFiles;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TicketType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Logging problems, linking their incidents and raising the change that fixes them. What happens
 * next is processes/problem.bpmn's; this service checks what agents ask for and keeps the links.
 * Problems are for agents: everyone else is refused.
 */
@Service
@Transactional
class Problems {

  static final String PROCESS_KEY = "problem";
  /** The problem's model waits for it once the root cause is known. */
  static final String FIX_RAISED = "ProblemFixRaised";
  /** How a problem and its incidents are linked: the incidents were caused by the problem. */
  static final String CAUSED = "caused";
  static final String CAUSED_BY = "caused_by";
  static final String FIXES = "fixes";
  static final String FIXED_BY = "fixed_by";
  static final int MOST_INCIDENTS = 50;

  /** What an agent logs; incidents are numbers like INC-000042. */
  record NewProblem(String title, String description, String service, String assignmentGroup, List<String> incidents) {
  }

  private final LatestProcess latestProcess;
  private final RuntimeService runtimeService;
  private final IdempotencyKeys idempotencyKeys;
  private final TicketService tickets;
  private final TicketAccess ticketAccess;
  private final AgentGroups agents;
  private final Catalog catalog;
  private final ChangeIntake changes;
  private final DeployedVocabulary vocabulary;
  private final ProblemRepository problems;
  private final Clock clock;

  Problems(LatestProcess latestProcess, RuntimeService runtimeService, IdempotencyKeys idempotencyKeys,
      TicketService tickets, TicketAccess ticketAccess, AgentGroups agents, Catalog catalog, ChangeIntake changes,
      DeployedVocabulary vocabulary, ProblemRepository problems, Clock clock) {
    this.latestProcess = latestProcess;
    this.runtimeService = runtimeService;
    this.idempotencyKeys = idempotencyKeys;
    this.tickets = tickets;
    this.ticketAccess = ticketAccess;
    this.agents = agents;
    this.catalog = catalog;
    this.changes = changes;
    this.vocabulary = vocabulary;
    this.problems = problems;
    this.clock = clock;
  }

  /** Agents and administrators; anyone else is told problems are not theirs to see. */
  void checkAgent(CurrentUser user) {
    if (!user.isAdministrator() && !agents.isAgent(user)) {
      throw new ForbiddenException("Problems are for agents");
    }
  }

  /** @return the problem's number */
  String log(CurrentUser user, NewProblem request, String idempotencyKey) {
    checkAgent(user);
    List<FieldError> errors = new ArrayList<>();
    if (request.service() != null && catalog.service(request.service()).isEmpty()) {
      errors.add(new FieldError("service", "Service '" + request.service() + "' is not in the catalog"));
    }
    if (!agents.all().contains(request.assignmentGroup())) {
      errors.add(new FieldError("assignmentGroup", "'" + request.assignmentGroup() + "' is no group that works "
          + "tickets; the groups are " + String.join(", ", agents.all())));
    }
    List<String> incidents = request.incidents() == null ? List.of()
        : request.incidents().stream().distinct().toList();
    for (String number : incidents) {
      if (incident(number, user).isEmpty()) {
        errors.add(new FieldError("incidents", "'" + number + "' is no incident that you may see"));
      }
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    ProcessDefinition process = latestProcess.of(PROCESS_KEY).orElseThrow(() ->
        new IllegalStateException("No problem process is deployed: processes/problem.bpmn is missing"));
    Map<String, Object> variables = new HashMap<>();
    variables.put("requester", user.id());
    variables.put("assignmentGroup", request.assignmentGroup());
    variables.put("service", request.service());
    // The texts reach the ticket through "Open problem ticket" and are never stored as variables.
    variables.put("title", Variables.stringValue(request.title(), true));
    variables.put("description", Variables.stringValue(request.description(), true));
    return idempotencyKeys.intake(user.id(), idempotencyKey, request, () -> {
      String number = runtimeService.startProcessInstanceById(process.getId(), variables).getBusinessKey();
      incidents.forEach(incident -> tickets.link(number, incident, CAUSED, CAUSED_BY, user.id(), clock.instant()));
      return number;
    }).ticketNumber();
  }

  /** Links an incident the agent may see to an open problem, in one step. */
  void linkIncident(String number, String incidentNumber, CurrentUser user) {
    Ticket problem = problem(number, user);
    Ticket incident = incident(incidentNumber, user).orElseThrow(() -> new NotFoundException("incident",
        incidentNumber));
    if (!open(problem)) {
      throw new ConflictException(number + " is " + vocabulary.current().statusLabel(problem.status())
          + ": link incidents to an open problem");
    }
    tickets.link(number, incident.number(), CAUSED, CAUSED_BY, user.id(), clock.instant());
  }

  /**
   * Raises the change that fixes the problem (the body is a change request, as for
   * {@code POST /api/changes}), links them and tells the problem's model, which waits for it.
   */
  String raiseFix(String number, CurrentUser user, Map<String, Object> changeRequest,
      FormFiles.Checked files, String idempotencyKey) {
    Ticket problem = problem(number, user);
    if (runtimeService.createEventSubscriptionQuery().eventName(FIX_RAISED).eventType("message")
        .processInstanceId(problem.processInstanceId()).count() == 0) {
      throw new ConflictException(number + " is " + vocabulary.current().statusLabel(problem.status())
          + ": a fixing change is raised once the "
          + "investigation has found the root cause, and only one at a time");
    }
    String change = changes.raise(user, changeRequest, files, idempotencyKey);
    tickets.link(change, number, FIXES, FIXED_BY, user.id(), clock.instant());
    runtimeService.createMessageCorrelation(FIX_RAISED).processInstanceBusinessKey(number).correlate();
    return change;
  }

  /** The problem, if the caller is an agent and it is one. */
  Ticket problem(String number, CurrentUser user) {
    checkAgent(user);
    return tickets.find(number).filter(t -> TicketType.PROBLEM.id().equals(t.type()))
        .orElseThrow(() -> new NotFoundException("problem", number));
  }

  Optional<ProblemRecord> findings(String number) {
    return problems.find(number);
  }

  private Optional<Ticket> incident(String number, CurrentUser user) {
    return tickets.find(number).filter(t -> TicketType.INCIDENT.id().equals(t.type()))
        .filter(t -> ticketAccess.canSee(t, user));
  }

  private boolean open(Ticket ticket) {
    return vocabulary.current().openStatuses().contains(ticket.status());
  }
}
