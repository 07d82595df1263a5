package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.models.FormSchema.PickedFile;
import org.junit.jupiter.api.Test;

/**
 * form-js's file picker: its files come beside the form (parts named by the field's key), its answer
 * is their names, and the form's own settings (required, multiple, accept, a condition that hides it)
 * decide what it takes, as in the browser.
 */
class FormSchemaFilePickerTest {

  static final FormSchema FORM = FormSchema.parse(new ByteArrayInputStream("""
      {"id": "contract-form", "components": [
        {"key": "kind", "type": "select", "label": "Kind", "values": [
          {"label": "New", "value": "new"}, {"label": "Renewal", "value": "renewal"}]},
        {"key": "contract", "type": "filepicker", "label": "Signed contract", "accept": ".pdf, image/*",
         "validate": {"required": true}},
        {"key": "annexes", "type": "filepicker", "label": "Annexes", "multiple": true,
         "conditional": {"hide": "=kind = \\"renewal\\""}},
        {"key": "shown", "type": "filepicker", "label": "Old scan", "readonly": true}
      ]}""".getBytes(StandardCharsets.UTF_8)));

  static final PickedFile PDF = new PickedFile("contract.pdf", "application/pdf");
  static final PickedFile PHOTO = new PickedFile("IMG_2041.HEIC", "image/heic");
  static final PickedFile TEXT = new PickedFile("notes.txt", "text/plain");

  @Test
  void theAnswerIsTheNamesOfThePickersFilesWhichAreTextsNotVariables() {
    Map<String, Object> accepted = FORM.validate(Map.of("kind", "new"),
        Map.of("contract", List.of(PDF), "annexes", List.of(PHOTO, TEXT)));

    assertThat(accepted).containsEntry("contract", "contract.pdf").containsEntry("annexes", "IMG_2041.HEIC, notes.txt");
    assertThat(FORM.fileKeys()).containsExactly("contract", "annexes");
    assertThat(FORM.freeTextKeys()).contains("contract", "annexes").doesNotContain("shown");
    assertThat(FORM.answers(accepted)).extracting(FormSchema.Answer::label, FormSchema.Answer::shown)
        .contains(org.assertj.core.groups.Tuple.tuple("Signed contract", "contract.pdf"));
    // A read-only picker only shows: what is sent for it is ignored, as for every read-only field.
    assertThat(FORM.validate(Map.of("shown", "old.pdf"), Map.of("contract", List.of(PDF)))).doesNotContainKey("shown");
  }

  @Test
  void aRequiredPickerNeedsAFileAndTakesOneUnlessMultiple() {
    assertThat(errors(Map.of("kind", "new"), Map.of()))
        .containsExactly(new FieldError("contract", "Signed contract is required: attach a file"));
    assertThat(errors(Map.of(), Map.of("contract", List.of(PDF, PHOTO))))
        .containsExactly(new FieldError("contract", "Signed contract takes one file, not 2"));
  }

  @Test
  void acceptIsReadAsTheBrowserReadsItAgainstTheTypeTheContentShowed() {
    assertThat(errors(Map.of(), Map.of("contract", List.of(TEXT))))
        .containsExactly(new FieldError("contract", "notes.txt is text/plain: Signed contract takes .pdf, image/*"));
    // A PDF by its content passes ".pdf" only by its name; "image/*" takes any image by its content.
    assertThat(FormSchema.accepts(".pdf, image/*", new PickedFile("scan.PDF", "application/pdf"))).isTrue();
    assertThat(FormSchema.accepts(".pdf, image/*", new PickedFile("scan.bin", "image/png"))).isTrue();
    assertThat(FormSchema.accepts("application/pdf", new PickedFile("scan.pdf", "text/plain"))).isFalse();
    assertThat(FormSchema.accepts("=allowed", TEXT)).as("an expression: the browser's to say").isTrue();
    assertThat(FormSchema.accepts(null, TEXT)).isTrue();
  }

  @Test
  void aValueInsteadOfFilesAFieldThatTakesNoneAndFilesForAHiddenPickerAreRefused() {
    assertThat(errors(Map.of("contract", "contract.pdf"), Map.of())).containsExactly(new FieldError("contract",
        "Signed contract takes files: send them as parts named 'contract' of a multipart/form-data request, not as a value"));
    assertThat(errors(Map.of(), Map.of("contract", List.of(PDF), "kind", List.of(PDF), "shown", List.of(PDF))))
        .extracting(FieldError::field).containsExactlyInAnyOrder("kind", "shown");
    assertThat(errors(Map.of("kind", "renewal"), Map.of("contract", List.of(PDF), "annexes", List.of(TEXT))))
        .containsExactly(new FieldError("annexes", "Annexes is hidden by the form's other answers; send no files for it"));
    assertThat(errors(Map.of("kind", "renewal"), Map.of("contract", List.of(PDF), "kind", List.of(PDF))).get(0)
        .message()).isEqualTo("the form 'contract-form' has no file field 'kind'; its file fields are contract, "
            + "annexes; other files are sent as parts 'files'");
  }

  private static List<FieldError> errors(Map<String, ?> values, Map<String, List<PickedFile>> files) {
    try {
      FORM.validate(values, files);
    } catch (FormValidationException e) {
      return e.errors();
    }
    throw new AssertionError("the form took " + values + " with " + files);
  }

  @Test
  void aPickerNamedLikeAnotherPartOfTheRequestIsAProblemOfTheForm() {
    FormSchema clash = FormSchema.parse(new ByteArrayInputStream("""
        {"id": "clash", "components": [{"key": "files", "type": "filepicker", "label": "Files"}]}""".getBytes(
        StandardCharsets.UTF_8)));
    assertThat(clash.filePickerProblems()).singleElement().asString().startsWith("file picker 'files' has the name");
    assertThat(FORM.filePickerProblems()).isEmpty();
  }

  @Test
  void aFormWithoutFilesIsCheckedAsBefore() {
    assertThatThrownBy(() -> FORM.validate(Map.of("kind", "old"))).isInstanceOf(FormValidationException.class)
        .hasMessageContaining("kind: Kind must be one of");
  }
}
