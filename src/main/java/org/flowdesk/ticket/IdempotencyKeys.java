package org.flowdesk.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.flowdesk.UtcColumns;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Intake with an {@code Idempotency-Key}: the key, the request's fingerprint and the ticket it
 * made are written in the same transaction as the ticket itself. A retry with the same key and
 * the same request finds that ticket; the same key with another request is refused. Two
 * requests racing with one key meet at the table's primary key: the second waits for the
 * first and then finds its ticket.
 */
@Component
public class IdempotencyKeys {

  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  IdempotencyKeys(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
    this.clock = clock;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  /** The outcome of an intake: the ticket, and whether this request made it. */
  public record Intake(String ticketNumber, boolean created) {
  }

  /**
   * Runs {@code create} (which makes a ticket and answers its number) in one transaction with
   * the key's record, unless the key was used before.
   *
   * @param key the client's Idempotency-Key, or null for none
   */
  public Intake intake(String user, String key, Object request, Supplier<String> create) {
    return intake(user, key, request, null, create);
  }

  /**
   * As {@link #intake(String, String, Object, Supplier)}, for a request that came with files: they are part of
   * the request, so a retry with the same key and other files is another request and is refused.
   *
   * @param files the request's checked files, or null for none
   */
  public Intake intake(String user, String key, Object request, FormFiles.Checked files, Supplier<String> create) {
    if (key == null) {
      return transaction.execute(status -> new Intake(create.get(), true));
    }
    checkKey(key);
    List<String> sent = files == null ? List.of() : files.fingerprint();
    // Without files the fingerprint is the request's alone, as it was before requests took files.
    String fingerprint = fingerprint(sent.isEmpty() ? request : java.util.Map.of("request", request, "files", sent));
    Optional<Intake> earlier = earlier(user, key, fingerprint);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    try {
      return transaction.execute(status -> {
        jdbc.sql("INSERT INTO fd_idempotency_key (user_id, idem_key, request_hash, created_at) VALUES (?, ?, ?, ?)")
            .params(user, key, fingerprint, UtcColumns.utc(clock.instant())).update();
        String number = create.get();
        jdbc.sql("UPDATE fd_idempotency_key SET ticket_number = ? WHERE user_id = ? AND idem_key = ?")
            .params(number, user, key).update();
        return new Intake(number, true);
      });
    } catch (DuplicateKeyException raced) {
      return earlier(user, key, fingerprint).orElseThrow(() -> raced);
    }
  }

  private Optional<Intake> earlier(String user, String key, String fingerprint) {
    record Row(String hash, String ticket) {
    }
    Optional<Row> row = jdbc.sql("SELECT request_hash, ticket_number FROM fd_idempotency_key "
        + "WHERE user_id = ? AND idem_key = ?").params(user, key)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    if (!row.get().hash().equals(fingerprint)) {
      throw new IdempotencyKeyReusedException(key);
    }
    return Optional.of(new Intake(row.get().ticket(), false));
  }

  private static void checkKey(String key) {
    if (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      throw new FormValidationException(List.of(new FieldError("Idempotency-Key",
          "must be 1 to 200 printable ASCII characters without spaces")));
    }
  }

  private static String fingerprint(Object request) {
    try {
      byte[] canonical = CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint the request", e);
    }
  }

  /** The key was used before for a different request. */
  public static class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String key) {
      super("The Idempotency-Key '" + key + "' was already used for a different request; "
          + "use a new key for a new request.");
    }
  }
}
