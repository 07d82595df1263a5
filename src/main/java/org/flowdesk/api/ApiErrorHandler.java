package org.flowdesk.api;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.flowdesk.ticket.IdempotencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors of FlowDesk's API as {@code application/problem+json}, each with a message a person
 * can act on. Spring's own (malformed JSON, wrong method, …) come as problem details too.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  /**
   * No page at this address. A browser that asked for a page (HTML, outside {@code /api} and {@code /engine-rest}) gets
   * the servlet's error page, which FlowDesk draws in words and in the person's language; an API client gets the
   * problem answer.
   */
  @Override
  protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    if (request instanceof ServletWebRequest servlet && asksForAPage(servlet.getRequest())
        && servlet.getResponse() != null) {
      try {
        servlet.getResponse().sendError(HttpStatus.NOT_FOUND.value());
        return null;
      } catch (IOException | IllegalStateException notSent) {
        // The answer had begun: the problem answer below.
      }
    }
    return super.handleNoResourceFoundException(e, headers, status, request);
  }

  /**
   * A body of a type the request does not take: the detail names the types it does ("send one of text/plain,
   * application/xml, …"), not only the one refused, as the {@code Accept} header also says.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      org.springframework.web.HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    String sent = e.getContentType() == null ? "none" : e.getContentType().toString();
    String taken = e.getSupportedMediaTypes().stream().map(MediaType::toString).collect(
        java.util.stream.Collectors.joining(", "));
    ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
        taken.isEmpty() ? "Content-Type " + sent + " is not supported here"
            : "Content-Type " + sent + " is not supported here; send one of " + taken);
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  private static boolean asksForAPage(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return "GET".equals(request.getMethod()) && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)
        && !path.startsWith("/api/") && !path.startsWith("/engine-rest/");
  }

  /** A body refused by its Bean Validation constraints: each refused field, as a form's refusal names them. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldError(error.getField(), error.getDefaultMessage())).toList();
    return handleExceptionInternal(e, invalid(new FormValidationException(errors)), headers, status, request);
  }

  /**
   * A body Jackson cannot read into the request: a field the request does not have, or a value of the wrong type,
   * named as a form's refusal names them; JSON that does not parse says where it breaks.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem;
    if (e.getCause() instanceof JsonMappingException mapping) {
      problem = mapping.getPath().isEmpty() ? problem(HttpStatus.BAD_REQUEST, "Invalid input", "The body must be a "
          + "JSON object with this request's fields")
          : invalid(new FormValidationException(List.of(new FieldError(path(mapping), refusal(mapping)))));
    } else if (e.getCause() instanceof JsonProcessingException parse && parse.getLocation() != null) {
      problem = problem(HttpStatus.BAD_REQUEST, "Invalid JSON", "The body is not valid JSON (line "
          + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr() + ")");
    } else {
      problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", "The body is missing or is not the JSON this "
          + "request takes");
    }
    return handleExceptionInternal(e, problem, headers, status, request);
  }

  /** answers.size, items[2].quantity */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String refusal(JsonMappingException e) {
    if (e instanceof WellFormedText.HalfCharacter) {
      return WellFormedText.REFUSAL;
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
          : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      return "is not a field of this request" + (known.isEmpty() ? "" : "; its fields are " + String.join(", ", known));
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> type = mismatch.getTargetType();
      String expected = type == Boolean.class || type == boolean.class ? "true or false"
          : Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a number"
          : type == String.class ? "a text"
          : type.isEnum() ? "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
              .map(String::valueOf).toList())
          : java.util.Collection.class.isAssignableFrom(type) || type.isArray() ? "a list"
          : java.time.temporal.Temporal.class.isAssignableFrom(type) ? "a date or time in ISO-8601"
          : "an object";
      return "must be " + expected;
    }
    return "has a value this request cannot take";
  }

  /** Parameters (and bodies) refused by the controller method's constraints, each by its name. */
  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = e.getParameterValidationResults().stream().flatMap(ApiErrorHandler::fieldErrors)
        .toList();
    return handleExceptionInternal(e, invalid(new FormValidationException(errors)), headers, status, request);
  }

  private static Stream<FieldError> fieldErrors(ParameterValidationResult result) {
    if (result instanceof ParameterErrors body) {
      return body.getFieldErrors().stream().map(error -> new FieldError(error.getField(), error.getDefaultMessage()));
    }
    String name = result.getMethodParameter().getParameterName();
    return result.getResolvableErrors().stream().map(error -> new FieldError(name, error.getDefaultMessage()));
  }

  @ExceptionHandler(FormValidationException.class)
  ProblemDetail invalid(FormValidationException e) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (e.form() != null && request != null) {
      request.setAttribute(FormValidationException.FORM_ATTRIBUTE, e.form(), RequestAttributes.SCOPE_REQUEST);
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid input");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    problem.setProperty("kind", e.kind());
    return problem;
  }

  /** Someone else changed the same task or process at the same moment. */
  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrentChange(OptimisticLockingException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", "Someone else changed this at the same moment; reload and try again.");
  }

  /** Anything unforeseen: logged with its cause, answered without internals. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    LOG.error("Unexpected error", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "Something went wrong on our side. Try again, or tell the service desk.");
  }

  @ExceptionHandler(IdempotencyKeys.IdempotencyKeyReusedException.class)
  ProblemDetail keyReused(IdempotencyKeys.IdempotencyKeyReusedException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency-Key reused", e.getMessage());
  }

  /** A header the firewall refuses (non-ASCII or control bytes), noticed when a controller reads it. */
  @ExceptionHandler(RequestRejectedException.class)
  ProblemDetail handleRejectedRequest(RequestRejectedException e) {
    return problem(HttpStatus.BAD_REQUEST, "Request rejected",
        "A header of the request holds characters that are not allowed; use printable ASCII.");
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
