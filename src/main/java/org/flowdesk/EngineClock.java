package org.flowdesk;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * FlowDesk's notion of now: the engine's clock, so that ticket times, SLA clocks and timers
 * agree, also in tests that move the engine's clock.
 */
public final class EngineClock {

  private EngineClock() {
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
