package org.flowdesk.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.EngineTime.berlin;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.flowdesk.ApiClient;
import org.flowdesk.sla.OlaClocks;
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
 * The OLA measures per group on Tuesday 10 June 2031 (Berlin), computed by hand. Two made-up groups, new in
 * each run, hold made-up tickets:
 *
 * <pre>
 * quasar (PT2H around the clock)
 *   Q1  09:00 – 10:00                                   1 h    met
 *   Q2  09:00 – 12:00, breached 11:00                   3 h    breached
 *   Q3  09:00 – 09:30, waits for the requester until 10:30, held again until 11:00
 *                                                        1 h    met
 *   Q4  13:00 – 13:30                                  0.5 h   met
 *   held 4, met 3, breached 1, 75 %, median of 0.5, 1, 1, 3 = 1 h
 * nebula (PT4H business hours, 08:00 – 18:00)
 *   N1  09:00 – 10:30                                  1.5 h   met
 *   N2  09:00 – 10:00, then waits for the requester until it is resolved at 12:00
 *                                                        1 h    met
 *   held 2, met 2, breached 0, 100 %, median of 1, 1.5 = 1.25 h
 * not counted: a quasar ticket still held, and one let go on the next day
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OlaMeasuresTest {

  static final String DAY = "from=2031-06-10&to=2031-06-11";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  OlaClocks clocks;

  ApiClient api;
  String run;
  String quasar;
  String nebula;

  @BeforeEach
  void groupsOfThisRun() {
    api = new ApiClient(rest);
    run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    quasar = "quasar-" + run.toLowerCase(Locale.ROOT);
    nebula = "nebula-" + run.toLowerCase(Locale.ROOT);
  }

  String ticket(String name) {
    return "OLA" + run + "-" + name;
  }

  void held(String ticket, String group, String from, String to) {
    hold(ticket, group, from);
    clocks.release(ticket, at(to));
  }

  void hold(String ticket, String group, String from) {
    if (group.equals(quasar)) {
      clocks.hold(ticket, group, "PT2H", "24x7", 75, at(from));
    } else {
      clocks.hold(ticket, group, "PT4H", "business", 75, at(from));
    }
  }

  static java.time.Instant at(String time) {
    return berlin(time.length() == 5 ? "2031-06-10T" + time : time);
  }

  void scenario() {
    held(ticket("Q1"), quasar, "09:00", "10:00");
    hold(ticket("Q2"), quasar, "09:00");
    assertThat(clocks.recordBreach(ticket("Q2"), at("11:00"))).isPresent();
    clocks.release(ticket("Q2"), at("12:00"));
    hold(ticket("Q3"), quasar, "09:00");
    clocks.pause(ticket("Q3"), at("09:30"));
    hold(ticket("Q3"), quasar, "10:30");
    clocks.release(ticket("Q3"), at("11:00"));
    held(ticket("Q4"), quasar, "13:00", "13:30");
    held(ticket("N1"), nebula, "09:00", "10:30");
    hold(ticket("N2"), nebula, "09:00");
    clocks.pause(ticket("N2"), at("10:00"));
    clocks.release(ticket("N2"), at("12:00"));
    hold(ticket("Q5"), quasar, "09:00");
    held(ticket("Q6"), quasar, "16:00", "2031-06-11T09:00");
  }

  static JsonNode row(JsonNode olas, String group) {
    for (JsonNode row : olas) {
      if (group.equals(row.path("group").asText())) {
        return row;
      }
    }
    throw new AssertionError("No OLAs of " + group + " in " + olas);
  }

  @Test
  void theMeasuresCountEachGroupsOlasAsComputedByHand() {
    scenario();
    JsonNode olas = api.get("admin", "/api/measures?" + DAY).path("olas");

    JsonNode q = row(olas, quasar);
    assertThat(q.path("held").asLong()).isEqualTo(4);
    assertThat(q.path("met").asLong()).isEqualTo(3);
    assertThat(q.path("breached").asLong()).isEqualTo(1);
    assertThat(q.path("compliancePercent").asDouble()).isEqualTo(75.0);
    assertThat(q.path("medianHoursHeld").asDouble()).isEqualTo(1.0);
    JsonNode n = row(olas, nebula);
    assertThat(n.path("held").asLong()).isEqualTo(2);
    assertThat(n.path("met").asLong()).isEqualTo(2);
    assertThat(n.path("breached").asLong()).isZero();
    assertThat(n.path("compliancePercent").asDouble()).isEqualTo(100.0);
    assertThat(n.path("medianHoursHeld").asDouble()).isEqualTo(1.25);

    // Tickets of a type: these made-up tickets are of none.
    JsonNode incidents = api.get("admin", "/api/measures?" + DAY + "&type=incident").path("olas");
    assertThat(incidents.findValuesAsText("group")).doesNotContain(quasar, nebula);
  }

  @Test
  void theExportHasARowPerGroupWithTheSameFigures() throws IOException {
    scenario();
    ResponseEntity<byte[]> exported = ApiClient.as(rest, "admin", "admin")
        .getForEntity("/api/measures/export?report=olas&" + DAY, byte[].class);
    assertThat(exported.getStatusCode()).isEqualTo(HttpStatus.OK);
    String text = new String(exported.getBody(), StandardCharsets.UTF_8).substring(1);
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text)).getRecords();
    assertThat(rows).filteredOn(r -> r.get("group").equals(quasar)).singleElement().satisfies(r -> {
      assertThat(r.get("held")).isEqualTo("4");
      assertThat(r.get("breached")).isEqualTo("1");
      assertThat(r.get("compliancePercent")).isEqualTo("75.0");
      assertThat(r.get("medianHoursHeld")).isEqualTo("1.0");
    });
  }

  @Test
  void anUnknownReportIsRefusedAndNamesOlas() {
    ResponseEntity<String> refused = api.call("admin", HttpMethod.GET, "/api/measures/export?report=ola", null);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).contains("must be measures, cost, linesOfBusiness or olas");
  }
}
