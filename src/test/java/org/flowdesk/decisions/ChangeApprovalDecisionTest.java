package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/change-approval.dmn (unique): who approves a change and by which rule, one case per rule. */
class ChangeApprovalDecisionTest {

  static final Decisions APPROVAL = Decisions.of("change-approval");

  @ParameterizedTest(name = "{0} change, {1} risk → {2} ({3}): {4}")
  @CsvSource(delimiter = ';', value = {
      "normal;    low;    change-manager;  single;    the change manager",
      "normal;    medium; cab;             majority;  the change advisory board (a majority)",
      "normal;    high;   cab;             unanimous; the change advisory board (every member)",
      "emergency; low;    emergency-board; single;    the emergency board",
      "emergency; high;   emergency-board; single;    the emergency board"})
  void eachTypeAndRiskHasItsApprovers(String type, String risk, String approvers, String rule, String label) {
    DmnDecisionTableResult result = APPROVAL.evaluate(Map.of("changeType", type, "risk", risk));
    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap())
        .isEqualTo(Map.of("approvers", approvers, "rule", rule, "approversLabel", label));
  }

  @Test
  void standardChangesAreNotInTheTableTheyArePreApproved() {
    assertThat(APPROVAL.evaluate(Map.of("changeType", "standard", "risk", "low"))).isEmpty();
  }
}
