package org.flowdesk.ticket;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.Vocabulary;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A ticket's approvals: the decisions taken so far (a request's approvers, a change's CAB votes
 * and boards) and the approval steps still open with whom they wait on. Which steps are approvals
 * is the models' word ({@code kind=approval} on a user task), not Java's.
 */
@RestController
@RequestMapping("/api/tickets")
@Tag(name = "Tickets")
class ApprovalController {

  private final TicketService tickets;
  private final TicketAccess access;
  private final TaskService taskService;
  private final RepositoryService repositoryService;
  private final DeployedVocabulary vocabulary;
  private final People people;

  ApprovalController(TicketService tickets, TicketAccess access, TaskService taskService,
      RepositoryService repositoryService, DeployedVocabulary vocabulary, People people) {
    this.tickets = tickets;
    this.access = access;
    this.taskService = taskService;
    this.repositoryService = repositoryService;
    this.vocabulary = vocabulary;
    this.people = people;
  }

  @Schema(description = "A ticket's approvals: the decisions so far and the approval steps still open")
  record Approvals(@Schema(description = "Decisions taken, oldest first") List<Decided> decided,
      @Schema(description = "Approval steps waiting for a decision, oldest first") List<Waiting> waiting) {
  }

  @Schema(description = "A decision taken on an approval step")
  record Decided(@Schema(description = "The step's code: the approval chain's (manager, budget-owner, security), "
      + "\"CAB vote\", or the task's name", example = "CAB vote") String step,
      @Schema(description = "The step as its model names the task, as the waiting rows' step says it (the portal "
          + "translates it with the language's \"steps\"); for decisions recorded before FlowDesk kept it, the "
          + "step's code", example = "CAB member votes") String stepName,
      @Schema(description = "Who decided", example = "nina") String approver,
      @Schema(description = "Their name", example = "Nina Novak") String approverName,
      @Schema(description = "Approved (true) or rejected (false)") boolean approved,
      @Schema(description = "The reason given, if any") String comment,
      @Schema(description = "When", example = "2027-03-02T09:15:00Z") Instant decidedAt) {
  }

  @Schema(description = "An approval step waiting for a decision, and whom it waits on")
  record Waiting(@Schema(description = "The step, as the model names it", example = "CAB member votes") String step,
      @Schema(description = "Since when", example = "2027-03-01T10:00:00Z") Instant since,
      @Schema(description = "The people who may decide (the assignee, or the candidates)") List<Named> people,
      @Schema(description = "The groups whose members may decide") List<Named> groups) {
  }

  @Schema(description = "A person or a group with the name people read")
  record Named(@Schema(example = "sven") String id, @Schema(example = "Sven Svensson") String name) {
  }

  @Operation(operationId = "ticketApprovals", summary = "A ticket's approvals",
      description = "Who decided what so far on the ticket's approval steps (a request's approvers, a change's "
          + "CAB votes and boards), and the approval steps still open with whom they wait on and since when. "
          + "The steps are those the models mark as approvals (kind=approval).")
  @ApiResponse(responseCode = "200", description = "The approvals")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/{number}/approvals")
  Approvals approvals(@PathVariable String number, Authentication caller) {
    access.visible(number, CurrentUser.of(caller));
    List<Decided> decided = tickets.approvals(number).stream()
        .map(a -> new Decided(a.step(), a.stepName(), a.approver(), personName(a.approver()), a.approved(),
            a.comment(), a.decidedAt()))
        .toList();
    Vocabulary words = vocabulary.current();
    Map<String, String> processKeys = new HashMap<>();
    List<Waiting> waiting = taskService.createTaskQuery().processInstanceBusinessKey(number).active()
        .orderByTaskCreateTime().asc().list().stream()
        .filter(task -> "approval".equals(words.kindOf(processKeys.computeIfAbsent(task.getProcessDefinitionId(),
            id -> repositoryService.getProcessDefinition(id).getKey()), task.getTaskDefinitionKey()).orElse(null)))
        .map(task -> waiting(task, number))
        .toList();
    return new Approvals(decided, waiting);
  }

  private Waiting waiting(Task task, String number) {
    String step = TicketTitle.step(task.getName(), number);
    if (task.getAssignee() != null) {
      return new Waiting(step, task.getCreateTime().toInstant(),
          List.of(new Named(task.getAssignee(), personName(task.getAssignee()))), List.of());
    }
    List<IdentityLink> candidates = taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType())).toList();
    return new Waiting(step, task.getCreateTime().toInstant(),
        candidates.stream().filter(link -> link.getUserId() != null)
            .map(link -> new Named(link.getUserId(), personName(link.getUserId()))).toList(),
        candidates.stream().filter(link -> link.getGroupId() != null)
            .map(link -> new Named(link.getGroupId(), people.groupNameOf(link.getGroupId()).orElse(link.getGroupId())))
            .toList());
  }

  private String personName(String id) {
    return people.nameOf(id).orElse(id);
  }
}
