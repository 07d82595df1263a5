package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.FormSchema;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A request's answers read in the reader's language: a checkbox's "Yes" and "No" too, not only labels and options. */
class ItemAnswerWordsTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aCheckboxsAnswerReadsYesOrNoInTheReadersLanguageAndTypedTextStaysAsTyped() throws Exception {
    JsonNode form = json.readTree("""
        {"id": "item-desk", "components": [
          {"type": "checkbox", "key": "dock", "label": "With a docking station"},
          {"type": "checkbox", "key": "lamp", "label": "With a lamp"},
          {"type": "textfield", "key": "room", "label": "Room"}]}""");
    JsonNode german = json.readTree("""
        {"id": "item-desk", "components": [
          {"type": "checkbox", "key": "dock", "label": "Mit Dockingstation"},
          {"type": "checkbox", "key": "lamp", "label": "Mit Lampe"},
          {"type": "textfield", "key": "room", "label": "Raum"}]}""");
    Catalog catalog = mock(Catalog.class);
    Portfolio portfolio = mock(Portfolio.class);
    Portfolio.RequestItem item = mock(Portfolio.RequestItem.class);
    when(catalog.portfolio()).thenReturn(portfolio);
    when(portfolio.item("desk")).thenReturn(Optional.of(item));
    when(item.form()).thenReturn("item-desk");
    DeployedForms forms = mock(DeployedForms.class);
    when(forms.deployed("item-desk")).thenReturn(Optional.of(new DeployedForms.Deployed(FormSchema.of(form), form)));
    Languages languages = mock(Languages.class);
    when(languages.form(form, "de")).thenReturn(german);
    when(languages.bundle("de")).thenReturn(json.readTree(Path.of("i18n/de.json").toFile()));
    List<FormSchema.Answer> answers = FormSchema.of(form).answers(java.util.Map.of("dock", true, "lamp", false,
        "room", "Yes"));

    List<FormSchema.Answer> read = new ItemAnswerWords(catalog, forms, languages).in("de", "desk", answers);

    assertThat(read).extracting(a -> a.label() + ": " + a.shown() + " (" + a.value() + ")")
        .containsExactly("Mit Dockingstation: Ja (true)", "Mit Lampe: Nein (false)", "Raum: Yes (Yes)");
    assertThat(new ItemAnswerWords(catalog, forms, languages).in("en", "desk", answers)).isEqualTo(answers);
  }
}
