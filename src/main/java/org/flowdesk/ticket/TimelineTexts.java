package org.flowdesk.ticket;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowdesk.catalog.Catalog;
import org.flowdesk.catalog.Portfolio;
import org.flowdesk.identity.People;
import org.flowdesk.language.Dates;
import org.flowdesk.language.Languages;
import org.flowdesk.language.Sizes;
import org.flowdesk.language.TextPattern;
import org.flowdesk.language.TextPatterns;
import org.flowdesk.models.DeployedForms;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.Vocabulary;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The timeline's own words in the reader's language. FlowDesk writes them in the models' language
 * (English: "Taken on by nina", "Closed: the requester confirmed the resolution"); {@code i18n/<code>.json}
 * has a section {@code timeline} of English texts with {placeholders} and their translations
 * ({@code "Taken on by {user}": "Übernommen von {user}"}). An entry FlowDesk wrote whose text is one of
 * them is shown translated, each placeholder's value translated too when the section has it (the reasons
 * the models give). What people wrote — comments, questions, answers — is never translated, nor is a text
 * the section does not know; so entries written before a translation existed read translated as well. The
 * placeholders that hold a person or a group show their names, in English too (a group's as the section {@code
 * groups} words it, by the group's id); a file's size ({size}) is written
 * with the language's numbers and its unit as its {@code sizes} section words it ("7 Bytes", "2,5 MB"), as in mails, and
 * a date ({due}, {date}) as the language writes dates ("11.12.2026, 17:00 MEZ", in the zone the text names).
 */
@Component
public class TimelineTexts {

  /** Kinds whose text is what a person wrote. */
  private static final Set<String> PEOPLES_WORDS = Set.of("comment", "information_requested", "information_provided");

  /**
   * Placeholders that hold a user id, and those that hold a group (by id; or by the name the models wrote, "OLA
   * breached by {group}", "{team} will take it on"; or, "Assigned to {to}", a user's id).
   */
  private static final Set<String> PEOPLE = Set.of("user", "by", "enteredBy", "requester");
  private static final Set<String> GROUPS = Set.of("group", "from", "to", "team");
  /**
   * Placeholders that hold a code the models or FlowDesk write (a resolution code, an approval's step, a change's
   * type and risk, how two tickets are linked): translated as words.
   */
  private static final Set<String> CODES = Set.of("code", "step", "changeType", "risk", "relation", "decision",
      "approvers");
  /**
   * Placeholders that hold a step's name as its model writes it ("Manager approves", "Work incident"): translated by
   * the {@code steps} section when the text's own section has no word for it, as the portal's cards translate them.
   */
  private static final Set<String> STEPS = Set.of("step");
  /**
   * Placeholders that hold a date as FlowDesk writes it: an instant ("Fri 11 Dec 2026, 17:00 CET": when an SLA is
   * due, when a change's window starts and ends), a day ("2026-12-10": an employee's first day).
   */
  private static final Set<String> DATES = Set.of("due", "date", "start", "end");
  /**
   * Placeholders that hold a catalog entry by the catalog's name for it, and the entry's section: a change template
   * ("from the template Printer firmware update"), a service and a blackout window (a change's conflicts, "Blackout
   * window \"Holiday change freeze\" from …"), named as the language's catalog words name them ({@code catalog/i18n}).
   */
  private static final Map<String, String> CATALOG_ENTRIES = Map.of("template", "changeTemplates",
      "service", "services", "blackout", "blackoutWindows");
  /**
   * Placeholders that hold a status as the models label it ("Scheduled"): read by the language's {@code statuses}
   * section, by the status's code.
   */
  private static final Set<String> STATUSES = Set.of("status");
  /** Placeholders that hold a file's size as FlowDesk writes it ("7 bytes", "48 kB", "2.5 MB"). */
  private static final Set<String> SIZES = Set.of("size");
  /** Placeholders that hold an amount as a model writes a number ("250.0"): shown with cents, "250.00", "250,00". */
  private static final Set<String> AMOUNTS = Set.of("price");
  private static final Pattern AMOUNT = Pattern.compile("(.*?)(-?\\d+(?:\\.\\d+)?)");
  /** Remembered for an id the directory does not know (not a name anyone has). */
  private static final String UNKNOWN = "\u0000";

  private final Languages languages;
  private final People people;
  private final Catalog catalog;
  private final DeployedVocabulary vocabulary;
  /** The timeline's and notifications' texts as patterns, sorted once per words file read. */
  private final TextPatterns patterns = new TextPatterns();

  private final org.springframework.beans.factory.ObjectProvider<DeployedForms> forms;

  TimelineTexts(Languages languages, People people, Catalog catalog, DeployedVocabulary vocabulary,
      org.springframework.beans.factory.ObjectProvider<DeployedForms> forms) {
    this.languages = languages;
    this.people = people;
    this.catalog = catalog;
    this.vocabulary = vocabulary;
    this.forms = forms;
  }

