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
  void orBindsLoosestAsPostgresReadsIt() {
    assertThat(TextQuery.parse("a \"b c\" or d -e or -f").conjunctions()).containsExactly(
        new TextQuery.Conjunction(List.of("a", "b c"), List.of()),
        new TextQuery.Conjunction(List.of("d"), List.of("e")));
  }
}
