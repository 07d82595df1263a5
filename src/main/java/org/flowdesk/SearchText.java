package org.flowdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Text as the words a search on H2 looks for, what PostgreSQL's {@code to_tsvector} does there:
 * split, lower-cased, stop words dropped and stemmed in the text's language by Lucene's analyzers
 * (English: Porter's stemmer, so "printers" and "printer" are one word; German: Lucene's light
 * German stemmer; other languages: split and lower-cased only, as PostgreSQL's {@code simple}).
 * H2 computes the searchable rows' {@code search_text} columns with {@link #words} (db/vendor/h2),
 * and FlowDesk stems a query with {@link #stems} the same way, so both sides meet.
 */
public final class SearchText {

  private static final Analyzer ENGLISH = new EnglishAnalyzer();
  private static final Analyzer GERMAN = new GermanAnalyzer();
  private static final Analyzer SIMPLE = new StandardAnalyzer(CharArraySet.EMPTY_SET);

  private SearchText() {
  }

  /**
   * The text's words in its language, separated by single spaces (null for no text). H2 calls it
   * as the function {@code FD_SEARCH_TEXT} for its generated columns: it must stay deterministic.
   */
  public static String words(String language, String text) {
    return text == null ? null : String.join(" ", stems(language, text));
  }

  /** The words of the text, in order, as {@link #words} writes them. */
  public static List<String> stems(String language, String text) {
    List<String> stems = new ArrayList<>();
    try (TokenStream tokens = analyzer(language).tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        stems.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stems;
  }

  private static Analyzer analyzer(String language) {
    return switch (language == null ? "" : language) {
      case "en" -> ENGLISH;
      case "de" -> GERMAN;
      default -> SIMPLE;
    };
  }
}
