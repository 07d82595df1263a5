package org.flowdesk.notification;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.People;
import org.flowdesk.language.Languages;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.models.ModelsProperties;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.flowdesk.ticket.TimelineTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import jakarta.mail.internet.MimeMessage;

/**
 * Sends one notification as mail: to the user, or to a group's address, or else to every
 * member of the group in one message. Runs as the asynchronous step of
 * processes/notification-mail.bpmn, so a mail server that is down delays the mail (the model's
 * retries, then a Cockpit incident) and never touches the ticket.
 */
@Component("sendNotificationMail")
class NotificationMail implements JavaDelegate {

  static final String AUTO_SUBMITTED = "Auto-Submitted";
  static final String TICKET_HEADER = "X-FlowDesk-Ticket";

  private static final Logger LOG = LoggerFactory.getLogger(NotificationMail.class);

  private final Notifications notifications;
  private final TicketService tickets;
  private final IdentityService identityService;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailProperties mail;
  private final MailTemplates templates;
  private final ReplyTokens replyTokens;
  private final Attachments attachments;
  private final Languages languages;
  private final People people;
  private final TimelineTexts texts;
  private final DeployedVocabulary vocabulary;
  private final Catalog catalog;

  NotificationMail(Notifications notifications, TicketService tickets, IdentityService identityService,
      ObjectProvider<JavaMailSender> mailSender, MailProperties mail, ModelsProperties models,
      ReplyTokens replyTokens, Attachments attachments, Languages languages, People people, TimelineTexts texts,
      DeployedVocabulary vocabulary, Catalog catalog) {
    this.texts = texts;
    this.vocabulary = vocabulary;
    this.catalog = catalog;
    this.people = people;
    this.languages = languages;
    this.replyTokens = replyTokens;
    this.attachments = attachments;
    this.notifications = notifications;
    this.tickets = tickets;
    this.identityService = identityService;
    this.mailSender = mailSender;
    this.mail = mail;
    this.templates = new MailTemplates(models.rootPath());
  }

