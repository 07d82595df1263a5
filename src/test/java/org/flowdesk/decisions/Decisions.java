package org.flowdesk.decisions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.flowdesk.models.FeelParsedOnce;

/** Evaluates a decision from the project's decisions/ folder with Camunda's DMN engine. */
final class Decisions {

  /** The FEEL engine the node evaluates with: each text parsed once. */
  private static final DmnEngine ENGINE = FeelParsedOnce.dmnEngine();

  private final DmnDecision decision;

  private Decisions(DmnDecision decision) {
    this.decision = decision;
  }

  static Decisions of(String id) {
    try (InputStream in = Files.newInputStream(Path.of("decisions", id + ".dmn"))) {
      return new Decisions(ENGINE.parseDecision(id, in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  DmnDecisionTableResult evaluate(Map<String, Object> inputs) {
    return ENGINE.evaluateDecisionTable(decision, inputs);
  }
}
