package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** decisions/ola-targets.dmn: how long a group may hold a ticket, one case per rule and the edges between them. */
class OlaTargetsDecisionTest {

  static final Decisions TARGETS = Decisions.of("ola-targets");

  @ParameterizedTest(name = "{0} with {1} at P{2}: {3} {4}, warn at {5} %")
  @CsvSource(nullValues = "-", value = {
      // Rule_Network, both ends of its priorities
      "incident, network,      1, PT1H, 24x7,     75",
      "incident, network,      2, PT1H, 24x7,     75",
      // above them the network team is a second-line group like the others
      "incident, network,      3, PT8H, business, 75",
      // Rule_IncidentP1, Rule_IncidentP2
      "incident, service-desk, 1, PT1H, 24x7,     75",
      "incident, hr-portal,    2, PT2H, 24x7,     75",
      // Rule_ServiceDesk from P3 to P5
      "incident, service-desk, 3, PT2H, business, 75",
      "incident, service-desk, 5, PT2H, business, 75",
      // Rule_IncidentP3, Rule_IncidentP4P5 at both ends
      "incident, facilities,   3, PT8H, business, 75",
      "incident, facilities,   4, P2D,  business, 75",
      "incident, facilities,   5, P2D,  business, 75",
      // an incident without a priority the table knows: the catch-all
      "incident, facilities,   6, P3D,  business, 75",
      // Rule_Request, with or without a priority
      "request,  access-team,  -, P2D,  business, 80",
      "request,  network,      1, P2D,  business, 80",
      // Rule_Other
      "change,   network,      -, P3D,  business, 75"})
  void targetPerTypeGroupAndPriority(String type, String group, Integer priority, String target, String calendar,
      int warningPercent) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("ticketType", type);
    inputs.put("group", group);
    inputs.put("priority", priority);
    assertThat(TARGETS.evaluate(inputs).getFirstResult().<Object>getEntryMap()).isEqualTo(Map.of(
        "olaTarget", target, "olaCalendarType", calendar, "olaWarningPercent", warningPercent));
  }
}
