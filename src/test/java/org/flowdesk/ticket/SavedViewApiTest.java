package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
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

/** Saved views: an agent names a list's filters and order, sees them with their counts; nobody else does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SavedViewApiTest {

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  String report(String service, String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "description", "Seen since this morning", "service", service, "category", "hardware", "impact", 3,
        "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  JsonNode viewNamed(String user, String name) {
    for (JsonNode view : api.get(user, "/api/views")) {
      if (name.equals(view.get("name").asText())) {
        return view;
      }
    }
    return null;
  }

  @Test
  void anAgentSavesAViewAndSeesItsCountWhichFollowsTheTicketsAndOnlyHers() {
    String first = report("printer", "Wibbleton printer 1 rattles");
    report("printer", "Wibbleton printer 2 rattles");
    report("vpn", "Wibbleton tunnel rattles");
    Map<String, Object> view = new HashMap<>(Map.of("name", "Wibbleton unassigned", "q", "Wibbleton",
        "assignee", "none", "open", true, "sort", "-age"));

    ResponseEntity<String> saved = api.call("bob", HttpMethod.POST, "/api/views", view);

    assertThat(saved.getStatusCode()).as(saved.getBody()).isEqualTo(HttpStatus.CREATED);
    JsonNode created = ApiClient.read(saved);
    // The network team's ticket is none of bob's: not counted.
    assertThat(created.get("count").asLong()).isEqualTo(2);
    assertThat(created.get("sort").asText()).isEqualTo("-age");
    assertThat(api.get("bob", "/api/tickets?q=Wibbleton&assignee=none&open=true").get("total").asLong()).isEqualTo(2);

    api.call("bob", HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "assign", "tickets", List.of(first)));
    assertThat(viewNamed("bob", "Wibbleton unassigned").get("count").asLong()).isEqualTo(1);
    // Nina of the network team saves the same filters and counts her ticket only.
    assertThat(ApiClient.read(api.call("nina", HttpMethod.POST, "/api/views", view)).get("count").asLong()).isEqualTo(1);

    // Only bob sees and deletes bob's view; a second view of that name is refused.
    assertThat(viewNamed("alice", "Wibbleton unassigned")).isNull();
    long id = viewNamed("bob", "Wibbleton unassigned").get("id").asLong();
    assertThat(api.call("bob", HttpMethod.POST, "/api/views", view).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(api.call("alice", HttpMethod.DELETE, "/api/views/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(api.call("bob", HttpMethod.DELETE, "/api/views/" + id, null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(viewNamed("bob", "Wibbleton unassigned")).isNull();
    assertThat(viewNamed("nina", "Wibbleton unassigned")).isNotNull();
  }

  @Test
  void aViewWithFiltersTheListRefusesIsNotSaved() {
    for (Map<String, Object> bad : List.of(Map.<String, Object>of("name", "Zazzle 1", "status", "on_fire"),
        Map.<String, Object>of("name", "Zazzle 2", "sort", "title"), Map.<String, Object>of("name", "Zazzle 3",
            "priority", 0), Map.<String, Object>of("name", " "), Map.<String, Object>of("name", "Zazzle 4", "owner", "sam"),
        Map.<String, Object>of("name", "Zazzle 5", "dueWithinHours", 10_000))) {
      ResponseEntity<String> response = api.call("bob", HttpMethod.POST, "/api/views", bad);
      assertThat(response.getStatusCode()).as(bad + ": " + response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
    assertThat(api.get("bob", "/api/views").findValuesAsText("name")).noneMatch(name -> name.startsWith("Zazzle"));
  }
}
