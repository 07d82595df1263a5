package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/service-levels: the organisations of catalog/organisations.yaml and the calendars of
 * catalog/calendars.yaml as they are in force, with a year's days off worked out from their holidays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ServiceLevelsApiTest {

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(rest);
  }

  JsonNode organisation(JsonNode levels, String id) {
    for (JsonNode organisation : levels.get("organisations")) {
      if (organisation.get("id").asText().equals(id)) {
        return organisation;
      }
    }
    throw new AssertionError("no organisation " + id + " in " + levels);
  }

  JsonNode calendar(JsonNode levels, String name) {
    for (JsonNode calendar : levels.get("calendars")) {
      if (calendar.get("name").asText().equals(name)) {
        return calendar;
      }
    }
    throw new AssertionError("no calendar " + name + " in " + levels);
  }

  @Test
  void agentsSeeTheOrganisationsAndTheCalendarsWithAYearsDaysOff() {
    JsonNode levels = api.get("bob", "/api/service-levels?year=2027");

    assertThat(levels.get("organisations").findValuesAsText("id")).contains("flowdesk", "northwind");
    for (JsonNode organisation : levels.get("organisations")) {
      if (organisation.get("id").asText().equals("northwind")) {
        assertThat(organisation.get("serviceLevel").asText()).isEqualTo("gold");
        List<String> domains = new ArrayList<>();
        organisation.get("domains").forEach(d -> domains.add(d.asText()));
        assertThat(domains).containsExactly("northwind.test", "northwind-traders.test");
      }
    }
    assertThat(levels.get("calendars").findValuesAsText("name")).startsWith("24x7", "business").contains("facilities");
    assertThat(calendar(levels, "24x7").get("daysOff")).isEmpty();

    JsonNode facilities = calendar(levels, "facilities");
    assertThat(facilities.get("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(facilities.get("dayStart").asText()).isEqualTo("07:00");
    assertThat(facilities.get("dayEnd").asText()).isEqualTo("16:00");
    assertThat(facilities.get("publicHolidays").asText()).isEqualTo("DE-BE");
    List<String> off = new ArrayList<>();
    facilities.get("daysOff").forEach(day -> off.add(day.asText()));
    // New Year (a Friday), Berlin's Women's Day (Monday 8 March), Good Friday, and the team's own 24 and 31
    // December (both Fridays); never a weekend, which is no working day anyway.
    assertThat(off).contains("2027-01-01", "2027-03-08", "2027-03-26", "2027-12-24", "2027-12-31")
        .doesNotContain("2027-12-25", "2027-12-26");
    assertThat(facilities.get("year").asInt()).isEqualTo(2027);
  }

  /** In English the names are the models' own; the codes the decisions read stay codes in every language. */
  @Test
  void namesLevelsAndCalendarsReadInTheCallersLanguageTheCodesStay() {
    JsonNode english = api.get("bob", "/api/service-levels?year=2027");
    assertThat(organisation(english, "flowdesk").get("name").asText()).isEqualTo("FlowDesk (our own staff)");
    assertThat(organisation(english, "flowdesk").get("serviceLevelName").asText()).isEqualTo("silver");
    assertThat(calendar(english, "24x7").get("label").asText()).isEqualTo("24x7");
    assertThat(calendar(english, "facilities").get("description").asText())
        .isEqualTo("The facilities team works early shifts in Berlin.");

    // catalog/i18n/de.yaml: organisations, serviceLevels and calendars.
    HttpHeaders german = new HttpHeaders();
    german.set("Accept-Language", "de-DE,de;q=0.9");
    JsonNode levels = ApiClient.read(ApiClient.as(rest, "bob", "bob").exchange("/api/service-levels?year=2027",
        HttpMethod.GET, new HttpEntity<>(german), String.class));
    JsonNode flowdesk = organisation(levels, "flowdesk");
    assertThat(flowdesk.get("name").asText()).isEqualTo("FlowDesk (eigene Mitarbeitende)");
    assertThat(flowdesk.get("serviceLevel").asText()).as("the code the decision reads").isEqualTo("silver");
    assertThat(flowdesk.get("serviceLevelName").asText()).isEqualTo("Silber");
    assertThat(organisation(levels, "northwind").get("name").asText()).as("no German word: as the catalog has it")
        .isEqualTo("Northwind Traders");
    assertThat(organisation(levels, "northwind").get("serviceLevelName").asText()).isEqualTo("Gold");
    assertThat(calendar(levels, "24x7").get("label").asText()).isEqualTo("Rund um die Uhr");
    assertThat(calendar(levels, "business").get("label").asText()).isEqualTo("Geschäftszeiten");
    JsonNode facilities = calendar(levels, "facilities");
    assertThat(facilities.get("label").asText()).isEqualTo("Gebäudemanagement");
    assertThat(facilities.get("description").asText())
        .isEqualTo("Das Gebäudemanagement arbeitet in Frühschichten in Berlin.");
    assertThat(facilities.get("dayStart").asText()).isEqualTo("07:00");
  }

  @Test
  void requestersMayNotAndAYearOutOfRangeIsRefused() {
    assertThat(api.call("alice", HttpMethod.GET, "/api/service-levels", null).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(api.call("admin", HttpMethod.GET, "/api/service-levels", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    for (String year : List.of("1999", "2101", "twenty", "2027.5")) {
      assertThat(api.call("bob", HttpMethod.GET, "/api/service-levels?year=" + year, null).getStatusCode())
          .as(year).isEqualTo(HttpStatus.BAD_REQUEST);
    }
  }
}
