package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.flowdesk.attachment.Attachment;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.unit.DataSize;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Which files a mail names and which it carries, without a mail server. */
class MailFilesTest {

  static byte[] png() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The decoded text of the message's first part of this type. */
  static String part(Part message, String type) throws Exception {
    if (message.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(message.getDisposition())) {
      return ((String) message.getContent()).replace("\r\n", "\n");
    }
    if (message.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = part(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The names of the files attached to the message. */
  static List<String> attachedFiles(Part message) throws Exception {
    List<String> names = new ArrayList<>();
    if (Part.ATTACHMENT.equalsIgnoreCase(message.getDisposition())) {
      names.add(message.getFileName());
    } else if (message.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        names.addAll(attachedFiles(body));
      }
    }
    return names;
  }

  static Attachment file(long id, String name, long size, boolean internal) {
    return new Attachment(id, "INC-000007", name, size, "text/plain", "", "alice", Instant.parse("2027-01-04T09:00:00Z"),
        internal, "database", null);
  }

  static final com.fasterxml.jackson.databind.JsonNode ENGLISH =
      com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  final List<Attachment> files = List.of(file(1, "a.txt", 600, false), file(2, "b.txt", 500, false),
      file(3, "secret.txt", 10, true), file(4, "c.txt", 300, false));

  MimeMessage send(MailFiles mailFiles) throws Exception {
    MimeMessage message = new MimeMessage((Session) null);
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setText(mailFiles.text(ENGLISH), mailFiles.html(ENGLISH));
    mailFiles.attachTo(helper, (a, out) -> out.write(new byte[(int) a.size()]));
    message.saveChanges();
    return message;
  }

  @Test
  void byDefaultTheMailNamesAndLinksThePublicFilesAndCarriesNone() throws Exception {
    MailFiles mailFiles = new MailFiles(files, "https://desk.example/files/{number}/{id}", DataSize.ofBytes(0));
    assertThat(mailFiles.text(ENGLISH)).isEqualTo("""
        Files on the ticket:
        - a.txt (600 bytes): https://desk.example/files/INC-000007/1
        - b.txt (500 bytes): https://desk.example/files/INC-000007/2
        - c.txt (300 bytes): https://desk.example/files/INC-000007/4

        """);
    assertThat(mailFiles.html(ENGLISH)).doesNotContain("secret");
    assertThat(attachedFiles(send(mailFiles))).isEmpty();
  }

  @Test
  void configuredToCarryFilesTheMailCarriesThoseThatFitTogether() throws Exception {
    // 1,000 bytes: a.txt (600) fits, b.txt (500) no longer does, c.txt (300) still does.
    MailFiles mailFiles = new MailFiles(files, "https://desk.example/files/{number}/{id}", DataSize.ofBytes(1000));
    assertThat(attachedFiles(send(mailFiles))).containsExactly("a.txt", "c.txt");
    assertThat(mailFiles.text(ENGLISH)).contains("- a.txt (600 bytes, attached)").contains("- b.txt (500 bytes): ")
        .contains("- c.txt (300 bytes, attached)");
  }

  @Test
  void aTicketWithoutPublicFilesAddsNothingToTheMail() {
    MailFiles mailFiles = new MailFiles(List.of(file(3, "secret.txt", 10, true)), "{number}/{id}", DataSize.ofMegabytes(10));
    assertThat(Map.of("text", mailFiles.text(ENGLISH), "html", mailFiles.html(ENGLISH))).containsValues("", "");
  }

  @Test
  void theWordsAroundTheFilesAreInTheMailsLanguage() throws Exception {
    MailFiles mailFiles = new MailFiles(files, "{number}/{id}", DataSize.ofBytes(700));
    var german = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("i18n", "de.json").toFile()).path("mail");
    assertThat(mailFiles.text(german)).startsWith("Dateien zum Ticket:\n").contains("- a.txt (600 bytes, angehängt)");
    assertThat(mailFiles.html(german)).startsWith("<p>Dateien zum Ticket:</p>").contains(", angehängt)");
  }
}
