package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.flowdesk.EngineTime;
import org.flowdesk.TestPorts;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.attachment.Attachment;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.attachment.Upload;
import org.flowdesk.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Notifications as mail, through a real SMTP server (GreenMail). */
@MailServerTest
class NotificationMailTest {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestPorts.smtp())
      .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TicketService tickets;
  @Autowired
  ReplyTokens replyTokens;
  @Autowired
  Attachments attachments;
  @Autowired
  IdentityService identityService;

  @BeforeEach
  void tuesdayMorning() {
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2026-11-24T08:00:00Z")));
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  ProcessInstance report(int impact, int urgency, String service) {
    return runtimeService.startProcessInstanceByKey("incident", Map.of("title", "Printer <b>on fire</b>",
        "service", service, "category", "hardware", "impact", impact, "urgency", urgency, "requester", "alice"));
  }

  /** Runs the due asynchronous mail steps, as the job executor would. */
  void sendMail() {
    for (Job job : managementService.createJobQuery().processDefinitionKey(Notifications.MAIL_PROCESS)
        .executable().list()) {
      try {
        managementService.executeJob(job.getId());
      } catch (RuntimeException serverDown) {
        // recorded on the job: retried later
      }
    }
  }

  List<MimeMessage> mailTo(String address, String ticket) throws Exception {
    return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
      try {
        return withoutToken(m).contains("[" + ticket + "]") && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
            .anyMatch(a -> a.toString().equals(address));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  /** The subject with the reply token left out: {@code [INC-000001] …}. */
  static String withoutToken(MimeMessage message) throws Exception {
    return message.getSubject().replaceFirst("^\\[([A-Z]{3}-\\d{6}) #[0-9a-f]{32}]", "[$1]");
  }

  /** The clock to the instant, and the ticket's timers due by then run. */
  void fireTimersDueBy(String instant, String ticket) {
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse(instant)));
    EngineTime.fireDueTimers(managementService, runtimeService, ticket);
  }

  @Test
  void aPersonWhoseProfileSaysGermanGetsTheGermanTemplatesAndTheOthersStayEnglish() throws Exception {
    identityService.setUserInfo("alice", "language", "de");
    try {
      ProcessInstance instance = report(3, 3, "printer");
      String number = instance.getBusinessKey();
      sendMail();
      MimeMessage received = mailTo("alice@flowdesk.test", number).get(0);
      assertThat(withoutToken(received)).isEqualTo("[" + number + "] Wir haben Ihre Störung erhalten: Printer <b>on fire</b>");
      String body = GreenMailUtil.getBody(received);
      // The group by its German name (i18n/de.json, groups), not the directory's English one.
      assertThat(body).contains("Hallo Alice").contains("Gruppe:    Service-Desk").doesNotContain("We received")
          .doesNotContain("Service desk");

      String work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
      taskService.claim(work, "nina");
      taskService.complete(work, Map.of("action", "ask_requester", "question", "Is there smoke?"));
      sendMail();
      assertThat(mailTo("alice@flowdesk.test", number)).anySatisfy(m -> {
        assertThat(m.getSubject()).contains("Wir brauchen Angaben von Ihnen");
        assertThat(GreenMailUtil.getBody(m)).contains("Is there smoke?");
      });
    } finally {
      identityService.deleteUserInfo("alice", "language");
    }
    // Without a language in the profile, the mail is in English again.
    ProcessInstance other = report(3, 3, "printer");
    sendMail();
    assertThat(withoutToken(mailTo("alice@flowdesk.test", other.getBusinessKey()).get(0))).contains("We received your incident");
  }

  @Test
  void theGroupsLeadIsWarnedByMailBeforeItsOlaRunsOut() throws Exception {
    // A P3 mail incident for the service desk: 2 business hours from 09:00 Berlin, warning sam at 75 %.
    ProcessInstance instance = report(2, 2, "email");
    String number = instance.getBusinessKey();
    fireTimersDueBy("2026-11-24T09:30:01Z", number);
    sendMail();

    assertThat(mailTo("sam@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] OLA warning: Printer <b>on fire</b>");
      assertThat(GreenMailUtil.getBody(m)).contains(number + " has been with Service desk for most of its OLA (2 h, "
          + "business hours)").contains("Group:    Service desk").contains("Assignee: nobody yet")
          .contains("Status:   New");
    });
  }

  /**
   * A lead reading German is warned in German: the group by its German name, and when the OLA is due as German
   * writes dates, in the zone the text names, not "Tue 24 Nov 2026, 11:00 CET".
   */
  @Test
  void aGermanLeadReadsTheGroupAndTheDueDateInGerman() throws Exception {
    identityService.setUserInfo("sam", "language", "de");
    try {
      ProcessInstance instance = report(2, 2, "email");
      String number = instance.getBusinessKey();
      fireTimersDueBy("2026-11-24T09:30:01Z", number);
      sendMail();

      assertThat(mailTo("sam@flowdesk.test", number)).anySatisfy(m -> {
        assertThat(withoutToken(m)).isEqualTo("[" + number + "] OLA-Warnung: Printer <b>on fire</b>");
        assertThat(MailFilesTest.part(m, "text/plain")).contains(number + " liegt schon den größten Teil seines OLA bei "
            + "Service-Desk (2 h, Geschäftszeiten)").contains("fällig: 24.11.2026, 11:00 MEZ")
            .contains("Gruppe:      Service-Desk")
            // The status and "nobody yet" in German, not the stored code.
            .contains("Status:      Neu").contains("Zugewiesen:  noch niemand")
            .doesNotContain("Nov 2026").doesNotContain("Service desk").doesNotContain("business");
      });
    } finally {
      identityService.deleteUserInfo("sam", "language");
    }
  }

  /**
   * An agent reading German gets her group's SLA warning in German: the mail's own words (mail/sla_warning.de.*), its
   * text, the status and the group by name. The group has no address of its own, so each member gets it in their
   * language: sam one in German, bob one in English, neither in the other's.
   */
  @Test
  void eachMemberOfTheGroupGetsItsSlaWarningInTheirLanguage() throws Exception {
    identityService.setUserInfo("sam", "language", "de");
    try {
      // A P3 mail incident for the service desk; its response warning comes within the next working day.
      ProcessInstance instance = report(2, 2, "email");
      String number = instance.getBusinessKey();
      fireTimersDueBy("2026-11-25T17:00:01Z", number);
      sendMail();

      List<MimeMessage> german = mailTo("sam@flowdesk.test", number).stream()
          .filter(m -> subjectOf(m).contains("SLA-Warnung")).toList();
      assertThat(german).isNotEmpty().allSatisfy(m -> {
        assertThat(withoutToken(m)).isEqualTo("[" + number + "] SLA-Warnung: Printer <b>on fire</b>");
        assertThat(MailFilesTest.part(m, "text/plain")).contains(number + " hat 75 % seiner")
            .contains("Status:      Neu").contains("Gruppe:      Service-Desk").contains("Zugewiesen:  noch niemand")
            .doesNotContain("Assignee").doesNotContain("nobody yet");
        assertThat(MailFilesTest.part(m, "text/html")).contains("<th align=\"left\">Zugewiesen</th><td>noch niemand</td>");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("sam@flowdesk.test");
      });
      List<MimeMessage> english = mailTo("bob@flowdesk.test", number).stream()
          .filter(m -> subjectOf(m).contains("SLA warning")).toList();
      assertThat(english).hasSameSizeAs(german).allSatisfy(m -> {
        assertThat(MailFilesTest.part(m, "text/plain")).contains("Assignee: nobody yet").contains("Group:    Service desk");
        assertThat(m.getAllRecipients()).extracting(Object::toString).doesNotContain("sam@flowdesk.test");
      });
    } finally {
      identityService.deleteUserInfo("sam", "language");
    }
  }

  static String subjectOf(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theRightPeopleGetTheRightMailWithTheTicketsFields() throws Exception {
    ProcessInstance instance = report(1, 1, "network");
    String number = instance.getBusinessKey();
    sendMail();

    MimeMessage received = mailTo("alice@flowdesk.test", number).get(0);
    String alicesToken = replyTokens.token(number, ReplyTokens.userRecipient("alice"));
    assertThat(received.getSubject())
        .isEqualTo("[" + number + " #" + alicesToken + "] We received your incident: Printer <b>on fire</b>");
    assertThat(received.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("desk+" + number + "." + alicesToken + "@flowdesk.test");
    assertThat(alicesToken).matches("[0-9a-f]{32}");
    assertThat(received.getFrom()[0]).hasToString("desk@flowdesk.test");
    assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    String body = GreenMailUtil.getBody(received);
    assertThat(body).contains("Priority: P1").contains("Group:    Network team").contains("Hello Alice");
    // The HTML part escapes what people typed.
    assertThat(body).contains("Printer &lt;b&gt;on fire&lt;/b&gt;");
    assertThat(mailTo("sam@flowdesk.test", number)).singleElement()
        .satisfies(m -> {
          assertThat(withoutToken(m)).startsWith("[" + number + "] Major incident");
          // The token is the recipient's own: one reader's mail cannot answer for another.
          assertThat(m.getSubject()).doesNotContain(alicesToken);
        });

    String work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.claim(work, "nina");
    taskService.complete(work, Map.of("action", "ask_requester", "question", "Is there smoke?"));
    sendMail();
    assertThat(mailTo("alice@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(m.getSubject()).contains("We need information from you");
      assertThat(GreenMailUtil.getBody(m)).contains("Is there smoke?");
    });

    String provide = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.complete(provide, Map.of("answer", "Only a little"));
    // P1: resolution warning at 75 % of 4 h, breach at 4 h (around the clock, the clock paused for no time).
    fireTimersDueBy("2026-11-24T11:00:01Z", number);
    sendMail();
    assertThat(mailTo("nina@flowdesk.test", number)).anySatisfy(m -> assertThat(m.getSubject()).contains("SLA warning"));
    fireTimersDueBy("2026-11-24T12:00:01Z", number);
    sendMail();
    // The managers' own address reads German (flowdesk.mail.group-languages), its members their own languages.
    assertThat(mailTo("sd-managers@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(m.getSubject()).contains("SLA verletzt");
      // The body as sent (quoted-printable): "… hat sein Lösungs-SLA verletzt …".
      assertThat(GreenMailUtil.getBody(m)).contains(number + " hat sein L=C3=B6sungs-SLA verletzt (zugewiesen: "
          + "Netzwerkteam)").contains("Status:      In Bearbeitung");
    });
    assertThat(mailTo("sam@flowdesk.test", number)).noneMatch(m -> {
      try {
        return m.getSubject().contains("SLA breached");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.complete(work, Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes",
        "Replaced the fuser unit"));
    sendMail();
    assertThat(mailTo("alice@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(m.getSubject()).contains("Resolved, please confirm");
      assertThat(GreenMailUtil.getBody(m)).contains("Replaced the fuser unit");
    });
  }

  /** alice orders an extra monitor: her manager mark approves it. */
  ProcessInstance orderMonitor() {
    Map<String, Object> order = new java.util.HashMap<>(Map.of("requester", "alice", "title", "Extra monitor",
        "itemName", "Extra monitor", "service", "laptop", "category", "request", "itemId", "monitor"));
    order.putAll(Map.of("price", 250.0, "lineOfBusiness", "it", "sensitive", false, "requesterIsApprover", false,
        "deliveryTarget", "P5D", "fulfilmentProcess", "fulfil-hardware", "size", "27"));
    return runtimeService.startProcessInstanceByKey("service-request", order);
  }

  @Test
  void approversAreAskedByMailAndRequestersToldWhyTheirRequestWasRejected() throws Exception {
    ProcessInstance request = orderMonitor();
    String number = request.getBusinessKey();
    sendMail();

    assertThat(mailTo("mark@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Approval needed: Extra monitor");
      assertThat(GreenMailUtil.getBody(m)).contains("Please approve " + number).contains("Requested by: Alice Andersen");
    });

    String approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult().getId();
    taskService.complete(approval, Map.of("decision", "reject", "approvalComment", "Budget is spent"));
    sendMail();
    assertThat(mailTo("alice@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Not approved: Extra monitor");
      assertThat(GreenMailUtil.getBody(m)).contains("Budget is spent");
    });
  }

  @Test
  void requestersAreToldByMailWhenTheirRequestIsApproved() throws Exception {
    ProcessInstance request = orderMonitor();
    String number = request.getBusinessKey();
    sendMail();
    assertThat(mailTo("alice@flowdesk.test", number)).isEmpty();

    String approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult().getId();
    taskService.complete(approval, Map.of("decision", "approve"));
    sendMail();
    assertThat(mailTo("alice@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Approved: Extra monitor");
      assertThat(GreenMailUtil.getBody(m)).contains("Hello Alice").contains(number + " (Extra monitor) was approved.")
          .contains("Fulfilment begins");
    });
  }

  /** Two watchers of alice's order, greta reading German and bob English; the requester is alice. */
  ProcessInstance orderMonitorWatched() {
    assertThat(identityService.getUserInfo("greta", "language")).as("greta's profile says German").isEqualTo("de");
    ProcessInstance request = orderMonitor();
    tickets.watch(request.getBusinessKey(), "greta", "alice", ClockUtil.getCurrentTime().toInstant());
    tickets.watch(request.getBusinessKey(), "bob", "alice", ClockUtil.getCurrentTime().toInstant());
    return request;
  }

  /** A watcher hears of a rejection as a watcher, in English and in German, never as if it were their request. */
  @Test
  void watchersAreToldOfARejectionAsWatchersNotAsIfTheRequestWereTheirs() throws Exception {
    ProcessInstance request = orderMonitorWatched();
    String number = request.getBusinessKey();
    String approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult().getId();
    taskService.complete(approval, Map.of("decision", "reject", "rejectionReason", "Budget is spent"));
    sendMail();

    assertThat(mailTo("alice@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Not approved: Extra monitor");
      assertThat(GreenMailUtil.getBody(m)).contains("Budget is spent").contains("talk to your approver");
    });
    assertThat(mailTo("bob@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Not approved: Extra monitor");
      assertThat(MailFilesTest.part(m, "text/plain")).contains(number + ", which you watch, was not approved. It was "
          + "ordered for Alice Andersen, who has been told why.").doesNotContain("your approver");
    });
    assertThat(mailTo("greta@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Nicht genehmigt: Extra monitor");
      String text = MailFilesTest.part(m, "text/plain");
      assertThat(text).contains("die Anfrage " + number + " (Extra monitor), die Sie beobachten, wurde nicht "
          + "genehmigt. Sie war für Alice Andersen bestimmt").doesNotContain("Ihre Anfrage");
      assertThat(MailFilesTest.part(m, "text/html")).contains("die Sie beobachten").doesNotContain("Ihre Anfrage");
    });
  }

  /**
   * A requester who reads German is told why in German: the notification's text in the mail's language, the
   * approver's reason as written. A kind without a German template is English, its text too.
   */
  @Test
  void aGermanRequesterReadsTheRejectionAndItsReasonInGerman() throws Exception {
    identityService.setUserInfo("alice", "language", "de");
    try {
      ProcessInstance request = orderMonitor();
      String number = request.getBusinessKey();
      String approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult().getId();
      taskService.complete(approval, Map.of("decision", "reject", "rejectionReason", "Budget is spent"));
      sendMail();
      assertThat(mailTo("alice@flowdesk.test", number)).singleElement().satisfies(m -> {
        assertThat(withoutToken(m)).isEqualTo("[" + number + "] Nicht genehmigt: Extra monitor");
        assertThat(MailFilesTest.part(m, "text/plain")).contains("Ihre Anfrage " + number + " (Extra monitor) wurde "
            + "nicht genehmigt.").contains(number + " wurde nicht genehmigt. Abgelehnt (Vorgesetzte Person "
            + "genehmigt): Budget is spent");
      });
    } finally {
      identityService.deleteUserInfo("alice", "language");
    }
    identityService.setUserInfo("bob", "language", "de");
    try {
      ProcessInstance change = raiseChange("Swap the UPS batteries");
      complete(change, "nina", Map.of("vote", "reject", "voteReason", "Not this week"));
      complete(change, "sven", Map.of("vote", "reject", "voteReason", "No notice sent"));
      sendMail();
      // The change's kind has its German template now (mail/change_rejected.de.*): its words and its text in German,
      // the voters' reasons as they wrote them.
      assertThat(mailTo("bob@flowdesk.test", change.getBusinessKey())).singleElement().satisfies(m -> {
        assertThat(withoutToken(m)).contains("Change nicht genehmigt");
        assertThat(MailFilesTest.part(m, "text/plain")).contains("Hallo Bob").contains("Status:  Abgelehnt")
            .contains("nina: Not this week; sven: No notice sent").doesNotContain("was not approved");
      });
    } finally {
      identityService.deleteUserInfo("bob", "language");
    }
  }

  /** An approval: the watchers are not asked to follow "your request"; the requester is. */
  @Test
  void watchersAreToldOfTheApprovalAsWatchers() throws Exception {
    ProcessInstance request = orderMonitorWatched();
    String number = request.getBusinessKey();
    String approval = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult().getId();
    taskService.complete(approval, Map.of("decision", "approve"));
    sendMail();

    assertThat(mailTo("greta@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Genehmigt: Extra monitor");
      assertThat(MailFilesTest.part(m, "text/plain")).contains("die Anfrage " + number + " (Extra monitor), die Sie "
          + "beobachten, wurde genehmigt; die Erfüllung für Alice Andersen beginnt.");
      assertThat(MailFilesTest.part(m, "text/html")).doesNotContain("Ihre Anfrage");
    });
    assertThat(mailTo("bob@flowdesk.test", number)).singleElement().satisfies(m ->
        assertThat(MailFilesTest.part(m, "text/html")).contains(number + ", which you watch, was approved.")
            .doesNotContain("your request"));
    assertThat(mailTo("alice@flowdesk.test", number)).singleElement().satisfies(m ->
        assertThat(MailFilesTest.part(m, "text/html")).contains("Follow your request"));
  }

  /** A resolved incident: its watcher is told how, and that the requester confirms; not asked to confirm. */
  @Test
  void aWatcherOfAResolvedIncidentIsNotAskedToConfirmIt() throws Exception {
    ProcessInstance instance = report(3, 3, "printer");
    String number = instance.getBusinessKey();
    tickets.watch(number, "greta", "alice", ClockUtil.getCurrentTime().toInstant());
    tickets.watch(number, "bob", "alice", ClockUtil.getCurrentTime().toInstant());
    String work = taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();
    taskService.claim(work, "nina");
    taskService.complete(work, Map.of("action", "resolve", "resolutionCode", "solved", "resolutionNotes",
        "Replaced the fuser unit"));
    sendMail();

    assertThat(mailTo("alice@flowdesk.test", number)).anySatisfy(m ->
        assertThat(withoutToken(m)).contains("Resolved, please confirm"));
    assertThat(mailTo("bob@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Resolved: Printer <b>on fire</b>");
      assertThat(MailFilesTest.part(m, "text/plain")).contains(number + ", which you watch, is resolved. Alice "
          + "Andersen, who reported it, has been asked to confirm the resolution.").contains("Replaced the fuser unit")
          .doesNotContain("Please confirm");
    });
    assertThat(mailTo("greta@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Gelöst: Printer <b>on fire</b>");
      assertThat(MailFilesTest.part(m, "text/plain")).contains("das Ticket " + number + " (Printer <b>on fire</b>), das "
          + "Sie beobachten, ist gelöst.").doesNotContain("Ihr Ticket").doesNotContain("Bitte bestätigen");
    });
  }

  ProcessInstance raiseChange(String title) {
    Map<String, Object> change = new java.util.HashMap<>(Map.of("requester", "bob", "title", title,
        "service", "network", "changeType", "normal", "plannedStart", "2026-11-28T08:00",
        "plannedEnd", "2026-11-28T10:00", "impact", 2, "implementationGroup", "network", "complexity", "medium"));
    change.putAll(Map.of("tested", true, "implementationPlan", "Swap one supply at a time",
        "backoutPlan", "Put the old supply back"));
    ProcessInstance instance = runtimeService.startProcessInstanceByKey("change", change);
    complete(instance, "carl", Map.of("decision", "proceed"));
    return instance;
  }

  void complete(ProcessInstance instance, String user, Map<String, Object> form) {
    org.camunda.bpm.engine.task.Task task = taskService.createTaskQuery().processInstanceId(instance.getId())
        .or().taskAssignee(user).taskCandidateUser(user).endOr().list().get(0);
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), user);
    }
    taskService.complete(task.getId(), form);
  }

  @Test
  void theCabIsAskedByMailAndTheRequesterToldWhetherTheChangeWasApproved() throws Exception {
    ProcessInstance approved = raiseChange("Replace the core switch power supplies");
    String number = approved.getBusinessKey();
    sendMail();
    // carl, a change manager, was asked to assess it before; then every CAB member to vote.
    assertThat(mailTo("carl@flowdesk.test", number)).hasSize(2);
    for (String member : List.of("carl", "nina", "sven")) {
      assertThat(mailTo(member + "@flowdesk.test", number)).last().satisfies(m -> {
        assertThat(withoutToken(m)).isEqualTo("[" + number + "] Approval needed: Replace the core switch power supplies");
        assertThat(GreenMailUtil.getBody(m)).contains("Please vote on " + number + ": a normal change of medium risk to Network and Wi-Fi.");
      });
    }
    complete(approved, "carl", Map.of("vote", "approve"));
    complete(approved, "sven", Map.of("vote", "approve"));
    sendMail();
    assertThat(mailTo("bob@flowdesk.test", number)).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Change approved: Replace the core switch power supplies");
      assertThat(GreenMailUtil.getBody(m)).contains("is approved and scheduled")
          // The status as the model labels it, not the stored code.
          .contains("Status:   Scheduled")
          // The service by the catalog's name, not its id.
          .contains("Service:  Network and Wi-Fi");
    });

    ProcessInstance rejected = raiseChange("Re-cable rack 4");
    complete(rejected, "nina", Map.of("vote", "reject", "voteReason", "Rack 4 is moving next month"));
    complete(rejected, "sven", Map.of("vote", "reject", "voteReason", "No maintenance notice sent"));
    sendMail();
    assertThat(mailTo("bob@flowdesk.test", rejected.getBusinessKey())).singleElement().satisfies(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + rejected.getBusinessKey() + "] Change not approved: Re-cable rack 4");
      assertThat(GreenMailUtil.getBody(m)).contains("nina: Rack 4 is moving next month; sven: No maintenance notice sent");
    });

    // At the planned start the implementing group is told the change is due.
    fireTimersDueBy("2026-11-28T07:00:01Z", number);
    sendMail();
    assertThat(mailTo("nina@flowdesk.test", number)).anySatisfy(m -> {
      assertThat(withoutToken(m)).isEqualTo("[" + number + "] Change due for implementation: Replace the core switch power supplies");
      // A group's members are greeted by the group's name, not its id.
      assertThat(GreenMailUtil.getBody(m)).contains("Hello Network team,").doesNotContain("Hello network");
    });
  }

  Attachment attach(String number, String name, byte[] content, String by, boolean internal) {
    return attachments.attach(number, attachments.check(number, List.of(new Upload(name, content.length,
        new org.springframework.core.io.ByteArrayResource(content)))), by, internal,
        ClockUtil.getCurrentTime().toInstant()).get(0);
  }

  @Test
  void aMailAboutATicketLinksToItsPublicFilesAndCarriesNoneOfThem() throws Exception {
    String number = report(3, 3, "printer").getBusinessKey();
    Attachment photo = attach(number, "jam & toner.png", MailFilesTest.png(), "alice", false);
    Attachment log = attach(number, "printer.log", "paper jam at tray 2".getBytes(), "bob", false);
    attach(number, "supplier-contract.txt", "internal pricing".getBytes(), "bob", true);
    sendMail();

    MimeMessage received = mailTo("alice@flowdesk.test", number).get(0);
    String link = "http://localhost:8080/tickets/" + number + "/attachments/";
    String text = MailFilesTest.part(received, "text/plain");
    assertThat(text).contains("Files on the ticket:\n- jam & toner.png (" + photo.size() + " bytes): " + link
        + photo.id() + "\n- printer.log (19 bytes): " + link + log.id() + "\n\nFollow it at");
    assertThat(MailFilesTest.part(received, "text/html")).contains("<li><a href=\"" + link + photo.id()
        + "\">jam &amp; toner.png</a> (" + photo.size() + " bytes)</li>");
    // Internal files are not named outside FlowDesk, and no file rides along unless configured.
    assertThat(text + MailFilesTest.part(received, "text/html")).doesNotContain("supplier-contract");
    assertThat(MailFilesTest.attachedFiles(received)).isEmpty();
  }

  /** The files' sizes read as the recipient reads numbers and units: "19 Bytes", "2,5 MB" in German. */
  @Test
  void aMailNamesTheFilesSizesInItsReadersLanguage() throws Exception {
    identityService.setUserInfo("alice", "language", "de");
    try {
      String number = report(3, 3, "printer").getBusinessKey();
      attach(number, "printer.log", "paper jam at tray 2".getBytes(), "alice", false);
      attach(number, "dump.log", "x".repeat(2_621_440).getBytes(), "alice", false);
      sendMail();

      MimeMessage received = mailTo("alice@flowdesk.test", number).get(0);
      assertThat(MailFilesTest.part(received, "text/plain")).contains("Dateien zum Ticket:\n- printer.log (19 Bytes): ")
          .contains("- dump.log (2,5 MB): ");
      assertThat(MailFilesTest.part(received, "text/html")).contains(">printer.log</a> (19 Bytes)</li>")
          .contains(">dump.log</a> (2,5 MB)</li>");
    } finally {
      identityService.deleteUserInfo("alice", "language");
    }
    String english = report(3, 3, "printer").getBusinessKey();
    attach(english, "dump.log", "x".repeat(2_621_440).getBytes(), "alice", false);
    sendMail();
    assertThat(MailFilesTest.part(mailTo("alice@flowdesk.test", english).get(0), "text/plain"))
        .contains("- dump.log (2.5 MB): ");
  }

  @Test
  void aMailServerThatIsDownDelaysTheMailAndNeverTheTicket() throws Exception {
    smtp.stop();
    ProcessInstance instance = report(3, 3, "printer");
    String number = instance.getBusinessKey();
    assertThat(tickets.find(number)).isPresent();

    sendMail();
    String mailProcess = runtimeService.createProcessInstanceQuery().processDefinitionKey(Notifications.MAIL_PROCESS)
        .processInstanceBusinessKey(number).singleResult().getId();
    Job waiting = managementService.createJobQuery().processInstanceId(mailProcess).singleResult();
    // The model's retry cycle lists five intervals: five more tries, the first 30 seconds later.
    assertThat(waiting.getRetries()).isEqualTo(5);
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), waiting.getDuedate().toInstant()))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(waiting.getExceptionMessage()).isNotBlank();
    assertThat(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getName())
        .startsWith("Work incident " + number);

    smtp.start();
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(31))));
    sendMail();
    sendMail();

    assertThat(mailTo("alice@flowdesk.test", number)).hasSize(1);
    assertThat(managementService.createJobQuery().processInstanceId(mailProcess).count()).isZero();
  }
}
