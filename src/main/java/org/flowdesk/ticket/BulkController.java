package org.flowdesk.ticket;

import static org.flowdesk.ticket.TicketController.NO_CONTROL_CHARACTERS;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.WithRefusals;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One action on many tickets, each done as the single action does it, with a report per ticket. */
@RestController
@RequestMapping("/api/tickets/bulk")
@Tag(name = "Tickets")
class BulkController {

  /** The most tickets one bulk action takes. */
  static final int MOST_TICKETS = 100;

  private final BulkWork work;

  BulkController(BulkWork work) {
    this.work = work;
  }

  @Schema(name = "BulkAction", example = """
      {"action": "resolve", "tickets": ["INC-000041", "INC-000042"], "resolutionCode": "solved",
       "resolutionNotes": "The print server was restarted"}""")
  record BulkAction(
      @Schema(description = "assign: each ticket's work step goes to assignee (the caller when left out); reassign: to "
          + "group, with reason; "
          + "comment: text, internal or not; resolve: with resolutionCode and resolutionNotes",
          allowableValues = {"assign", "reassign", "comment", "resolve"})
      @NotBlank @Pattern(regexp = "assign|reassign|comment|resolve",
          message = "must be assign, reassign, comment or resolve") String action,
      @Schema(description = "The tickets, at most " + MOST_TICKETS + ", each once")
      @NotNull @Size(min = 1, max = MOST_TICKETS) List<@NotNull @Size(max = 20) @Pattern(regexp = "[A-Z]{3}-[0-9]{1,12}",
          message = "must be a ticket number such as INC-000042") String> tickets,
      @Schema(description = "resolve: the resolution code, one the ticket's work form offers", example = "solved")
      @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String resolutionCode,
      @Schema(description = "resolve: the resolution notes, which the requesters see")
      @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String resolutionNotes,
      @Schema(description = "reassign: the new assignment group, one the ticket's work form offers", example = "network")
      @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String group,
      @Schema(description = "reassign: why")
      @Size(max = 2_000) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String reason,
      @Schema(description = "comment: the comment's text")
      @Size(max = 20_000) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String text,
      @Schema(description = "comment: hidden from the requesters (agents working the ticket only); default false")
      Boolean internal,
      @Schema(description = "assign: who takes the steps on, a member of the groups they are offered to; the caller "
          + "when left out", example = "nina")
      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]*", message = "must be a user id") String assignee) {
  }

  @Schema(name = "BulkOutcome")
  record Outcome(@Schema(example = "INC-000042") String ticket,
      @Schema(description = "Whether the action was done to this ticket") boolean done,
      @Schema(description = "Why not, for programs: not_found (no such ticket that the caller may see), not_yours "
          + "(another group works it), taken (someone else has taken its step on), no_step (it has no step now that "
          + "does this: resolved, or waiting on the requester), invalid (its form refused the fields), failed",
          allowableValues = {"not_found", "not_yours", "taken", "no_step", "invalid", "failed"}) String refusal,
      @Schema(description = "Why not, for people, in the caller's language", example = "INC-000042 has no step now by "
          + "which to resolve it (it is Resolved)") String reason,
      @JsonIgnore @Schema(hidden = true) List<FieldError> fields, @JsonIgnore @Schema(hidden = true) String form) {

    /** The outcome with its reason as the reader reads it: the refused fields each (by label), else the reason. */
    Outcome read(WithRefusals.Reader reader) {
      return reason == null ? this : new Outcome(ticket, done, refusal,
          fields.isEmpty() ? reader.refusal(reason) : reader.fields(fields, form), fields, form);
    }
  }

  /** The report; its reasons are written in English and read in the caller's language (language.Refusals). */
  @Schema(name = "BulkReport")
  record Report(@Schema(example = "resolve") String action,
      @Schema(description = "How many tickets it was done to", example = "18") int done,
      @Schema(description = "How many were refused", example = "2") int refused,
      @Schema(description = "Each ticket, in the order asked") List<Outcome> results) implements WithRefusals<Report> {

    @Override
    public Report read(Reader reader) {
      return new Report(action, done, refused, results.stream().map(outcome -> outcome.read(reader)).toList());
    }
  }

  @Operation(operationId = "bulkTicketAction", summary = "Act on many tickets at once",
      description = "Assigns (the caller takes each ticket's work step on), reassigns, comments on or resolves up to "
          + MOST_TICKETS + " tickets. Each ticket goes through what the single action does (POST "
          + "/api/tasks/{id}/claim, /complete with the work form's fields, POST /api/tickets/{number}/comments): "
          + "the same checks, the same process step, the same timeline, in a transaction of its own, so a refused "
          + "ticket changes nothing and stops none of the others. The report says per ticket whether it was done "
          + "and why not. A request that is wrong as a whole (an unknown action, a missing field, too many or "
          + "repeated tickets) is refused with 400 and changes nothing.")
  @ApiResponse(responseCode = "200", description = "What became of each ticket")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @PostMapping
  Report bulk(@Valid @RequestBody BulkAction request, Authentication caller) {
    BulkWork.Order order = order(request);
    List<Outcome> results = work.apply(order, request.tickets(), CurrentUser.of(caller)).stream()
        .map(o -> new Outcome(o.ticket(), o.done(), o.refusal() == null ? null : o.refusal().name().toLowerCase(),
            o.reason(), o.fields(), o.form()))
        .toList();
    int done = (int) results.stream().filter(Outcome::done).count();
    return new Report(request.action(), done, results.size() - done, results);
  }

  /** The action and its fields, refused as a whole when a field is missing, repeated or not the action's. */
  private static BulkWork.Order order(BulkAction request) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String ticket : request.tickets()) {
      if (!seen.add(ticket)) {
        errors.add(new FieldError("tickets", ticket + " is listed more than once"));
      }
    }
    BulkWork.Action action = BulkWork.Action.valueOf(request.action().toUpperCase());
    Map<String, String> given = new LinkedHashMap<>();
    given.put("resolutionCode", request.resolutionCode());
    given.put("resolutionNotes", request.resolutionNotes());
    given.put("group", request.group());
    given.put("reason", request.reason());
    given.put("text", request.text());
    given.put("internal", request.internal() == null ? null : request.internal().toString());
    given.put("assignee", request.assignee() == null || request.assignee().isBlank() ? null : request.assignee());
    List<String> required = switch (action) {
      case RESOLVE -> List.of("resolutionCode", "resolutionNotes");
      case REASSIGN -> List.of("group");
      case COMMENT -> List.of("text");
      case ASSIGN -> List.of();
    };
    List<String> allowed = switch (action) {
      case RESOLVE -> required;
      case REASSIGN -> List.of("group", "reason");
      case COMMENT -> List.of("text", "internal");
      case ASSIGN -> List.of("assignee");
    };
    required.stream().filter(field -> given.get(field) == null || given.get(field).isBlank())
        .forEach(field -> errors.add(new FieldError(field, "is required to " + action.word())));
    given.entrySet().stream().filter(e -> e.getValue() != null && !allowed.contains(e.getKey()))
        .forEach(e -> errors.add(new FieldError(e.getKey(), "is not a field of " + action.word())));
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    switch (action) {
      case RESOLVE -> {
        fields.put("resolutionCode", request.resolutionCode());
        fields.put("resolutionNotes", request.resolutionNotes());
      }
      case REASSIGN -> {
        fields.put("newGroup", request.group());
        if (request.reason() != null) {
          fields.put("reassignReason", request.reason());
        }
      }
      case ASSIGN -> {
        if (given.get("assignee") != null) {
          fields.put("assignee", request.assignee());
        }
      }
      default -> {
      }
    }
    return new BulkWork.Order(action, fields, request.text(), Boolean.TRUE.equals(request.internal()));
  }
}
