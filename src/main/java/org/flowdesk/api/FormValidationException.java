package org.flowdesk.api;

import java.util.List;
import java.util.stream.Collectors;

/** Input that a form refuses; nothing was created or changed. */
public class FormValidationException extends RuntimeException {

  /**
   * The request attribute that names the form whose fields were refused, set while the refusal is answered: the
   * refusal's words then name its fields by their labels in the caller's language.
   */
  public static final String FORM_ATTRIBUTE = FormValidationException.class.getName() + ".form";

  private final transient List<FieldError> errors;
  private final String form;

  public FormValidationException(List<FieldError> errors) {
    this(errors, null);
  }

  /** Fields of the form {@code form} (its id) refused; their messages name them by the form's labels. */
  public FormValidationException(List<FieldError> errors, String form) {
    super(errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
    this.form = form;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The id of the form whose fields were refused, or null when the refusal is not a form's. */
  public String form() {
    return form;
  }
}
