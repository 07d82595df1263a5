package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a bulk action may do to a ticket is its work form's to say, with no Java change: a
 * resolution code the designer adds to forms/incident-work.form can be used in bulk at once, and a
 * work form that no longer offers "resolve" leaves nothing to resolve in bulk.
 */
@EditableModelsTest
class BulkActionModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  String report(String title) {
    var reported = ApiClient.as(rest, "alice", "alice").postForEntity("/api/incidents", Map.of("title", title,
        "service", "printer", "category", "hardware", "impact", 3, "urgency", 3), String.class);
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  JsonNode resolve(String ticket, String code) {
    var response = ApiClient.as(rest, "bob", "bob").postForEntity("/api/tickets/bulk", Map.of("action", "resolve",
        "tickets", List.of(ticket), "resolutionCode", code, "resolutionNotes", "Done in bulk"), String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return ApiClient.read(response).get("results").get(0);
  }

  void deploy() {
    var deployed = ApiClient.as(rest, "admin", "admin").postForEntity("/api/admin/models/deploy", null, String.class);
    assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aResolutionCodeAddedToTheWorkFormIsOneABulkResolveMayUse() {
    String before = report("Trindle printer before the new code");
    assertThat(resolve(before, "replaced_hardware").get("refusal").asText()).isEqualTo("invalid");

    MODELS.replace("forms/incident-work.form", """
        {
                  "label": "Could not be reproduced",
                  "value": "not_reproducible"
                }""", """
        {
                  "label": "Could not be reproduced",
                  "value": "not_reproducible"
                },
                {
                  "label": "Hardware replaced",
                  "value": "replaced_hardware"
                }""");
    deploy();

    String after = report("Trindle printer after the new code");
    assertThat(resolve(after, "replaced_hardware").get("done").asBoolean()).isTrue();
    JsonNode ticket = ApiClient.read(ApiClient.as(rest, "alice", "alice").getForEntity("/api/tickets/" + after,
        String.class));
    assertThat(ticket.get("status").asText()).isEqualTo("resolved");
    assertThat(ticket.get("resolutionCode").asText()).isEqualTo("replaced_hardware");
  }

  @Test
  void aWorkFormThatNoLongerOffersResolveLeavesNothingToResolveInBulk() {
    MODELS.replace("forms/incident-work.form", """
        {
                  "label": "Resolve the incident",
                  "value": "resolve"
                },
        """, "");
    deploy();

    String ticket = report("Trindle printer that cannot be resolved");
    JsonNode result = resolve(ticket, "solved");
    assertThat(result.get("refusal").asText()).isEqualTo("no_step");
    assertThat(result.get("reason").asText()).startsWith(ticket + " has no step now by which to resolve it");
    // Taking it on is still its work step's.
    var assigned = ApiClient.as(rest, "bob", "bob").postForEntity("/api/tickets/bulk", Map.of("action", "assign",
        "tickets", List.of(ticket)), String.class);
    assertThat(ApiClient.read(assigned).get("done").asInt()).isEqualTo(1);
  }
}
