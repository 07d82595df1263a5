package org.flowdesk.models;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A deployed form by id, as form-js renders it (the portal asks for the incident report's). */
@RestController
@Tag(name = "Models", description = "The deployed models as clients need them: forms, and the live redeploy of "
    + "processes, decisions and forms for process designers (administrators).")
class FormController {

  private final DeployedForms forms;
  private final Languages languages;

  FormController(DeployedForms forms, Languages languages) {
    this.forms = forms;
    this.languages = languages;
  }

  @Operation(operationId = "getForm", summary = "A deployed form",
      description = "The form as form-js renders it (Camunda Forms JSON), its words in the caller's language: its components' keys are the fields an "
          + "incident report, a change request, an order's answers or a task's completion may send.")
  @ApiResponse(responseCode = "200", description = "The form", content = @Content(mediaType = "application/json",
      schema = @Schema(type = "object", description = "Camunda Forms (form-js) JSON")))
  @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
  @GetMapping("/api/forms/{id}")
  JsonNode form(@Parameter(description = "The form's id", example = "incident-report") @PathVariable String id,
      Authentication caller) {
    JsonNode form = forms.json(id).orElseThrow(() -> new NotFoundException("form", id));
    return languages.form(form, languages.ofCaller(CurrentUser.of(caller).id()));
  }
}
