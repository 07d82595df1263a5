package org.flowdesk.attachment;

import org.flowdesk.language.Sizes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Refused uploads as {@code application/problem+json}: which file and why, before the API's
 * general handler turns an unforeseen multipart failure into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AttachmentErrors {

  private final AttachmentProperties limits;

  AttachmentErrors(AttachmentProperties limits) {
    this.limits = limits;
  }

  @ExceptionHandler(AttachmentRefusedException.class)
  ResponseEntity<ProblemDetail> refused(AttachmentRefusedException e) {
    // The file and the reason apart too: the refusals read the reason in the caller's language and join them again.
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle("Attachment refused");
    problem.setProperty("file", e.file());
    problem.setProperty("reason", e.reason());
    return ResponseEntity.status(e.status()).body(problem);
  }

  @ExceptionHandler(AttachmentResponses.RangeNotSatisfiableException.class)
  ResponseEntity<ProblemDetail> beyondTheEnd(AttachmentResponses.RangeNotSatisfiableException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, e.getMessage());
    problem.setTitle("Range not satisfiable");
    return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        .header(org.springframework.http.HttpHeaders.CONTENT_RANGE, "bytes */" + e.size)
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "An upload may be at most "
        + Sizes.words(limits.maxRequestSize().toBytes()) + " in all, each file at most "
        + Sizes.words(limits.maxFileSize().toBytes()) + ".");
    problem.setTitle("Request too large");
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
  }

  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The body is not a complete multipart/form-data request.");
    problem.setTitle("Invalid input");
    return ResponseEntity.badRequest().body(problem);
  }
}