  /** How a step's record begins (recordFulfilmentStep): "Receive the device REQ-000042: done". */
  private static final String STEP_DONE = ": done";

  /** A form field's words in a language: its label, and its options' labels by their English ones. */
  private record FieldWords(String label, Map<String, String> options) {
  }

  /**
   * A line of a step's record, "What becomes of the device: Retire it" (a task form's field and its answer, as
   * recordFulfilmentStep writes them), with the field's label and a choice's label in the language, as the form's
   * words ({@code forms/i18n/<form>.<code>.json}) give them; what the fulfiller typed stays as typed. The field is
   * known by its English label among the forms in force (the first form to have it, by id); a line of no field's
   * label is as it was.
   */
  private String formLine(String line, String code, Map<String, FieldWords> fields) {
    int colon = line.indexOf(": ");
    FieldWords field = colon <= 0 ? null : fields.get(line.substring(0, colon));
    if (field == null) {
      return line;
    }
    String answer = line.substring(colon + 2);
    JsonNode portal = languages.bundle(code).path("portal");
    String yesOrNo = ("Yes".equals(answer) || "No".equals(answer)) && portal.path(answer).isTextual()
        ? portal.path(answer).asText() : null;
    return field.label() + ": "
        + (yesOrNo != null ? yesOrNo : field.options().getOrDefault(answer, answer));
  }

  /**
   * Every field of the forms in force that the language words, by its English label: each form put into the
   * language as a form's page and a request's answers are ({@link Languages#form}, as {@link ItemAnswerWords} reads
   * them), the first form by id giving a label both have.
   */
  private Map<String, FieldWords> fieldWords(String code) {
    DeployedForms deployed = forms.getIfAvailable();
    Map<String, FieldWords> fields = new HashMap<>();
    if (deployed == null) {
      return fields;
    }
    deployed.all().forEach((formId, form) -> {
      JsonNode translated = form.json() == null ? null : languages.form(form.json(), code);
      if (translated == null || translated == form.json()) {
        return;
      }
      FormSchema english = form.schema();
      FormSchema words = FormSchema.of(translated);
      for (String key : english.keys()) {
        Map<String, String> options = new HashMap<>();
        english.options(key).forEach(value -> english.optionLabel(key, value).ifPresent(label ->
            words.optionLabel(key, value).ifPresent(word -> options.put(label, word))));
        fields.putIfAbsent(english.label(key), new FieldWords(words.label(key), options));
      }
    });
    return fields;
  }

  /**
   * The entries with FlowDesk's words in the language (as written for English or a language without them), and
   * the people and groups they name by their names: "Taken on by Nina Novak", "Reassigned from Service desk to
   * Network team", in every language.
   */
  public List<TimelineEntry> in(String language, List<TimelineEntry> entries) {
    JsonNode words = Languages.MODELS_LANGUAGE.equals(language) ? null : languages.bundle(language).path("timeline");
    if (words != null && (!words.isObject() || words.isEmpty())) {
      words = null;
    }
    Set<String> texts = words != null ? patterns.specificFirst(language, List.of(words))
        : patterns.specificFirst("", englishSections());
    // Groups are named in the language the text reads in.
    Names names = new Names(words == null ? Languages.MODELS_LANGUAGE : language);
    JsonNode translations = words;
    // Numbers as the language writes them (2,5 MB in German); in English where the texts stay English.
    Locale locale = words == null ? Locale.ENGLISH : Locale.forLanguageTag(language);
    return entries.stream().map(entry -> PEOPLES_WORDS.contains(entry.kind()) || entry.text() == null ? entry
        : new TimelineEntry(entry.id(), entry.ticketNumber(), entry.at(), entry.actor(), entry.kind(), entry.internal(),
            shown(entry.text(), texts, translations, names, locale), entry.minutes())).toList();
  }

  /**
   * Reads texts FlowDesk wrote in the models' language in another, by a section of {@code i18n/<code>.json} that
   * words them as the timeline section words its entries ({@code notifications}: "{number}, which you watch, was
   * approved." → "{number}, das Sie beobachten, wurde genehmigt."); a text the section does not read stays as
   * written, and so does every text in English or in a language without the section.
   */
  public UnaryOperator<String> reader(String language, String section) {
    JsonNode words = Languages.MODELS_LANGUAGE.equals(language) ? null : languages.bundle(language).path(section);
    if (words == null || !words.isObject() || words.isEmpty()) {
      return UnaryOperator.identity();
    }
    Set<String> texts = patterns.specificFirst(language + "/" + section, List.of(words));
    Names names = new Names(language);
    Locale locale = Locale.forLanguageTag(language);
    return text -> text == null ? null : shown(text, texts, words, names, locale);
  }

