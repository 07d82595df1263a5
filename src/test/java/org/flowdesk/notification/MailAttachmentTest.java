package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.imageio.ImageIO;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.TestPorts;
import org.flowdesk.attachment.Attachment;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.junit5.GreenMailExtension;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/** The files of mail into FlowDesk's mailbox: attachments and inline images land on the ticket. */
@MailServerTest
class MailAttachmentTest {

  @RegisterExtension
  static GreenMailExtension server = new GreenMailExtension(TestPorts.smtpAndImap());

  @Autowired
  MailInbox inbox;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TicketService tickets;
  @Autowired
  Attachments attachments;
  @Autowired
  ReplyTokens replyTokens;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  org.flowdesk.ticket.TimelineTexts timelineTexts;

  @BeforeEach
  void mailbox() {
    server.setUser("desk@flowdesk.test", "desk", "secret");
  }

  static byte[] png() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  static byte[] pdf() {
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .getBytes(StandardCharsets.US_ASCII);
  }

  static MimeBodyPart file(String name, byte[] content, String type, String disposition) throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    if (name != null) {
      part.setFileName(name);
    }
    part.setDisposition(disposition);
    return part;
  }

  /**
   * A mail as a mail program writes one: text and HTML with an inline image (multipart/related)
   * and files attached (multipart/mixed).
   */
  void mail(String from, String subject, String text, MimeBodyPart... files) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "localhost");
    properties.put("mail.smtp.port", String.valueOf(TestPorts.SMTP));
    MimeMessage message = new MimeMessage(Session.getInstance(properties));
    message.setFrom(new InternetAddress(from));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress("desk@flowdesk.test"));
    message.setSubject(subject);

    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>" + text + "</p><img src=\"cid:shot@mail\">", "text/html; charset=UTF-8");
    MimeBodyPart image = file(null, png(), "image/png", Part.INLINE);
    image.setContentID("<shot@mail>");
    MimeMultipart related = new MimeMultipart("related", html, image);
    MimeBodyPart relatedPart = new MimeBodyPart();
    relatedPart.setContent(related);
    MimeMultipart alternative = new MimeMultipart("alternative", plain, relatedPart);
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);

    MimeMultipart mixed = new MimeMultipart("mixed", body);
    for (MimeBodyPart file : files) {
      mixed.addBodyPart(file);
    }
    message.setContent(mixed);
    message.saveChanges();
    Transport.send(message, new InternetAddress[] {new InternetAddress("desk@flowdesk.test")});
  }

  @Test
  void aReplyWithAPdfAndAnInlineImageLeavesBothOnTheTicketAndNamesTheFileItRefused() throws Exception {
    String number = runtimeService.startProcessInstanceByKey("incident", Map.of("title", "Wi-Fi drops",
        "service", "network", "category", "network", "impact", 3, "urgency", 3, "requester", "alice"))
        .getBusinessKey();
    String reference = "[" + number + " #" + replyTokens.token(number, ReplyTokens.userRecipient("alice")) + "]";

    mail("alice@flowdesk.test", "Re: " + reference + " Wi-Fi drops", "Here is the error and the invoice.",
        file("invoice.pdf", pdf(), "application/pdf", Part.ATTACHMENT),
        file("tool.exe", new byte[] {'M', 'Z', 0, 0, 0, 0}, "application/octet-stream", Part.ATTACHMENT));
    assertThat(inbox.poll()).isEqualTo(1);

    List<Attachment> attached = attachments.list(number, false);
    assertThat(attached).extracting(Attachment::contentType).containsExactlyInAnyOrder("image/png",
        "application/pdf");
    assertThat(attached).extracting(Attachment::name).contains("invoice.pdf");
    assertThat(attached).extracting(Attachment::uploadedBy).containsOnly("alice");
    assertThat(attached).allSatisfy(a -> assertThat(a.internal()).isFalse());
    List<TimelineEntry> timeline = tickets.timeline(number, false);
    assertThat(timeline).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("comment");
      assertThat(e.text()).isEqualTo("Here is the error and the invoice.");
    });
    assertThat(timeline).anySatisfy(e -> {
      assertThat(e.kind()).isEqualTo("attachment_refused");
      assertThat(e.text()).startsWith("Not attached: tool.exe (");
    });
    // A German reader reads the refusal in German.
    assertThat(timelineTexts.in("de", timeline)).anySatisfy(e ->
        assertThat(e.text()).startsWith("Nicht angehängt: tool.exe ("));
  }

  @Test
  void aNewMailWithAFileOpensAnIncidentWithIt() throws Exception {
    long before = jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();

    mail("alice@flowdesk.test", "Printer on floor 2 prints blank pages", "See the scan.",
        file("scan.pdf", pdf(), "application/pdf", Part.ATTACHMENT));
    inbox.poll();

    String number = jdbc.sql("SELECT ticket_number FROM fd_ticket WHERE title = ? ORDER BY created_at DESC")
        .param("Printer on floor 2 prints blank pages").query(String.class).list().get(0);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single()).isEqualTo(before + 1);
    assertThat(attachments.list(number, false)).extracting(Attachment::name).containsExactlyInAnyOrder("scan.pdf",
        "inline-0.png");
  }
}
