package org.flowdesk.notification;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Mail for notifications. Off unless {@code enabled}; SMTP itself is Spring's
 * {@code spring.mail.*}.
 *
 * @param enabled send every notification as mail too
 * @param from the sender address
 * @param replyTo where replies go (the inbound mailbox), or none
 * @param ticketUrl link to a ticket in mails; {number} is replaced by the ticket number. By default the portal's
 *     page of the ticket, through the login ({@code /tickets/{number}})
 * @param attachmentUrl link to a ticket's attachment in mails; {number} and {id} are replaced. By default the
 *     download through the portal's login ({@code /tickets/{number}/attachments/{id}})
 * @param attachFilesUpTo a mail carries the ticket's public files themselves as long as they fit
 *     together in this size; by default none (the mail links to them)
 * @param groupAddresses a group's own address, used instead of mailing each member
 * @param groupLanguages the language mail to a group's own address is written in, by group: a language code as
 *     {@code i18n/<code>.json} offers it ({@code de}); English, the models' language, for a group not named here
 *     and for a language no words file offers
 * @param inbound reading replies from a mailbox
 */
@ConfigurationProperties("flowdesk.mail")
public record MailProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("flowdesk@localhost") String from,
    String replyTo,
    @DefaultValue("http://localhost:8080/tickets/{number}") String ticketUrl,
    @DefaultValue("http://localhost:8080/tickets/{number}/attachments/{id}") String attachmentUrl,
    @DefaultValue("0B") DataSize attachFilesUpTo,
    @DefaultValue Map<String, String> groupAddresses,
    @DefaultValue Map<String, String> groupLanguages,
    @DefaultValue Inbound inbound) {

  /** A language as the words files are named: two or three small letters. */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

  public MailProperties {
    groupLanguages.forEach((group, language) -> {
      if (!groupAddresses.containsKey(group)) {
        throw new IllegalArgumentException("flowdesk.mail.group-languages." + group + " names a group without an "
            + "address of its own (flowdesk.mail.group-addresses." + group + "): its members get mail in their own "
            + "languages");
      }
      if (language == null || !LANGUAGE.matcher(language).matches()) {
        throw new IllegalArgumentException("flowdesk.mail.group-languages." + group + " must be a language code "
            + "such as de (two or three small letters), not \"" + language + "\"");
      }
    });
  }

  /**
   * An IMAP (or POP3) mailbox whose mail becomes comments, answers and new incidents.
   *
   * @param enabled read the mailbox
   * @param protocol imap, imaps, pop3 or pop3s
   * @param interval how often the mailbox is read
   * @param newIncident the incident-report fields of an incident opened by a new mail
   */
  public record Inbound(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("imap") String protocol,
      @DefaultValue("localhost") String host,
      @DefaultValue("143") int port,
      String username,
      String password,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("30s") Duration interval,
      @DefaultValue NewIncident newIncident) {
  }

  /** What a mail without a ticket number is reported as, besides its subject and text. */
  public record NewIncident(
      @DefaultValue("other") String service,
      @DefaultValue("other") String category,
      @DefaultValue("3") int impact,
      @DefaultValue("3") int urgency) {

    Map<String, Object> fields() {
      return Map.of("service", service, "category", category, "impact", impact, "urgency", urgency);
    }
  }
}
