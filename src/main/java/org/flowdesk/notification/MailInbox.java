package org.flowdesk.notification;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flowdesk.attachment.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;

/**
 * Reads the configured mailbox (flowdesk.mail.inbound) every interval and hands each new mail
 * to {@link MailIntake}. Each mail is marked read once handled, whatever the outcome, so it is
 * handled once; a mail whose handling failed stays unread and is tried again.
 */
@Component
@ConditionalOnProperty(prefix = "flowdesk.mail.inbound", name = "enabled", havingValue = "true")
class MailInbox {

  private static final Logger LOG = LoggerFactory.getLogger(MailInbox.class);
  private static final List<String> ENVELOPE_RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To",
      "Envelope-To");

  private final MailIntake intake;
  private final MailProperties.Inbound inbound;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "flowdesk-mail-inbox");
    thread.setDaemon(true);
    return thread;
  });

  MailInbox(MailIntake intake, MailProperties mail) {
    this.intake = intake;
    this.inbound = mail.inbound();
  }

  @EventListener(ApplicationReadyEvent.class)
  void start() {
    long interval = inbound.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
    LOG.info("Reading mail from {}://{}@{}:{}/{} every {}", inbound.protocol(), inbound.username(), inbound.host(),
        inbound.port(), inbound.folder(), inbound.interval());
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (Exception e) {
      LOG.error("Reading the mailbox failed; trying again in {}", inbound.interval(), e);
    }
  }

  /** Handles every unread mail in the mailbox; answers how many were handled. */
  int poll() throws MessagingException, IOException {
    Properties properties = new Properties();
    properties.put("mail.store.protocol", inbound.protocol());
    properties.put("mail." + inbound.protocol() + ".connectiontimeout", "10000");
    properties.put("mail." + inbound.protocol() + ".timeout", "20000");
    Store store = Session.getInstance(properties).getStore(inbound.protocol());
    store.connect(inbound.host(), inbound.port(), inbound.username(), inbound.password());
    int handled = 0;
    try {
      Folder folder = store.getFolder(inbound.folder());
      folder.open(Folder.READ_WRITE);
      try {
        for (Message message : folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))) {
          MailIntake.Outcome outcome;
          try {
            outcome = intake.handle(read(message));
          } catch (org.flowdesk.api.FormValidationException refused) {
            // What the mail says is refused (the report's form): it never will be accepted, and left unread it would
            // stop every later mail. It stays in the mailbox, read and flagged, for a person to look at.
            LOG.error("Mail '{}' could not be taken in ({}); it is marked read and flagged in the mailbox",
                ReplyTokens.redact(message.getSubject()), refused.getMessage());
            message.setFlag(Flags.Flag.FLAGGED, true);
            outcome = MailIntake.Outcome.REFUSED;
          }
          message.setFlag(Flags.Flag.SEEN, true);
          LOG.debug("Mail '{}': {}", ReplyTokens.redact(message.getSubject()), outcome);
          handled++;
        }
      } finally {
        folder.close(false);
      }
    } finally {
      store.close();
    }
    return handled;
  }

  private static MailIntake.IncomingMail read(Message message) throws MessagingException, IOException {
    Address[] from = message.getFrom();
    String sender = from == null || from.length == 0 ? null
        : from[0] instanceof InternetAddress internet ? internet.getAddress() : from[0].toString();
    Map<String, String> headers = new HashMap<>();
    Enumeration<Header> all = message.getAllHeaders();
    while (all.hasMoreElements()) {
      Header header = all.nextElement();
      headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
    }
    List<Upload> attachments = new ArrayList<>();
    attachments(message, attachments);
    return new MailIntake.IncomingMail(sender, recipients(message), message.getSubject(), plainText(message),
        headers, attachments);
  }

  /**
   * The files of a mail: parts sent as attachments, and inline parts that are not its text
   * (images in the body). Their content is read from the mail when they are attached, a piece at
   * a time; their size is counted then (a part's stated size is that of its encoding).
   */
  private static void attachments(Part part, List<Upload> found) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        attachments(multipart.getBodyPart(i), found);
      }
      return;
    }
    if (part instanceof Message) {
      return;
    }
    String name = fileName(part);
    boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
    boolean inlineFile = part instanceof MimePart mime && mime.getContentID() != null;
    boolean text = part.isMimeType("text/plain") || part.isMimeType("text/html");
    if (attached || name != null || (inlineFile && !text)) {
      String shown = name != null ? name : "inline-" + found.size() + "." + subtype(part);
      found.add(new Upload(shown, -1, () -> {
        try {
          return part.getInputStream();
        } catch (MessagingException e) {
          throw new IOException("Cannot read " + shown + " of the mail", e);
        }
      }));
    }
  }

  private static String fileName(Part part) throws MessagingException {
    String name = part.getFileName();
    if (name == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(name);
    } catch (java.io.UnsupportedEncodingException e) {
      return name;
    }
  }

  private static String subtype(Part part) throws MessagingException {
    String type = part.getContentType() == null ? "" : part.getContentType().split(";")[0].trim();
    int slash = type.indexOf('/');
    return slash < 0 ? "bin" : type.substring(slash + 1).replaceAll("[^A-Za-z0-9.+-]", "").toLowerCase(Locale.ROOT);
  }

  /** Where the mail was sent: its To and Cc, and the envelope recipients the mail server recorded. */
  private static List<String> recipients(Message message) throws MessagingException {
    List<String> recipients = new ArrayList<>();
    Address[] addressed = message.getAllRecipients();
    for (Address address : addressed == null ? new Address[0] : addressed) {
      recipients.add(address instanceof InternetAddress internet ? internet.getAddress() : address.toString());
    }
    for (String header : ENVELOPE_RECIPIENT_HEADERS) {
      String[] values = message.getHeader(header);
      if (values != null) {
        recipients.addAll(List.of(values));
      }
    }
    return recipients;
  }

  private static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        String text = plainText(body);
        if (text != null) {
          return text;
        }
      }
    }
    return part.isMimeType("text/html") ? String.valueOf(part.getContent()).replaceAll("<[^>]*>", " ") : null;
  }

  @PreDestroy
  void stop() {
    scheduler.shutdownNow();
  }
}
