package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/incident-assignment.dmn: routing by service and category, first matching rule wins. */
class IncidentAssignmentDecisionTest {

  static final Decisions ASSIGNMENT = Decisions.of("incident-assignment");

  @ParameterizedTest(name = "{0} / {1} → {2}")
  @CsvSource({
      // Rule NetworkServices
      "network,   software,   network",
      "vpn,       access,     network",
      // Rule NetworkCategory
      "laptop,    network,    network",
      // Rule HrPortal
      "hr-portal, access,     hr",
      // Rule Building
      "building,  hardware,   facilities",
      // Rule FacilitiesCategory
      "printer,   facilities, facilities",
      // Rule Everything: what no rule knows goes to the service desk
      "email,     software,   service-desk",
      "erp,       access,     service-desk",
      "other,     other,      service-desk",
      "unheard-of, unheard-of, service-desk",
      // First match: the service rule wins over the category rule
      "hr-portal, network,    network",
      "network,   facilities, network"})
  void routesToTheRightGroup(String service, String category, String group) {
    assertThat(ASSIGNMENT.evaluate(Map.of("service", service, "category", category)).<Object>getSingleEntry())
        .isEqualTo(group);
  }
}
