package org.flowdesk.attachment;

import org.springframework.http.HttpStatus;

/**
 * A file that may not be attached, with the reason: 413 too large (the file, or the ticket's
 * attachments together), 415 a type that is not allowed, 422 otherwise (empty, too many,
 * refused by the scanner). Nothing of the request it came with is kept.
 */
public class AttachmentRefusedException extends RuntimeException {

  private final HttpStatus status;
  private final String file;
  private final String reason;

  public AttachmentRefusedException(HttpStatus status, String file, String reason) {
    super(file + ": " + reason);
    this.status = status;
    this.file = file;
    this.reason = reason;
  }

  public HttpStatus status() {
    return status;
  }

  public String file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
