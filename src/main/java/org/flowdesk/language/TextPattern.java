package org.flowdesk.language;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An English text of a words file with {placeholders}, as FlowDesk matches the texts it wrote against it (the
 * timeline's entries, the API's refusals): the literal parts around the placeholders, one more part than names.
 * "Taken on by {user}" is the parts "Taken on by " and "", and the name user. A text whose placeholders follow each
 * other without a word between them, that names one twice, or that has more than {@link #MOST_PLACEHOLDERS} never
 * matches: its texts could be read more than one way (the words files' check refuses such texts).
 */
public final class TextPattern {

  public static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  /** The most placeholders a text may have. */
  public static final int MOST_PLACEHOLDERS = 6;
  private static final TextPattern NONE = new TextPattern(List.of(), List.of());

  private final List<String> parts;
  private final List<String> names;

  private TextPattern(List<String> parts, List<String> names) {
    this.parts = parts;
    this.names = names;
  }

  /** The text's pattern; one that never matches for a text without placeholders or one that could be misread. */
  public static TextPattern of(String english) {
    List<String> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Matcher placeholder = PLACEHOLDER.matcher(english);
    int at = 0;
    while (placeholder.find()) {
      if ((!names.isEmpty() && placeholder.start() == at) || names.size() == MOST_PLACEHOLDERS
          || names.contains(placeholder.group(1))) {
        return NONE;
      }
      parts.add(english.substring(at, placeholder.start()));
      names.add(placeholder.group(1));
      at = placeholder.end();
    }
    if (names.isEmpty()) {
      return NONE;
    }
    parts.add(english.substring(at));
    return new TextPattern(List.copyOf(parts), List.copyOf(names));
  }

  /** The placeholders' names, in the order they stand. */
  public List<String> names() {
    return names;
  }

  /**
   * The placeholders' values when the text is this text with values in its placeholders, else null. Each value is
   * as short as it can be: the parts are found left to right (indexOf), which finds a reading whenever there is
   * one, in time linear in the text's length (a regular expression with a lazy group per placeholder took seconds
   * on a long text that did not match).
   */
  public List<String> match(String text) {
    if (parts.isEmpty() || !text.startsWith(parts.get(0))) {
      return null;
    }
    List<String> values = new ArrayList<>(names.size());
    int at = parts.get(0).length();
    for (int i = 1; i < parts.size() - 1; i++) {
      int found = text.indexOf(parts.get(i), at);
      if (found < 0) {
        return null;
      }
      values.add(text.substring(at, found));
      at = found + parts.get(i).length();
    }
    String last = parts.get(parts.size() - 1);
    if (!text.endsWith(last) || text.length() - last.length() < at) {
      return null;
    }
    values.add(text.substring(at, text.length() - last.length()));
    return values;
  }

  /**
   * The texts the most specific first, those with more words of their own before those with fewer. "mark no longer
   * watches this ticket" is also "{user} watches this ticket" with the user "mark no longer"; "{user} no longer
   * watches this ticket" is the reading meant, whichever comes first in the words file.
   */
  public static Set<String> specificFirst(Set<String> texts) {
    List<String> ordered = new ArrayList<>(texts);
    ordered.sort(Comparator.comparingInt((String text) -> PLACEHOLDER.matcher(text).replaceAll("").length())
        .reversed());
    return new LinkedHashSet<>(ordered);
  }

  /**
   * What is wrong with an English text and its translation for matching, or null: its placeholders need words
   * between them, each once, at most {@link #MOST_PLACEHOLDERS}, and the translation may only use the English
   * text's.
   */
  public static String problem(String english, String translation) {
    List<String> names = new ArrayList<>();
    Matcher placeholder = PLACEHOLDER.matcher(english);
    int end = -1;
    while (placeholder.find()) {
      if (placeholder.start() == end) {
        return "\"" + english + "\": two placeholders need a word between them";
      }
      if (names.contains(placeholder.group(1))) {
        return "\"" + english + "\" names {" + placeholder.group(1) + "} twice";
      }
      names.add(placeholder.group(1));
      end = placeholder.end();
    }
    if (names.size() > MOST_PLACEHOLDERS) {
      return "\"" + english + "\" has " + names.size() + " placeholders, at most " + MOST_PLACEHOLDERS;
    }
    Matcher used = PLACEHOLDER.matcher(translation);
    while (used.find()) {
      if (!names.contains(used.group(1))) {
        return "\"" + translation + "\" uses {" + used.group(1) + "}, which \"" + english + "\" does not have";
      }
    }
    return null;
  }
}
