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
import org.springframework.http.HttpHeaders;
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
        .replace("catalog/ci-classes.yaml", "      - { name: sizeInches, label: Size (inches), type: integer }",
            "      - { name: sizeInches, label: Size (inches), type: integer }\n"
                + "      - { name: curved, label: Curved screen, type: boolean }\n"
                + "      - { name: panel, type: enum, values: [ips, va, oled], valueNames: { oled: OLED } }")
        // The words of another language name the new attribute and one of its values.
        .replace("catalog/i18n/de.yaml", "      sizeInches: {label: Größe (Zoll)}\n",
            "      sizeInches: {label: Größe (Zoll)}\n      curved: {label: Gebogener Bildschirm}\n"
                + "      panel: {label: Bildschirmtechnik, values: {va: VA-Panel}}\n");
    assertThat(deploy().getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<String> created = create(ups);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(json.readTree(created.getBody()).at("/attributes/capacityKva").asInt()).isEqualTo(40);
    assertThat(create(monitor).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode classes = json.readTree(ApiClient.as(rest, "bob", "bob").getForObject("/api/ci-classes", String.class));
    assertThat(classes.get("classes").findValuesAsText("id")).contains("power-supply");
    // Each attribute by its label (its name where the file gives none) and an enum's values by their names (each
    // value as written where the file names none), in the reader's language where its words name them.
    assertThat(attribute(classes, "monitor", "curved").get("label").asText()).isEqualTo("Curved screen");
    assertThat(attribute(classes, "monitor", "panel").get("label").asText()).isEqualTo("panel");
    assertThat(attribute(classes, "monitor", "panel").get("valueNames").toString())
        .isEqualTo("{\"ips\":\"ips\",\"va\":\"va\",\"oled\":\"OLED\"}");
    assertThat(attribute(classes, "power-supply", "capacityKva").get("label").asText()).isEqualTo("capacityKva");
    HttpHeaders german = new HttpHeaders();
    german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
    JsonNode inGerman = json.readTree(ApiClient.as(rest, "bob", "bob").exchange("/api/ci-classes", HttpMethod.GET,
        new HttpEntity<>(german), String.class).getBody());
    assertThat(attribute(inGerman, "monitor", "curved").get("label").asText()).isEqualTo("Gebogener Bildschirm");
    assertThat(attribute(inGerman, "monitor", "panel").get("label").asText()).isEqualTo("Bildschirmtechnik");
    assertThat(attribute(inGerman, "monitor", "panel").get("valueNames").toString())
        .isEqualTo("{\"ips\":\"ips\",\"va\":\"VA-Panel\",\"oled\":\"OLED\"}");
  }

  static JsonNode attribute(JsonNode model, String ciClass, String name) {
    for (JsonNode c : model.get("classes")) {
      if (c.get("id").asText().equals(ciClass)) {
        for (JsonNode a : c.get("attributes")) {
          if (a.get("name").asText().equals(name)) {
            return a;
          }
        }
      }
    }
    throw new AssertionError(ciClass + " has no attribute " + name + ": " + model);
  }

  @Test
  void aBrokenClassFileIsRefusedNamingFileClassAndReasonAndTheClassesInForceStay() throws Exception {
    MODELS.replace("catalog/ci-classes.yaml", "{ name: cpus,     label: CPUs, type: integer }",
            "{ name: cpus, type: number }")
        .replace("catalog/ci-classes.yaml", "{ name: kind,     label: Kind, type: enum, values: [office, data-centre, warehouse],",
            "{ name: kind, type: enum,")
        .replace("catalog/ci-classes.yaml", "{ name: memoryGb, label: Memory (GB), type: integer }",
            "{ name: memoryGb, type: integer, valueNames: { 64: Sixty-four } }")
        .replace("catalog/ci-classes.yaml", "valueNames: { linux: Linux,", "valueNames: { solaris: Solaris, linux: Linux,")
        .replace("catalog/ci-classes.yaml", "{ name: vendor,   label: Vendor, type: string }",
            "{ name: vendor,   label: \" \", type: string }")
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
        "catalog/ci-classes.yaml server: attribute 'memoryGb': only an enum names its values",
        "catalog/ci-classes.yaml server: attribute 'os': valueNames must name values of the enum (linux, windows, "
            + "vmware-esxi), each with a text",
        "catalog/ci-classes.yaml application: attribute 'vendor': a label must not be blank",
        "catalog/ci-classes.yaml monitor: relation type 'powered-by' is not declared under relationTypes",
        "catalog/ci-classes.yaml monitor: relation 'runs-on' goes to unknown class 'mainframe'");
    // The classes in force did not change: a server still takes cpus as an integer.
    JsonNode classes = json.readTree(ApiClient.as(rest, "bob", "bob").getForObject("/api/ci-classes", String.class));
    assertThat(classes.toString()).contains("\"name\":\"cpus\",\"label\":\"CPUs\",\"type\":\"integer\"");
  }
}
