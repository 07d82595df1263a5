package org.flowdesk.language;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The texts of words-file sections read as patterns (the timeline's, the notifications', the API's refusals): each
 * text compiled once, and a section's texts put in order, the most specific first, once per reading of its file
 * ({@link Languages} reads a file again only when it changed), not at every text read.
 */
public final class TextPatterns {

  private final Map<String, TextPattern> compiled = new ConcurrentHashMap<>();
  private final Map<String, Sorted> sorted = new ConcurrentHashMap<>();

  /** Texts most specific first, and the sections they come from, as read. */
  private record Sorted(List<JsonNode> from, Set<String> texts) {

    /** Whether these are the sections read now (the same objects). */
    boolean readFrom(List<JsonNode> sections) {
      if (sections.size() != from.size()) {
        return false;
      }
      for (int i = 0; i < sections.size(); i++) {
        if (sections.get(i) != from.get(i)) {
          return false;
        }
      }
      return true;
    }
  }

  /** The text's pattern, compiled once. */
  public TextPattern pattern(String english) {
    return compiled.computeIfAbsent(english, TextPattern::of);
  }

  /**
   * The texts of the sections, most specific first ({@link TextPattern#specificFirst}), kept under {@code key} (a
   * language and section) until one of the sections is read anew.
   */
  public Set<String> specificFirst(String key, List<JsonNode> sections) {
    Sorted known = sorted.get(key);
    if (known != null && known.readFrom(sections)) {
      return known.texts();
    }
    Set<String> texts = new LinkedHashSet<>();
    sections.forEach(section -> section.fieldNames().forEachRemaining(texts::add));
    Sorted now = new Sorted(List.copyOf(sections), Collections.unmodifiableSet(TextPattern.specificFirst(texts)));
    sorted.put(key, now);
    return now.texts();
  }
}
