package org.flowdesk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * What FlowDesk's OpenAPI document ({@code /api/openapi}) says beyond each controller's
 * annotations: the API's version, how callers authenticate (as SecurityConfiguration decides),
 * the problem details every error is, and the {@code Idempotency-Key} header of intake.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String BASIC = "basic";
  static final String SESSION = "portalSession";
  static final String CSRF = "csrfToken";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Set<PathItem.HttpMethod> SAFE = Set.of(PathItem.HttpMethod.GET, PathItem.HttpMethod.HEAD,
      PathItem.HttpMethod.OPTIONS);

  @Bean
  OpenAPI flowDeskApi() {
    return new OpenAPI()
        .info(new Info().title("FlowDesk API").version(ApiDocs.VERSION)
            .description("""
                FlowDesk's service desk API: report incidents, order from the service catalog, raise \
                changes, and work tickets and their tasks. Every call is made as a FlowDesk user (the same \
                users as Cockpit and Tasklist) and sees what that user may see: any other ticket answers 404.

                Errors are `application/problem+json` (RFC 9457) with a `detail` a person can act on; \
                refused input also names each field in `errors`. What a form asks (incident report, \
                change request, a catalog item's answers, a task's fields) is declared by the deployed \
                form, readable at `GET /api/forms/{id}`, and checked exactly as Tasklist checks it.

                The version follows semantic versioning: within 1.x, changes are additions only.""")
            .license(new License().name("Apache 2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
        // Relative: the installation that serves this document (a client sets its base URL).
        .servers(List.of(new Server().url("/").description("The FlowDesk that serves this document")))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A FlowDesk user id and password. API clients use this; no session is created."))
            .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                .description("The session of a login to FlowDesk's pages, as the portal's script uses it."))
            .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                .description("The session's CSRF token (the portal page carries it): required with the session "
                    + "cookie on writes (POST, PUT, DELETE), so a cross-site request cannot ride on the cookie."))
            .addSchemas("Problem", problemSchema())
            .addSchemas("FieldError", new ObjectSchema().description("An input field that was refused, and why.")
                .addProperty("field", new StringSchema().description("The field, e.g. impact or answers.model")
                    .example("impact"))
                .addProperty("message", new StringSchema().description("Why it was refused")
                    .example("must be at most 4"))
                .required(List.of("field", "message")))
            .addSchemas("InvalidInput", new ObjectSchema()
                .description("A problem whose input was refused: each refused field with the reason.")
                .allOf(List.of(new Schema<>().$ref("#/components/schemas/Problem"), new ObjectSchema()
                    .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
                        .description("Each refused field; absent when the request as a whole is malformed")))))
            .addSchemas("AttachmentRefused", new ObjectSchema()
                .description("A file that was not attached, and why; nothing of the request was kept.")
                .allOf(List.of(new Schema<>().$ref("#/components/schemas/Problem"), new ObjectSchema()
                    .addProperty("file", new StringSchema().description("The file's name, made safe")
                        .example("invoice.png"))
                    .addProperty("reason", new StringSchema().description("Why it was refused")
                        .example("a file may be at most 25 MB")))))
            .addSchemas("ModelsRejected", new ObjectSchema()
                .description("Models that would not deploy: each problem with its file, element and reason.")
                .allOf(List.of(new Schema<>().$ref("#/components/schemas/Problem"), new ObjectSchema()
                    .addProperty("problems", new ArraySchema()
                        .items(new Schema<>().$ref("#/components/schemas/ModelProblem"))))))
            .addResponses("BadRequest", problem("Invalid input: nothing was created or changed.", "InvalidInput",
                Map.of("type", "about:blank", "title", "Invalid input", "status", 400,
                    "detail", "impact: must be at most 4",
                    "errors", List.of(Map.of("field", "impact", "message", "must be at most 4")))))
            .addResponses("Unauthorized", problem("No credentials, or wrong ones. Log in with HTTP Basic.", "Problem",
                Map.of("type", "about:blank", "title", "Unauthorized", "status", 401,
                    "detail", "Log in with HTTP Basic: a FlowDesk user id and password."))
                .addHeaderObject("WWW-Authenticate", new io.swagger.v3.oas.models.headers.Header()
                    .description("Basic realm=\"FlowDesk\"").schema(new StringSchema())))
            .addResponses("Forbidden", problem("The caller is logged in but may not do this.", "Problem",
                Map.of("type", "about:blank", "title", "Forbidden", "status", 403,
                    "detail", "Only agents and change managers may raise changes")))
            .addResponses("NotFound", problem("No such thing, or the caller may not see it.", "Problem",
                Map.of("type", "about:blank", "title", "Not found", "status", 404,
                    "detail", "No ticket INC-000042")))
            .addResponses("Conflict", problem("The thing is not in a state that allows this, or someone else "
                + "changed it at the same moment.", "Problem",
                Map.of("type", "about:blank", "title", "Conflict", "status", 409,
                    "detail", "Task 7f1c… is assigned to nina")))
            .addResponses("Unprocessable", problem("Well-formed but refused: an Idempotency-Key reused for "
                + "another request, an item that cannot be ordered, models that do not deploy.", "Problem",
                Map.of("type", "about:blank", "title", "Idempotency-Key reused", "status", 422,
                    "detail", "The Idempotency-Key 'hr-4711' was used before for a different request")))
            .addResponses("TooLarge", problem("Too large: a file over the limit per file, the attachments of a "
                + "ticket over theirs, or the request over its own. Nothing was created or changed.",
                "AttachmentRefused",
                Map.of("type", "about:blank", "title", "Attachment refused", "status", 413,
                    "detail", "scan.pdf: a file may be at most 25 MB", "file", "scan.pdf",
                    "reason", "a file may be at most 25 MB")))
            .addResponses("UnsupportedType", problem("A file whose content (as sniffed, whatever its name says) "
                + "is of a type that may not be attached, or a body of a type this call does not take. Nothing "
                + "was created or changed.", "AttachmentRefused",
                Map.of("type", "about:blank", "title", "Attachment refused", "status", 415,
                    "detail", "invoice.png: its content is application/x-msdownload, which may not be attached",
                    "file", "invoice.png",
                    "reason", "its content is application/x-msdownload, which may not be attached")))
            .addParameters(IDEMPOTENCY_KEY, new HeaderParameter().name(IDEMPOTENCY_KEY).required(false)
                .description("Makes intake safe to retry: a retry of the same request by the same user with the "
                    + "same key answers with the ticket the first one made (201 again) and creates nothing; the "
                    + "same key with a different body is 422. 1 to 200 printable ASCII characters, no spaces.")
                .schema(new StringSchema().minLength(1).maxLength(200).pattern("^[!-~]{1,200}$"))
                .example("hr-onboarding-4711")));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema().description("An error as RFC 9457 problem details.")
        .addProperty("type", new StringSchema().format("uri-reference").example("about:blank"))
        .addProperty("title", new StringSchema().description("The kind of problem").example("Not found"))
        .addProperty("status", new IntegerSchema().description("The HTTP status").example(404))
        .addProperty("detail", new StringSchema().description("What went wrong, in words a person can act on")
            .example("No ticket INC-000042"))
        .addProperty("instance", new StringSchema().format("uri-reference").description("The path called")
            .example("/api/tickets/INC-000042"))
        .required(List.of("title", "status", "detail"));
  }

  private static ApiResponse problem(String description, String schema, Map<String, Object> example) {
    return new ApiResponse().description(description).content(new Content().addMediaType(
        MediaType.APPLICATION_PROBLEM_JSON_VALUE, new io.swagger.v3.oas.models.media.MediaType()
            .schema(new Schema<>().$ref("#/components/schemas/" + schema))
            .addExamples("problem", new Example().value(example))));
  }

  /**
   * Every operation of /api needs a logged-in caller (SecurityConfiguration): HTTP Basic, or the
   * portal's session, which writes must accompany with its CSRF token. Each thus answers 401, and
   * intake's Idempotency-Key is the one shared header parameter.
   */
  @Bean
  OpenApiCustomizer securityAndSharedParameters() {
    return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
      operation.setSecurity(List.of(new SecurityRequirement().addList(BASIC), SAFE.contains(method)
          ? new SecurityRequirement().addList(SESSION)
          : new SecurityRequirement().addList(SESSION).addList(CSRF)));
      operation.getResponses().addApiResponse("401", new ApiResponse().$ref(ApiDocs.UNAUTHORIZED));
      shareIdempotencyKey(operation);
      describeTicketNumber(operation, path.startsWith("/api/changes") ? "CHG-000007" : "INC-000042");
    }));
  }

  /** {number} in a path is always a ticket's number. */
  private static void describeTicketNumber(Operation operation, String example) {
    if (operation.getParameters() != null) {
      operation.getParameters().stream().filter(p -> "path".equals(p.getIn()) && "number".equals(p.getName()))
          .forEach(p -> p.description("The ticket's number").example(example));
    }
  }

  private static void shareIdempotencyKey(Operation operation) {
    if (operation.getParameters() == null) {
      return;
    }
    List<Parameter> parameters = operation.getParameters().stream()
        .map(p -> "header".equals(p.getIn()) && IDEMPOTENCY_KEY.equalsIgnoreCase(p.getName())
            ? new Parameter().$ref("#/components/parameters/" + IDEMPOTENCY_KEY) : p)
        .toList();
    operation.setParameters(new ArrayList<>(parameters));
  }
}
