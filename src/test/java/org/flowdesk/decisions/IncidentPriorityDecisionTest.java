package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * decisions/incident-priority.dmn: the ITIL impact × urgency matrix, one case per rule, and the same one step
 * more urgent for an incident on a configuration item of high criticality (first hit: those rules come first).
 */
class IncidentPriorityDecisionTest {

  static final Decisions PRIORITY = Decisions.of("incident-priority");

  @ParameterizedTest(name = "impact {0} × urgency {1} → P{2}")
  @CsvSource({
      "1, 1, 1",
      "1, 2, 2", "2, 1, 2",
      "1, 3, 3", "2, 2, 3", "3, 1, 3",
      "2, 3, 4", "3, 2, 4",
      "3, 3, 5"})
  void priorityFollowsTheMatrix(int impact, int urgency, int priority) {
    assertThat(PRIORITY.evaluate(Map.of("impact", impact, "urgency", urgency)).<Object>getSingleEntry())
        .isEqualTo(priority);
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} on a critical CI → P{2}")
  @CsvSource({
      "1, 1, 1", "1, 2, 1",
      "2, 1, 1",
      "1, 3, 2", "2, 2, 2", "3, 1, 2",
      "2, 3, 3", "3, 2, 3",
      "3, 3, 4"})
  void aHighlyCriticalConfigurationItemRaisesThePriorityByOne(int impact, int urgency, int priority) {
    assertThat(PRIORITY.evaluate(Map.of("impact", impact, "urgency", urgency, "ciCriticality", "high"))
        .<Object>getSingleEntry()).isEqualTo(priority);
  }

  @ParameterizedTest(name = "impact 2 × urgency 2 on a CI of {0} criticality → P3, as without one")
  @CsvSource({"low", "medium"})
  void lessCriticalConfigurationItemsLeaveTheMatrixAlone(String criticality) {
    assertThat(PRIORITY.evaluate(Map.of("impact", 2, "urgency", 2, "ciCriticality", criticality))
        .<Object>getSingleEntry()).isEqualTo(3);
    Map<String, Object> none = new HashMap<>(Map.of("impact", 2, "urgency", 2));
    none.put("ciCriticality", null);
    assertThat(PRIORITY.evaluate(none).<Object>getSingleEntry()).isEqualTo(3);
  }

  @ParameterizedTest(name = "impact {0} × urgency {1} has no priority")
  @CsvSource({"0, 1", "4, 1", "1, 0", "1, 4", "7, 7"})
  void valuesOutsideOneToThreeMatchNoRule(int impact, int urgency) {
    assertThat(PRIORITY.evaluate(Map.of("impact", impact, "urgency", urgency)).getSingleResult()).isNull();
  }

  @org.junit.jupiter.api.Test
  void aMissingInputMatchesNoRule() {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("impact", 1);
    inputs.put("urgency", null);
    assertThat(PRIORITY.evaluate(inputs).getSingleResult()).isNull();
    assertThat(PRIORITY.evaluate(Map.of("impact", 1)).getSingleResult()).isNull();
    assertThat(PRIORITY.evaluate(Map.of("impact", 1, "ciCriticality", "high")).getSingleResult()).isNull();
  }
}
