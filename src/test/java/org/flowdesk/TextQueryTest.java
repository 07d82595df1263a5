package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The search box's words as websearch_to_tsquery reads them, for H2's substrings. */
class TextQueryTest {

  @Test
  void wordsPhrasesExclusionsAndAlternatives() {
    TextQuery query = TextQuery.parse("  Printer \"paper jam\" -Toner vpn OR wifi or \"guest net\" , ");
    assertThat(query.groups()).containsExactly(List.of("printer"), List.of("paper jam"),
        List.of("vpn", "wifi", "guest net"));
    assertThat(query.excluded()).containsExactly("toner");
    assertThat(query.hasPhrase()).isTrue();
    assertThat(query.isShort()).isFalse();
  }

  @Test
  void exclusionsAloneOrALeadingOrFindNothing() {
    assertThat(TextQuery.parse("-printer").isEmpty()).isTrue();
    assertThat(TextQuery.parse("or printer").groups()).containsExactly(List.of("printer"));
    assertThat(TextQuery.parse("pirnter").isShort()).isTrue();
  }

  @Test
  void matchesAreMarkedAndLikeCharactersEscaped() {
    TextQuery query = TextQuery.parse("printer jam");
    assertThat(query.mark("Printer jammed")).isEqualTo("\u0001Printer\u0002 \u0001jam\u0002med");
    assertThat(TextQuery.likePattern("50%_\\")).isEqualTo("%50\\%\\_\\\\%");
    assertThat(query.excerpt("x".repeat(300) + " printer " + "y".repeat(300))).startsWith("… ").endsWith(" …")
        .contains("\u0001printer\u0002");
  }
}
