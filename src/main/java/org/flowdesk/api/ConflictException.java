package org.flowdesk.api;

/** The request is fine but the thing it acts on is not in a state that allows it. */
public class ConflictException extends RuntimeException {

  public ConflictException(String message) {
    super(message);
  }
}
