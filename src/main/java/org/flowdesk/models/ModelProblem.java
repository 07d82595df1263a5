package org.flowdesk.models;

/**
 * Something wrong with a model file.
 *
 * @param file resource name relative to the models root, or null when the problem spans files
 * @param element id of the element concerned, or null
 * @param line line in the file, or null when unknown
 * @param reason what is wrong, in words a process designer can act on
 */
public record ModelProblem(String file, String element, Integer line, String reason) {

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file == null ? "models" : file);
    if (line != null && line > 0) {
      text.append(":").append(line);
    }
    if (element != null && !element.isBlank()) {
      text.append(" (element ").append(element).append(")");
    }
    return text.append(": ").append(reason).toString();
  }
}
