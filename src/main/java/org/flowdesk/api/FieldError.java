package org.flowdesk.api;

/** An input field that was refused, and why. */
public record FieldError(String field, String message) {
}
