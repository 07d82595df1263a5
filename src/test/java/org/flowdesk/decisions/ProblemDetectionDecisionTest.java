package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/problem-detection.dmn (first hit): when a cluster of incidents suggests a problem, one case per rule and the edges. */
class ProblemDetectionDecisionTest {

  static final Decisions DETECTION = Decisions.of("problem-detection");

  @ParameterizedTest(name = "{0} recent, {1} reopened → {2}")
  @CsvSource(delimiter = ';', value = {
      // Rule ManyRecent, from its edge of 5
      "5;  0; true;  5 or more incidents of the same service and category within 24 hours",
      "12; 1; true;  5 or more incidents of the same service and category within 24 hours",
      // Both: the first rule says why
      "5;  3; true;  5 or more incidents of the same service and category within 24 hours",
      // Rule Reopened, from its edge of 3
      "4;  3; true;  3 or more incidents of the same service and category reopened",
      "0;  7; true;  3 or more incidents of the same service and category reopened",
      // Rule NoProblem: one below each edge, and nothing at all
      "4;  2; false; ''",
      "0;  0; false; ''"})
  void aClusterSuggestsAProblemWhereTheTableSays(int recent, int reopened, boolean suggests, String reason) {
    assertThat(DETECTION.evaluate(Map.of("recentIncidents", recent, "reopenedIncidents", reopened))
        .getSingleResult().getEntryMap())
        .isEqualTo(Map.of("suggestsProblem", suggests, "detectionReason", reason));
  }
}
