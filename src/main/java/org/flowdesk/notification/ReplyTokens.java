package org.flowdesk.notification;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.flowdesk.UtcColumns;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reply token that proves a mail answers a notification FlowDesk sent: an HMAC-SHA256 of the
 * ticket number and the notification's recipient (a user, or a group for mail to a group),
 * truncated to 128 bits and written in hex, which survives mail systems that change the case of
 * an address. Notification mail carries it in its subject ({@code [INC-000001 #token]}) and its
 * Reply-To address ({@code desk+INC-000001.token@…}); a reply is matched only with it.
 *
 * <p>The key is one random secret in the database (fd_mail_secret), made by the first node that
 * needs it, so every node derives the same tokens and they survive restarts; no default lives
 * in code or configuration.
 */
@Component
class ReplyTokens {

  private static final String SECRET_NAME = "reply-token";
  private static final String HMAC = "HmacSHA256";
  private static final int TOKEN_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String NUMBER = "((?:INC|REQ|CHG)-\\d{6,12})";
  private static final Pattern SUBJECT_REFERENCE = Pattern.compile("\\[\\s*" + NUMBER + "\\s*#\\s*([^\\]\\s]*)\\s*]",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern ADDRESS_REFERENCE = Pattern.compile("\\+" + NUMBER + "\\.([^@\\s]*)@",
      Pattern.CASE_INSENSITIVE);

  /** A ticket number and a token as found in a mail, not yet checked. */
  record Reference(String ticketNumber, String token) {
    @Override
    public String toString() {
      return ticketNumber + " #…";
    }
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private volatile SecretKeySpec key;

  ReplyTokens(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  static String userRecipient(String user) {
    return "user:" + user;
  }

  static String groupRecipient(String group) {
    return "group:" + group;
  }

  /** The token of mail about the ticket to the recipient ({@link #userRecipient}, {@link #groupRecipient}). */
  String token(String ticketNumber, String recipient) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key());
      byte[] digest = mac.doFinal((ticketNumber + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(Arrays.copyOf(digest, TOKEN_BYTES));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Cannot derive reply tokens", e);
    }
  }

  /**
   * Whether one of the references carries the token of mail about the ticket to one of the
   * recipients. Every pair is compared, each in constant time.
   */
  boolean matches(String ticketNumber, Collection<Reference> references, Collection<String> recipients) {
    boolean matched = false;
    for (String recipient : recipients) {
      byte[] expected = token(ticketNumber, recipient).getBytes(StandardCharsets.US_ASCII);
      for (Reference reference : references) {
        if (reference.ticketNumber().equals(ticketNumber)) {
          byte[] given = reference.token().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
          matched |= MessageDigest.isEqual(expected, given);
        }
      }
    }
    return matched;
  }

  /** The subject with the ticket's reference {@code [INC-000001 #token]} in place of {@code [INC-000001]}, or in front. */
  static String subject(String subject, String ticketNumber, String token) {
    String tagged = "[" + ticketNumber + " #" + token + "]";
    String plain = "[" + ticketNumber + "]";
    int at = subject.indexOf(plain);
    return at < 0 ? tagged + " " + subject
        : subject.substring(0, at) + tagged + subject.substring(at + plain.length());
  }

  /** {@code desk+INC-000001.token@example.com} for the reply-to {@code desk@example.com}. */
  static String replyTo(String replyTo, String ticketNumber, String token) {
    int at = replyTo.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalStateException("flowdesk.mail.reply-to must be a mail address, not " + replyTo);
    }
    return replyTo.substring(0, at) + "+" + ticketNumber + "." + token + replyTo.substring(at);
  }

  /** The references in a mail's subject and in the addresses it was sent to. */
  static List<Reference> references(String subject, Collection<String> recipients) {
    List<Reference> found = new ArrayList<>();
    collect(SUBJECT_REFERENCE.matcher(subject == null ? "" : subject), found);
    for (String recipient : recipients) {
      collect(ADDRESS_REFERENCE.matcher(recipient), found);
    }
    return found;
  }

  private static void collect(Matcher matcher, List<Reference> found) {
    while (matcher.find()) {
      found.add(new Reference(matcher.group(1).toUpperCase(Locale.ROOT), matcher.group(2)));
    }
  }

  /** The text with every token replaced by "…", for logs. */
  static String redact(String text) {
    if (text == null) {
      return null;
    }
    String subjects = SUBJECT_REFERENCE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
        "[" + m.group(1) + " #…]"));
    return ADDRESS_REFERENCE.matcher(subjects).replaceAll(m -> Matcher.quoteReplacement("+" + m.group(1) + ".…@"));
  }

  private SecretKeySpec key() {
    SecretKeySpec known = key;
    if (known == null) {
      synchronized (this) {
        if (key == null) {
          key = new SecretKeySpec(HexFormat.of().parseHex(storedOrNewSecret()), HMAC);
        }
        known = key;
      }
    }
    return known;
  }

  /** In transactions of their own, so that a node losing the race to write it fails nothing else. */
  private String storedOrNewSecret() {
    Optional<String> stored = ownTransaction.execute(status -> storedSecret());
    if (stored.isPresent()) {
      return stored.get();
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    try {
      ownTransaction.executeWithoutResult(status -> jdbc.sql(
          "INSERT INTO fd_mail_secret (name, secret, created_at) VALUES (?, ?, ?)")
          .params(SECRET_NAME, HexFormat.of().formatHex(secret), UtcColumns.utc(clock.instant())).update());
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      // its secret is the one to use
    }
    return ownTransaction.execute(status -> storedSecret())
        .orElseThrow(() -> new IllegalStateException("No reply-token secret in fd_mail_secret"));
  }

  private Optional<String> storedSecret() {
    return jdbc.sql("SELECT secret FROM fd_mail_secret WHERE name = ?").param(SECRET_NAME).query(String.class)
        .optional();
  }
}
