package org.flowdesk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The date the suite runs on. Normally today; with {@code -Dflowdesk.test.clock=2027-12-31T23:58}
 * (Berlin time, or an instant with an offset) the engine's clock, and so FlowDesk's
 * {@link java.time.Clock}, runs on from that moment instead, so the whole suite can be run on
 * New Year's Eve, a daylight-saving change or 29 February to show that no test depends on the
 * day it runs. Registered for every test class (see {@code junit-platform.properties}); a test
 * that sets the clock itself is put back on the suite's clock afterwards.
 */
public final class SuiteClock implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

  public static final String PROPERTY = "flowdesk.test.clock";

  /** The suite clock's lead over the real one, fixed when the JVM first asks, so it runs on through the suite. */
  private static final Long OFFSET = offset(System.getProperty(PROPERTY));

  private static Long offset(String start) {
    if (start == null || start.isBlank()) {
      return null;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(start).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      at = LocalDateTime.parse(start).atZone(EngineTime.BERLIN).toInstant();
    }
    return at.toEpochMilli() - System.currentTimeMillis();
  }

  /** Puts the engine's clock back on the suite's: running from the date asked for, or the real one. */
  public static void reset() {
    if (OFFSET == null) {
      ClockUtil.reset();
    } else {
      ClockUtil.offset(OFFSET);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    reset();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    reset();
  }
}
