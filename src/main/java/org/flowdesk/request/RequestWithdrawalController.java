package org.flowdesk.request;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketType;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A requester withdraws their request for as long as the model lets them: service-request.bpmn waits
 * for the message {@code RequestWithdrawn} while the request is in approval, and only there.
 */
@RestController
@Tag(name = "Requests", description = "Ordering an item of the service catalog; processes/service-request.bpmn "
    + "decides the approvals and runs the item's fulfilment.")
class RequestWithdrawalController {

  static final String WITHDRAW_MESSAGE = "RequestWithdrawn";

  private final TicketAccess access;
  private final RuntimeService runtimeService;
  private final DeployedVocabulary vocabulary;

  RequestWithdrawalController(TicketAccess access, RuntimeService runtimeService, DeployedVocabulary vocabulary) {
    this.access = access;
    this.runtimeService = runtimeService;
    this.vocabulary = vocabulary;
  }

  record Withdrawal(@Size(max = 2000) @Pattern(regexp = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*",
      message = "must not contain control characters") String reason) {
  }

  record WithdrawalView(@Schema(description = "Whether the caller may withdraw the request now") boolean possible) {
  }

  @Operation(operationId = "requestWithdrawal", summary = "Whether a request can be withdrawn",
      description = "Whether the caller may withdraw the request now: they are its requester and its process waits "
          + "where the model lets it be withdrawn.")
  @ApiResponse(responseCode = "200", description = "Whether it can be withdrawn")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/requests/{number}/withdrawal")
  WithdrawalView withdrawal(@Parameter(description = "The request's number", example = "REQ-000042") @PathVariable String number,
      Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = request(number, user);
    return new WithdrawalView(ticket.requester().equals(user.id()) && runtimeService.createEventSubscriptionQuery()
        .eventType("message").eventName(WITHDRAW_MESSAGE).processInstanceId(instanceOf(number)).count() > 0);
  }

  private Ticket request(String number, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    if (!TicketType.REQUEST.id().equals(ticket.type())) {
      throw new NotFoundException("request", number);
    }
    return ticket;
  }

  /** The request's process instance, or a name no instance has once it has ended. */
  private String instanceOf(String number) {
    var instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number)
        .processDefinitionKey(RequestController.PROCESS_KEY).singleResult();
    return instance == null ? "none" : instance.getId();
  }

  @Operation(operationId = "withdrawRequest", summary = "Withdraw a request",
      description = "The requester withdraws their request while the model allows it (service-request.bpmn: "
          + "while it waits for approval, before work starts); the body (a reason) is optional. The ticket is "
          + "cancelled.")
  @ApiResponse(responseCode = "204", description = "Withdrawn")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping("/api/requests/{number}/withdraw")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void withdraw(@Parameter(description = "The request's number", example = "REQ-000042") @PathVariable String number,
      @Valid @RequestBody(required = false) Withdrawal withdrawal, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    Ticket ticket = request(number, user);
    if (!ticket.requester().equals(user.id())) {
      throw new ForbiddenException("Only the requester may withdraw " + number);
    }
    try {
      runtimeService.createMessageCorrelation(WITHDRAW_MESSAGE).processInstanceBusinessKey(number)
          .setVariable("withdrawReason", withdrawal == null ? null : withdrawal.reason())
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException(number + " can no longer be withdrawn: work on it has begun (it is "
          + vocabulary.current().statusLabel(ticket.status()) + ")");
    }
  }
}
