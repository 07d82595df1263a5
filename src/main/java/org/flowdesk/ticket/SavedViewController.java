package org.flowdesk.ticket;

import static org.flowdesk.ticket.TicketController.NO_CONTROL_CHARACTERS;
import static org.flowdesk.ticket.TicketController.SORTS;

import java.time.Clock;
import java.util.List;

import org.flowdesk.TextQuery;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** An agent's saved queue views: a name for a list's filters and order, with the count of what it finds now. */
@RestController
@RequestMapping("/api/views")
@Tag(name = "Saved views", description = "A person's named ticket lists (the filters and order of GET /api/tickets), "
    + "each with how many tickets it finds now; only their owner sees them.")
class SavedViewController {

  /** The most views one person keeps. */
  static final int MOST_VIEWS = 50;

  private final SavedViews views;
  private final TicketLists lists;
  private final TicketRepository repository;
  private final Clock clock;

  SavedViewController(SavedViews views, TicketLists lists, TicketRepository repository, Clock clock) {
    this.views = views;
    this.lists = lists;
    this.repository = repository;
    this.clock = clock;
  }

  @Schema(name = "NewSavedView", description = "A name and the list's filters and order, as GET /api/tickets takes them",
      example = """
          {"name": "My P1s due today", "open": true, "assignee": "me", "priority": 1, "dueWithinHours": 8, "sort": "due"}""")
  record NewView(@NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS,
      message = "must not contain control characters") String name,
      Boolean mine, Boolean open, Boolean watching,
      @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String status,
      @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String group,
      @Pattern(regexp = "incident|request|change|problem", message = "must be incident, request, change or problem")
      String type,
      @Size(max = TextQuery.MAX_LENGTH) @Pattern(regexp = NO_CONTROL_CHARACTERS,
          message = "must not contain control characters") String q,
      @Schema(description = "A user id, me (whoever uses the view) or none (nobody)")
      @Size(max = 64) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
      String assignee,
      @Min(1) @Max(99) Integer priority, Boolean breached,
      @Schema(description = "Due within so many hours from when the view is used") @Min(1) @Max(8_760) Integer dueWithinHours,
      @Schema(description = "As GET /api/tickets takes it: requester, service, priority, due, age, updated, - for descending")
      @Pattern(regexp = SORTS, message = "must be one of requester, service, priority, due, age, updated, each with or "
          + "without a leading -") String sort) {

    TicketLists.View view() {
      return new TicketLists.View(Boolean.TRUE.equals(mine), Boolean.TRUE.equals(open), Boolean.TRUE.equals(watching),
          blankToNull(status), blankToNull(group), type, blankToNull(q), blankToNull(assignee), priority, breached,
          dueWithinHours);
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text.strip();
    }
  }

  @Schema(name = "SavedView")
  record ViewWithCount(@Schema(example = "7") long id, @Schema(example = "My P1s due today") String name,
      boolean mine, boolean open, boolean watching, String status, String group, String type, String q,
      String assignee, Integer priority, Boolean breached, Integer dueWithinHours, String sort,
      @Schema(description = "How many tickets the view finds now, of those the owner may see; none when a filter "
          + "no longer fits the models (a status they no longer declare)", example = "12") Long count) {
  }

  @Operation(operationId = "listSavedViews", summary = "The caller's saved views",
      description = "The caller's saved views by name, each with how many tickets it finds now (never one the "
          + "caller may not see). GET /api/tickets with the view's fields lists them.")
  @ApiResponse(responseCode = "200", description = "The views")
  @GetMapping
  @Transactional(readOnly = true)
  List<ViewWithCount> list(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    return views.of(user.id()).stream().map(saved -> withCount(saved, user)).toList();
  }

  @Operation(operationId = "saveView", summary = "Save a view",
      description = "Saves the filters and order under a name, unique among the caller's views (at most "
          + MOST_VIEWS + "). Filters are checked as GET /api/tickets checks them.")
  @ApiResponse(responseCode = "201", description = "The view with its count")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  ViewWithCount save(@Valid @RequestBody NewView view, Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    TicketLists.View filters = view.view();
    // The list's own checks (a status the models declare), before anything is stored.
    lists.filter(user, filters);
    String name = view.name().strip();
    if (views.exists(user.id(), name)) {
      throw new FormValidationException(List.of(new FieldError("name", "you have a view named '" + name + "' already")));
    }
    if (views.countOf(user.id()) >= MOST_VIEWS) {
      throw new ConflictException("You have " + MOST_VIEWS + " saved views, the most one may keep: delete one first.");
    }
    long id = views.add(user.id(), name, filters, view.sort(), clock.instant());
    return withCount(new SavedViews.Saved(id, name, filters, view.sort()), user);
  }

  @Operation(operationId = "deleteSavedView", summary = "Delete a saved view",
      description = "Deletes one of the caller's views; another person's is not found.")
  @ApiResponse(responseCode = "204", description = "Deleted")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Transactional
  void delete(@Parameter(description = "The view's id (GET /api/views)") @PathVariable long id, Authentication caller) {
    if (!views.remove(CurrentUser.of(caller).id(), id)) {
      throw new NotFoundException("saved view", String.valueOf(id));
    }
  }

  private ViewWithCount withCount(SavedViews.Saved saved, CurrentUser user) {
    Long count;
    try {
      count = repository.count(lists.filter(user, saved.view()));
    } catch (FormValidationException stale) {
      count = null;
    }
    TicketLists.View v = saved.view();
    return new ViewWithCount(saved.id(), saved.name(), v.mine(), v.open(), v.watching(), v.status(), v.group(),
        v.type(), v.q(), v.assignee(), v.priority(), v.breached(), v.dueWithinHours(), saved.sort(), count);
  }
}
