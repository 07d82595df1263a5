package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * "Return a device" (catalog/request-items.yaml, processes/fulfil-return.bpmn): alice names one of her devices, the
 * service desk receives it, and its CI leaves her (retired, or back in stock as the agent chooses), which its history
 * keeps; she cannot give back a device that is not hers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeviceReturnTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  ApiClient api;

  String laptopOf(String person) {
    return Laptops.of(api, person);
  }

  String giveBack(String user, String device) {
    ResponseEntity<String> ordered = api.call(user, HttpMethod.POST, "/api/requests", Map.of("item", "return-device",
        "answers", Map.of("configurationItem", device, "reason", "I got a new one")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  @Test
  void aReturnedLaptopIsRetiredAndGoneFromHerDevices() {
    api = new ApiClient(rest);
    String laptop = laptopOf("alice");
    assertThat(AssetFulfilmentTest.device(api.get("alice", "/api/me/devices"), laptop)).isNotNull();

    String number = giveBack("alice", laptop);
    JsonNode ticket = api.get("alice", "/api/tickets/" + number);
    assertThat(ticket.get("configurationItem").asText()).isEqualTo(laptop);
    assertThat(ticket.get("title").asText()).startsWith("Return a device: " + laptop);
    // Still hers until the service desk has it.
    assertThat(AssetFulfilmentTest.device(api.get("alice", "/api/me/devices"), laptop)).isNotNull();

    api.work("bob", number, "Receive the device", Map.of("disposition", "retire", "receiptNotes", "Screen cracked"));
    assertThat(AssetFulfilmentTest.device(api.get("alice", "/api/me/devices"), laptop)).isNull();
    JsonNode ci = api.get("bob", "/api/cis/" + laptop);
    assertThat(ci.get("lifecycle").asText()).isEqualTo("retired");
    assertThat(ci.at("/attributes/assignedTo").isMissingNode()).isTrue();
    JsonNode history = api.get("bob", "/api/cis/" + laptop + "/history");
    assertThat(history.findValuesAsText("action")).containsExactly("returned", "created");
    assertThat(history.get(0).get("actor").asText()).isEqualTo("flowdesk");
    // The step's record holds the choice by its label as well as the notes (it held the notes only).
    assertThat(api.get("alice", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .anyMatch(text -> text.startsWith("Receive the device") && text.endsWith(": done\n"
            + "What becomes of the device: Retire it\nNotes on the device: Screen cracked"));
    // A German reader reads it by the step's and the form's German words; what bob typed stays as typed.
    org.springframework.http.HttpHeaders german = new org.springframework.http.HttpHeaders();
    german.set(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "de");
    assertThat(ApiClient.read(ApiClient.as(rest, "alice", "alice").exchange("/api/tickets/" + number + "/timeline",
        org.springframework.http.HttpMethod.GET, new org.springframework.http.HttpEntity<>(german), String.class))
        .findValuesAsText("text")).anyMatch(text -> text.startsWith("Gerät entgegennehmen") && text.endsWith(
            ": erledigt\nWas mit dem Gerät geschieht: Ausmustern\nNotizen zum Gerät: Screen cracked"))
        // The model's own resolution note reads German too; the title stays as it was written.
        .anyMatch(text -> text.startsWith("Gelöst (geliefert): Geliefert: Return a device: " + laptop));
    assertThat(api.status("alice", number)).isIn("resolved", "closed", "fulfilled");
  }

  @Test
  void aDeviceBackInStockIsNobodysAndPlannedToBeHandedOutAgain() {
    api = new ApiClient(rest);
    String laptop = laptopOf("alice");
    String number = giveBack("alice", laptop);
    api.work("bob", number, "Receive the device", Map.of("disposition", "stock"));

    assertThat(AssetFulfilmentTest.device(api.get("alice", "/api/me/devices"), laptop)).isNull();
    JsonNode ci = api.get("bob", "/api/cis/" + laptop);
    assertThat(ci.get("lifecycle").asText()).isEqualTo("planned");
    assertThat(ci.at("/attributes/assignedTo").isMissingNode()).isTrue();
    // Nobody's now: an agent may name it for the laptop service.
    assertThat(api.get("bob", "/api/services/laptop/cis").findValuesAsText("key")).contains(laptop);
  }

  @Test
  void nobodyGivesBackADeviceThatIsNotTheirs() {
    api = new ApiClient(rest);
    String bobs = laptopOf("bob");
    long before = jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();
    for (String device : new String[] {bobs, "app-vpn-portal", "no-such-device", "not a key; DROP TABLE fd_ci"}) {
      ResponseEntity<String> refused = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item",
          "return-device", "answers", Map.of("configurationItem", device)));
      assertThat(refused.getStatusCode()).as(device + ": " + refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(ApiClient.read(refused).get("errors").findValuesAsText("field")).as(device)
          .containsExactly("answers.configurationItem");
    }
    // The form asks for the device.
    assertThat(api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "return-device", "answers",
        Map.of("reason", "none"))).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single()).isEqualTo(before);
    assertThat(api.get("bob", "/api/cis/" + bobs).at("/attributes/assignedTo").asText()).isEqualTo("bob");
  }
}
