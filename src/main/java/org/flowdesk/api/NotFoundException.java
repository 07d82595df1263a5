package org.flowdesk.api;

/**
 * No such thing, or none the caller may see: the answer does not say which. {@code kind} names
 * what was looked for (ticket, change, task, form, person, user, service, request item), so a
 * missing person does not read "ticket".
 */
public class NotFoundException extends RuntimeException {

  private final String kind;

  public NotFoundException(String kind, String id) {
    super("No " + kind + " " + id + " that you may see");
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
