package org.flowdesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person typed into a search box, read as PostgreSQL's {@code websearch_to_tsquery} reads it:
 * words (all must match), {@code "quoted phrases"}, {@code -excluded} words and {@code or} between
 * words or phrases (either will do; it binds loosest, {@link #conjunctions}): {@link #groups} holds
 * each word or phrase with the ones {@code or} puts next to it, for checks and typo corrections.
 * On PostgreSQL the text itself goes to {@code websearch_to_tsquery}; on H2 the conjunctions become
 * searches of H2's own full-text index ({@link H2FullText}).
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

  private static final Pattern TOKEN = Pattern.compile("(-?)\"([^\"]*)\"?|(-?)([^\\s\"]+)");

  public static TextQuery parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    List<List<String>> groups = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    boolean phrase = false;
    boolean or = false;
    for (Token token : tokens(trimmed)) {
      if (token.isOr()) {
        or = !groups.isEmpty();
        continue;
      }
      phrase |= token.quoted();
      if (token.minus()) {
        excluded.add(token.words());
      } else if (or) {
        groups.get(groups.size() - 1).add(token.words());
      } else {
        groups.add(new ArrayList<>(List.of(token.words())));
      }
      or = false;
    }
    return new TextQuery(trimmed, groups.stream().map(List::copyOf).toList(), List.copyOf(excluded), phrase);
  }

  /** A word or phrase as typed: excluded (minus), quoted, lower-cased (never empty). */
  private record Token(boolean minus, boolean quoted, String words) {
    boolean isOr() {
      return !quoted && !minus && words.equals("or");
    }
  }

  private static List<Token> tokens(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      boolean minus = !(m.group(1) == null ? m.group(3) : m.group(1)).isEmpty();
      boolean quoted = m.group(2) != null;
      String words = (quoted ? m.group(2) : m.group(4)).replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
      // Punctuation around a word is not part of it ("printer," finds "printer").
      words = quoted ? words : words.replaceAll("^\\p{Punct}+|\\p{Punct}+$", "");
      if (!words.isEmpty()) {
        tokens.add(new Token(minus, quoted, words));
      }
    }
    return tokens;
  }

  /** Parts of a query that must all be in one text, and parts that must not be in it. */
  public record Conjunction(List<String> included, List<String> excluded) {
  }

  /**
   * The query as PostgreSQL's {@code websearch_to_tsquery} combines it: {@code or} binds loosest,
   * so {@code a b or c -d} is (a and b) or (c and not d). A conjunction with nothing to look for
   * finds nothing.
   */
  public List<Conjunction> conjunctions() {
    List<Conjunction> conjunctions = new ArrayList<>();
    List<String> included = new ArrayList<>();
    List<String> excludedHere = new ArrayList<>();
    for (Token token : tokens(text)) {
      if (token.isOr()) {
        if (!included.isEmpty()) {
          conjunctions.add(new Conjunction(List.copyOf(included), List.copyOf(excludedHere)));
        }
        included.clear();
        excludedHere.clear();
      } else {
        (token.minus() ? excludedHere : included).add(token.words());
      }
    }
    if (!included.isEmpty()) {
      conjunctions.add(new Conjunction(List.copyOf(included), List.copyOf(excludedHere)));
    }
    return conjunctions;
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

  /** PostgreSQL's text-search configuration for a language (its stemming); {@code simple} for others. */
  public static String textSearchConfig(String language) {
    return switch (language == null ? "" : language) {
      case "en" -> "english";
      case "de" -> "german";
      default -> "simple";
    };
  }
}
