package org.flowdesk.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
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

/** The CI classes are catalog/ci-classes.yaml: a class or attribute added there is in force after a deployment. */
@EditableModelsTest
class CiClassesModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> deploy() {
    return ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy", HttpMethod.POST, null,
        String.class);
  }

  ResponseEntity<String> create(Map<String, Object> ci) {
    return ApiClient.as(rest, "admin", "admin").exchange("/api/cis", HttpMethod.POST, new HttpEntity<>(ci),
        String.class);
  }

  @Test
  void aClassAndAnAttributeAddedToTheFileAreInForceOnceDeployed() throws Exception {
    String key = "ups-" + System.nanoTime();
    Map<String, Object> ups = Map.of("key", key, "class", "power-supply", "name", "UPS room 1", "ownerGroup", "facilities",
        "attributes", Map.of("capacityKva", 40), "relations", List.of(Map.of("type", "located-at", "to", "site-hamburg")));
    assertThat(create(ups).getBody()).contains("unknown class 'power-supply'");
    Map<String, Object> monitor = Map.of("key", key + "-m", "class", "monitor", "name", "Curved", "ownerGroup",
        "service-desk", "attributes", Map.of("assetTag", "MN-1", "curved", true));
    assertThat(create(monitor).getBody()).contains("a monitor has no attribute 'curved'");

    MODELS.replace("catalog/ci-classes.yaml", "  - id: monitor\n", """
          - id: power-supply
            name: Power supply
            attributes:
              - { name: capacityKva, type: integer, required: true }
            relations:
              - { type: located-at, to: [site] }

          - id: monitor
        """)
        .replace("catalog/ci-classes.yaml", "      - { name: sizeInches, type: integer }",
            "      - { name: sizeInches, type: integer }\n      - { name: curved, type: boolean }");
    assertThat(deploy().getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> created = create(ups);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(json.readTree(created.getBody()).at("/attributes/capacityKva").asInt()).isEqualTo(40);
    assertThat(create(monitor).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode classes = json.readTree(ApiClient.as(rest, "bob", "bob").getForObject("/api/ci-classes", String.class));
    assertThat(classes.get("classes").findValuesAsText("id")).contains("power-supply");
  }

  @Test
  void aBrokenClassFileIsRefusedNamingFileClassAndReasonAndTheClassesInForceStay() throws Exception {
    MODELS.replace("catalog/ci-classes.yaml", "{ name: cpus,     type: integer }", "{ name: cpus, type: number }")
        .replace("catalog/ci-classes.yaml", "{ name: kind,     type: enum, values: [office, data-centre, warehouse] }",
            "{ name: kind, type: enum }")
        .replace("catalog/ci-classes.yaml", "      - { type: located-at, to: [site] }\n",
            "      - { type: located-at, to: [site] }\n      - { type: powered-by, to: [site] }\n"
                + "      - { type: runs-on, to: [mainframe] }\n");

    ResponseEntity<String> refused = deploy();

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    List<String> problems = new ArrayList<>();
    json.readTree(refused.getBody()).get("problems").forEach(p -> problems.add(p.get("file").asText() + " "
        + p.get("element").asText() + ": " + p.get("reason").asText()));
    assertThat(problems).containsExactlyInAnyOrder(
        "catalog/ci-classes.yaml server: attribute 'cpus': type 'number' is none of string, integer, boolean, date, enum",
        "catalog/ci-classes.yaml site: attribute 'kind': an enum needs its values",
        "catalog/ci-classes.yaml monitor: relation type 'powered-by' is not declared under relationTypes",
        "catalog/ci-classes.yaml monitor: relation 'runs-on' goes to unknown class 'mainframe'");
    // The classes in force did not change: a server still takes cpus as an integer.
    JsonNode classes = json.readTree(ApiClient.as(rest, "bob", "bob").getForObject("/api/ci-classes", String.class));
    assertThat(classes.toString()).contains("\"name\":\"cpus\",\"type\":\"integer\"");
  }
}
