package org.flowdesk.ticket;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.identity.People;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Whom the caller may report and order for: the portal's "For whom?" picker. */
@RestController
@Tag(name = "People")
class OnBehalfController {

  private static final int MAX = 20;

  private final OnBehalf onBehalf;
  private final People people;

  OnBehalfController(OnBehalf onBehalf, People people) {
    this.onBehalf = onBehalf;
    this.people = people;
  }

  /** A person a ticket may be entered for. */
  record Person(@Schema(example = "alice") String userId,
      @Schema(description = "First and last name, for people to read", example = "Alice Andersen") String name) {
  }

  @Operation(operationId = "peopleToEnterFor", summary = "Whom the caller may report and order for",
      description = """
          The people the caller may name in requestedFor when reporting an incident or ordering an item: \
          for agents and administrators anyone (not themselves), for a manager their direct reports, for \
          everyone else nobody (an empty list). q matches the user id, the e-mail address, or the first \
          or last name; at most 20, sorted by user id.""")
  @ApiResponse(responseCode = "200", description = "The people, possibly none")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @GetMapping("/api/people")
  List<Person> candidates(@Parameter(description = "Part of the person's user id, e-mail address or name",
      example = "ali") @RequestParam(required = false) @Size(max = 100)
      @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*") String q, Authentication caller) {
    return onBehalf.candidates(CurrentUser.of(caller), q, MAX).stream()
        .map(id -> new Person(id, people.nameOf(id).orElse(id))).toList();
  }
}
