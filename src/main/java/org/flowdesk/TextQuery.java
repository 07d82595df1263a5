package org.flowdesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person typed into a search box, read as PostgreSQL's {@code websearch_to_tsquery} reads it:
 * words (all must match), {@code "quoted phrases"}, {@code -excluded} words and {@code or} between
 * words or phrases (either will do): {@link #groups} holds the alternatives of each part that must
 * match. On PostgreSQL the text itself goes to {@code websearch_to_tsquery}; on H2 the parts here
 * become case-insensitive substring conditions ({@link #likePattern}).
 */
public record TextQuery(String text, List<List<String>> groups, List<String> excluded, boolean hasPhrase) {

  /** The longest query FlowDesk searches for. */
  public static final int MAX_LENGTH = 200;

  /**
   * Around a matched word in a marked title or excerpt: control characters, which FlowDesk's texts
   * never contain, so that no text can fake a mark (the API hands out the parts, not markup).
   */
  public static final char MARK_START = '\u0001';
  public static final char MARK_END = '\u0002';
  /** ts_headline's options for a title: every match marked, the whole title. */
  public static final String TITLE_HEADLINE = "StartSel=\"\u0001\", StopSel=\"\u0002\", HighlightAll=true";
  /** ts_headline's options for an excerpt: up to two fragments of some 25 words around matches. */
  public static final String EXCERPT_HEADLINE = "StartSel=\"\u0001\", StopSel=\"\u0002\", MaxWords=25, "
      + "MinWords=8, MaxFragments=2, FragmentDelimiter=\" … \"";
  private static final int EXCERPT_LENGTH = 200;

  private static final Pattern TOKEN = Pattern.compile("(-?)\"([^\"]*)\"?|(-?)([^\\s\"]+)");

  public static TextQuery parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    List<List<String>> groups = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    boolean phrase = false;
    boolean or = false;
    Matcher m = TOKEN.matcher(trimmed);
    while (m.find()) {
      boolean minus = !(m.group(1) == null ? m.group(3) : m.group(1)).isEmpty();
      boolean quoted = m.group(2) != null;
      String words = (quoted ? m.group(2) : m.group(4)).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
      // Punctuation around a word is not part of it ("printer," finds "printer").
      words = quoted ? words : words.replaceAll("^\\p{Punct}+|\\p{Punct}+$", "");
      if (!quoted && !minus && words.equals("or")) {
        or = !groups.isEmpty();
        continue;
      }
      if (words.isEmpty()) {
        continue;
      }
      phrase |= quoted;
      if (minus) {
        excluded.add(words);
      } else if (or) {
        groups.get(groups.size() - 1).add(words);
      } else {
        groups.add(new ArrayList<>(List.of(words)));
      }
      or = false;
    }
    return new TextQuery(trimmed, groups.stream().map(List::copyOf).toList(), List.copyOf(excluded), phrase);
  }

  /** Every word or phrase looked for, alternatives included. */
  public List<String> included() {
    return groups.stream().flatMap(List::stream).toList();
  }

  /** Nothing to look for: no word that must be there (a query of exclusions alone finds nothing). */
  public boolean isEmpty() {
    return groups.isEmpty();
  }

  /** A few plain words: worth a typo-tolerant second try when they found nothing. */
  public boolean isShort() {
    return !hasPhrase && excluded.isEmpty() && !groups.isEmpty() && included().size() <= 3
        && groups.stream().allMatch(group -> group.size() == 1);
  }

  /** The text as a ticket number, for a person who typed one ("inc-000042"). */
  public String asTicketNumber() {
    return text.toUpperCase(Locale.ROOT);
  }

  /** The same query with some of its words replaced (the typo-tolerant second try). */
  public TextQuery withWords(List<String> words) {
    return parse(String.join(" ", words));
  }

  /** The text with every included word or phrase marked (case-insensitive, as H2 matched it). */
  public String mark(String value) {
    if (value == null) {
      return "";
    }
    String lower = value.toLowerCase(Locale.ROOT);
    boolean[] marked = new boolean[value.length()];
    for (String words : included()) {
      for (int at = lower.indexOf(words); at >= 0 && !words.isEmpty(); at = lower.indexOf(words, at + words.length())) {
        java.util.Arrays.fill(marked, at, Math.min(value.length(), at + words.length()), true);
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      if (marked[i] && (i == 0 || !marked[i - 1])) {
        out.append(MARK_START);
      }
      out.append(value.charAt(i));
      if (marked[i] && (i == value.length() - 1 || !marked[i + 1])) {
        out.append(MARK_END);
      }
    }
    return out.toString();
  }

  /** Some 200 characters of the text around its first match (its start without one), matches marked. */
  public String excerpt(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String lower = value.toLowerCase(Locale.ROOT);
    int first = included().stream().mapToInt(lower::indexOf).filter(i -> i >= 0).min().orElse(0);
    int from = Math.max(0, first - EXCERPT_LENGTH / 4);
    int to = Math.min(value.length(), from + EXCERPT_LENGTH);
    return (from > 0 ? "… " : "") + mark(value.substring(from, to)) + (to < value.length() ? " …" : "");
  }

  /** A LIKE pattern (with escape character {@code \}) that finds the words anywhere in lower-cased text. */
  public static String likePattern(String words) {
    return "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  /** PostgreSQL's text-search configuration for a language (its stemming); {@code simple} for others. */
  public static String textSearchConfig(String language) {
    return switch (language == null ? "" : language) {
      case "en" -> "english";
      case "de" -> "german";
      default -> "simple";
    };
  }
}
