package org.flowdesk.ticket;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
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
 * placeholders that hold a person or a group show their names, in English too.
 */
@Component
public class TimelineTexts {

  /** Kinds whose text is what a person wrote. */
  private static final Set<String> PEOPLES_WORDS = Set.of("comment", "information_requested", "information_provided");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  /** Placeholders that hold a user id, and those that hold a group id (or, "Assigned to {to}", a user's). */
  private static final Set<String> PEOPLE = Set.of("user", "by", "enteredBy", "requester");
  private static final Set<String> GROUPS = Set.of("group", "from", "to");

  private final Languages languages;
  private final People people;
  private final Map<String, Compiled> patterns = new ConcurrentHashMap<>();

  TimelineTexts(Languages languages, People people) {
    this.languages = languages;
    this.people = people;
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
    Set<String> texts = words != null ? fieldNames(words) : englishTexts();
    Map<String, String> names = new HashMap<>();
    JsonNode translations = words;
    return entries.stream().map(entry -> PEOPLES_WORDS.contains(entry.kind()) || entry.text() == null ? entry
        : new TimelineEntry(entry.id(), entry.ticketNumber(), entry.at(), entry.actor(), entry.kind(), entry.internal(),
            shown(entry.text(), texts, translations, names), entry.minutes())).toList();
  }

  /** The English texts the languages on offer translate: the timeline's texts with their placeholders. */
  private Set<String> englishTexts() {
    Set<String> texts = new LinkedHashSet<>();
    for (Languages.Language language : languages.available()) {
      if (!Languages.MODELS_LANGUAGE.equals(language.code())) {
        texts.addAll(fieldNames(languages.bundle(language.code()).path("timeline")));
      }
    }
    return texts;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The text in the words' language (English when there are none), people and groups by name. */
  private String shown(String text, Set<String> texts, JsonNode words, Map<String, String> names) {
    JsonNode whole = words == null ? null : words.get(text);
    if (whole != null && whole.isTextual()) {
      return whole.asText();
    }
    for (String english : texts) {
      if (!PLACEHOLDER.matcher(english).find()) {
        continue;
      }
      Compiled compiled = pattern(english);
      if (compiled.pattern() == null) {
        continue;
      }
      Matcher match = compiled.pattern().matcher(text);
      if (!match.matches()) {
        continue;
      }
      JsonNode translated = words == null ? null : words.get(english);
      String template = translated != null && translated.isTextual() ? translated.asText() : english;
      Matcher placeholder = PLACEHOLDER.matcher(template);
      StringBuilder out = new StringBuilder();
      while (placeholder.find()) {
        String name = placeholder.group(1);
        String value = group(match, compiled, name);
        String shown = value == null ? placeholder.group() : shownValue(name, value, words, names);
        placeholder.appendReplacement(out, Matcher.quoteReplacement(shown));
      }
      placeholder.appendTail(out);
      return out.toString();
    }
    return text;
  }

  /** A person's or a group's name for the placeholders that name them; a reason in the language for the others. */
  private String shownValue(String placeholder, String value, JsonNode words, Map<String, String> names) {
    if (PEOPLE.contains(placeholder)) {
      return names.computeIfAbsent("user:" + value, key -> people.nameOf(value).orElse(value));
    }
    if (GROUPS.contains(placeholder)) {
      // "Assigned to {to}" names a group, or (the model's assignment) a person.
      return names.computeIfAbsent("group:" + value, key -> people.groupNameOf(value)
          .or(() -> people.nameOf(value)).orElse(value));
    }
    JsonNode valueWords = words == null ? null : words.get(value);
    return valueWords != null && valueWords.isTextual() ? valueWords.asText() : value;
  }

  private static String group(Matcher match, Compiled compiled, String name) {
    int index = compiled.names().indexOf(name);
    // -1: the translation names a placeholder the English text has not.
    return index < 0 ? null : match.group(index + 1);
  }

  /** A timeline text as a pattern, with its placeholders' names in order (the groups 1, 2, …); NONE never matches. */
  private record Compiled(Pattern pattern, List<String> names) {
  }

  private static final Compiled NONE = new Compiled(null, List.of());
  /** The most placeholders a text may have: each costs the match a search through the entry's text. */
  static final int MOST_PLACEHOLDERS = 6;

  /**
   * "Taken on by {user}" → ^\QTaken on by \E(.*?)$, whole texts only, over lines. A text whose placeholders follow
   * each other without a word between them, or that has more than {@link #MOST_PLACEHOLDERS}, is never matched:
   * its entries could be read more than one way, and trying all of them takes long (the words files are a
   * designer's to write, in the workbench too).
   */
  private Compiled pattern(String english) {
    return patterns.computeIfAbsent(english, key -> {
      StringBuilder regex = new StringBuilder();
      List<String> names = new java.util.ArrayList<>();
      Matcher placeholder = PLACEHOLDER.matcher(key);
      int at = 0;
      while (placeholder.find()) {
        if ((!names.isEmpty() && placeholder.start() == at) || names.size() == MOST_PLACEHOLDERS) {
          return NONE;
        }
        regex.append(Pattern.quote(key.substring(at, placeholder.start()))).append("(.*?)");
        names.add(placeholder.group(1));
        at = placeholder.end();
      }
      regex.append(Pattern.quote(key.substring(at)));
      return new Compiled(Pattern.compile(regex.toString(), Pattern.DOTALL), List.copyOf(names));
    });
  }
}
