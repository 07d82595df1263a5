package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Service levels per service, customer and ticket type, and calendars per team, as a designer changes them:
 * an organisation file, a calendar file or a rule of decisions/sla-targets.dmn edited, and the next ticket's
 * due dates follow, with no Java change. Due dates are worked out by hand from the engine's clock.
 */
@EditableModelsTest
class ServiceLevelsModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @Autowired
  SlaClocks clocks;

  ApiClient api;

  @AfterEach
  void backToTheSuitesClock() {
    EngineTime.reset();
  }

  JsonNode report(String user, String service, String category, int impact, int urgency) {
    api = new ApiClient(rest);
    ResponseEntity<String> reported = api.call(user, HttpMethod.POST, "/api/incidents", Map.of("title",
        "Quillmoor lantern flickers", "service", service, "category", category, "impact", impact, "urgency", urgency));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported);
  }

  static Instant due(JsonNode ticket, String clock) {
    return Instant.parse(ticket.get(clock + "Due").asText());
  }

  ResponseEntity<String> deploy() {
    return new ApiClient(rest).call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
  }

  void deployed() {
    ResponseEntity<String> deployed = deploy();
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aGoldCustomersIncidentHasTheGoldTargetsAndKeepsThemWhenItsPriorityChanges() {
    EngineTime.clockAt("2027-03-02T09:00"); // a Tuesday morning in Berlin
    Instant now = EngineTime.now();
    // alice (flowdesk.test) is a silver customer: a P2 network incident has 30 minutes and 8 hours.
    JsonNode alices = report("alice", "network", "network", 2, 1);
    assertThat(alices.get("priority").asInt()).isEqualTo(2);
    assertThat(due(alices, "response")).isEqualTo(now.plus(Duration.ofMinutes(30)));
    assertThat(due(alices, "resolution")).isEqualTo(now.plus(Duration.ofHours(8)));
    // nora (northwind.test) is Northwind's, a gold customer: 15 minutes and 4 hours.
    JsonNode noras = report("nora", "network", "network", 2, 1);
    assertThat(due(noras, "response")).isEqualTo(now.plus(Duration.ofMinutes(15)));
    assertThat(due(noras, "resolution")).isEqualTo(now.plus(Duration.ofHours(4)));

    // An hour later nina raises another of nora's incidents, a gold P3 (2 business days), to P1: gold P1 is
    // 2 hours around the clock, of which the hour it ran is used.
    JsonNode third = report("nora", "network", "network", 2, 2);
    assertThat(third.get("priority").asInt()).isEqualTo(3);
    assertThat(due(third, "resolution")).isEqualTo(EngineTime.berlin("2027-03-04T09:00"));
    EngineTime.clockAt("2027-03-02T10:00");
    ResponseEntity<String> changed = api.call("nina", HttpMethod.POST, "/api/tickets/" + third.get("number").asText()
        + "/priority", Map.of("impact", 1, "urgency", 1, "reason", "Quillmoor is down entirely"));
    assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(ApiClient.read(changed).get("priority").asInt()).isEqualTo(1);
    assertThat(due(ApiClient.read(changed), "resolution")).isEqualTo(EngineTime.berlin("2027-03-02T11:00"));
  }

  @Test
  void anOrganisationAddedAsAFileGivesItsPeopleItsServiceLevel() {
    String user = "quillmoor" + Long.toString(System.nanoTime(), 36);
    User person = identityService.newUser(user);
    person.setPassword(user);
    person.setEmail(user + "@quillmoor.test");
    identityService.saveUser(person);
    identityService.createMembership(user, "requesters");
    try {
      EngineTime.clockAt("2027-03-02T09:00");
      Instant now = EngineTime.now();
      assertThat(due(report(user, "network", "network", 2, 1), "resolution")).isEqualTo(now.plus(Duration.ofHours(8)));

      MODELS.write("catalog/quillmoor.yaml", """
          organisations:
            - id: quillmoor
              name: Quillmoor Lanterns
              domains: [quillmoor.test]
              serviceLevel: gold
          """);
      deployed();

      assertThat(due(report(user, "network", "network", 2, 1), "resolution")).isEqualTo(now.plus(Duration.ofHours(4)));
    } finally {
      identityService.deleteUser(user);
    }
  }

  @Test
  void aChangedGoldRuleChangesTheNextGoldIncidentsDueDate() {
    EngineTime.clockAt("2027-03-02T09:00");
    Instant now = EngineTime.now();
    MODELS.replace("decisions/sla-targets.dmn", "<outputEntry id=\"OutputEntry_GoldP2_2\"><text>\"PT4H\"</text>",
        "<outputEntry id=\"OutputEntry_GoldP2_2\"><text>\"PT3H\"</text>");
    deployed();

    assertThat(due(report("nora", "network", "network", 2, 1), "resolution")).isEqualTo(now.plus(Duration.ofHours(3)));
    assertThat(due(report("alice", "network", "network", 2, 1), "resolution")).isEqualTo(now.plus(Duration.ofHours(8)));
  }

  @Test
  void aBuildingIncidentCountsInTheFacilitiesCalendarAndFollowsItsFile() {
    // Friday 5 March 2027, 14:00 in Berlin. A P3 on the building service (business-hours support), worked by
    // facilities: 4 hours to respond in the facilities calendar (07:00 to 16:00): two on Friday, then the weekend,
    // then Monday 8 March, Women's Day, a public holiday in Berlin (DE-BE), then two on Tuesday.
    EngineTime.clockAt("2027-03-05T14:00");
    JsonNode before = report("alice", "building", "facilities", 2, 2);
    assertThat(before.get("assignmentGroup").asText()).isEqualTo("facilities");
    assertThat(due(before, "response")).isEqualTo(EngineTime.berlin("2027-03-09T09:00"));

    // Facilities moves to New York's hours (09:00 to 17:00, EST until 14 March): 08:00 there when reported, so
    // the four hours end at 13:00 EST, 19:00 in Berlin, the same Friday.
    MODELS.replace("catalog/calendars.yaml", "zone: Europe/Berlin", "zone: America/New_York");
    MODELS.replace("catalog/calendars.yaml", "dayStart: \"07:00\"", "dayStart: \"09:00\"");
    MODELS.replace("catalog/calendars.yaml", "dayEnd: \"16:00\"", "dayEnd: \"17:00\"");
    MODELS.replace("catalog/calendars.yaml", "publicHolidays: DE-BE", "publicHolidays: US-NY");
    deployed();

    JsonNode after = report("alice", "building", "facilities", 2, 2);
    assertThat(due(after, "response")).isEqualTo(Instant.parse("2027-03-05T18:00:00Z"));
  }

  @Test
  void aCalendarThatClocksCountInCannotBeRemoved() {
    EngineTime.clockAt("2027-03-05T14:00");
    String number = report("alice", "building", "facilities", 2, 2).get("number").asText();
    assertThat(clocks.find(number, SlaClock.RESPONSE).orElseThrow().calendar()).isEqualTo("facilities");
    // Renamed in the calendar file and in every rule of the decision: consistent, but the clock would lose its hours.
    MODELS.replace("catalog/calendars.yaml", "name: facilities", "name: works");
    MODELS.replace("decisions/sla-targets.dmn", "<text>\"facilities\"</text></outputEntry>",
        "<text>\"works\"</text></outputEntry>");

    ResponseEntity<String> refused = deploy();

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(refused.getBody()).contains("catalog/calendars.yaml")
        .contains("calendar 'facilities' is gone, but").contains("SLA clocks count in it");
    assertThat(report("alice", "building", "facilities", 2, 2).get("responseDue").asText())
        .isEqualTo(EngineTime.berlin("2027-03-09T09:00").toString());
  }

  @Test
  void aRequesterCannotClaimAServiceLevelOrASupportAtEitherDoor() {
    api = new ApiClient(rest);
    for (String fact : List.of("customerServiceLevel", "serviceSupportHours", "serviceCriticality")) {
      ResponseEntity<String> viaApi = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
          "Quillmoor claims gold", "service", "network", "category", "network", "impact", 2, "urgency", 1, fact, "gold"));
      assertThat(viaApi.getStatusCode()).as(viaApi.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(viaApi.getBody()).contains(fact);

      Map<String, Object> variables = new java.util.HashMap<>();
      Map.of("title", "Quillmoor claims gold", "service", "network", "category", "network", fact, "gold")
          .forEach((name, value) -> variables.put(name, Map.of("value", value, "type", "String")));
      variables.put("impact", Map.of("value", 2, "type", "Long"));
      variables.put("urgency", Map.of("value", 1, "type", "Long"));
      ResponseEntity<String> viaEngine = api.call("alice", HttpMethod.POST,
          "/engine-rest/process-definition/key/incident/start", Map.of("variables", variables));
      assertThat(viaEngine.getStatusCode()).as(viaEngine.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(viaEngine.getBody()).contains(fact);
    }
  }

  @Test
  void aGoldCustomersDeliveryWarnsAtHalfItsTarget() {
    EngineTime.clockAt("2027-03-01T09:00"); // a Monday
    api = new ApiClient(rest);
    Map<String, Object> order = Map.of("item", "desk-repair", "answers", Map.of("location", "Room 3.14",
        "details", "The quillmoor desk wobbles"));
    String alices = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/requests", order)).get("number").asText();
    String noras = ApiClient.read(api.call("nora", HttpMethod.POST, "/api/requests", order)).get("number").asText();

    SlaClock silver = clocks.find(alices, SlaClock.RESOLUTION).orElseThrow();
    SlaClock gold = clocks.find(noras, SlaClock.RESOLUTION).orElseThrow();
    assertThat(gold.dueAt()).isEqualTo(silver.dueAt());
    // The desk repair promises 3 business days (30 hours of 08:00 to 18:00): warned after 15 rather than 22.5.
    assertThat(gold.warnAt()).isEqualTo(EngineTime.berlin("2027-03-02T14:00"));
    assertThat(silver.warnAt()).isEqualTo(EngineTime.berlin("2027-03-03T11:30"));
  }

  @Test
  void badOrganisationAndCalendarFilesAreRefusedWithTheirReasonsAndNothingChanges() {
    EngineTime.clockAt("2027-03-02T09:00");
    MODELS.write("catalog/broken-customers.yaml", """
        organisations:
          - id: flowdesk
            name: FlowDesk again
            domains: [flowdesk-again.test]
            serviceLevel: gold
          - id: plus
            name: Plus Ltd
            domains: [plus.test]
            serviceLevel: Gold Plus
          - id: copycat
            name: Copycat Traders
            domains: [northwind.test, "not a domain"]
            serviceLevel: gold
          - id: lonely
            name: Nobody's
            serviceLevel: bronze
        calendars:
          - name: quillmoor
            zone: Quillmoor/Harbour
            dayStart: "09:00"
            dayEnd: "17:00"
            workingDays: [MONDAY]
        """);
    MODELS.replace("catalog/organisations.yaml", "serviceLevel: silver", "serviceLevel: gold");

    ResponseEntity<String> refused = deploy();

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    List<String> problems = new ArrayList<>();
    ApiClient.read(refused).get("problems").forEach(p -> problems.add(p.get("file").asText() + " "
        + p.get("element").asText() + ": " + p.get("reason").asText()));
    assertThat(problems).containsExactlyInAnyOrder(
        "catalog/organisations.yaml flowdesk: organisation 'flowdesk' is also defined in catalog/broken-customers.yaml",
        "catalog/broken-customers.yaml plus: serviceLevel must be one word in lower case, such as gold, silver or "
            + "bronze (decisions/sla-targets.dmn decides what it is worth), not 'Gold Plus'",
        "catalog/organisations.yaml northwind: domain 'northwind.test' belongs to organisation 'copycat' already",
        "catalog/broken-customers.yaml copycat: 'not a domain' is not a mail domain such as northwind.test",
        "catalog/broken-customers.yaml lonely: an organisation needs at least one mail domain (such as "
            + "northwind.test): its people are those whose address ends in it",
        "catalog/broken-customers.yaml quillmoor: zone 'Quillmoor/Harbour' is not a time zone such as Europe/Berlin "
            + "or America/New_York");
    // Nothing changed: alice is still a silver customer, whose P2 has 8 hours.
    assertThat(due(report("alice", "network", "network", 2, 1), "resolution"))
        .isEqualTo(EngineTime.now().plus(Duration.ofHours(8)));
  }
}
