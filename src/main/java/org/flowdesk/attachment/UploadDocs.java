package org.flowdesk.attachment;

import java.util.List;
import java.util.Map;

import org.flowdesk.api.ApiDocs;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Encoding;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Report, order, comment, a task's completion and a change take files as multipart/form-data besides
 * their JSON body. An API document has one operation per path and method, and springdoc keeps the JSON
 * one: this adds the multipart body (the JSON as a part, the files as parts "files", and a form's file
 * pickers' files as parts named by their keys) and the refusals of files to it.
 */
@Configuration(proxyBeanMethods = false)
class UploadDocs {

  /** How a form's file pickers are answered, for every form that may have them. */
  static final String PICKERS = "; a file picker of the form is answered by parts named by its key (one file "
      + "unless it is multiple, of the kinds its accept lists); other files are parts \"files\"";

  @io.swagger.v3.oas.annotations.media.Schema(name = "IncidentReportWithFiles",
      description = "A report (a JSON part) and the files that come with it" + PICKERS)
  record ReportForm(@io.swagger.v3.oas.annotations.media.Schema(description = "The fields of the incident report "
      + "form", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE)
      Map<String, Object> report,
      @ArraySchema(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))
      List<String> files) {
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "OrderWithFiles",
      description = "An order (a JSON part) and the files that come with it" + PICKERS)
  record OrderForm(@io.swagger.v3.oas.annotations.media.Schema(ref = "#/components/schemas/Order") Object order,
      @ArraySchema(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))
      List<String> files) {
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "CommentWithFiles",
      description = "A comment (a JSON part) and the files that come with it, attached with its visibility")
  record CommentForm(@io.swagger.v3.oas.annotations.media.Schema(ref = "#/components/schemas/NewComment")
      Object comment,
      @ArraySchema(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))
      List<String> files) {
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "TaskCompletionWithFiles",
      description = "A task's fields (a JSON part) and the files that come with them, attached to its ticket" + PICKERS)
  record TaskForm(@io.swagger.v3.oas.annotations.media.Schema(description = "The fields of the task's form",
      additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE)
      Map<String, Object> fields,
      @ArraySchema(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))
      List<String> files) {
  }

  @io.swagger.v3.oas.annotations.media.Schema(name = "ChangeWithFiles",
      description = "A change request (a JSON part) and the files that come with it" + PICKERS)
  record ChangeForm(@io.swagger.v3.oas.annotations.media.Schema(description = "The fields of the change request "
      + "form", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE)
      Map<String, Object> change,
      @ArraySchema(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary"))
      List<String> files) {
  }

  @Bean
  OpenApiCustomizer filesWithReportOrderAndComment() {
    return api -> {
      withFiles(api, "/api/incidents", ReportForm.class, "report");
      withFiles(api, "/api/requests", OrderForm.class, "order");
      withFiles(api, "/api/tickets/{number}/comments", CommentForm.class, "comment");
      withFiles(api, "/api/tasks/{id}/complete", TaskForm.class, "fields");
      withFiles(api, "/api/changes", ChangeForm.class, "change");
      withFiles(api, "/api/problems/{number}/changes", ChangeForm.class, "change");
    };
  }

  private static void withFiles(OpenAPI api, String path, Class<?> form, String jsonPart) {
    PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
    if (item == null || item.getPost() == null || item.getPost().getRequestBody() == null) {
      return;
    }
    ResolvedSchema resolved = ModelConverters.getInstance(true)
        .resolveAsResolvedSchema(new AnnotatedType(form).resolveAsRef(true));
    resolved.referencedSchemas.forEach(api.getComponents()::addSchemas);
    Operation post = item.getPost();
    post.getRequestBody().getContent().addMediaType(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE,
        new MediaType().schema(new Schema<>().$ref(resolved.schema.get$ref()))
            .encoding(Map.of(jsonPart, new Encoding().contentType(
                org.springframework.http.MediaType.APPLICATION_JSON_VALUE))));
    post.getResponses().addApiResponse("413", new ApiResponse().$ref(ApiDocs.TOO_LARGE));
    post.getResponses().addApiResponse("415", new ApiResponse().$ref(ApiDocs.UNSUPPORTED_TYPE));
    post.getResponses().addApiResponse("422", new ApiResponse().$ref(ApiDocs.UNPROCESSABLE));
  }
}
