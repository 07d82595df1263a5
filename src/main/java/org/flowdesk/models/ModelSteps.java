package org.flowdesk.models;

import java.util.Map;
import java.util.Set;

/**
 * The steps models may call through {@code camunda:delegateExpression}: bean name and the
 * statuses it writes ({@link SetsStatus}). {@link #UNKNOWN} when the lint runs without the
 * application (on files alone), which skips the checks that need it.
 */
public record ModelSteps(Map<String, Set<String>> statusesByStep) {

  public static final ModelSteps UNKNOWN = new ModelSteps(null);

  boolean known() {
    return statusesByStep != null;
  }

  boolean exists(String step) {
    return statusesByStep.containsKey(step);
  }

  Set<String> statusesOf(String step) {
    return statusesByStep.getOrDefault(step, Set.of());
  }
}
