package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What H2's search stems and marks (its queries run in SearchApiTest). */
class H2FullTextTest {

  @Test
  void wordsAreStemmedInTheirLanguageAndStopWordsLeftOut() {
    assertThat(SearchText.words("en", "The printers are jammed")).isEqualTo("printer jam");
    assertThat(SearchText.words("de", "Der Drucker druckt leere Seiten")).isEqualTo("druck druckt leer seit");
    assertThat(SearchText.words("fr", "Les Imprimantes")).isEqualTo("les imprimantes");
    assertThat(SearchText.words("en", null)).isNull();
  }

  @Test
  void matchedWordsAreMarkedWholeAndByTheirStem() {
    TextQuery query = TextQuery.parse("printers jam");
    assertThat(H2FullText.mark(query, "en", "Printer jammed, jam (print)")).isEqualTo(
        "\u0001Printer\u0002 \u0001jammed\u0002, \u0001jam\u0002 (print)");
    assertThat(H2FullText.excerpt(query, "en", "x".repeat(300) + " printer " + "y".repeat(300)))
        .startsWith("… ").endsWith(" …").contains("\u0001printer\u0002");
    assertThat(H2FullText.excerpt(query, "en", "nothing here")).isEqualTo("nothing here");
  }

  @Test
  void aQueryOfStopWordsAloneFindsNothingWithoutAskingAndLikeCharactersAreEscaped() {
    assertThat(H2FullText.matching(null, TextQuery.parse("the and -printer"), "en", null)).isEmpty();
    assertThat(H2FullText.likeWords(List.of("50%", "a_b", "c\\"))).isEqualTo("% 50\\% a\\_b c\\\\ %");
  }

  @Test
  void keysAreWrittenAsLiteralsWithQuotesDoubled() {
    StringBuilder where = new StringBuilder();
    H2FullText.appendIn("t.ticket_number", List.of("INC-000001", "O'NEIL"), where);
    assertThat(where.toString()).isEqualTo(" AND t.ticket_number IN ('INC-000001', 'O''NEIL')");
    where.setLength(0);
    H2FullText.appendIn("e.id", List.of(1L, 22), where);
    assertThat(where.toString()).isEqualTo(" AND e.id IN (1, 22)");
    where.setLength(0);
    H2FullText.appendIn("e.id", List.of(), where);
    assertThat(where.toString()).isEqualTo(" AND 1 = 0");
  }
}
