package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The timeline's texts come from a words file a designer writes (in the workbench too): a placeholder of any word
 * characters, one used twice, two without a word between them or too many never break or stall the timeline.
 */
class TimelineTextsTest {

  final Languages languages = mock(Languages.class);
  final People people = mock(People.class);
  @SuppressWarnings("unchecked")
  final TimelineTexts texts = new TimelineTexts(languages, people, mock(Catalog.class),
      mock(DeployedVocabulary.class), mock(org.springframework.beans.factory.ObjectProvider.class));

  static TimelineEntry entry(String text) {
    return new TimelineEntry(1, "INC-000001", Instant.parse("2026-12-01T10:00:00Z"), "system", "claimed", false, text,
        null);
  }

  @Test
  void oddPlaceholdersInADesignersWordsTranslateOrAreLeftAloneButNeverBreakTheTimeline() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"timeline": {
          "Taken on by {user}": "Übernommen von {user}",
          "Moved by {user_id} to {place_2}": "Verschoben von {user_id} nach {place_2}",
          "Seen by {user} and {user}": "Gesehen von {user} und {user}",
          "{a}{b}{c}{d}{e}{f}{g}{h} glued": "geklebt",
          "{a} 1 {b} 2 {c} 3 {d} 4 {e} 5 {f} 6 {g} seven": "sieben"
        }}"""));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.nameOf("nina")).thenReturn(Optional.of("Nina Novak"));

    List<TimelineEntry> shown = texts.in("de", List.of(entry("Taken on by nina"), entry("Moved by bob to room 7"),
        entry("Seen by nina and bob"), entry("x".repeat(40) + " glued"),
        entry("a 1 b 2 c 3 d 4 e 5 f 6 " + "g ".repeat(200) + "seven")));

    // A placeholder named twice could be read two ways: such a text is left alone, in English.
    assertThat(shown).extracting(TimelineEntry::text).containsExactly("Übernommen von Nina Novak",
        "Verschoben von bob nach room 7", "Seen by nina and bob", "x".repeat(40) + " glued",
        "a 1 b 2 c 3 d 4 e 5 f 6 " + "g ".repeat(200) + "seven");
  }

  /** An entry two texts could read is read by the one with more words of its own, whatever the file's order. */
  @Test
  void theMostSpecificTextReadsAnEntryFirst() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"timeline": {
          "{user} watches this ticket": "{user} beobachtet dieses Ticket",
          "{user} no longer watches this ticket": "{user} beobachtet dieses Ticket nicht mehr"
        }}"""));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.nameOf("mark")).thenReturn(Optional.of("Mark Meyer"));
    List<TimelineEntry> entries = List.of(entry("mark watches this ticket"), entry("mark no longer watches this ticket"));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text)
        .containsExactly("Mark Meyer beobachtet dieses Ticket", "Mark Meyer beobachtet dieses Ticket nicht mehr");
    // In English too, where the texts only name the people.
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text)
        .containsExactly("Mark Meyer watches this ticket", "Mark Meyer no longer watches this ticket");
  }

  /** Of two readings, the one whose people and groups exist; a code is translated, what people typed is not. */
  @Test
  void aReadingNamesPeopleAndGroupsThatExistAndOnlyCodesAreTranslatedAsWords() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"timeline": {
          "Assigned to {user} by {by}": "Von {by} an {user} zugewiesen",
          "Assigned to {to}: {reason}": "Zugewiesen an {to}: {reason}",
          "Resolved ({code}): {notes}": "Gelöst ({code}): {notes}",
          "Reported: {title}": "Gemeldet: {title}",
          "workaround": "mit einer Umgehung",
          "security": "Informationssicherheit"
        }}"""));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf("network")).thenReturn(Optional.of("Network team"));

    assertThat(texts.in("de", List.of(entry("Assigned to network: requested by the CAB"),
        entry("Resolved (workaround): workaround"), entry("Reported: security")))).extracting(TimelineEntry::text)
        .containsExactly("Zugewiesen an Network team: requested by the CAB", "Gelöst (mit einer Umgehung): workaround",
            "Gemeldet: security");
  }

  /**
   * The texts are put in order once for the words read, and again when a words file changes (Languages then hands
   * out what it read anew): an edited text reads the next timeline, in its language and in English.
   */
  @Test
  void aWordsFileEditedReadsTheNextTimeline() throws Exception {
    ObjectMapper json = new ObjectMapper();
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.nameOf("mark")).thenReturn(Optional.of("Mark Meyer"));
    List<TimelineEntry> entries = List.of(entry("mark watches this ticket"), entry("mark no longer watches this ticket"));
    when(languages.bundle("de")).thenReturn(json.readTree("""
        {"timeline": {"{user} watches this ticket": "{user} beobachtet dieses Ticket"}}"""));

    // No text reads the second entry yet but "{user} watches this ticket", whose user nobody is.
    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Mark Meyer beobachtet dieses Ticket", "mark no longer beobachtet dieses Ticket");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly(
        "Mark Meyer watches this ticket", "mark no longer watches this ticket");

    when(languages.bundle("de")).thenReturn(json.readTree("""
        {"timeline": {
          "{user} watches this ticket": "{user} beobachtet dieses Ticket",
          "{user} no longer watches this ticket": "{user} beobachtet dieses Ticket nicht mehr"
        }}"""));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Mark Meyer beobachtet dieses Ticket", "Mark Meyer beobachtet dieses Ticket nicht mehr");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly(
        "Mark Meyer watches this ticket", "Mark Meyer no longer watches this ticket");
  }

  /** A long entry that does not match a text of six placeholders is told apart at once (a regex took seconds). */
  @Test
  void aLongEntryIsMatchedInOnePassAndSplitLeftToRight() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"timeline": {
          "{a} {b} {c} {d} {e} {f}.": "sechs",
          "Resolved ({code}): {notes}": "Gelöst ({code}): {notes}"
        }}"""));
    String notes = "word ".repeat(2000) + "(see: INC-1): done";

    List<TimelineEntry> shown = texts.in("de", List.of(entry("Resolved (solved): " + notes),
        entry("Resolved (solved): " + "word ".repeat(2000))));

    assertThat(shown).extracting(TimelineEntry::text).containsExactly("Gelöst (solved): " + notes,
        "Gelöst (solved): " + "word ".repeat(2000));
  }

  /** The merge's texts in i18n/de.json: with a reason or none, no comment, one or more, the requester by name. */
  @Test
  void aMergeNamesTheDuplicatesRequesterInGermanAndEnglish() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.nameOf("alice")).thenReturn(Optional.of("Alice Andersen"));
    List<TimelineEntry> entries = List.of(
        entry("INC-000007 (Outlook hangs, reported by alice) was merged into this incident. It has no public comments."),
        entry("INC-000008 (No mail, reported by alice) was merged into this incident: Same outage. Its 3 public "
            + "comments stay readable on INC-000008."));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "INC-000007 (Outlook hangs, gemeldet von Alice Andersen) wurde mit dieser Störung zusammengeführt. Sie hat "
            + "keine öffentlichen Kommentare.",
        "INC-000008 (No mail, gemeldet von Alice Andersen) wurde mit dieser Störung zusammengeführt: Same outage. "
            + "Ihre 3 öffentlichen Kommentare bleiben auf INC-000008 lesbar.");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly(
        "INC-000007 (Outlook hangs, reported by Alice Andersen) was merged into this incident. It has no public "
            + "comments.",
        "INC-000008 (No mail, reported by Alice Andersen) was merged into this incident: Same outage. Its 3 public "
            + "comments stay readable on INC-000008.");
  }

  /** A file's size reads in the reader's numbers and words, as the portal shows it: 7 Bytes, 2,5 MB in German. */
  @Test
  void aFilesSizeIsWrittenWithTheReadersNumbersAndWords() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    List<TimelineEntry> entries = List.of(entry("Attached log.txt (text/plain, 7 bytes)"),
        entry("Attached big.log (text/plain, 1023 bytes)"), entry("Attached shot.png (image/png, 48 kB)"),
        entry("Attached dump.zip (application/zip, 2.5 MB)"), entry("Attached odd.bin (application/x, 7 bits)"));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Angehängt: log.txt (text/plain, 7 Bytes)", "Angehängt: big.log (text/plain, 1.023 Bytes)",
        "Angehängt: shot.png (image/png, 48 kB)", "Angehängt: dump.zip (application/zip, 2,5 MB)",
        "Angehängt: odd.bin (application/x, 7 bits)");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly(
        "Attached log.txt (text/plain, 7 bytes)", "Attached big.log (text/plain, 1,023 bytes)",
        "Attached shot.png (image/png, 48 kB)", "Attached dump.zip (application/zip, 2.5 MB)",
        "Attached odd.bin (application/x, 7 bits)");
  }

  /** How two tickets are linked is FlowDesk's code, written as English words; a German reader reads German ones. */
  @Test
  void aLinksRelationIsTranslated() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    List<TimelineEntry> entries = List.of(entry("Linked to CHG-000007 (caused by)"),
        entry("Linked to INC-000003 (caused)"), entry("Linked to PRB-000002 (fixed by)"),
        entry("Linked to INC-000009 (duplicate of)"), entry("Linked to INC-000004 (some new relation)"));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Verknüpft mit CHG-000007 (verursacht durch)", "Verknüpft mit INC-000003 (hat verursacht)",
        "Verknüpft mit PRB-000002 (behoben durch)", "Verknüpft mit INC-000009 (Duplikat von)",
        "Verknüpft mit INC-000004 (some new relation)");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly(
        "Linked to CHG-000007 (caused by)", "Linked to INC-000003 (caused)", "Linked to PRB-000002 (fixed by)",
        "Linked to INC-000009 (duplicate of)", "Linked to INC-000004 (some new relation)");
  }

  /** A file a mail brought that was refused names the limit in the reader's numbers and words: 2,5 MB in German. */
  @Test
  void aRefusedFileNamesTheLimitInTheReadersNumbersAndWords() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    List<TimelineEntry> entries = List.of(entry("Not attached: big.iso (a file may be at most 2.5 MB)"),
        entry("Not attached: all.zip (the attachments of a ticket may hold at most 100 MB together)"),
        entry("Not attached: tiny.txt (a file may be at most 512 bytes)"),
        entry("Not attached: empty.txt (the file is empty)"),
        entry("Not attached: tool.exe (files named .exe may not be attached)"));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Nicht angehängt: big.iso (eine Datei darf höchstens 2,5 MB groß sein)",
        "Nicht angehängt: all.zip (die Anhänge eines Tickets dürfen zusammen höchstens 100 MB groß sein)",
        "Nicht angehängt: tiny.txt (eine Datei darf höchstens 512 Bytes groß sein)",
        "Nicht angehängt: empty.txt (die Datei ist leer)",
        "Nicht angehängt: tool.exe (files named .exe may not be attached)");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).startsWith(
        "Not attached: big.iso (a file may be at most 2.5 MB)");
  }

  /**
   * Every text the models notify people with reads in German ({@code notifications} in i18n/de.json): each text,
   * watcher text and task notification text of processes/, its expressions filled in, is read differently in
   * German and as written in English.
   */
  @Test
  void everyNotificationTextOfTheModelsReadsInGerman() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    java.util.function.UnaryOperator<String> german = texts.reader("de", "notifications");
    java.util.regex.Pattern text = java.util.regex.Pattern.compile(
        "name=\"(?:text|watcherText|notificationText)\">([^<]+)<");
    java.util.List<String> untranslated = new java.util.ArrayList<>();
    int read = 0;
    try (java.util.stream.Stream<Path> processes = java.nio.file.Files.list(Path.of("processes"))) {
      for (Path file : processes.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        java.util.regex.Matcher found = text.matcher(java.nio.file.Files.readString(file));
        while (found.find()) {
          String written = filledIn(found.group(1));
          assertThat(written).doesNotContain("${").doesNotContain("ticketTexts").doesNotContain("{name}");
          read++;
          if (german.apply(written).equals(written)) {
            untranslated.add(file.getFileName() + ": " + found.group(1));
          }
          assertThat(texts.reader("en", "notifications").apply(written)).isEqualTo(written);
        }
      }
    }
    assertThat(read).isGreaterThan(30);
    assertThat(untranslated).as("notification texts without German in i18n/de.json's \"notifications\"").isEmpty();
  }

  /** The text as a notification holds it: each expression filled in, who entered it for the requester named. */
  static String filledIn(String expressions) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher expression = java.util.regex.Pattern.compile("\\$\\{((?:[^{}]|\\{[^{}]*})*)}").matcher(
        expressions.replace("&#39;", "'"));
    int n = 0;
    while (expression.find()) {
      String inside = expression.group(1);
      String value = inside.startsWith("ticketTexts.enteredBy") ? inside.replaceAll(".*'(.*)'.*", "$1")
          .replace("{name}", "Bob Becker") : "value" + (++n);
      expression.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
    }
    return expression.appendTail(out).toString();
  }

  /** A notification reads in German with its codes translated: a change's type and risk, an approval's step. */
  @Test
  void aNotificationReadsInGermanWithItsCodesAndItsNamesAsWritten() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    java.util.function.UnaryOperator<String> german = texts.reader("de", "notifications");

    assertThat(german.apply("Please vote on CHG-000001: a normal change of medium risk to network."))
        .isEqualTo("Bitte stimmen Sie über CHG-000001 ab: Change (normal) an network, Risiko mittel.");
    assertThat(german.apply("REQ-000017 was not approved. Rejected (manager): Budget is spent"))
        .isEqualTo("REQ-000017 wurde nicht genehmigt. Abgelehnt (Vorgesetzte Person): Budget is spent");
    assertThat(german.apply("We received INC-000042 from Bob Becker, who reported it for you. It has priority 3; "
        + "Service desk will take it on.")).isEqualTo("Wir haben INC-000042 von Bob Becker erhalten, der oder die es "
        + "für Sie gemeldet hat. Es hat die Priorität 3; Service desk übernimmt es.");
    // Texts FlowDesk writes itself: a group lead's OLA warning, a mail that could not be matched.
    assertThat(german.apply("INC-000042 has been with Network team for most of its OLA (2 h, network calendar); it is "
        + "due Fri 11 Dec 2026, 17:00 CET")).isEqualTo("INC-000042 liegt schon den größten Teil seines OLA bei Network "
        + "team (2 h, Kalender network); fällig: 11.12.2026, 17:00 MEZ");
    assertThat(german.apply("INC-000042 has been with Service desk longer than its OLA (1 d 4 h, business hours)"))
        .isEqualTo("INC-000042 liegt schon länger als sein OLA bei Service desk (1 d 4 h, Geschäftszeiten)");
    assertThat(german.apply("INC-000042 has been with Service desk longer than its OLA (30 min, around the clock)"))
        .isEqualTo("INC-000042 liegt schon länger als sein OLA bei Service desk (30 min, rund um die Uhr)");
    assertThat(german.apply("Your mail about INC-000042 could not be matched to the ticket, so it was not added. "
        + "Please answer with the Reply button of a FlowDesk mail about the ticket, or comment on it in the portal."))
        .startsWith("Ihre Mail zu INC-000042 konnte dem Ticket nicht zugeordnet werden");
    assertThat(german.apply("Something a designer added")).isEqualTo("Something a designer added");
  }

  /**
   * A group reads by the name the language's section groups gives it, by the group's id: on the timeline, where the
   * entry holds the id ("Assigned to network") or the name the models wrote ("OLA breached by Network team"), and in
   * the notifications ("{team} will take it on"). A group the section does not name keeps the directory's name, and
   * English keeps it always.
   */
  @Test
  void aGroupReadsByItsNameInTheReadersLanguage() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"groups": {"network": "Netzwerkteam", "service-desk": "Service-Desk"},
         "timeline": {"Assigned to {to}": "Zugewiesen an {to}", "OLA breached by {group}": "OLA verletzt durch {group}"},
         "notifications": {"{number} breached its response SLA (assigned to {team})":
           "{number} hat sein Reaktions-SLA verletzt (zugewiesen: {team})"}}"""));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf("network")).thenReturn(Optional.of("Network team"));
    when(people.groupNameOf("facilities")).thenReturn(Optional.of("Facilities"));
    when(people.groupNamed(anyString())).thenReturn(Optional.empty());
    when(people.groupNamed("Network team")).thenReturn(Optional.of("network"));
    when(people.groupNamed("Service desk")).thenReturn(Optional.of("service-desk"));
    List<TimelineEntry> entries = List.of(entry("Assigned to network"), entry("OLA breached by Network team"),
        entry("Assigned to facilities"));

    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly("Zugewiesen an Netzwerkteam",
        "OLA verletzt durch Netzwerkteam", "Zugewiesen an Facilities");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text).containsExactly("Assigned to Network team",
        "OLA breached by Network team", "Assigned to Facilities");
    assertThat(texts.reader("de", "notifications").apply("INC-000042 breached its response SLA (assigned to Service desk)"))
        .isEqualTo("INC-000042 hat sein Reaktions-SLA verletzt (zugewiesen: Service-Desk)");
  }

  /** A date in a notification or an entry reads as the reader's language writes dates; English keeps it as written. */
  @Test
  void aDateReadsAsTheReadersLanguageWritesDates() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree("""
        {"timeline": {"OLA warning for {group}: due {due}": "OLA-Warnung für {group}: fällig {due}"},
         "notifications": {
           "{number} ({title}) is due {due}": "{number} ({title}) ist fällig: {due}",
           "{employee} starts on {date} and {number} is not finished yet.":
             "{employee} fängt am {date} an, und {number} ist noch nicht erledigt."}}"""));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNamed("Facilities")).thenReturn(Optional.of("facilities"));
    when(people.groupNameOf("facilities")).thenReturn(Optional.of("Facilities"));

    var notifications = texts.reader("de", "notifications");
    assertThat(notifications.apply("REQ-000007 (New laptop) is due Fri 11 Dec 2026, 17:00 CET"))
        .isEqualTo("REQ-000007 (New laptop) ist fällig: 11.12.2026, 17:00 MEZ");
    assertThat(notifications.apply("Erik Ek starts on 2026-12-10 and REQ-000008 is not finished yet."))
        .isEqualTo("Erik Ek fängt am 10.12.2026 an, und REQ-000008 ist noch nicht erledigt.");
    List<TimelineEntry> entries = List.of(entry("OLA warning for Facilities: due Fri 3 Jul 2026, 09:05 CEST"));
    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text)
        .containsExactly("OLA-Warnung für Facilities: fällig 03.07.2026, 09:05 MESZ");
    assertThat(texts.in("en", entries)).extracting(TimelineEntry::text)
        .containsExactly("OLA warning for Facilities: due Fri 3 Jul 2026, 09:05 CEST");
    assertThat(texts.reader("en", "notifications").apply("REQ-000007 (New laptop) is due Fri 11 Dec 2026, 17:00 CET"))
        .isEqualTo("REQ-000007 (New laptop) is due Fri 11 Dec 2026, 17:00 CET");
  }

  /**
   * The clocks' entries FlowDesk writes itself (not a model's texts): each SLA clock's warning and breach and a
   * group's OLA read in German from the project's own words file, the date in the German way.
   */
  @Test
  void theClocksOwnEntriesReadInGerman() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(languages.available()).thenReturn(List.of(new Languages.Language("de", "Deutsch")));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNamed(anyString())).thenReturn(Optional.empty());

    List<TimelineEntry> entries = List.of(entry("Response SLA warning: due Fri 11 Dec 2026, 17:00 CET"),
        entry("Resolution SLA warning: due Fri 11 Dec 2026, 17:00 CET"), entry("Response SLA breached"),
        entry("Resolution SLA breached"), entry("OLA warning for Network team: due Fri 11 Dec 2026, 17:00 CET"),
        entry("OLA breached by Network team"));
    assertThat(texts.in("de", entries)).extracting(TimelineEntry::text).containsExactly(
        "Warnung zum Reaktions-SLA: fällig 11.12.2026, 17:00 MEZ", "Warnung zum Lösungs-SLA: fällig 11.12.2026, 17:00 MEZ",
        "Reaktions-SLA verletzt", "Lösungs-SLA verletzt", "OLA-Warnung für Network team: fällig 11.12.2026, 17:00 MEZ",
        "OLA verletzt durch Network team");
  }

  /**
   * What the models write on a ticket's timeline themselves: each step's status note, each closing's reason, each
   * escalated change approval's reason, and the change steps' own entries, read in German from the project's words
   * file, nothing of the English left.
   */
  @Test
  void everyStatusNoteAndReasonOfTheModelsReadsInGerman() throws Exception {
    when(languages.bundle("de")).thenReturn(new ObjectMapper().readTree(Path.of("i18n/de.json").toFile()));
    when(people.nameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNameOf(anyString())).thenReturn(Optional.empty());
    when(people.groupNamed(anyString())).thenReturn(Optional.empty());
    java.util.Map<String, String> written = java.util.Map.of("statusNote", "", "closeReason", "Closed: ",
        "reason", "Escalated to the change manager: ");
    java.util.regex.Pattern input = java.util.regex.Pattern.compile(
        "name=\"(statusNote|closeReason|reason)\">([^<$]+)<");
    List<String> english = new java.util.ArrayList<>();
    try (java.util.stream.Stream<Path> processes = java.nio.file.Files.list(Path.of("processes"))) {
      for (Path file : processes.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        java.util.regex.Matcher found = input.matcher(java.nio.file.Files.readString(file));
        while (found.find()) {
          english.add(written.get(found.group(1)) + found.group(2));
        }
      }
    }
    // What the change steps write themselves (ChangePlans, ChangeDelegates).
    english.addAll(List.of("Risk rated medium", "No conflicts before approval with approved changes or blackout windows",
        "No conflicts before implementation with approved changes or blackout windows"));
    assertThat(english).hasSizeGreaterThan(15);

    List<TimelineEntry> shown = texts.in("de", english.stream().map(TimelineTextsTest::entry).toList());

    List<String> untranslated = new java.util.ArrayList<>();
    for (int i = 0; i < english.size(); i++) {
      String text = shown.get(i).text();
      String words = english.get(i).substring(english.get(i).indexOf(": ") + 1).strip();
      if (text.equals(english.get(i)) || text.contains(words)) {
        untranslated.add(english.get(i) + " → " + text);
      }
    }
    assertThat(untranslated).as("timeline texts of the models without German in i18n/de.json's \"timeline\"").isEmpty();
    assertThat(texts.in("de", List.of(entry("Risk rated medium")))).extracting(TimelineEntry::text)
        .containsExactly("Risiko bewertet: mittel");
  }
}