  @Override
  public void execute(DelegateExecution execution) throws Exception {
    long id = ((Number) execution.getVariable("notificationId")).longValue();
    Notification notification = notifications.find(id)
        .orElseThrow(() -> new IllegalStateException("No notification " + id));
    // Who gets it, by the language they read: a person in their profile's; a group's members each in theirs, one
    // mail per language; a group's own address in the language set for it (flowdesk.mail.group-languages), else the
    // models'.
    Map<String, Set<String>> addressesByLanguage = new LinkedHashMap<>();
    String name;
    if (notification.recipientUser() != null) {
      User user = identityService.createUserQuery().userId(notification.recipientUser()).singleResult();
      name = user == null ? notification.recipientUser() : user.getFirstName();
      if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
        addressesByLanguage.computeIfAbsent(languages.of(user.getId()), l -> new LinkedHashSet<>()).add(user.getEmail());
      }
    } else {
      String group = notification.recipientGroup();
      name = group;
      String groupAddress = mail.groupAddresses().get(group);
      if (groupAddress != null) {
        String language = mail.groupLanguages().getOrDefault(group, Languages.MODELS_LANGUAGE);
        if (!languages.isAvailable(language)) {
          LOG.warn("flowdesk.mail.group-languages.{} is {}, which no words file offers (i18n/{}.json): mail to {} "
              + "goes in English", group, language, language, groupAddress);
          language = Languages.MODELS_LANGUAGE;
        }
        addressesByLanguage.put(language, new LinkedHashSet<>(Set.of(groupAddress)));
      } else {
        for (User member : identityService.createUserQuery().memberOfGroup(group).listPage(0, 2000)) {
          if (member.getEmail() != null && !member.getEmail().isBlank()) {
            addressesByLanguage.computeIfAbsent(languages.of(member.getId()), l -> new LinkedHashSet<>())
                .add(member.getEmail());
          }
        }
      }
    }
    if (addressesByLanguage.isEmpty()) {
      LOG.warn("{} notification {} ({}) has no mail address to go to", notification.ticketNumber(), id,
          notification.kind());
      return;
    }
    for (Map.Entry<String, Set<String>> readers : addressesByLanguage.entrySet()) {
      send(notification, name, readers.getKey(), readers.getValue());
    }
  }

  /** The notification as one mail to the addresses, all of whose readers read the language. */
  private void send(Notification notification, String name, String language, Set<String> addresses) throws Exception {
    MailFiles files = new MailFiles(notification.ticketNumber() == null ? List.of()
        : attachments.list(notification.ticketNumber(), false), mail.attachmentUrl(), mail.attachFilesUpTo());
    String template = templates.template(notification.kind(), notification.forWatcher());
    // The notification's text and the names in it in the mail's language, when the mail is in it (a kind without
    // the language's template goes in English, text and all).
    String textLanguage = templates.languageOf(template, language);
    // A group's members are greeted by the group's name in the mail's language ("Hallo Netzwerkteam").
    String greeted = notification.recipientUser() != null ? name
        : languages.groupName(name, people.groupName(name), textLanguage);
    Map<String, String> values = values(notification, greeted, textLanguage);
    values.put("text", texts.reader(textLanguage, Notifications.WORDS).apply(notification.text()));
    JsonNode words = languages.bundle(language).path("mail");
    String mailLanguage = language;
    LongFunction<String> size = bytes -> languages.size(bytes, mailLanguage);
    values.put("attachments", files.text(words, size));
    MailTemplates.Mail rendered = templates.render(template, language, values,
        Map.of("attachments", files.html(words, size)));
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("flowdesk.mail.enabled is true but no SMTP server is configured (spring.mail.host)");
    }
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setFrom(mail.from());
    helper.setTo(addresses.toArray(String[]::new));
    String number = notification.ticketNumber();
    boolean hasReplyTo = mail.replyTo() != null && !mail.replyTo().isBlank();
    if (number == null) {
      if (hasReplyTo) {
        helper.setReplyTo(mail.replyTo());
      }
      helper.setSubject(rendered.subject());
    } else {
      // A reply is matched to the ticket only with this token; it rides in both places so that it
      // comes back from mail clients that drop either the Reply-To or the subject.
      String token = replyTokens.token(number, notification.recipientUser() != null
          ? ReplyTokens.userRecipient(notification.recipientUser())
          : ReplyTokens.groupRecipient(notification.recipientGroup()));
      if (hasReplyTo) {
        helper.setReplyTo(ReplyTokens.replyTo(mail.replyTo(), number, token));
      }
      helper.setSubject(ReplyTokens.subject(rendered.subject(), number, token));
    }
    helper.setText(rendered.text(), rendered.html());
    files.attachTo(helper, attachments::copy);
    // Auto-replies to this mail, and this mail coming back, are recognised and ignored.
    message.setHeader(AUTO_SUBMITTED, "auto-generated");
    if (number != null) {
      message.setHeader(TICKET_HEADER, number);
    }
    sender.send(message);
    LOG.info("{} {} mail sent to {}", notification.ticketNumber(), notification.kind(), addresses);
  }

  private Map<String, String> values(Notification notification, String recipientName, String language) {
    Map<String, String> values = new HashMap<>();
    values.put("recipientName", recipientName);
    values.put("text", notification.text());
    values.put("kind", notification.kind());
    String number = notification.ticketNumber();
    if (number != null) {
      values.put("ticketNumber", number);
      values.put("link", mail.ticketUrl().replace("{number}", number));
      tickets.find(number).ifPresent(t -> {
        // Each value as a reader of the mail's language reads it: the status as the models label it and the language
        // words it ("In Bearbeitung", not "in_progress"), the service by the catalog's name, people and groups by
        // name ("Network team", "Nina Novak"), a group in the mail's language.
        JsonNode bundle = languages.bundle(language);
        String label = vocabulary.current().statusLabel(t.status());
        values.put("title", t.title());
        values.put("description", Objects.toString(t.description(), ""));
        values.put("status", Languages.MODELS_LANGUAGE.equals(language) ? label
            : bundle.path("statuses").path(t.status()).asText(label));
        values.put("priority", Objects.toString(t.priority(), ""));
        values.put("service", t.service() == null ? "" : catalog.serviceName(t.service(), languages.catalog(language)));
        values.put("assignmentGroup", t.assignmentGroup() == null ? ""
            : languages.groupName(t.assignmentGroup(), people.groupName(t.assignmentGroup()), language));
        values.put("assignee", t.assignee() != null ? people.name(t.assignee())
            : bundle.path("mail").path("nobody yet").asText("nobody yet"));
        values.put("requester", t.requester() == null ? "" : people.name(t.requester()));
        values.put("enteredBy", t.enteredBy() == null ? "" : people.name(t.enteredBy()));
        values.put("resolutionNotes", Objects.toString(t.resolutionNotes(), ""));
      });
      List<TimelineEntry> questions = tickets.timeline(number, false).stream()
          .filter(e -> "information_requested".equals(e.kind())).toList();
      if (!questions.isEmpty()) {
        values.put("question", questions.get(questions.size() - 1).text());
      }
    }
    return values;
  }
}
