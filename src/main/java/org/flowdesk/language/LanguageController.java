package org.flowdesk.language;

import java.util.List;

import org.flowdesk.api.ApiDocs;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;

/** The caller's language, the languages on offer, and the words of the portal in the caller's language. */
@RestController
@Tag(name = "People", description = "Who the caller is, the people directory and the audit of administrative actions.")
class LanguageController {

  private final Languages languages;

  LanguageController(Languages languages) {
    this.languages = languages;
  }

  record LanguageView(
      @Schema(description = "The language FlowDesk speaks to the caller: their profile's, else their browser's", example = "de")
      String language,
      @Schema(description = "The language in the caller's profile; null when the browser's counts", example = "de")
      String chosen,
      List<Languages.Language> languages,
      @Schema(type = "object", description = "The models' words in the language (i18n/<language>.json): portal "
          + "texts by their English text, statuses and milestones by code; empty for English")
      JsonNode words) {
  }

  @Operation(operationId = "myLanguage", summary = "The caller's language and its words",
      description = "The language FlowDesk speaks to the caller (their profile's, else their browser's "
          + "Accept-Language, else English), the languages on offer and the portal's words in the language.")
  @ApiResponse(responseCode = "200", description = "The language")
  @GetMapping("/api/me/language")
  LanguageView mine(Authentication caller) {
    String user = CurrentUser.of(caller).id();
    String language = languages.ofCaller(user);
    return new LanguageView(language, languages.chosenBy(user).orElse(null), languages.available(),
        languages.bundle(language));
  }

  record LanguageChoice(@Schema(description = "A language on offer; null to follow the browser", example = "de")
      @Size(max = 10) String language) {
  }

  @Operation(operationId = "chooseLanguage", summary = "Choose the caller's language",
      description = "Puts the language in the caller's profile: the portal, forms, catalog and mail speak it from "
          + "now on. null takes it out, so the browser's language counts again.")
  @ApiResponse(responseCode = "204", description = "Chosen")
  @ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
  @PutMapping("/api/me/language")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void choose(@RequestBody @jakarta.validation.Valid LanguageChoice choice, Authentication caller) {
    if (choice.language() != null && !languages.isAvailable(choice.language())) {
      throw new FormValidationException(List.of(new FieldError("language", "FlowDesk speaks "
          + String.join(", ", languages.available().stream().map(Languages.Language::code).toList())
          + ", not '" + choice.language() + "'")));
    }
    languages.choose(CurrentUser.of(caller).id(), choice.language());
  }
}
