package org.flowdesk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every operation of FlowDesk's API document must say, so that an integrator and a
 * generated client know how to call it and what comes back when it fails. A new endpoint
 * without its summary or its error responses is named here.
 */
final class OpenApiRules {

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final String PROBLEM = "application/problem+json";

  private OpenApiRules() {
  }

  /** Each problem as "METHOD path: what is missing"; empty when every operation is described. */
  static List<String> problems(JsonNode document) {
    List<String> problems = new ArrayList<>();
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        check(entry.getKey().toUpperCase() + " " + path.getKey(), path.getKey(), entry.getValue(), problems);
      }
    }));
    return problems;
  }

  private static void check(String name, String path, JsonNode operation, List<String> problems) {
    for (String field : List.of("summary", "description", "operationId")) {
      if (operation.path(field).asText().isBlank()) {
        problems.add(name + ": no " + field);
      }
    }
    if (operation.path("tags").isEmpty()) {
      problems.add(name + ": no tag");
    }
    if (operation.path("security").isEmpty()) {
      problems.add(name + ": no security requirement");
    }
    JsonNode responses = operation.path("responses");
    List<String> codes = new ArrayList<>();
    responses.fieldNames().forEachRemaining(codes::add);
    if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
      problems.add(name + ": no success response");
    }
    require(name, codes, "401", "every call needs a logged-in caller", problems);
    if (path.contains("{")) {
      require(name, codes, "404", "it names a thing in its path", problems);
    }
    boolean input = operation.has("requestBody") || parameters(operation).stream()
        .anyMatch(p -> "query".equals(p.path("in").asText()));
    if (input) {
      require(name, codes, "400", "it takes input", problems);
    }
    if (path.startsWith("/api/admin/")) {
      require(name, codes, "403", "it is for administrators", problems);
    }
    boolean intake = parameters(operation).stream()
        .anyMatch(p -> p.path("$ref").asText().endsWith("/Idempotency-Key"));
    if (intake && !responses.path("201").path("headers").has("Location")) {
      problems.add(name + ": takes an Idempotency-Key but its 201 has no Location header");
    }
    codes.stream().filter(code -> code.startsWith("4") || code.startsWith("5")).forEach(code -> {
      JsonNode response = responses.path(code);
      boolean shared = response.path("$ref").asText().startsWith("#/components/responses/");
      List<String> types = new ArrayList<>();
      response.path("content").fieldNames().forEachRemaining(types::add);
      if (!shared && !types.equals(List.of(PROBLEM))) {
        problems.add(name + ": its " + code + " is not " + PROBLEM + " (" + types + ")");
      }
    });
  }

  private static void require(String name, List<String> codes, String code, String because, List<String> problems) {
    if (!codes.contains(code)) {
      problems.add(name + ": no " + code + " response although " + because);
    }
  }

  private static List<JsonNode> parameters(JsonNode operation) {
    List<JsonNode> parameters = new ArrayList<>();
    operation.path("parameters").forEach(parameters::add);
    return parameters;
  }
}
