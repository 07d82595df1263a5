package org.flowdesk.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;

import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.identity.People;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.Vocabulary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The API's refusals read in the caller's language, from the words file's "refusals" section. */
class RefusalsTest {

  final Languages languages = mock(Languages.class);
  final DeployedVocabulary vocabulary = mock(DeployedVocabulary.class);
  final People people = mock(People.class);
  final Refusals refusals = new Refusals(provider(languages), provider(vocabulary), provider(people),
      provider(null));

  @SuppressWarnings("unchecked")
  static <T> ObjectProvider<T> provider(T bean) {
    ObjectProvider<T> provider = mock(ObjectProvider.class);
    when(provider.getIfAvailable()).thenReturn(bean);
    return provider;
  }

  @BeforeEach
  void german() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.bundle("en")).thenReturn(new ObjectMapper().createObjectNode());
    when(languages.bundle("fr")).thenReturn(new ObjectMapper().createObjectNode());
    when(languages.formWords(anyString(), anyString())).thenReturn(new ObjectMapper().createObjectNode());
    when(vocabulary.current()).thenReturn(new Vocabulary(List.of(
        new Vocabulary.Status("new", "New", true, false, List.of("incident")),
        new Vocabulary.Status("in_progress", "In progress", true, false, List.of("incident"))),
        List.of(), List.of(), List.of()));
  }

  @Test
  void aRefusalReadsInTheLanguageWithItsValuesAndAStatusAsTheLanguagesWord() {
    assertThat(refusals.in("de", "No ticket INC-000042 that you may see"))
        .isEqualTo("Es gibt kein Ticket INC-000042, das Sie sehen dürfen");
    assertThat(refusals.in("de", "No request item monitor that you may see"))
        .isEqualTo("Es gibt keinen Katalogeintrag monitor, den Sie sehen dürfen");
    assertThat(refusals.in("de", "REQ-000007 can no longer be withdrawn: work on it has begun (it is In progress)"))
        .isEqualTo("REQ-000007 kann nicht mehr zurückgezogen werden: die Arbeit daran hat begonnen (Status: In Bearbeitung)");
    // A label no model declares stays as written.
    assertThat(refusals.in("de", "INC-000001 is Frozen: merge into an open incident"))
        .isEqualTo("INC-000001 ist Frozen: führen Sie mit einer offenen Störung zusammen");
    assertThat(refusals.in("de", "Conflict")).isEqualTo("Konflikt");
    // Reporting or ordering for someone else, whom the portal's "For whom?" names.
    assertThat(refusals.in("de", "there is no person 'gretta'; give the user id of whom it is for"))
        .isEqualTo("es gibt keine Person „gretta“; geben Sie die Benutzerkennung der Person an, für die es ist");
    assertThat(refusals.in("de", "alice is not one of your direct reports: a manager may report or order only for the "
        + "people who report to them")).startsWith("alice gehört nicht zu Ihren direkten Mitarbeitenden");
  }

  /**
   * A refused file: its reason as a refusal of its own, a size in the language's numbers and units, and the detail the
   * file's name and that reason joined; the words file has no text for "a file and a reason" that would read any
   * "X: Y" refusal.
   */
  @Test
  void aRefusedFileReadsInTheLanguageWithItsSizes() {
    assertThat(refusedFile("big.iso", "a file may be at most 2.5 MB"))
        .containsExactly("big.iso: eine Datei darf höchstens 2,5 MB groß sein", "eine Datei darf höchstens 2,5 MB groß sein");
    assertThat(refusedFile("tiny.txt", "a file may be at most 512 bytes"))
        .containsExactly("tiny.txt: eine Datei darf höchstens 512 Bytes groß sein",
            "eine Datei darf höchstens 512 Bytes groß sein");
    assertThat(refusedFile("tool.exe", "files named .exe may not be attached")).containsExactly(
        "tool.exe: Dateien mit der Endung .exe dürfen nicht angehängt werden",
        "Dateien mit der Endung .exe dürfen nicht angehängt werden");
    // A file named like a refusal is a name: only the reason is read.
    assertThat(refusedFile("Conflict", "the file is empty")).containsExactly("Conflict: die Datei ist leer",
        "die Datei ist leer");
    assertThat(refusals.in("de", "An upload may be at most 100 MB in all, each file at most 2.5 MB."))
        .isEqualTo("Ein Hochladen darf insgesamt höchstens 100 MB groß sein, jede Datei höchstens 2,5 MB.");
    // A reason the section does not have stays as written.
    assertThat(refusedFile("odd.bin", "the moon is in the way")).containsExactly("odd.bin: the moon is in the way",
        "the moon is in the way");
    // No text reads "a file: a reason" as a whole any more.
    assertThat(refusals.in("de", "big.iso: a file may be at most 2.5 MB")).isEqualTo("big.iso: a file may be at most 2.5 MB");
    assertThat(refusals.in("de", "Some thing: Conflict")).isEqualTo("Some thing: Conflict");
  }

  /** The detail and the reason of a refused file as greta, reading German, is answered them. */
  List<String> refusedFile(String file, String reason) {
    when(languages.ofCaller("greta")).thenReturn("de");
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated("greta", null, List.of()));
    try {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
          org.flowdesk.attachment.AttachmentRefusedException.detail(file, reason));
      problem.setTitle("Attachment refused");
      problem.setProperty("file", file);
      problem.setProperty("reason", reason);
      assertThat(refusals.supports(null, null)).isTrue();
      ProblemDetail read = (ProblemDetail) refusals.beforeBodyWrite(problem, null, null, null,
          new ServletServerHttpRequest(new MockHttpServletRequest()), null);
      assertThat(read.getTitle()).isEqualTo("Anhang abgelehnt");
      assertThat(read.getProperties().get("file")).isEqualTo(file);
      return List.of(read.getDetail(), (String) read.getProperties().get("reason"));
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  @Test
  void aTextTheLanguageDoesNotHaveAndEnglishStayAsWritten() {
    assertThat(refusals.in("de", "The moon is not a ticket")).isEqualTo("The moon is not a ticket");
    assertThat(refusals.in("en", "No ticket INC-000042 that you may see"))
        .isEqualTo("No ticket INC-000042 that you may see");
    assertThat(refusals.in("fr", "No ticket INC-000042 that you may see"))
        .as("a language without refusals").isEqualTo("No ticket INC-000042 that you may see");
  }

  @Test
  void aProblemsTitleDetailAndFieldsReadInTheCallersLanguageWithTheFormsLabels() throws Exception {
    when(languages.ofCaller("greta")).thenReturn("de");
    when(languages.formWords("incident-report", "de")).thenReturn(new ObjectMapper().readTree(
        "{\"title\": {\"label\": \"Titel\"}}"));
    SecurityContextHolder.getContext().setAuthentication(
        UsernamePasswordAuthenticationToken.authenticated("greta", null, List.of()));
    try {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "title: Title is required");
      problem.setTitle("Invalid input");
      problem.setProperty("errors", List.of(new FieldError("title", "Title is required"),
          new FieldError("impact", "Impact must be one of [1, 2, 3]")));
      MockHttpServletRequest request = new MockHttpServletRequest();
      request.setAttribute(FormValidationException.FORM_ATTRIBUTE, "incident-report");

      assertThat(refusals.supports(null, null)).isTrue();
      ProblemDetail read = (ProblemDetail) refusals.beforeBodyWrite(problem, null, null, null,
          new ServletServerHttpRequest(request), null);

      assertThat(read.getTitle()).isEqualTo("Ungültige Eingabe");
      assertThat(read.getProperties().get("errors")).isEqualTo(List.of(new FieldError("title", "Titel ist erforderlich"),
          new FieldError("impact", "Impact muss eines von [1, 2, 3] sein")));
      assertThat(read.getDetail()).isEqualTo("title: Titel ist erforderlich; impact: Impact muss eines von [1, 2, 3] sein");

      // Anything else an advice sees passes as it is.
      assertThat(refusals.beforeBodyWrite("not a problem", null, null, null, new ServletServerHttpRequest(request),
          null)).isEqualTo("not a problem");
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
