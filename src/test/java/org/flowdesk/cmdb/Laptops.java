package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.flowdesk.ApiClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A laptop of a person's, each test's own (a random asset tag, so the demo's laptops that other tests name stay
 * as they are), made by an administrator as an import or a fulfilment would.
 */
public final class Laptops {

  private Laptops() {
  }

  /** A new laptop assigned to the person, for the laptop service; its key, e.g. "lt-t1x2y3z". */
  public static String of(ApiClient api, String person) {
    String tag = "LT-T" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36).toUpperCase();
    String key = tag.toLowerCase();
    ResponseEntity<String> created = api.call("admin", HttpMethod.POST, "/api/cis", Map.of("key", key, "class",
        "laptop", "name", name(key), "ownerGroup", "service-desk", "services", List.of("laptop"),
        "attributes", Map.of("assetTag", tag, "model", "Lenovo ThinkPad T14", "assignedTo", person)));
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    return key;
  }

  /** The name {@link #of} gives the laptop: "Laptop LT-T1X2Y3Z". */
  public static String name(String key) {
    return "Laptop " + key.toUpperCase();
  }
}
