package org.flowdesk.models;

import java.nio.file.Path;

/**
 * Files deployed together with the models that FlowDesk itself puts in force (the catalog). A
 * companion reads and checks its files before the models are deployed; if it or any model is
 * refused, nothing is deployed and nothing is activated, so the previous state stays in force.
 */
public interface ModelCompanion {

  /**
   * Reads and checks the companion's files.
   *
   * @param index what the model files define, for references
   * @return what to activate once the deployment went through
   * @throws ModelRejectedException naming the file and entry of each problem
   */
  Prepared prepare(Path root, ModelIndex index);

  /** Checked files, ready to take effect. */
  interface Prepared {
    void activate();

    /** What the files would better say, without refusing them (an entry that works as before, but less well). */
    default java.util.List<ModelProblem> warnings() {
      return java.util.List.of();
    }
  }
}
