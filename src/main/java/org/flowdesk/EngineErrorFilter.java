package org.flowdesk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors of Camunda's REST API ({@code /engine-rest}, and {@code /camunda/api} for the
 * webapps) as a person may see them: never SQL, Java class or package names or stack traces.
 * Camunda's own error body ({@code type}, {@code message}) is kept for its clients, Cockpit
 * and Tasklist, with the message cleaned; a server error keeps only a reference to the log,
 * where the full message goes. Errors that Camunda raises for bad input in a request (an
 * unknown variable type, a value it cannot convert) are 400, not 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class EngineErrorFilter extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(EngineErrorFilter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Signs of internals in a message: SQL, MyBatis, JDBC, stack frames, qualified class names. */
  private static final Pattern INTERNALS = Pattern.compile("(?is).*(###|\\bSQL\\b|SQLState|\\bselect\\b.+\\bfrom\\b"
      + "|\\binsert into\\b|\\bupdate\\b.+\\bset\\b|ibatis|jdbc|\\bat [a-z]+\\.|\\b(?:java|javax|jakarta|org|com|net)"
      + "\\.[a-z0-9_]+\\.|\\b[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*\\.[A-Z][A-Za-z0-9_$]*).*");
  /** Camunda exceptions that come from what the request said, not from a fault of the server. */
  private static final Set<String> INPUT_ERRORS = Set.of("RestException", "InvalidRequestException",
      "NotValidException", "NullValueException",
      "ProcessEngineException", "NotAllowedException", "ScriptEvaluationException", "FormFieldValidationException",
      "JsonMappingException", "JsonParseException", "SpinRuntimeException", "ProcessEngineCdiException");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI().substring(request.getContextPath().length());
    return !uri.startsWith("/engine-rest/") && !uri.startsWith("/camunda/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, buffered);
    } finally {
      if (buffered.getStatus() >= 400 && !isProblem(buffered.getContentType())) {
        rewrite(request, buffered);
      }
      buffered.copyBodyToResponse();
    }
  }

  private static boolean isProblem(String contentType) {
    return contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
  }

  private void rewrite(HttpServletRequest request, ContentCachingResponseWrapper response) throws IOException {
    byte[] original = response.getContentAsByteArray();
    JsonNode body = parse(original);
    String type = body == null ? null : body.path("type").asText(null);
    String message = body == null ? new String(original, StandardCharsets.UTF_8) : body.path("message").asText("");
    int status = response.getStatus();
    if (status >= 500 && type != null && INPUT_ERRORS.contains(type) && !INTERNALS.matcher(message).matches()) {
      status = HttpStatus.BAD_REQUEST.value();
    }
    String shown = message;
    if (status >= 500 || INTERNALS.matcher(message).matches() || message.isBlank()) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      LOG.warn("{} {} answered {} ({}), reference {}: {}", request.getMethod(), request.getRequestURI(),
          response.getStatus(), type, reference, message);
      shown = (status >= 500 ? "The engine could not do this." : "The engine refused this request.")
          + " Administrators find the details in the log under reference " + reference + ".";
    }
    ObjectNode cleaned = JSON.createObjectNode();
    cleaned.put("type", type == null || INTERNALS.matcher(type).matches() ? "Error" : type);
    cleaned.put("message", shown);
    if (body != null && body.has("code") && body.get("code").isNumber()) {
      cleaned.put("code", body.get("code").asInt());
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getOutputStream().write(JSON.writeValueAsBytes(cleaned));
  }

  private static JsonNode parse(byte[] body) {
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && json.isObject() ? json : null;
    } catch (IOException notJson) {
      return null;
    }
  }
}
