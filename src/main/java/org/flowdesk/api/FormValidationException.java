package org.flowdesk.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input that a form refuses; nothing was created or changed. */
public class FormValidationException extends RuntimeException {

  private final transient List<FieldError> errors;

  public FormValidationException(List<FieldError> errors) {
    super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }
}
