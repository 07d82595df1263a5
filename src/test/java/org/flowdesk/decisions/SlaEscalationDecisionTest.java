package org.flowdesk.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * decisions/sla-escalation.dmn (COLLECT): what a breach sets off, one action per matching rule. A rule per
 * test, and the edges of its priority and times-escalated ranges.
 */
class SlaEscalationDecisionTest {

  static final Decisions ESCALATION = Decisions.of("sla-escalation");

  /** A breach of an incident on the network service (owned by the network group), worked by the network group. */
  static Map<String, Object> breach(String type, String clock, Integer priority, String criticality, int times) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("ticketType", type);
    inputs.put("clock", clock);
    inputs.put("priority", priority);
    inputs.put("service", "network");
    inputs.put("serviceCriticality", criticality);
    inputs.put("serviceOwnerGroup", "service-owners");
    inputs.put("assignmentGroup", "network");
    inputs.put("timesEscalated", times);
    return inputs;
  }

  static List<Map<String, Object>> actions(Map<String, Object> inputs) {
    return ESCALATION.evaluate(inputs).getResultList();
  }

  static List<org.assertj.core.groups.Tuple> rows(Map<String, Object> inputs) {
    return actions(inputs).stream().map(row -> tuple(row.get("notifyGroup"), row.get("reassignGroup"),
        row.get("raiseUrgencyTo"))).toList();
  }

  @Test
  void everyBreachIsToldToTheServiceDeskManagers() {
    assertThat(rows(breach("request", "resolution", null, null, 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
    assertThat(rows(breach("incident", "response", 2, "low", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
  }

  @Test
  void anUrgentIncidentsResolutionBreachIsToldToItsServicesOwners() {
    assertThat(rows(breach("incident", "resolution", 2, "medium", 0))).containsExactly(
        tuple("service-desk-managers", null, null), tuple("service-owners", null, null));
    // Priority 3 is not urgent enough; a response breach is not a resolution breach.
    assertThat(rows(breach("incident", "resolution", 3, "medium", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
    assertThat(rows(breach("incident", "response", 2, "medium", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
  }

  @Test
  void aPriorityOneResolutionBreachGoesToTheMajorIncidentTeam() {
    assertThat(rows(breach("incident", "resolution", 1, "medium", 0))).containsExactly(
        tuple("service-desk-managers", null, null), tuple("service-owners", null, null),
        tuple(null, "major-incident", null));
  }

  @Test
  void aResponseBreachOnAHighlyCriticalServiceMakesAnIncidentMostUrgent() {
    assertThat(rows(breach("incident", "response", 3, "high", 0))).containsExactly(
        tuple("service-desk-managers", null, null), tuple(null, null, 1));
    assertThat(rows(breach("incident", "response", 5, "high", 0))).containsExactly(
        tuple("service-desk-managers", null, null), tuple(null, null, 1));
    // P2 is urgent already; a medium service is not critical enough; a request has no urgency.
    assertThat(rows(breach("incident", "response", 2, "high", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
    assertThat(rows(breach("incident", "response", 3, "medium", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
    assertThat(rows(breach("request", "response", 3, "high", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
  }

  @Test
  void anIncidentsSecondBreachIsToldToTheGroupWorkingIt() {
    assertThat(rows(breach("incident", "resolution", 4, "low", 1))).containsExactly(
        tuple("service-desk-managers", null, null), tuple("network", null, null));
    assertThat(rows(breach("incident", "resolution", 4, "low", 0)))
        .containsExactly(tuple("service-desk-managers", null, null));
  }
}
