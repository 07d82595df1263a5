package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/change-risk.dmn (first hit): one case per rule, in order, and the edges between them. */
class ChangeRiskDecisionTest {

  static final Decisions RISK = Decisions.of("change-risk");

  @ParameterizedTest(name = "criticality {0}, impact {1}, complexity {2}, tested {3}, backout {4}, outside {5} → {6}")
  @CsvSource(delimiter = ';', value = {
      // Rule CriticalWidespread
      "high;   1; low;    true;  true;  false; high",
      // Rule NoBackout: whatever else is true
      "low;    3; low;    true;  false; false; high",
      // Rule ComplexUntested
      "low;    3; high;   false; true;  false; high",
      // Rule CriticalOutsideWindow
      "high;   2; low;    true;  true;  true;  high",
      // Rule Complex (tested)
      "low;    3; high;   true;  true;  false; medium",
      // Rule Untested (not complex)
      "low;    3; medium; false; true;  false; medium",
      // Rule Critical: in its window, impact 2
      "high;   2; low;    true;  true;  false; medium",
      // Rule OutsideWindow on a service that is not critical
      "medium; 3; low;    true;  true;  true;  medium",
      // Rule Widespread on a service that is not critical
      "medium; 1; low;    true;  true;  false; medium",
      // Rule Otherwise
      "low;    3; low;    true;  true;  false; low",
      "medium; 2; medium; true;  true;  false; low",
      "low;    2; low;    true;  true;  false; low"})
  void theRiskFollowsTheFirstRuleThatMatches(String criticality, int impact, String complexity, boolean tested,
      boolean backout, boolean outside, String risk) {
    assertThat(RISK.evaluate(Map.of("criticality", criticality, "impact", impact, "complexity", complexity,
        "tested", tested, "hasBackoutPlan", backout, "outsideMaintenanceWindow", outside))
        .getSingleEntry().toString()).isEqualTo(risk);
  }
}
