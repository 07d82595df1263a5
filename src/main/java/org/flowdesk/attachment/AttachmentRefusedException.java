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
    super(detail(file, reason));
    this.status = status;
    this.file = file;
    this.reason = reason;
  }

  /**
   * A refused file's detail: the file and the reason ("big.iso: a file may be at most 25 MB"), the same in every
   * language, whose words are the reason's (the refusals read it in the caller's language, then join it so).
   */
  public static String detail(String file, String reason) {
    return file + ": " + reason;
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
