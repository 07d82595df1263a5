package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/sla-targets.dmn: response and resolution targets and their calendar per priority. */
class SlaTargetsDecisionTest {

  static final Decisions TARGETS = Decisions.of("sla-targets");

  @ParameterizedTest(name = "P{0}: respond {1}, resolve {2}, {3}")
  @CsvSource({
      "1, PT15M, PT4H,  24x7",
      "2, PT30M, PT8H,  24x7",
      "3, PT4H,  P3D,   business",
      "4, P1D,   P5D,   business",
      "5, P2D,   P10D,  business"})
  void targetsPerPriority(int priority, String response, String resolution, String calendar) {
    assertThat(TARGETS.evaluate(Map.of("priority", priority)).getSingleResult().<Object>getEntryMap()).isEqualTo(Map.of(
        "responseTarget", response, "resolutionTarget", resolution, "slaCalendarType", calendar,
        "slaWarningPercent", 75));
  }

  @Test
  void unknownPrioritiesHaveNoTargets() {
    assertThat(TARGETS.evaluate(Map.of("priority", 0)).getSingleResult()).isNull();
    assertThat(TARGETS.evaluate(Map.of("priority", 6)).getSingleResult()).isNull();
  }
}
