package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/request-sla-targets.dmn (first hit): a request's delivery clock, one case per rule. */
class RequestSlaTargetsDecisionTest {

  static final Decisions TARGETS = Decisions.of("request-sla-targets");

  @ParameterizedTest(name = "{0}, item promises {1} → {1}, business hours, warn at 75 %")
  @CsvSource(delimiter = ';', value = {
      // Rule ItemsTarget, for any line of business
      "it;         P5D",
      "hr;         P10D",
      "facilities; PT8H"})
  void theItemsOwnTargetCountsInBusinessHours(String lineOfBusiness, String deliveryTarget) {
    assertThat(TARGETS.evaluate(Map.of("lineOfBusiness", lineOfBusiness, "deliveryTarget", deliveryTarget))
        .getSingleResult().getEntryMap()).isEqualTo(Map.of("resolutionTarget", deliveryTarget,
            "slaCalendarType", "business", "slaWarningPercent", 75));
  }
}
