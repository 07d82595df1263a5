package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/cab-outcome.dmn (first hit): where a CAB vote stands, one case per rule and the edges. */
class CabOutcomeDecisionTest {

  static final Decisions OUTCOME = Decisions.of("cab-outcome");

  @ParameterizedTest(name = "{0}, {1} of {3} approved, {2} rejected → {4}")
  @CsvSource(delimiter = ';', value = {
      // Rule UnanimousRejected: the first rejection decides
      "unanimous; 2; 1; 3; rejected",
      // Rule UnanimousApproved
      "unanimous; 3; 0; 3; approved",
      // Rule UnanimousOpen: two of three approvals are not enough
      "unanimous; 2; 0; 3; open",
      // Rule MajorityApproved: two of three
      "majority;  2; 0; 3; approved",
      "majority;  2; 1; 3; approved",
      // Rule MajorityRejected: two of three, and half of four
      "majority;  0; 2; 3; rejected",
      "majority;  1; 2; 4; rejected",
      // Edge: half of four approving is no majority
      "majority;  2; 1; 4; open",
      // Rule Open
      "majority;  1; 0; 3; open",
      "majority;  0; 0; 1; open"})
  void theVoteStandsWhereTheRuleSays(String rule, int approvals, int rejections, int voters, String outcome) {
    assertThat(OUTCOME.evaluate(Map.of("approvalRule", rule, "cabApprovals", approvals, "cabRejections", rejections,
        "cabSize", voters)).getSingleResult().getEntryMap()).isEqualTo(Map.of("cabOutcome", outcome));
  }
}
