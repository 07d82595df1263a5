package org.flowdesk.history;

import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;

/**
 * The engine's ids: short rising numbers in blocks of {@value #BLOCK} taken from the database
 * sequence {@code fd_engine_id}, instead of the 36-character random UUIDs of Camunda's Spring Boot
 * default. Every history and runtime row holds five to ten ids and every index of the engine's
 * tables is keyed by them, so short ids make each incident's rows a third smaller, and rising
 * ones fill index pages instead of splitting them at random places.
 *
 * <p>A block is the sequence's next value times {@value #BLOCK}, so the nodes of a cluster never
 * share one. The value is taken on the caller's transaction's connection (a sequence does not
 * lock and does not roll back), so taking a block never waits for a second connection from the
 * pool, which under full load could all be held by threads waiting for ids. Camunda's own
 * table-based generator ({@code DbIdGenerator}) takes its blocks in a new transaction on a
 * second connection and fails its caller with an optimistic-locking error when two nodes take a
 * block at once.
 */
final class SequenceIds implements IdGenerator {

  /** Ids per block. Never lowered: blocks already handed out are counted in these units. */
  static final long BLOCK = 1000;

  private final DataFieldMaxValueIncrementer sequence;
  private long next;
  private long end;

  SequenceIds(DataFieldMaxValueIncrementer sequence) {
    this.sequence = sequence;
  }

  @Override
  public synchronized String getNextId() {
    if (next == end) {
      next = Math.multiplyExact(sequence.nextLongValue(), BLOCK);
      end = next + BLOCK;
    }
    return Long.toString(next++);
  }
}
