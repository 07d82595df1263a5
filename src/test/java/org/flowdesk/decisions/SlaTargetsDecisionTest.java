package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * decisions/sla-targets.dmn (first hit): response and resolution targets, their calendar and warning, from
 * the ticket type, priority, the requester organisation's service level, the service's criticality and
 * support hours and the assignment group. One case per rule, then the edges.
 */
class SlaTargetsDecisionTest {

  static final Decisions TARGETS = Decisions.of("sla-targets");

  /** Empty cells are facts that are not known (no organisation, no catalog service). */
  static Map<String, Object> decide(String type, Integer priority, String level, String criticality, String hours,
      String group) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("ticketType", type);
    inputs.put("priority", priority);
    inputs.put("customerServiceLevel", level);
    inputs.put("serviceCriticality", criticality);
    inputs.put("serviceSupportHours", hours);
    inputs.put("assignmentGroup", group);
    var result = TARGETS.evaluate(inputs).getSingleResult();
    return result == null ? null : result.getEntryMap();
  }

  static Map<String, Object> targets(String response, String resolution, String calendar) {
    return Map.of("responseTarget", response, "resolutionTarget", resolution, "slaCalendarType", calendar,
        "slaWarningPercent", 75);
  }

  @ParameterizedTest(name = "{0}, P{1}, {2} customer, {3} {4} service, group {5}: respond {6}, resolve {7}, {8}")
  @CsvSource({
      // Rules GoldP1, GoldP2, GoldP3: gold customers, whatever the service
      "incident, 1, gold,   high,   24x7,     network,    PT10M, PT2H,  24x7",
      "incident, 2, gold,   low,    business, facilities, PT15M, PT4H,  24x7",
      "incident, 3, gold,   low,    business, facilities, PT2H,  P2D,   business",
      // Rules FacilitiesP3, FacilitiesP4, FacilitiesP5: business-hours services worked by facilities
      "incident, 3, silver, low,    business, facilities, PT4H,  P3D,   facilities",
      "incident, 4, ,       low,    business, facilities, P1D,   P5D,   facilities",
      "incident, 5, bronze, medium, business, facilities, P2D,   P10D,  facilities",
      // Rules P1 to P5: everybody else
      "incident, 1, silver, high,   24x7,     network,    PT15M, PT4H,  24x7",
      "incident, 2, ,       ,       ,         ,           PT30M, PT8H,  24x7",
      "incident, 3, silver, high,   24x7,     network,    PT4H,  P3D,   business",
      "incident, 4, silver, low,    business, service-desk, P1D, P5D,   business",
      "incident, 5, ,       ,       ,         ,           P2D,   P10D,  business"})
  void oneCasePerRule(String type, int priority, String level, String criticality, String hours, String group,
      String response, String resolution, String calendar) {
    assertThat(decide(type, priority, level, criticality, hours, group))
        .isEqualTo(targets(response, resolution, calendar));
  }

  @Test
  void goldCustomersOfPriorityFourAndFiveHaveTheTargetsOfEverybody() {
    assertThat(decide("incident", 4, "gold", "low", "24x7", "network")).isEqualTo(targets("P1D", "P5D", "business"));
    assertThat(decide("incident", 5, "gold", "low", "business", "facilities"))
        .isEqualTo(targets("P2D", "P10D", "facilities"));
  }

  @Test
  void facilitiesWorkingAnAroundTheClockServiceOrAUrgentIncidentCountsAsEverybody() {
    assertThat(decide("incident", 3, null, "high", "24x7", "facilities")).isEqualTo(targets("PT4H", "P3D", "business"));
    assertThat(decide("incident", 2, null, "low", "business", "facilities")).isEqualTo(targets("PT30M", "PT8H", "24x7"));
  }

  @Test
  void anotherTicketTypeOnlyHasTheGeneralTargets() {
    assertThat(decide("problem", 1, "gold", "high", "24x7", "network")).isEqualTo(targets("PT15M", "PT4H", "24x7"));
    assertThat(decide("problem", 3, null, "low", "business", "facilities")).isEqualTo(targets("PT4H", "P3D", "business"));
  }

  @Test
  void unknownPrioritiesHaveNoTargets() {
    assertThat(decide("incident", 0, "gold", null, null, null)).isNull();
    assertThat(decide("incident", 6, null, null, null, null)).isNull();
  }
}
