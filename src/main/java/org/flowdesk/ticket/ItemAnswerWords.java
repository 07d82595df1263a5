package org.flowdesk.ticket;

import java.util.List;
import java.util.Optional;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.FormSchema;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request's answers in the reader's language. They are recorded as the item's form labelled them when it was
 * ordered, in the models' language; a reader of another language reads each field's label and the chosen option's
 * label as the form's words in that language give them ({@code forms/i18n/<form>.<language>.json}). What the
 * requester typed stays as typed, and the recorded value never changes. An answer is translated only while the item's
 * form in force words it as it was recorded (English field label and option label), so a renamed or repurposed field
 * or option keeps the words it was ordered with.
 */
@Component
public class ItemAnswerWords {

  private final Catalog catalog;
  private final DeployedForms forms;
  private final Languages languages;

  ItemAnswerWords(Catalog catalog, DeployedForms forms, Languages languages) {
    this.catalog = catalog;
    this.forms = forms;
    this.languages = languages;
  }

  /** The answers as a reader of the language reads them (a request's page, and its title when it is ordered). */
  public List<FormSchema.Answer> in(String language, String item, List<FormSchema.Answer> answers) {
    if (answers == null || answers.isEmpty() || item == null || Languages.MODELS_LANGUAGE.equals(language)) {
      return answers;
    }
    Optional<DeployedForms.Deployed> form = catalog.portfolio().item(item)
        .map(Portfolio.RequestItem::form).flatMap(forms::deployed);
    if (form.isEmpty()) {
      return answers;
    }
    // The form as deployed was read when it was deployed; only its words in the language are read here, and not
    // at all when the language has none for it (the form comes back as it is).
    FormSchema english = form.get().schema();
    JsonNode translated = languages.form(form.get().json(), language);
    FormSchema words = translated == form.get().json() ? english : FormSchema.of(translated);
    // Only an answer the form in force still words as it was recorded: a field or option a designer has renamed or
    // given another meaning since keeps the words it was ordered with, in every language.
    JsonNode portal = languages.bundle(language).path("portal");
    return answers.stream().map(recorded -> english.inWords(recorded).equals(recorded)
        ? yesOrNo(words.inWords(recorded), portal) : recorded).toList();
  }

  /** A checkbox's answer, "Yes" or "No" as FlowDesk words it, in the language's words for them (the portal's). */
  private static FormSchema.Answer yesOrNo(FormSchema.Answer answer, JsonNode portal) {
    boolean checkbox = ("true".equals(answer.value()) && "Yes".equals(answer.shown()))
        || ("false".equals(answer.value()) && "No".equals(answer.shown()));
    return checkbox ? new FormSchema.Answer(answer.key(), answer.label(), answer.value(),
        portal.path(answer.shown()).asText(answer.shown())) : answer;
  }
}
