package org.flowdesk.models;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

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

  /** The answer to whoever asked for the deployment (the admin endpoint, a draft's roll-out): 422 with the problems. */
  public ProblemDetail problem() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
        getMessage() + ". The running versions stay active.");
    problem.setTitle("Models rejected");
    problem.setProperty("problems", problems);
    return problem;
  }
}
