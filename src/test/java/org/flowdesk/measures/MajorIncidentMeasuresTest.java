package org.flowdesk.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.measures.MeasuresTest.row;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Major incidents and their duration, on Monday 4 June 2029 (a day no other test works), computed by
 * hand: M1, a P1, major by its model at 09:00, resolved 11:30 (2.5 h); M2, a P3, declared major by bob at
 * 10:00, resolved at 14:00 (4 h); an ordinary incident resolved the same day counts in neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MajorIncidentMeasuresTest {

  static final String DAY = "from=2029-06-04&to=2029-06-05&type=incident";

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  @AfterEach
  void suiteClock() {
    EngineTime.reset();
  }

  String report(int impact, int urgency, String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "email", "category", "software", "impact", impact, "urgency", urgency));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  void resolve(String incident) {
    api.work("bob", incident, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Mail flows again"));
  }

  @Test
  void majorIncidentsAndTheirDurationAreWhatWasComputedByHand() {
    // No major incident that day yet (other tests' incidents may still be open then, in the backlog).
    for (JsonNode row : ApiClient.read(api.call("sofia", HttpMethod.GET, "/api/measures?" + DAY, null)).get("rows")) {
      assertThat(row.get("majorIncidents").asLong()).isZero();
      assertThat(row.get("majorIncidentMeanHours").isNull()).isTrue();
    }

    EngineTime.clockAt("2029-06-04T09:00");
    String m1 = report(1, 1, "Nobody can send mail");
    String ordinary = report(3, 3, "One mailbox is slow");
    EngineTime.clockAt("2029-06-04T09:30");
    String m2 = report(2, 2, "Calendar invitations do not arrive");
    EngineTime.clockAt("2029-06-04T10:00");
    ResponseEntity<String> declared = api.call("bob", HttpMethod.POST, "/api/tickets/" + m2 + "/major", null);
    assertThat(declared.getStatusCode()).as(declared.getBody()).isEqualTo(HttpStatus.OK);
    EngineTime.clockAt("2029-06-04T11:30");
    resolve(m1);
    resolve(ordinary);
    EngineTime.clockAt("2029-06-04T14:00");
    resolve(m2);

    JsonNode all = row(ApiClient.read(api.call("sofia", HttpMethod.GET, "/api/measures?" + DAY, null)), "all");
    assertThat(all.get("majorIncidents").asLong()).isEqualTo(2);
    assertThat(all.get("majorIncidentMeanHours").asDouble()).isEqualTo(3.25); // (2.5 + 4) / 2
    JsonNode byPriority = ApiClient.read(api.call("sofia", HttpMethod.GET, "/api/measures?" + DAY
        + "&groupBy=priority", null));
    assertThat(row(byPriority, "P1").get("majorIncidentMeanHours").asDouble()).isEqualTo(2.5);
    assertThat(row(byPriority, "P3").get("majorIncidentMeanHours").asDouble()).isEqualTo(4.0);
  }
}
