package org.flowdesk;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in and out of FlowDesk's {@code TIMESTAMP WITH TIME ZONE} columns, as UTC offsets:
 * never through {@link java.sql.Timestamp}, whose conversion goes through the JVM's zone and
 * cannot tell the two 02:30 of an autumn night apart (H2 turns it into a local time first).
 * Camunda's own tables are the engine's and keep its conventions.
 */
public final class UtcColumns {

  private UtcColumns() {
  }

  /** The value to bind for a {@code TIMESTAMP WITH TIME ZONE} parameter; null stays null. */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** The instant in a {@code TIMESTAMP WITH TIME ZONE} column, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
