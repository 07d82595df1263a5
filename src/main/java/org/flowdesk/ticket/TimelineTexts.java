package org.flowdesk.ticket;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * the section does not know; so entries written before a translation existed read translated as well.
 */
@Component
public class TimelineTexts {

  /** Kinds whose text is what a person wrote. */
  private static final Set<String> PEOPLES_WORDS = Set.of("comment", "information_requested", "information_provided");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private final Languages languages;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  TimelineTexts(Languages languages) {
    this.languages = languages;
  }

  /** The entries with FlowDesk's words in the language; as written for English or a language without them. */
  public List<TimelineEntry> in(String language, List<TimelineEntry> entries) {
    if (Languages.MODELS_LANGUAGE.equals(language)) {
      return entries;
    }
    JsonNode words = languages.bundle(language).path("timeline");
    if (!words.isObject() || words.isEmpty()) {
      return entries;
    }
    return entries.stream().map(entry -> PEOPLES_WORDS.contains(entry.kind()) || entry.text() == null ? entry
        : new TimelineEntry(entry.id(), entry.ticketNumber(), entry.at(), entry.actor(), entry.kind(), entry.internal(),
            translated(entry.text(), words), entry.minutes())).toList();
  }

  private String translated(String text, JsonNode words) {
    JsonNode whole = words.get(text);
    if (whole != null && whole.isTextual()) {
      return whole.asText();
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = words.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> word = it.next();
      if (!word.getValue().isTextual() || !PLACEHOLDER.matcher(word.getKey()).find()) {
        continue;
      }
      Matcher match = pattern(word.getKey()).matcher(text);
      if (match.matches()) {
        Matcher placeholder = PLACEHOLDER.matcher(word.getValue().asText());
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
          String value = group(match, placeholder.group(1));
          JsonNode valueWords = value == null ? null : words.get(value);
          String shown = value == null ? placeholder.group()
              : valueWords != null && valueWords.isTextual() ? valueWords.asText() : value;
          placeholder.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        placeholder.appendTail(out);
        return out.toString();
      }
    }
    return text;
  }

  private static String group(Matcher match, String name) {
    try {
      return match.group(name);
    } catch (IllegalArgumentException e) {
      return null; // the translation names a placeholder the English text has not
    }
  }

  /** "Taken on by {user}" → ^\QTaken on by \E(?<user>.*?)$, whole texts only, over lines. */
  private Pattern pattern(String english) {
    return patterns.computeIfAbsent(english, key -> {
      StringBuilder regex = new StringBuilder();
      Matcher placeholder = PLACEHOLDER.matcher(key);
      int at = 0;
      while (placeholder.find()) {
        regex.append(Pattern.quote(key.substring(at, placeholder.start())))
            .append("(?<").append(placeholder.group(1)).append(">.*?)");
        at = placeholder.end();
      }
      regex.append(Pattern.quote(key.substring(at)));
      return Pattern.compile(regex.toString(), Pattern.DOTALL);
    });
  }
}
