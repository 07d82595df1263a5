package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.TestPorts;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Mail into FlowDesk's mailbox, read over IMAP from a real server (GreenMail). */
@MailServerTest
@ExtendWith(OutputCaptureExtension.class)
class MailReplyTest {

  @RegisterExtension
  static GreenMailExtension server = new GreenMailExtension(TestPorts.smtpAndImap());

  @Autowired
  MailInbox inbox;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  TicketService tickets;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  ReplyTokens replyTokens;
  @Autowired
  ManagementService managementService;

  @BeforeEach
  void mailbox() {
    server.setUser("desk@flowdesk.test", "desk", "secret");
  }

  ProcessInstance alicesIncident() {
    return runtimeService.startProcessInstanceByKey("incident", Map.of("title", "Wi-Fi drops", "service", "network",
        "category", "network", "impact", 3, "urgency", 3, "requester", "alice"));
  }

  void mail(String from, String subject, String body, Map<String, String> headers) throws Exception {
    mail(from, "desk@flowdesk.test", subject, body, headers);
  }

  /** A mail to the address {@code to}, delivered to FlowDesk's mailbox as a plus-address would be. */
  void mail(String from, String to, String subject, String body, Map<String, String> headers) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "localhost");
    properties.put("mail.smtp.port", String.valueOf(TestPorts.SMTP));
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject);
    message.setText(body, "UTF-8");
    for (var header : headers.entrySet()) {
      message.setHeader(header.getKey(), header.getValue());
    }
    Transport.send(message, new InternetAddress[] {new InternetAddress("desk@flowdesk.test")});
  }

  /** The token of FlowDesk's mail about the ticket to the user. */
  String token(String number, String user) {
    return replyTokens.token(number, ReplyTokens.userRecipient(user));
  }

  /** The subject reference of FlowDesk's mail about the ticket to the user: {@code [INC-000001 #token]}. */
  String reference(String number, String user) {
    return "[" + number + " #" + token(number, user) + "]";
  }

  /** What a mail could change about a ticket: its record, its timeline and its comments. */
  record TicketState(Ticket ticket, int timelineEntries, long comments) {
  }

  TicketState state(String number) {
    List<TimelineEntry> timeline = timeline(number);
    return new TicketState(tickets.get(number), timeline.size(),
        timeline.stream().filter(e -> e.kind().equals("comment")).count());
  }

  long unmatchedNotices(String user, String number) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_notification WHERE recipient_user = ? AND ticket_number = ? "
        + "AND kind = 'reply_unmatched'").params(user, number).query(Long.class).single();
  }

  /** Runs the ticket's outgoing mail, as the job executor would. */
  void sendMail(String number) {
    runtimeService.createProcessInstanceQuery().processDefinitionKey(Notifications.MAIL_PROCESS)
        .processInstanceBusinessKey(number).list().forEach(mail -> managementService.createJobQuery()
            .processInstanceId(mail.getId()).executable().list()
            .forEach(job -> managementService.executeJob(job.getId())));
  }

  List<TimelineEntry> timeline(String number) {
    return tickets.timeline(number, true);
  }

  long ticketCount() {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();
  }

  @Test
  void aReplyWithTheTokenInItsSubjectBecomesAPublicCommentByItsSender(CapturedOutput log) throws Exception {
    String number = alicesIncident().getBusinessKey();
    mail("alice@flowdesk.test", "Re: " + reference(number, "alice") + " We received your incident: Wi-Fi drops",
        "It dropped again at 10:15.\n\nOn Tue, 24 Nov 2026, FlowDesk wrote:\n> We received " + number, Map.of());

    assertThat(inbox.poll()).isEqualTo(1);

    assertThat(timeline(number)).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("comment");
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.internal()).isFalse();
      assertThat(e.text()).isEqualTo("It dropped again at 10:15.");
    });
    assertThat(inbox.poll()).as("a mail is handled once").isZero();
    assertThat(log.getAll()).contains(number + " comment by mail from alice").doesNotContain(token(number, "alice"));
  }

  @Test
  void anOrdinaryReplyToFlowDesksMailIsMatchedByItsReplyToAndSubject() throws Exception {
    String number = alicesIncident().getBusinessKey();
    sendMail(number);
    MimeMessage received = Arrays.stream(server.getReceivedMessagesForDomain("flowdesk.test")).filter(m -> {
      try {
        return m.getSubject().contains(number) && m.getAllRecipients()[0].toString().equals("alice@flowdesk.test");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).findFirst().orElseThrow();

    mail("alice@flowdesk.test", ((InternetAddress) received.getReplyTo()[0]).getAddress(),
        "Re: " + received.getSubject(), "Still dropping.", Map.of());
    inbox.poll();

    assertThat(timeline(number)).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("comment");
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.text()).isEqualTo("Still dropping.");
    });
  }

  @Test
  void aReplyWhoseSubjectLostTheReferenceIsMatchedByTheAddressItWasSentTo() throws Exception {
    String number = alicesIncident().getBusinessKey();
    mail("alice@flowdesk.test", "desk+" + number + "." + token(number, "alice") + "@flowdesk.test", "Re: Wi-Fi",
        "Also in the kitchen.", Map.of());

    inbox.poll();

    assertThat(timeline(number)).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("comment");
      assertThat(e.text()).isEqualTo("Also in the kitchen.");
    });
  }

  @Test
  void aReplyWithoutItsSendersTokenForTheTicketChangesNothingAndTheSenderIsToldOnce(CapturedOutput log)
      throws Exception {
    String number = alicesIncident().getBusinessKey();
    String other = alicesIncident().getBusinessKey();
    String token = token(number, "alice");
    String altered = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);
    TicketState before = state(number);

    // The requester's From, forged: no token, an altered one, a cut one, another ticket's, another reader's.
    mail("alice@flowdesk.test", "Re: [" + number + "] We received your incident", "Close it", Map.of());
    mail("alice@flowdesk.test", "Re: [" + number + " #" + altered + "] We received your incident", "Close it",
        Map.of());
    mail("alice@flowdesk.test", "Re: [" + number + " #" + token.substring(0, 31) + "] Wi-Fi", "Close it", Map.of());
    mail("alice@flowdesk.test", "desk+" + other + "." + token(other, "alice") + "@flowdesk.test",
        "Re: [" + number + " #" + token(other, "alice") + "] Wi-Fi", "Close it", Map.of());
    mail("alice@flowdesk.test", "Re: " + reference(number, "nina") + " Wi-Fi", "Close it", Map.of());
    assertThat(inbox.poll()).isEqualTo(5);

    assertThat(state(number)).isEqualTo(before);
    assertThat(unmatchedNotices("alice", number)).as("told once, not once per mail").isEqualTo(1);
    assertThat(log.getAll()).contains("Refused mail from alice about " + number)
        .doesNotContain(token).doesNotContain(token(other, "alice")).doesNotContain(token(number, "nina"));
  }

  @Test
  void aMemberRepliesWithTheTokenOfMailToTheirGroupAndNoOneOutsideItCan() throws Exception {
    String number = alicesIncident().getBusinessKey();
    String networkToken = replyTokens.token(number, ReplyTokens.groupRecipient("network"));
    TicketState before = state(number);

    // alice sees the ticket but is not in network: a token of mail to network is not hers.
    mail("alice@flowdesk.test", "Re: [" + number + " #" + networkToken + "] Wi-Fi", "Me too", Map.of());
    inbox.poll();
    assertThat(state(number)).isEqualTo(before);

    mail("nina@flowdesk.test", "Re: [" + number + " #" + networkToken + "] Wi-Fi", "Looking at it.", Map.of());
    inbox.poll();
    assertThat(timeline(number)).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("comment");
      assertThat(e.actor()).isEqualTo("nina");
      assertThat(e.text()).isEqualTo("Looking at it.");
    });
  }

  @Test
  void aForgedAnswerToAnInformationRequestLeavesTheQuestionOpen() throws Exception {
    ProcessInstance instance = alicesIncident();
    String number = instance.getBusinessKey();
    String work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.claim(work, "nina");
    taskService.complete(work, Map.of("action", "ask_requester", "question", "Which floor?"));
    TicketState before = state(number);

    mail("alice@flowdesk.test", "Re: [" + number + "] We need information from you: Wi-Fi drops", "Never mind",
        Map.of());
    inbox.poll();

    assertThat(state(number)).isEqualTo(before);
    assertThat(tickets.get(number).status()).isEqualTo(Ticket.AWAITING_REQUESTER);
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getName())
        .startsWith("Provide information " + number);
  }

  @Test
  void aReplyToAnInformationRequestAnswersIt() throws Exception {
    ProcessInstance instance = alicesIncident();
    String number = instance.getBusinessKey();
    String work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.claim(work, "nina");
    taskService.complete(work, Map.of("action", "ask_requester", "question", "Which floor?"));

    // The mail client kept the Reply-To address but not the subject's reference.
    mail("alice@flowdesk.test", "desk+" + number + "." + token(number, "alice") + "@flowdesk.test",
        "Re: [" + number + "] We need information from you: Wi-Fi drops", "Third floor, east wing.\n> Which floor?",
        Map.of());
    inbox.poll();

    Ticket ticket = tickets.get(number);
    assertThat(ticket.status()).isEqualTo(Ticket.IN_PROGRESS);
    assertThat(timeline(number)).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("information_provided");
      assertThat(e.text()).isEqualTo("Third floor, east wing.");
      assertThat(e.actor()).isEqualTo("alice");
    });
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getName())
        .startsWith("Work incident " + number);
  }

  @Test
  void mailFromAnUnknownSenderIsRefusedAndChangesNothing() throws Exception {
    String number = alicesIncident().getBusinessKey();
    int entries = timeline(number).size();
    long before = ticketCount();

    mail("stranger@example.test", "Re: [" + number + "] hello", "Let me in", Map.of());
    mail("stranger@example.test", "Free money", "Click here", Map.of());
    assertThat(inbox.poll()).isEqualTo(2);

    assertThat(timeline(number)).hasSize(entries);
    assertThat(ticketCount()).isEqualTo(before);
  }

  @Test
  void mailAboutATicketTheSenderMayNotSeeIsRefused() throws Exception {
    String number = alicesIncident().getBusinessKey();
    int entries = timeline(number).size();

    mail("hana@flowdesk.test", "Re: [" + number + "] curious", "What is this about?", Map.of());
    inbox.poll();

    assertThat(timeline(number)).hasSize(entries);
  }

  @Test
  void autoRepliesListsAndFlowDesksOwnMailAreIgnored() throws Exception {
    String number = alicesIncident().getBusinessKey();
    int entries = timeline(number).size();
    long before = ticketCount();

    mail("alice@flowdesk.test", "Out of office: [" + number + "]", "I am away", Map.of("Auto-Submitted", "auto-replied"));
    mail("alice@flowdesk.test", "Automatic reply", "Away", Map.of("X-Autoreply", "yes"));
    mail("alice@flowdesk.test", "Digest", "News", Map.of("Precedence", "bulk"));
    mail("desk@flowdesk.test", "[" + number + "] We received your incident", "Loop", Map.of());
    assertThat(inbox.poll()).isEqualTo(4);

    assertThat(timeline(number)).hasSize(entries);
    assertThat(ticketCount()).isEqualTo(before);
  }

  /**
   * A subject whose encoded words hold a line break, or so long that the title's cut at 200 falls inside a character
   * of two units, opens its incident with a one-line title of whole characters: the form refuses either, and a mail
   * left unread stopped every mail after it.
   */
  @Test
  void aSubjectWithALineBreakOrAHalvedCharacterStillOpensItsIncidentAndTheMailAfterIt() throws Exception {
    long before = ticketCount();
    mail("hana@flowdesk.test", "placeholder", "The first.", Map.of("Subject", "=?UTF-8?Q?Printer=0Ajams=09again?="));
    String long199 = "L".repeat(199) + "\uD83D\uDDA8 and more";
    mail("hana@flowdesk.test", long199, "The second.", Map.of());
    mail("hana@flowdesk.test", "Beamer flackert", "The third.", Map.of());

    assertThat(inbox.poll()).isEqualTo(3);

    assertThat(ticketCount()).isEqualTo(before + 3);
    List<String> titles = jdbc.sql("SELECT title FROM fd_ticket WHERE requester = 'hana' ORDER BY created_at DESC, "
        + "ticket_number DESC").query(String.class).list().subList(0, 3);
    assertThat(titles).containsExactlyInAnyOrder("Printer jams again", "L".repeat(199), "Beamer flackert");
  }

  @Test
  void aNewMailFromAKnownUserOpensAnIncident() throws Exception {
    long before = ticketCount();
    mail("hana@flowdesk.test", "Projector in room 4 is broken", "It shows no picture since Monday.", Map.of());

    inbox.poll();

    assertThat(ticketCount()).isEqualTo(before + 1);
    Ticket opened = jdbc.sql("SELECT ticket_number FROM fd_ticket WHERE requester = 'hana' ORDER BY created_at DESC")
        .query(String.class).list().stream().findFirst().map(tickets::get).orElseThrow();
    assertThat(opened.title()).isEqualTo("Projector in room 4 is broken");
    assertThat(opened.description()).isEqualTo("It shows no picture since Monday.");
    assertThat(opened.priority()).isEqualTo(5);
    assertThat(opened.assignmentGroup()).isEqualTo("service-desk");
  }
}
