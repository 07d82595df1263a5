package org.flowdesk;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.flowdesk.models.FormValidationException;
import org.flowdesk.ticket.IdempotencyKeys;
import org.flowdesk.ticket.TicketNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of FlowDesk's API as {@code application/problem+json}, each with a message a person
 * can act on. Spring's own (malformed JSON, wrong method, …) come as problem details too.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(FormValidationException.class)
  ProblemDetail invalid(FormValidationException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid input");
    problem.setProperty("errors", e.errors());
    return problem;
  }

  @ExceptionHandler(TicketNotFoundException.class)
  ProblemDetail notFound(TicketNotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setTitle("Not found");
    return problem;
  }

  /** Someone else changed the same task or process at the same moment. */
  @ExceptionHandler(OptimisticLockingException.class)
  ProblemDetail concurrentChange(OptimisticLockingException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        "Someone else changed this at the same moment; reload and try again.");
    problem.setTitle("Conflict");
    return problem;
  }

  /** Anything unforeseen: logged with its cause, answered without internals. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    LOG.error("Unexpected error", e);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; nothing you sent was lost. Try again, or tell the service desk.");
    problem.setTitle("Internal error");
    return problem;
  }

  @ExceptionHandler(IdempotencyKeys.IdempotencyKeyReusedException.class)
  ProblemDetail keyReused(IdempotencyKeys.IdempotencyKeyReusedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    problem.setTitle("Idempotency-Key reused");
    return problem;
  }

  @ExceptionHandler(ForbiddenException.class)
  ProblemDetail forbidden(ForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Forbidden");
    return problem;
  }

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return problem;
  }
}
