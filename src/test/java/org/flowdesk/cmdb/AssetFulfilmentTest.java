package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.flowdesk.ApiClient;
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
 * The hardware fulfilment keeps the CMDB: a laptop alice orders becomes, once prepared, a laptop CI assigned
 * to her (planned), live when handed over, and is under her devices; a monitor delivered with the tag of a
 * monitor in stock hands that CI over instead of making another; nobody else sees it as theirs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AssetFulfilmentTest {

  @Autowired
  TestRestTemplate rest;

  String order(ApiClient api, String user, String item, Map<String, Object> answers) {
    ResponseEntity<String> ordered = api.call(user, HttpMethod.POST, "/api/requests", Map.of("item", item,
        "answers", answers));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  static JsonNode device(JsonNode devices, String key) {
    for (JsonNode device : devices) {
      if (device.get("key").asText().equals(key)) {
        return device;
      }
    }
    return null;
  }

  @Test
  void aDeliveredLaptopIsACiAssignedToTheRequesterAndUnderHerDevices() {
    ApiClient api = new ApiClient(rest);
    String tag = "LT-Z" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36).toUpperCase();
    String key = tag.toLowerCase();
    String number = order(api, "alice", "new-laptop", Map.of("model", "standard", "reason", "Mine is slow"));
    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));
    api.work("bea", number, "Budget owner approves", Map.of("decision", "approve"));
    api.work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-" + tag));
    assertThat(device(api.get("alice", "/api/me/devices"), key)).isNull();

    api.work("bob", number, "Prepare the device", Map.of("assetTag", tag));
    JsonNode prepared = device(api.get("alice", "/api/me/devices"), key);
    assertThat(prepared).isNotNull();
    assertThat(prepared.get("class").asText()).isEqualTo("laptop");
    assertThat(prepared.get("className").asText()).isEqualTo("Laptop");
    assertThat(prepared.get("name").asText()).isEqualTo("Laptop " + tag);
    assertThat(prepared.get("assetTag").asText()).isEqualTo(tag);
    assertThat(prepared.get("lifecycle").asText()).isEqualTo("planned");

    api.work("bob", number, "Hand it over", Map.of("handoverNotes", "At the front desk"));
    assertThat(device(api.get("alice", "/api/me/devices"), key).get("lifecycle").asText()).isEqualTo("live");
    assertThat(device(api.get("bob", "/api/me/devices"), key)).isNull();

    JsonNode ci = api.get("bob", "/api/cis/" + key);
    assertThat(ci.at("/attributes/assignedTo").asText()).isEqualTo("alice");
    assertThat(ci.get("ownerGroup").asText()).isEqualTo("service-desk");
    assertThat(ci.get("services").toString()).isEqualTo("[\"laptop\"]");
    JsonNode history = api.get("bob", "/api/cis/" + key + "/history");
    assertThat(history.findValuesAsText("action")).containsExactly("handed-over", "created");
    assertThat(history.findValuesAsText("actor")).containsExactly("flowdesk", "flowdesk");
  }

  @Test
  void aMonitorFromStockIsHandedToTheRequesterInsteadOfBecomingAnotherCi() {
    ApiClient api = new ApiClient(rest);
    String tag = "MN-Z" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36).toUpperCase();
    String key = tag.toLowerCase();
    ResponseEntity<String> stocked = api.call("admin", HttpMethod.POST, "/api/cis", Map.of("key", key, "class",
        "monitor", "name", "Spare monitor " + tag, "ownerGroup", "service-desk", "attributes",
        Map.of("assetTag", tag, "model", "Dell P2723DE", "assignedTo", "bob")));
    assertThat(stocked.getStatusCode()).as(stocked.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(device(api.get("bob", "/api/me/devices"), key)).isNotNull();

    String number = order(api, "alice", "monitor", Map.of("size", "27", "reason", "Spreadsheets"));
    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));
    api.work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-" + tag));
    api.work("bob", number, "Prepare the device", Map.of("assetTag", tag));
    api.work("bob", number, "Hand it over", Map.of());

    JsonNode mine = device(api.get("alice", "/api/me/devices"), key);
    assertThat(mine.get("name").asText()).isEqualTo("Spare monitor " + tag);
    assertThat(mine.get("model").asText()).isEqualTo("Dell P2723DE");
    assertThat(mine.get("lifecycle").asText()).isEqualTo("live");
    assertThat(device(api.get("bob", "/api/me/devices"), key)).isNull();
    assertThat(api.get("bob", "/api/cis/" + key + "/history").findValuesAsText("action"))
        .containsExactly("handed-over", "assigned", "created");
  }

  @Test
  void anAssetTagThatNamesAnotherKindOfCiLeavesThatCiAloneAndTheDeviceGetsAKeyOfItsClass() {
    ApiClient api = new ApiClient(rest);
    JsonNode server = api.get("bob", "/api/cis/vm-erp-db-1");
    String number = order(api, "alice", "monitor", Map.of("size", "24", "reason", "Second screen"));
    api.work("mark", number, "Manager approves", Map.of("decision", "approve"));
    api.work("petra", number, "Order from the supplier", Map.of("supplierOrder", "PO-slip"));
    api.work("bob", number, "Prepare the device", Map.of("assetTag", "VM-ERP-DB-1"));
    api.work("bob", number, "Hand it over", Map.of());

    assertThat(api.get("bob", "/api/cis/vm-erp-db-1")).isEqualTo(server);
    JsonNode mine = device(api.get("alice", "/api/me/devices"), "monitor-vm-erp-db-1");
    assertThat(mine.get("class").asText()).isEqualTo("monitor");
    assertThat(mine.get("assetTag").asText()).isEqualTo("VM-ERP-DB-1");
    assertThat(mine.get("lifecycle").asText()).isEqualTo("live");
  }
}