  /**
   * The English texts the languages on offer translate (their timeline sections' texts, with their placeholders):
   * the sections of the words files in force.
   */
  private List<JsonNode> englishSections() {
    List<JsonNode> sections = new java.util.ArrayList<>();
    for (Languages.Language language : languages.available()) {
      if (!Languages.MODELS_LANGUAGE.equals(language.code())) {
        JsonNode section = languages.bundle(language.code()).path("timeline");
        if (section.isObject() && !section.isEmpty()) {
          sections.add(section);
        }
      }
    }
    return sections;
  }

  /**
   * The text in the words' language (English when there are none), people and groups by name. Of the texts that
   * read the entry, the first (most specific) whose people and groups the directory knows; else the first.
   */
  private String shown(String text, Set<String> texts, JsonNode words, Names names, Locale locale) {
    JsonNode whole = words == null ? null : words.get(text);
    if (whole != null && whole.isTextual()) {
      return whole.asText();
    }
    String first = null;
    List<String> firstValues = null;
    for (String english : texts) {
      if (!TextPattern.PLACEHOLDER.matcher(english).find()) {
        continue;
      }
      TextPattern compiled = pattern(english);
      List<String> values = compiled.match(text);
      // A text that begins with a placeholder ("{change} … changes {service} …") reads no earlier lines into it: such
      // an entry is read line by line (below).
      if (values == null
          || (TextPattern.PLACEHOLDER.matcher(english).lookingAt() && values.get(0).indexOf('\n') >= 0)) {
        continue;
      }
      if (namesKnown(compiled, values, names)) {
        return filledIn(english, compiled, values, words, names, locale);
      }
      if (first == null) {
        first = english;
        firstValues = values;
      }
    }
    if (first != null) {
      return filledIn(first, pattern(first), firstValues, words, names, locale);
    }
    // An entry of several lines that no text reads as a whole (a change's conflicts: "Conflict before approval:" and
    // one line per conflict) is read line by line.
    if (text.indexOf('\n') >= 0) {
      java.util.StringJoiner lines = new java.util.StringJoiner("\n");
      // A step's record ("Receive the device: done", then its form's answers) reads its answers by the form's words,
      // gathered once for all the entries read together; the lines of any other entry (notes someone typed) do not.
      String[] all = text.split("\n", -1);
      boolean stepRecord = all[0].endsWith(STEP_DONE);
      for (int i = 0; i < all.length; i++) {
        String line = all[i];
        String shown = line.isEmpty() ? line : shown(line, texts, words, names, locale);
        if (stepRecord && i > 0 && words != null && shown.equals(line) && line.indexOf(": ") > 0) {
          shown = formLine(line, locale.getLanguage(),
              names.fields().computeIfAbsent(locale.getLanguage(), this::fieldWords));
        }
        lines.add(shown);
      }
      return lines.toString();
    }
    return text;
  }

  /**
   * Whether the reading's people and groups are ones the directory knows: "Assigned to network: requested by the CAB"
   * is "Assigned to {to}: {reason}", not "Assigned to {user} by {by}" with the user "network: requested".
   */
  private boolean namesKnown(TextPattern compiled, List<String> values, Names names) {
    for (int i = 0; i < values.size(); i++) {
      String name = compiled.names().get(i);
      String value = values.get(i);
      if ((PEOPLE.contains(name) || GROUPS.contains(name)) && nameOf(name, value, names) == null) {
        return false;
      }
    }
    return true;
  }

