package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/change-risk.dmn (first hit): one case per rule, in order, and the edges between them. */
class ChangeRiskDecisionTest {

  static final Decisions RISK = Decisions.of("change-risk");

  @ParameterizedTest(name = "{0}: criticality {1}, impact {2}, complexity {3}, tested {4}, backout {5}, outside {6} → {7}")
  @CsvSource(delimiter = ';', value = {
      // Rule Standard: a template approved once is low risk, whatever the rest says
      "standard;  high;   1; high;   false; false; true;  low",
      "standard;  low;    3; low;    true;  true;  false; low",
      // Rule CriticalWidespread
      "normal;    high;   1; low;    true;  true;  false; high",
      "emergency; high;   1; low;    true;  true;  false; high",
      // Rule NoBackout: whatever else is true
      "normal;    low;    3; low;    true;  false; false; high",
      // Rule ComplexUntested
      "normal;    low;    3; high;   false; true;  false; high",
      // Rule CriticalOutsideWindow
      "normal;    high;   2; low;    true;  true;  true;  high",
      // Rule Complex (tested)
      "normal;    low;    3; high;   true;  true;  false; medium",
      // Rule Untested (not complex)
      "normal;    low;    3; medium; false; true;  false; medium",
      // Rule Critical: in its window, impact 2
      "normal;    high;   2; low;    true;  true;  false; medium",
      // Rule OutsideWindow on a service that is not critical
      "normal;    medium; 3; low;    true;  true;  true;  medium",
      // Rule Widespread on a service that is not critical
      "normal;    medium; 1; low;    true;  true;  false; medium",
      // Rule Otherwise
      "normal;    low;    3; low;    true;  true;  false; low",
      "normal;    medium; 2; medium; true;  true;  false; low",
      "normal;    low;    2; low;    true;  true;  false; low"})
  void theRiskFollowsTheFirstRuleThatMatches(String changeType, String criticality, int impact, String complexity,
      boolean tested, boolean backout, boolean outside, String risk) {
    assertThat(RISK.evaluate(Map.of("changeType", changeType, "criticality", criticality, "impact", impact,
        "complexity", complexity, "tested", tested, "hasBackoutPlan", backout, "outsideMaintenanceWindow", outside))
        .getSingleEntry().toString()).isEqualTo(risk);
    // A change without a CI has no impact analysis: the same rules decide.
    Map<String, Object> withoutCi = new HashMap<>(Map.of("changeType", changeType, "criticality", criticality,
        "impact", impact, "complexity", complexity, "tested", tested, "hasBackoutPlan", backout,
        "outsideMaintenanceWindow", outside));
    withoutCi.put("impactedServices", null);
    withoutCi.put("impactedCriticalServices", null);
    assertThat(RISK.evaluate(withoutCi).getSingleEntry().toString()).isEqualTo(risk);
  }

  @ParameterizedTest(name = "{0}, {1} services of which {2} business-critical → {3}")
  @CsvSource(delimiter = ';', value = {
      // Rule Standard comes first: a template approved once stays low risk
      "standard; 5; 3; low",
      // Rule CriticalServicesImpacted: two business-critical services behind the CI
      "normal;   2; 2; high",
      "normal;   7; 3; high",
      // Rule ManyServicesImpacted
      "normal;   3; 0; medium",
      // Rule CriticalServiceImpacted
      "normal;   1; 1; medium",
      // Rule Otherwise: few services, none critical
      "normal;   2; 0; low",
      "normal;   0; 0; low"})
  void theImpactOfTheChangesCiRatesTheRisk(String changeType, int services, int critical, String risk) {
    // Otherwise a low-risk change: a tested, simple change of a service of low criticality in its window.
    assertThat(RISK.evaluate(Map.of("changeType", changeType, "criticality", "low", "impact", 3,
        "complexity", "low", "tested", true, "hasBackoutPlan", true, "outsideMaintenanceWindow", false,
        "impactedServices", services, "impactedCriticalServices", critical)).getSingleEntry().toString())
        .isEqualTo(risk);
  }
}
