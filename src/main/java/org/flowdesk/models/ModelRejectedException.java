package org.flowdesk.models;

import java.util.List;
import java.util.stream.Collectors;

/** The models could not be deployed; nothing was deployed and the running versions stay active. */
public class ModelRejectedException extends RuntimeException {

  private final transient List<ModelProblem> problems;

  public ModelRejectedException(List<ModelProblem> problems, Throwable cause) {
    super("Models rejected, nothing deployed: " + problems.stream()
        .map(ModelProblem::toString).collect(Collectors.joining("; ")), cause);
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> problems() {
    return problems;
  }
}
