package org.flowdesk.api;

/** The caller may see the thing but not do this to it. */
public class ForbiddenException extends RuntimeException {

  public ForbiddenException(String message) {
    super(message);
  }
}
