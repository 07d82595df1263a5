package org.flowdesk.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The portfolio from catalog/: loading, checking, lifecycle, and service owners' view of tickets. */
@EditableModelsTest
class CatalogTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  Catalog catalog;
  @Autowired
  DeployedVocabulary vocabulary;

  final ObjectMapper json = new ObjectMapper();

  JsonNode get(String user, String path) throws Exception {
    ResponseEntity<String> response = ApiClient.as(rest, user, user).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  List<String> ids(JsonNode list) {
    return list.findValuesAsText("id");
  }

  @Test
  void requestersSeeCatalogServicesAndOwnersAlsoTheirPipeline() throws Exception {
    JsonNode forAlice = get("alice", "/api/catalog");
    assertThat(ids(forAlice.get("linesOfBusiness"))).containsExactly("it", "hr", "facilities", "finance");
    assertThat(ids(forAlice.get("services"))).contains("email", "vpn", "building")
        .doesNotContain("mobile-devices", "travel-booking", "fax");

    assertThat(ids(get("sofia", "/api/catalog").get("services"))).contains("mobile-devices", "travel-booking", "fax");
    assertThat(ids(get("alice", "/api/catalog?q=wi-fi").get("services"))).containsExactly("network");
    assertThat(ApiClient.as(rest, "alice", "alice").getForEntity("/api/services/mobile-devices", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("sofia", "/api/services/fax").get("service").get("lifecycle").asText()).isEqualTo("retired");
    assertThat(get("alice", "/api/services/email").get("service").get("ownerGroup").asText())
        .isEqualTo("service-owners");
  }

  @Test
  void serviceOwnersSeeTheirServicesTicketsAndNoOthers() throws Exception {
    ResponseEntity<String> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "Calendar out of sync", "service", "email", "category", "software",
            "impact", 3, "urgency", 3)), String.class);
    String email = json.readTree(reported.getBody()).get("number").asText();
    String network = json.readTree(ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "No Wi-Fi", "service", "network", "category", "network",
            "impact", 3, "urgency", 3)), String.class).getBody()).get("number").asText();

    assertThat(get("sofia", "/api/tickets/" + email).get("service").asText()).isEqualTo("email");
    assertThat(ApiClient.as(rest, "sofia", "sofia").getForEntity("/api/tickets/" + network, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    List<String> listed = get("sofia", "/api/tickets?size=200").get("items").findValuesAsText("number");
    assertThat(listed).contains(email).doesNotContain(network);
  }

  @Test
  void aBrokenCatalogIsRefusedNamingFileAndEntryAndThePreviousOneStaysInForce() throws Exception {
    int services = catalog.portfolio().services().size();
    MODELS.write("catalog/extra.yaml", """
        services:
          - id: email
            name: Second e-mail
            lineOfBusiness: it
            ownerGroup: service-owners
            lifecycle: catalog
            supportHours: 24x7
          - id: teleporter
            name: Teleporter
            lineOfBusiness: space
            ownerGroup: service-owners
            lifecycle: someday
            supportHours: 24x7
        requestItems:
          - id: gold-laptop
            name: Gold laptop
            service: unicorns
            form: no-such-form
            process: no-such-process
            price: 1200
            deliveryTarget: P5D
          - id: silver-laptop
            name: Silver laptop
            service: laptop
            form: item-laptop
            process: fulfil-hardware
            fulfilmentGroup: laptop-fairies
            price: 900
            deliveryTarget: P5D
        changeTemplates:
          - id: reboot-everything
            name: Reboot everything
            service: unicorns
            implementationGroup: network
            implementationPlan: Reboot
            maxDuration: a while
        blackoutWindows:
          - id: backwards
            name: Ends before it starts
            services: [teleporter-2]
            from: 2027-01-02T00:00
            to: 2027-01-01T00:00
          - id: every-second
            name: Far too often
            from: 2027-01-01T00:00
            to: 2027-01-01T01:00
            recurrence: FREQ=SECONDLY
          - id: gibberish
            name: Not a rule
            from: 2027-01-01T00:00
            to: 2027-01-01T01:00
            recurrence: every other Tuesday
        """);

    ResponseEntity<String> refused = ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy",
        HttpMethod.POST, null, String.class);

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    List<String> problems = new java.util.ArrayList<>();
    json.readTree(refused.getBody()).get("problems").forEach(p -> problems.add(p.get("file").asText() + " "
        + p.get("element").asText() + ": " + p.get("reason").asText()));
    assertThat(problems).containsExactlyInAnyOrder(
        "catalog/services.yaml email: service 'email' is also defined in catalog/extra.yaml",
        "catalog/extra.yaml teleporter: unknown line of business 'space'",
        "catalog/extra.yaml teleporter: lifecycle must be pipeline, catalog or retired",
        "catalog/extra.yaml gold-laptop: unknown service 'unicorns'",
        "catalog/extra.yaml gold-laptop: form 'no-such-form' is not in forms/",
        "catalog/extra.yaml gold-laptop: process 'no-such-process' is not in processes/",
        "catalog/extra.yaml silver-laptop: fulfilmentGroup 'laptop-fairies' is not one of the groups the models name ("
            + String.join(", ", vocabulary.current().groupIds()) + "), so no queue would show its requests",
        "catalog/extra.yaml reboot-everything: unknown service 'unicorns'",
        "catalog/extra.yaml reboot-everything: a change template needs an implementationGroup, an implementationPlan "
            + "and a backoutPlan",
        "catalog/extra.yaml reboot-everything: maxDuration must be an ISO-8601 duration such as PT2H",
        "catalog/extra.yaml backwards: a blackout window needs a from before its to",
        "catalog/extra.yaml backwards: unknown service 'teleporter-2'",
        "catalog/extra.yaml every-second: recurrence 'FREQ=SECONDLY' is not an RFC 5545 recurrence rule such as "
            + "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=23: a blackout window repeats daily, weekly, monthly or yearly, not SECONDLY",
        "catalog/extra.yaml gibberish: recurrence 'every other Tuesday' is not an RFC 5545 recurrence rule such as "
            + "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=23: FREQ part is missing");
    assertThat(catalog.portfolio().services()).hasSize(services);

    MODELS.delete("catalog/extra.yaml");
    MODELS.replace("catalog/services.yaml", "name: Fax", "name: Fax machines");
    ResponseEntity<String> deployed = ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy",
        HttpMethod.POST, null, String.class);
    assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(deployed.getBody()).contains("\"changedFiles\":[\"catalog/services.yaml\"]");
    assertThat(catalog.service("fax").orElseThrow().name()).isEqualTo("Fax machines");
    // A catalog change is an administrative action like any deployment.
    assertThat(get("admin", "/api/admin/audit").get(0).get("details").asText()).contains("catalog/services.yaml");
  }

  /**
   * An owner group or a group's lead that the directory does not know deploys (an administrator may create them
   * after), with a warning naming the file, the entry and why it matters: a typo went unnoticed before, leaving a
   * service without owners and a group's OLA warnings with nobody to reach.
   */
  @Test
  void anOwnerGroupOrALeadTheDirectoryDoesNotKnowIsAWarning() throws Exception {
    MODELS.write("catalog/legal.yaml", """
        linesOfBusiness:
          - id: legal
            name: Legal
        services:
          - id: contract-review
            name: Contract review
            lineOfBusiness: legal
            ownerGroup: legal-tem
            lifecycle: catalog
            supportHours: business
        groups:
          - id: legal-team
            lead: lenna
        """);

    ResponseEntity<String> deployed = ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy",
        HttpMethod.POST, null, String.class);

    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
    List<String> warnings = new java.util.ArrayList<>();
    json.readTree(deployed.getBody()).get("warnings").forEach(w -> warnings.add(w.get("file").asText() + " "
        + w.get("element").asText() + ": " + w.get("reason").asText()));
    assertThat(warnings).contains(
        "catalog/legal.yaml contract-review: ownerGroup 'legal-tem' is a group the identity service does not know: the "
            + "service has no owners until an administrator creates it (a typo?)",
        "catalog/legal.yaml legal-team: lead 'lenna' is no user the identity service knows: the group's OLA warnings "
            + "reach nobody until an administrator creates them (a typo?)");
    // The shipped catalog's owner groups and leads are all known.
    assertThat(warnings).noneMatch(w -> w.startsWith("catalog/services.yaml") || w.startsWith("catalog/groups.yaml"));
    assertThat(catalog.service("contract-review")).isPresent();
  }
}
