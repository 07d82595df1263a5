package org.flowdesk.models;

import java.util.Map;
import java.util.Set;

/**
 * The steps models may call through {@code camunda:delegateExpression}: bean name and the
 * statuses it writes ({@link SetsStatus}); the {@link ModelHelper helpers} their expressions may
 * call; and the application's other beans, which no model may name. {@link #UNKNOWN} when the
 * lint runs without the application (on files alone), which skips the checks that need it. The public methods
 * of helpers and steps let the lint find {@code ${ticketTitle.off(execution)}} before a ticket reaches it.
 */
public record ModelSteps(Map<String, Set<String>> statusesByStep, Set<String> helpers, Set<String> otherBeans,
    Map<String, Set<String>> methodsByHelper) {

  public static final ModelSteps UNKNOWN = new ModelSteps(null);

  public ModelSteps(Map<String, Set<String>> statusesByStep) {
    this(statusesByStep, Set.of(), Set.of());
  }

  public ModelSteps(Map<String, Set<String>> statusesByStep, Set<String> helpers, Set<String> otherBeans) {
    this(statusesByStep, helpers, otherBeans, Map.of());
  }

  /** The public methods an expression may call on the helper or step, or null when they are not known. */
  Set<String> methodsOf(String bean) {
    return methodsByHelper.get(bean);
  }

  /** Whether models may not name this bean: a bean of the application that is no step or helper. */
  boolean forbidden(String name) {
    return otherBeans.contains(name) && !helpers.contains(name)
        && (statusesByStep == null || !statusesByStep.containsKey(name));
  }

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