  private String filledIn(String english, TextPattern compiled, List<String> values, JsonNode words,
      Names names, Locale locale) {
    JsonNode translated = words == null ? null : words.get(english);
    String template = translated != null && translated.isTextual() ? translated.asText() : english;
    Matcher placeholder = TextPattern.PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      int index = compiled.names().indexOf(name);
      // -1: the translation names a placeholder the English text has not.
      String value = index < 0 ? null : values.get(index);
      String shown = value == null ? placeholder.group() : shownValue(name, value, words, names, locale);
      placeholder.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /**
   * The catalog entry of the section that the catalog names so in English, by the language's name for it; as written
   * when none.
   */
  private String catalogNameIn(String section, String englishName, String language) {
    Portfolio portfolio = catalog.portfolio();
    if (portfolio == null) {
      return englishName;
    }
    java.util.stream.Stream<Map.Entry<String, String>> idsAndNames = switch (section) {
      case "changeTemplates" -> entries(portfolio.changeTemplates(), t -> Map.entry(t.id(), t.name()));
      case "services" -> entries(portfolio.services(), v -> Map.entry(v.id(), v.name()));
      default -> entries(portfolio.blackoutWindows(), b -> Map.entry(b.id(), b.name()));
    };
    return idsAndNames.filter(entry -> englishName.equals(entry.getValue())).findFirst()
        .map(entry -> languages.catalog(language).name(section, entry.getKey(), englishName)).orElse(englishName);
  }

  private static <T> java.util.stream.Stream<Map.Entry<String, String>> entries(List<T> entries,
      java.util.function.Function<T, Map.Entry<String, String>> idAndName) {
    return entries == null ? java.util.stream.Stream.empty() : entries.stream().map(idAndName);
  }

  /** A status by the label the models give it, as the language's {@code statuses} section words its code. */
  private String statusIn(String label, String language) {
    return vocabulary.current().statuses().stream().filter(status -> label.equals(status.label()))
        .map(Vocabulary.Status::code).findFirst()
        .map(code -> languages.bundle(language).path("statuses").path(code))
        .filter(JsonNode::isTextual).map(JsonNode::asText).orElse(label);
  }

  /**
   * A person's or a group's name for the placeholders that name them, a date, a size and an amount in the language's
   * numbers and words; a reason in the language for the others.
   */
  private String shownValue(String placeholder, String value, JsonNode words, Names names, Locale locale) {
    if (PEOPLE.contains(placeholder) || GROUPS.contains(placeholder)) {
      String name = nameOf(placeholder, value, names);
      return name == null ? value : name;
    }
    if (DATES.contains(placeholder)) {
      // In the language's own way ("11.12.2026, 17:00 MEZ"); as written where the texts stay English.
      return words == null ? value : Dates.in(value, locale);
    }
    if (CATALOG_ENTRIES.containsKey(placeholder) && words != null) {
      return catalogNameIn(CATALOG_ENTRIES.get(placeholder), value, locale.getLanguage());
    }
    if (STATUSES.contains(placeholder) && words != null) {
      return statusIn(value, locale.getLanguage());
    }
    if (SIZES.contains(placeholder)) {
      // The same sizes as everywhere else a person reads one (mails too); English where the texts stay English.
      return Sizes.in(value, locale, words == null ? null : languages.bundle(locale.getLanguage()).path("sizes"));
    }
    Matcher amount = AMOUNTS.contains(placeholder) ? AMOUNT.matcher(value) : null;
    if (amount != null && amount.matches()) {
      // In the language's numbers: "250,00 EUR", never the model's "250.0". The number ends the value: a title
      // before it with ", " in it ("27 Zoll, für Greta Graf, 250.0") leaves its rest before the number.
      java.text.NumberFormat number = java.text.NumberFormat.getNumberInstance(locale);
      number.setMinimumFractionDigits(2);
      number.setMaximumFractionDigits(2);
      return amount.group(1) + number.format(new java.math.BigDecimal(amount.group(2)));
    }
    // A word of its own ("manager", "solved") is a code the models write, translated where a code stands; a
    // title, notes or a reason people typed that happens to be such a word stays as typed. The models' reasons
    // ("the requester confirmed the resolution") are translated wherever they stand.
    boolean code = CODES.contains(placeholder) || value.contains(" ");
    JsonNode valueWords = words == null || !code ? null : words.get(value);
    if ((valueWords == null || !valueWords.isTextual()) && words != null && STEPS.contains(placeholder)) {
      valueWords = languages.bundle(locale.getLanguage()).path("steps").get(value);
    }
    return valueWords != null && valueWords.isTextual() ? valueWords.asText() : value;
  }

  /**
   * The person's or group's name, a group's in the reading's language ({@link Languages#groupName}); null when the
   * directory knows no one by that id (or group by that name); asked once per reading.
   */
  private String nameOf(String placeholder, String value, Names names) {
    String name = PEOPLE.contains(placeholder)
        ? names.known.computeIfAbsent("user:" + value, key -> people.nameOf(value).orElse(UNKNOWN))
        // "Assigned to {to}" names a group, or (the model's assignment) a person; "OLA breached by {group}" a group
        // by its name.
        : names.known.computeIfAbsent("group:" + value, key -> people.groupNameOf(value)
            .map(named -> groupName(value, named, names.language))
            .or(() -> people.nameOf(value))
            .or(() -> people.groupNamed(value).map(id -> groupName(id, value, names.language)))
            .orElse(UNKNOWN));
    return UNKNOWN.equals(name) ? null : name;
  }

  private String groupName(String groupId, String named, String language) {
    return Languages.MODELS_LANGUAGE.equals(language) ? named
        : Languages.groupName(languages.bundle(language), groupId, named);
  }

  /** The names one reading has looked up, and the language it names groups in. */
  private record Names(String language, Map<String, String> known, Map<String, Map<String, FieldWords>> fields) {

    Names(String language) {
      this(language, new HashMap<>(), new HashMap<>());
    }
  }

  private TextPattern pattern(String english) {
    return patterns.pattern(english);
  }
}
