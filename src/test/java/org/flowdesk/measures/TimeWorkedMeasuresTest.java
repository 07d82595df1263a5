package org.flowdesk.measures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
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
 * Time worked and its cost on Tuesday 4 March 2031 (a day no other test works), computed by hand with
 * the shipped rates of catalog/effort-rates.yaml (service-desk 45, network 80 an hour):
 *
 * <pre>
 * E  email incident, service-desk: bob comments with 30 minutes at 09:30 and resolves with 45 at 10:00
 * N  network incident, network:    nina comments with 90 minutes at 11:00
 *
 * bob      75 min = 1.25 h × 45 =  56.25      email    1.25 h   56.25
 * nina     90 min = 1.50 h × 80 = 120.00      network  1.50 h  120.00
 * all     165 min = 2.75 h       176.25      IT (line of business) 2.75 h 176.25
 * </pre>
 *
 * The cost report shows each service's effort next to its running and request cost, in its total.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TimeWorkedMeasuresTest {

  static final String DAY = "from=2031-03-04&to=2031-03-05";

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

  String report(String service, String category, String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", service, "category", category, "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  void comment(String agent, String number, int minutes) {
    ResponseEntity<String> posted = api.call(agent, HttpMethod.POST, "/api/tickets/" + number + "/comments",
        Map.of("text", "Worked on it", "internal", true, "timeSpentMinutes", minutes));
    assertThat(posted.getStatusCode()).as(posted.getBody()).isEqualTo(HttpStatus.CREATED);
  }

  static JsonNode line(JsonNode lines, String key) {
    for (JsonNode line : lines) {
      if (key.equals(line.path("key").asText(line.path("group").asText(line.path("service").asText(
          line.path("lineOfBusiness").asText()))))) {
        return line;
      }
    }
    throw new AssertionError("No " + key + " in " + lines);
  }

  static BigDecimal money(JsonNode value) {
    return new BigDecimal(value.asText());
  }

  @Test
  void timeWorkedPerAgentServiceAndLineOfBusinessAndItsCostAreWhatWasComputedByHand() {
    JsonNode empty = api.get("sofia", "/api/measures/time-worked?" + DAY);
    assertThat(empty.get("minutes").asLong()).as("no time recorded that day yet").isZero();

    EngineTime.clockAt("2031-03-04T09:00");
    String email = report("email", "software", "Mail rules lost");
    String network = report("network", "network", "Wi-Fi drops on floor 3");
    EngineTime.clockAt("2031-03-04T09:30");
    comment("bob", email, 30);
    EngineTime.clockAt("2031-03-04T10:00");
    api.work("bob", email, "Work incident", new HashMap<>(Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Rules restored", "timeSpentMinutes", 45)));
    EngineTime.clockAt("2031-03-04T11:00");
    comment("nina", network, 90);

    JsonNode time = api.get("sofia", "/api/measures/time-worked?" + DAY);
    assertThat(time.get("minutes").asLong()).isEqualTo(165);
    assertThat(time.get("hours").asDouble()).isEqualTo(2.75);
    assertThat(money(time.get("effortCost"))).isEqualByComparingTo("176.25");
    assertThat(line(time.get("agents"), "bob").get("minutes").asLong()).isEqualTo(75);
    assertThat(money(line(time.get("agents"), "bob").get("effortCost"))).isEqualByComparingTo("56.25");
    assertThat(line(time.get("agents"), "nina").get("hours").asDouble()).isEqualTo(1.5);
    assertThat(money(line(time.get("agents"), "nina").get("effortCost"))).isEqualByComparingTo("120.00");
    // The agents by id and by the name people read.
    assertThat(line(time.get("agents"), "bob").get("name").asText()).isEqualTo("Bob Becker");
    assertThat(line(time.get("agents"), "nina").get("name").asText()).isEqualTo("Nina Novak");
    assertThat(line(time.get("services"), "email").get("hours").asDouble()).isEqualTo(1.25);
    assertThat(line(time.get("services"), "email").get("name").asText()).isEqualTo("E-mail and calendars");
    assertThat(money(line(time.get("services"), "network").get("effortCost"))).isEqualByComparingTo("120.00");
    assertThat(line(time.get("linesOfBusiness"), "it").get("minutes").asLong()).isEqualTo(165);
    assertThat(money(line(time.get("linesOfBusiness"), "it").get("effortCost"))).isEqualByComparingTo("176.25");
    assertThat(money(line(time.get("groups"), "service-desk").get("hourlyRate"))).isEqualByComparingTo("45");
    assertThat(line(time.get("groups"), "network").get("minutes").asLong()).isEqualTo(90);
    // Groups by their names too, and everything in the caller's language (it was English and groups had no name).
    assertThat(line(time.get("groups"), "network").get("name").asText()).isEqualTo("Network team");
    org.springframework.http.HttpHeaders german = new org.springframework.http.HttpHeaders();
    german.set(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode deutsch = ApiClient.read(ApiClient.as(rest, "sofia", "sofia").exchange("/api/measures/time-worked?" + DAY,
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class));
    assertThat(line(deutsch.get("groups"), "network").get("name").asText()).isEqualTo("Netzwerkteam");
    assertThat(line(deutsch.get("services"), "email").get("name").asText()).isEqualTo("E-Mail und Kalender");
    JsonNode kosten = ApiClient.read(ApiClient.as(rest, "sofia", "sofia").exchange("/api/measures/cost?" + DAY,
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class));
    assertThat(line(kosten.get("services"), "email").get("name").asText()).isEqualTo("E-Mail und Kalender");

    // Next to the catalog's cost: the effort is part of each service's total, and of its line of business.
    JsonNode cost = api.get("sofia", "/api/measures/cost?" + DAY);
    JsonNode mail = line(cost.get("services"), "email");
    assertThat(mail.get("hoursWorked").asDouble()).isEqualTo(1.25);
    assertThat(money(mail.get("effortCost"))).isEqualByComparingTo("56.25");
    assertThat(money(mail.get("totalCost"))).isEqualByComparingTo(
        money(mail.get("runningCost")).add(money(mail.get("requestCost"))).add(new BigDecimal("56.25")));
    JsonNode it = line(cost.get("linesOfBusiness"), "it");
    assertThat(money(it.get("effortCost"))).isEqualByComparingTo("176.25");
    assertThat(it.get("hoursWorked").asDouble()).isEqualTo(2.75);

    // The day before and after: nothing.
    assertThat(api.get("sofia", "/api/measures/time-worked?from=2031-03-05&to=2031-03-06").get("minutes").asLong())
        .isZero();
    // For service owners and administrators only.
    assertThat(api.call("bob", HttpMethod.GET, "/api/measures/time-worked?" + DAY, null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }
}
