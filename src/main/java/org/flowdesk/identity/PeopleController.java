package org.flowdesk.identity;

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

  @Operation(operationId = "getPerson", summary = "Look a person up",
      description = "A colleague's name, mail, department and manager.")
  @ApiResponse(responseCode = "200", description = "The person")
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/people/{id}")
  People.Person person(@Parameter(description = "The user id", example = "alice") @PathVariable String id) {
    return people.find(id).orElseThrow(() -> new NotFoundException("person", id));
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
