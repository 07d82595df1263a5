package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/request-sla-targets.dmn (first hit): a request's delivery clock, one case per rule. */
class RequestSlaTargetsDecisionTest {

  static final Decisions TARGETS = Decisions.of("request-sla-targets");

  static Map<String, Object> decide(String lineOfBusiness, String level, String criticality, String hours,
      String deliveryTarget) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("lineOfBusiness", lineOfBusiness);
    inputs.put("customerServiceLevel", level);
    inputs.put("serviceCriticality", criticality);
    inputs.put("serviceSupportHours", hours);
    inputs.put("deliveryTarget", deliveryTarget);
    return TARGETS.evaluate(inputs).getSingleResult().getEntryMap();
  }

  @ParameterizedTest(name = "{0}, {1} customer, item promises {4} → warn at {5} %")
  @CsvSource(delimiter = ';', value = {
      // Rule GoldWarnsEarlier: gold customers are warned about at half the item's target
      "it;         gold;   high;   24x7;     P5D;  50",
      "facilities; gold;   low;    business; PT8H; 50",
      // Rule ItemsTarget, for everybody else and any line of business
      "it;         silver; high;   24x7;     P5D;  75",
      "hr;         ;       medium; business; P10D; 75",
      "facilities; bronze; low;    business; PT8H; 75"})
  void theItemsOwnTargetCountsInBusinessHours(String lineOfBusiness, String level, String criticality,
      String hours, String deliveryTarget, int warningPercent) {
    assertThat(decide(lineOfBusiness, level, criticality, hours, deliveryTarget)).isEqualTo(Map.of(
        "resolutionTarget", deliveryTarget, "slaCalendarType", "business", "slaWarningPercent", warningPercent));
  }
}
