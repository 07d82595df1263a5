package org.flowdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The API document at /api/openapi, generated from the controllers' annotations: every
 * operation described with its errors, and docs/openapi.json (which the build lints and
 * generates the test client from) kept the same as what the code generates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTest {

  /** The copy in the repository: what integrators read, reviewers diff, and the build lints. */
  static final Path COPY = Path.of("docs/openapi.json");
  static final String UPDATE = "flowdesk.openapi.update";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Autowired
  TestRestTemplate rest;

  JsonNode document;

  @BeforeEach
  void fetch() throws Exception {
    ResponseEntity<String> response = rest.getForEntity("/api/openapi", String.class);
    assertThat(response.getStatusCode()).as("the document needs no login").isEqualTo(HttpStatus.OK);
    document = JSON.readTree(response.getBody());
  }

  @Test
  void theCopyInTheRepositoryIsWhatTheCodeGenerates() throws Exception {
    String generated = JSON.writeValueAsString(document) + "\n";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/openapi.json"), generated);
    if (Boolean.getBoolean(UPDATE)) {
      Files.writeString(COPY, generated);
    }
    assertThat(Files.exists(COPY)).as("%s exists; run this test with -D%s=true to write it", COPY, UPDATE).isTrue();
    assertThat(differences("", JSON.readTree(Files.readString(COPY)), document))
        .as("where %s differs from what /api/openapi answers; after changing the API, run this test with -D%s=true "
            + "and commit the file (target/openapi.json is the new one)", COPY, UPDATE)
        .isEmpty();
  }

  /** The JSON pointers at which two documents differ, at most 20. */
  static List<String> differences(String at, JsonNode copy, JsonNode generated) {
    List<String> found = new ArrayList<>();
    if (copy.isObject() && generated.isObject()) {
      Set<String> names = new TreeSet<>();
      copy.fieldNames().forEachRemaining(names::add);
      generated.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String pointer = at + "/" + name.replace("~", "~0").replace("/", "~1");
        if (!copy.has(name) || !generated.has(name)) {
          found.add(pointer + (copy.has(name) ? " is gone" : " is new"));
        } else {
          found.addAll(differences(pointer, copy.get(name), generated.get(name)));
        }
      }
    } else if (!copy.equals(generated)) {
      found.add(at + ": " + abbreviate(copy) + " is now " + abbreviate(generated));
    }
    return found.size() > 20 ? found.subList(0, 20) : found;
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  @Test
  void everyOperationHasASummaryADescriptionItsErrorsAndSecurity() {
    assertThat(OpenApiRules.problems(document)).isEmpty();
    assertThat(document.path("paths").size()).as("the whole API is described").isGreaterThanOrEqualTo(33);
  }

  @Test
  void statesTheVersionAndHowToAuthenticateAndDescribesOnlyTheApi() {
    assertThat(document.path("info").path("version").asText()).isEqualTo(ApiDocs.VERSION);
    JsonNode schemes = document.path("components").path("securitySchemes");
    assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
    assertThat(schemes.path("portalSession").path("in").asText()).isEqualTo("cookie");
    assertThat(schemes.path("csrfToken").path("name").asText()).isEqualTo("X-CSRF-TOKEN");
    assertThat(document.path("paths").fieldNames()).toIterable().allMatch(path -> path.startsWith("/api/"));
    JsonNode post = document.path("paths").path("/api/incidents").path("post");
    assertThat(post.path("security").toString()).contains("csrfToken");
    assertThat(document.path("paths").path("/api/tickets").path("get").path("security").toString())
        .doesNotContain("csrfToken");
    assertThat(document.path("components").path("parameters").path("Idempotency-Key").path("in").asText())
        .isEqualTo("header");
    assertThat(document.path("components").path("schemas").path("TicketPage").path("properties").fieldNames())
        .toIterable().containsExactlyInAnyOrder("items", "page", "size", "total");
  }

  @Test
  void aChangedDocumentIsNamedWhereItChanged() throws Exception {
    JsonNode copy = JSON.readTree("""
        {"paths": {"/api/tickets": {"get": {"summary": "List tickets"}}, "/api/old": {}}}""");
    JsonNode generated = JSON.readTree("""
        {"paths": {"/api/tickets": {"get": {"summary": "Tickets"}}, "/api/new": {}}}""");
    assertThat(differences("", copy, generated)).containsExactly("/paths/~1api~1new is new",
        "/paths/~1api~1old is gone", "/paths/~1api~1tickets/get/summary: \"List tickets\" is now \"Tickets\"");
  }

  @Test
  void theRulesNameAnEndpointWithoutSummaryOrErrorResponses() throws Exception {
    JsonNode undescribed = JSON.readTree("""
        {"paths": {"/api/widgets/{id}": {"post": {
          "operationId": "makeWidget", "tags": ["Widgets"], "security": [{"basic": []}],
          "requestBody": {"content": {"application/json": {}}},
          "responses": {"200": {"description": "OK"}, "409": {"description": "Conflict",
            "content": {"application/json": {}}}}}}}}""");
    assertThat(OpenApiRules.problems(undescribed)).containsExactlyInAnyOrder(
        "POST /api/widgets/{id}: no summary",
        "POST /api/widgets/{id}: no description",
        "POST /api/widgets/{id}: no 401 response although every call needs a logged-in caller",
        "POST /api/widgets/{id}: no 404 response although it names a thing in its path",
        "POST /api/widgets/{id}: no 400 response although it takes input",
        "POST /api/widgets/{id}: its 409 is not application/problem+json ([application/json])");
  }
}
