package org.flowdesk.api;

import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.flowdesk.ticket.IdempotencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of FlowDesk's API as {@code application/problem+json}, each with a message a person
 * can act on. Spring's own (malformed JSON, wrong method, …) come as problem details too.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  /** A body refused by its Bean Validation constraints: each refused field, as a form's refusal names them. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
        .map(error -> new FieldError(error.getField(), error.getDefaultMessage())).toList();
    return handleExceptionInternal(e, invalid(new FormValidationException(errors)), headers, status, request);
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
