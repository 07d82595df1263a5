package org.flowdesk.identity;

import org.flowdesk.api.ForbiddenException;
import java.util.List;
import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.NotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The people directory: anyone may look a colleague up; administrators change it. */
@RestController
@Tag(name = "People")
class PeopleController {

  private final People people;
  private final AuditLog audit;

  PeopleController(People people, AuditLog audit) {
    this.people = people;
    this.audit = audit;
  }

  /** A colleague as the directory and the identity service know them. */
  record Colleague(@Schema(example = "alice") String userId,
      @Schema(description = "First and last name, for people to read", example = "Alice Andersen") String name,
      @Schema(example = "sales") String department,
      @Schema(description = "The manager's user id", example = "mark") String manager) {
  }

  @Operation(operationId = "getPerson", summary = "Look a person up",
      description = "A colleague's name, department and manager.")
  @ApiResponse(responseCode = "200", description = "The person")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/people/{id}")
  Colleague person(@Parameter(description = "The user id", example = "alice") @PathVariable String id) {
    String name = people.nameOf(id).orElseThrow(() -> new NotFoundException("person", id));
    People.Person placed = people.find(id).orElse(new People.Person(id, null, null));
    return new Colleague(id, name, placed.department(), placed.manager());
  }

  /** A group as people read it. */
  record NamedGroup(@Schema(example = "service-desk") String id, @Schema(example = "Service desk") String name) {
  }

  @Operation(operationId = "getGroup", summary = "Look a group up",
      description = "A group's name, for showing who works a ticket or waits on a step.")
  @ApiResponse(responseCode = "200", description = "The group")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/groups/{id}")
  NamedGroup group(@Parameter(description = "The group id", example = "service-desk") @PathVariable String id) {
    return new NamedGroup(id, people.groupNameOf(id).orElseThrow(() -> new NotFoundException("group", id)));
  }

  @Operation(operationId = "getGroupMembers", summary = "A group's members",
      description = "Who is in the group, with their names, for giving a colleague work (POST /api/tasks/{id}/assign, "
          + "bulk assign). Members of the group and administrators only: who is in which team is not for everybody.")
  @ApiResponse(responseCode = "200", description = "The members, by user id")
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/groups/{id}/members")
  List<Colleague> members(@Parameter(description = "The group id", example = "service-desk") @PathVariable String id,
      Authentication caller) {
    people.groupNameOf(id).orElseThrow(() -> new NotFoundException("group", id));
    CurrentUser user = CurrentUser.of(caller);
    if (!user.isMemberOf(id) && !user.isAdministrator()) {
      throw new ForbiddenException("Only members of " + people.groupName(id) + " and administrators see who is in it");
    }
    return people.members(id).stream().map(member -> {
      People.Person placed = people.find(member).orElse(new People.Person(member, null, null));
      return new Colleague(member, people.nameOf(member).orElse(member), placed.department(), placed.manager());
    }).toList();
  }

  @Schema(example = """
      {"department": "sales", "manager": "mark"}""")
  record Placement(@Size(max = 100) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*") String department,
      @Size(max = 64) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*") String manager) {
  }

  @Operation(operationId = "placePerson", summary = "Set a person's department and manager",
      description = "Administrators only; recorded in the audit log. The manager approves the person's requests.")
  @ApiResponse(responseCode = "200", description = "The person as now placed")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @ApiResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @PutMapping("/api/admin/people/{id}")
  People.Person place(@Parameter(description = "The user id", example = "alice") @PathVariable String id, @Valid @RequestBody Placement placement, Authentication caller) {
    People.Person person = people.update(id, placement.department(), placement.manager());
    audit.record(caller.getName(), "people.update", id,
        "department " + placement.department() + ", manager " + placement.manager());
    return person;
  }
}
