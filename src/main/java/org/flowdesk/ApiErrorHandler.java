package org.flowdesk;

import org.flowdesk.models.FormValidationException;
import org.flowdesk.ticket.TicketNotFoundException;
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

  @ExceptionHandler(ConflictException.class)
  ProblemDetail conflict(ConflictException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflict");
    return problem;
  }
}
