package org.flowdesk.models;

import org.flowdesk.ticket.TicketNotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/** A deployed form by id, as form-js renders it (the portal asks for the incident report's). */
@RestController
class FormController {

  private final DeployedForms forms;

  FormController(DeployedForms forms) {
    this.forms = forms;
  }

  @GetMapping("/api/forms/{id}")
  JsonNode form(@PathVariable String id) {
    return forms.json(id).orElseThrow(() -> new TicketNotFoundException("form " + id));
  }
}
