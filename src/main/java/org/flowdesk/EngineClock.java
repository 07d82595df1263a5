package org.flowdesk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * FlowDesk's notion of now, the one {@link Clock} its code reads: the engine's clock, so that
 * ticket times, SLA clocks and timers agree, also in tests that set or move the engine's clock.
 * Times are UTC; zones are for calendars and display.
 */
public final class EngineClock extends Clock {

  private final ZoneId zone;

  private EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  /** The engine's clock, read in UTC. */
  public static Clock utc() {
    return new EngineClock(ZoneOffset.UTC);
  }

  @Override
  public Instant instant() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  @Override
  public long millis() {
    return ClockUtil.getCurrentTime().getTime();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }
}
