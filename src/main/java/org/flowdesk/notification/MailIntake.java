package org.flowdesk.notification;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.attachment.Upload;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.incident.IncidentIntake;
import org.flowdesk.models.FormSchema;
import org.flowdesk.models.TaskForms;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.flowdesk.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an incoming mail does: a reply about a ticket that carries the sender's reply token for
 * it ({@link ReplyTokens}) becomes the sender's public comment, or answers the sender's open
 * question task on it; a reply without that token is refused and the sender told so; a new mail
 * from a known user opens an incident. Mail from strangers, about tickets the sender may not
 * see, and automatic mail (auto-replies, lists, FlowDesk's own) is refused or ignored, and logged.
 * The mail's files are attached to the ticket when they pass the attachment checks; one that does
 * not is named on the ticket's timeline, and the mail's text lands all the same.
 */
@Component
class MailIntake {

  enum Outcome { COMMENTED, ANSWERED, OPENED, IGNORED, REFUSED }

  /** A mail as FlowDesk reads it, with its files (attachments and inline images). */
  record IncomingMail(String from, List<String> recipients, String subject, String text,
      Map<String, String> headers, List<Upload> attachments) {

    IncomingMail(String from, List<String> recipients, String subject, String text, Map<String, String> headers) {
      this(from, recipients, subject, text, headers, List.of());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
  private static final Pattern TICKET = Pattern.compile("\\b((?:INC|REQ|CHG)-\\d{6,12})\\b");
  private static final int MAX_TEXT = 20_000;
  private static final String REPLY_UNMATCHED = "reply_unmatched";
  private static final Duration UNMATCHED_NOTICE_EVERY = Duration.ofDays(1);

  private final IdentityService identityService;
  private final TaskService taskService;
  private final TaskForms taskForms;
  private final TicketService tickets;
  private final TicketAccess access;
  private final IncidentIntake incidents;
  private final MailProperties mail;
  private final ReplyTokens replyTokens;
  private final Notifications notifications;
  private final Clock clock;
  private final Attachments attachments;

  MailIntake(IdentityService identityService, TaskService taskService, TaskForms taskForms, TicketService tickets,
      TicketAccess access, IncidentIntake incidents, MailProperties mail, ReplyTokens replyTokens,
      Notifications notifications, Clock clock, Attachments attachments) {
    this.clock = clock;
    this.attachments = attachments;
    this.replyTokens = replyTokens;
    this.notifications = notifications;
    this.identityService = identityService;
    this.taskService = taskService;
    this.taskForms = taskForms;
    this.tickets = tickets;
    this.access = access;
    this.incidents = incidents;
    this.mail = mail;
  }

  @Transactional
  Outcome handle(IncomingMail incoming) {
    String subject = ReplyTokens.redact(incoming.subject());
    if (automatic(incoming)) {
      LOG.info("Ignored automatic mail from {}: {}", incoming.from(), subject);
      return Outcome.IGNORED;
    }
    Optional<User> sender = sender(incoming.from());
    if (sender.isEmpty()) {
      LOG.warn("Refused mail from unknown sender {}: {}", incoming.from(), subject);
      return Outcome.REFUSED;
    }
    CurrentUser user = new CurrentUser(sender.get().getId(), identityService.createGroupQuery()
        .groupMember(sender.get().getId()).list().stream().map(Group::getId).collect(Collectors.toSet()));
    String text = text(incoming.text());
    List<ReplyTokens.Reference> references = ReplyTokens.references(incoming.subject(), incoming.recipients());
    Optional<String> number = ticketNumber(incoming.subject(), references);
    if (number.isEmpty()) {
      String opened = incidents.report(user.id(), newIncident(incoming, text), null,
          ticketNumber -> attach(ticketNumber, incoming, user));
      LOG.info("{} opened by mail from {}", opened, user.id());
      return Outcome.OPENED;
    }
    Optional<Ticket> ticket = tickets.find(number.get()).filter(t -> access.canSee(t, user));
    if (ticket.isEmpty()) {
      LOG.warn("Refused mail from {} about {}, which they may not see", user.id(), number.get());
      return Outcome.REFUSED;
    }
    // From alone is easy to forge: only mail FlowDesk sent to this sender (or a group of theirs)
    // about this ticket carries the token that matches.
    if (!replyTokens.matches(number.get(), references, recipientsOf(user))) {
      LOG.warn("Refused mail from {} about {}: {} reply token", user.id(), number.get(),
          references.isEmpty() ? "no" : "not the ticket's");
      tellUnmatched(ticket.get(), user);
      return Outcome.REFUSED;
    }
    if (text.isBlank() && incoming.attachments().isEmpty()) {
      LOG.info("Ignored empty reply from {} about {}", user.id(), ticket.get().number());
      return Outcome.IGNORED;
    }
    attach(ticket.get().number(), incoming, user);
    if (text.isBlank()) {
      LOG.info("{} files by mail from {}", ticket.get().number(), user.id());
      return Outcome.COMMENTED;
    }
    Optional<Task> question = openQuestion(ticket.get(), user.id());
    if (question.isPresent()) {
      // The answer reaches the timeline through "Record answer" and is never stored as a variable.
      taskService.complete(question.get().getId(), Map.of("answer", Variables.stringValue(text, true)));
      LOG.info("{} question answered by mail from {}", ticket.get().number(), user.id());
      return Outcome.ANSWERED;
    }
    tickets.comment(ticket.get().number(), user.id(), text, false, access.works(ticket.get(), user),
        clock.instant());
    LOG.info("{} comment by mail from {}", ticket.get().number(), user.id());
    return Outcome.COMMENTED;
  }

  /** The mail's files, public like the mail's text; those refused are named on the timeline. */
  private void attach(String number, IncomingMail incoming, CurrentUser user) {
    if (!incoming.attachments().isEmpty()) {
      attachments.attachWhatPasses(number, incoming.attachments(), user.id(), false, clock.instant());
    }
  }

  /** The ticket named in the subject, or else in the address the mail was sent to. */
  private static Optional<String> ticketNumber(String subject, List<ReplyTokens.Reference> references) {
    Matcher number = TICKET.matcher(subject == null ? "" : subject);
    return number.find() ? Optional.of(number.group(1))
        : references.stream().map(ReplyTokens.Reference::ticketNumber).findFirst();
  }

  private static List<String> recipientsOf(CurrentUser user) {
    List<String> recipients = new ArrayList<>(List.of(ReplyTokens.userRecipient(user.id())));
    user.groups().stream().map(ReplyTokens::groupRecipient).forEach(recipients::add);
    return recipients;
  }

  /**
   * Tells the sender that their mail was not added, at most once a day per ticket: automatic mail
   * is ignored before this point, and the limit bounds what an auto-responder that does not say
   * it is one can cause, so no mail loop arises. When From was forged, its owner is told and
   * learns that someone wrote in their name.
   */
  private void tellUnmatched(Ticket ticket, CurrentUser user) {
    Instant now = clock.instant();
    if (notifications.sentSince(user.id(), ticket.number(), REPLY_UNMATCHED, now.minus(UNMATCHED_NOTICE_EVERY))) {
      return;
    }
    notifications.toUser(user.id(), ticket.number(), REPLY_UNMATCHED, "Your mail about " + ticket.number()
        + " could not be matched to the ticket, so it was not added. Please answer with the Reply button of a"
        + " FlowDesk mail about the ticket, or comment on it in the portal.", now);
  }

  private boolean automatic(IncomingMail incoming) {
    Map<String, String> h = incoming.headers();
    String autoSubmitted = h.getOrDefault("auto-submitted", "no").trim().toLowerCase(Locale.ROOT);
    String precedence = h.getOrDefault("precedence", "").trim().toLowerCase(Locale.ROOT);
    return !autoSubmitted.equals("no") || h.containsKey("x-autoreply") || h.containsKey("x-autorespond")
        || h.containsKey("list-id") || List.of("bulk", "junk", "list", "auto_reply").contains(precedence)
        || h.containsKey(NotificationMail.TICKET_HEADER.toLowerCase(Locale.ROOT))
        || mail.from().equalsIgnoreCase(incoming.from());
  }

  private Optional<User> sender(String address) {
    if (address == null || address.isBlank()) {
      return Optional.empty();
    }
    List<User> users = identityService.createUserQuery().userEmail(address.trim()).listPage(0, 2);
    // Two users with one address: nobody can tell who wrote.
    return users.size() == 1 ? Optional.of(users.get(0)) : Optional.empty();
  }

  /** The sender's own open task on the ticket whose form asks for an answer. */
  private Optional<Task> openQuestion(Ticket ticket, String user) {
    return taskService.createTaskQuery().processInstanceBusinessKey(ticket.number()).taskAssignee(user).list()
        .stream().filter(this::asksForAnswer).findFirst();
  }

  private boolean asksForAnswer(Task task) {
    return taskForms.of(task).map(form -> form.schema().keys().contains("answer")).orElse(false);
  }


  private Map<String, Object> newIncident(IncomingMail incoming, String text) {
    Map<String, Object> report = new HashMap<>();
    // A title is one line of whole characters: a subject's encoded words may hold a line break or a control
    // character, and the cut at 200 must not halve a character, or the form refuses the report.
    String subject = oneLine(incoming.subject());
    report.put("title", subject.isEmpty() ? "(no subject)" : cut(subject, 200));
    report.put("description", text);
    report.putAll(mail.inbound().newIncident().fields());
    return report;
  }

  /** The new text of a reply: quoted lines and what follows "On … wrote:" are left out. */
  static String text(String body) {
    if (body == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (String line : body.replace("\r\n", "\n").split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith(">") || (trimmed.startsWith("On ") && trimmed.endsWith("wrote:"))
          || trimmed.equals("-----Original Message-----")) {
        if (!trimmed.startsWith(">")) {
          break;
        }
        continue;
      }
      text.append(line).append('\n');
    }
    String result = text.toString().strip().codePoints()
        .filter(c -> !FormSchema.isControl(c) || c == '\n' || c == '\t')
        .filter(c -> !Character.isSurrogate((char) c) || Character.isSupplementaryCodePoint(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    return cut(result, MAX_TEXT);
  }

  /** The text on one line: line breaks, tabs and control characters as spaces, half characters left out. */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.codePoints().map(c -> c < 0x20 || c == 0x7F ? ' ' : c)
        .filter(c -> !Character.isSurrogate((char) c) || Character.isSupplementaryCodePoint(c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
        .replaceAll(" {2,}", " ").strip();
  }

  /** At most {@code most} chars, never half a character. */
  static String cut(String text, int most) {
    if (text.length() <= most) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(most - 1)) ? most - 1 : most;
    return text.substring(0, end);
  }
}
