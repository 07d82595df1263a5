package org.flowdesk.identity;

import org.flowdesk.ticket.TicketNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The people directory: anyone may look a colleague up; administrators change it. */
@RestController
class PeopleController {

  private final People people;
  private final AuditLog audit;

  PeopleController(People people, AuditLog audit) {
    this.people = people;
    this.audit = audit;
  }

  @GetMapping("/api/people/{id}")
  People.Person person(@PathVariable String id) {
    return people.find(id).orElseThrow(() -> new TicketNotFoundException("person " + id));
  }

  record Placement(@Size(max = 100) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*") String department,
      @Size(max = 64) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*") String manager) {
  }

  @PutMapping("/api/admin/people/{id}")
  People.Person place(@PathVariable String id, @Valid @RequestBody Placement placement, Authentication caller) {
    People.Person person = people.update(id, placement.department(), placement.manager());
    audit.record(caller.getName(), "people.update", id,
        "department " + placement.department() + ", manager " + placement.manager());
    return person;
  }
}
