package org.flowdesk.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

import javax.imageio.ImageIO;

import org.flowdesk.attachment.Attachment;
import org.flowdesk.language.Sizes;
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
  /** Sizes as Languages#size writes them for an English reader. */
  static final LongFunction<String> ENGLISH_SIZES = bytes -> Sizes.in(Sizes.words(bytes), Locale.ENGLISH, null);

  final List<Attachment> files = List.of(file(1, "a.txt", 600, false), file(2, "b.txt", 500, false),
      file(3, "secret.txt", 10, true), file(4, "c.txt", 300, false));

  MimeMessage send(MailFiles mailFiles) throws Exception {
    MimeMessage message = new MimeMessage((Session) null);
    MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
    helper.setText(mailFiles.text(ENGLISH, ENGLISH_SIZES), mailFiles.html(ENGLISH, ENGLISH_SIZES));
    mailFiles.attachTo(helper, (a, out) -> out.write(new byte[(int) a.size()]));
    message.saveChanges();
    return message;
  }

  @Test
  void byDefaultTheMailNamesAndLinksThePublicFilesAndCarriesNone() throws Exception {
    MailFiles mailFiles = new MailFiles(files, "https://desk.example/files/{number}/{id}", DataSize.ofBytes(0));
    assertThat(mailFiles.text(ENGLISH, ENGLISH_SIZES)).isEqualTo("""
        Files on the ticket:
        - a.txt (600 bytes): https://desk.example/files/INC-000007/1
        - b.txt (500 bytes): https://desk.example/files/INC-000007/2
        - c.txt (300 bytes): https://desk.example/files/INC-000007/4

        """);
    assertThat(mailFiles.html(ENGLISH, ENGLISH_SIZES)).doesNotContain("secret");
    assertThat(attachedFiles(send(mailFiles))).isEmpty();
  }

  @Test
  void configuredToCarryFilesTheMailCarriesThoseThatFitTogether() throws Exception {
    // 1,000 bytes: a.txt (600) fits, b.txt (500) no longer does, c.txt (300) still does.
    MailFiles mailFiles = new MailFiles(files, "https://desk.example/files/{number}/{id}", DataSize.ofBytes(1000));
    assertThat(attachedFiles(send(mailFiles))).containsExactly("a.txt", "c.txt");
    assertThat(mailFiles.text(ENGLISH, ENGLISH_SIZES)).contains("- a.txt (600 bytes, attached)").contains("- b.txt (500 bytes): ")
        .contains("- c.txt (300 bytes, attached)");
  }

  @Test
  void aTicketWithoutPublicFilesAddsNothingToTheMail() {
    MailFiles mailFiles = new MailFiles(List.of(file(3, "secret.txt", 10, true)), "{number}/{id}", DataSize.ofMegabytes(10));
    assertThat(Map.of("text", mailFiles.text(ENGLISH, ENGLISH_SIZES), "html", mailFiles.html(ENGLISH, ENGLISH_SIZES))).containsValues("", "");
  }

  @Test
  void theWordsAroundTheFilesAreInTheMailsLanguage() throws Exception {
    MailFiles mailFiles = new MailFiles(files, "{number}/{id}", DataSize.ofBytes(700));
    var bundle = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("i18n", "de.json").toFile());
    LongFunction<String> germanSizes = bytes -> Sizes.in(Sizes.words(bytes), Locale.GERMAN, bundle.path("sizes"));
    assertThat(mailFiles.text(bundle.path("mail"), germanSizes)).startsWith("Dateien zum Ticket:\n")
        .contains("- a.txt (600 Bytes, angehängt)");
    assertThat(mailFiles.html(bundle.path("mail"), germanSizes)).startsWith("<p>Dateien zum Ticket:</p>")
        .contains(">a.txt</a> (600 Bytes, angehängt)");
  }

  /** A file's size in a mail reads as its reader reads numbers and units: 1,023 bytes, 2.5 MB; 1.023 Bytes, 2,5 MB. */
  @Test
  void theSizesAreInTheMailsLanguage() throws Exception {
    MailFiles mailFiles = new MailFiles(List.of(file(1, "log.txt", 1023, false), file(2, "dump.zip", 2_621_440, false),
        file(3, "shot.png", 49_152, false)), "{number}/{id}", DataSize.ofBytes(0));
    var bundle = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(java.nio.file.Path.of("i18n", "de.json").toFile());
    LongFunction<String> germanSizes = bytes -> Sizes.in(Sizes.words(bytes), Locale.GERMAN, bundle.path("sizes"));

    assertThat(mailFiles.text(bundle.path("mail"), germanSizes)).contains("- log.txt (1.023 Bytes): ")
        .contains("- dump.zip (2,5 MB): ").contains("- shot.png (48 kB): ");
    assertThat(mailFiles.html(bundle.path("mail"), germanSizes)).contains(">log.txt</a> (1.023 Bytes)")
        .contains(">dump.zip</a> (2,5 MB)");
    assertThat(mailFiles.text(ENGLISH, ENGLISH_SIZES)).contains("- log.txt (1,023 bytes): ")
        .contains("- dump.zip (2.5 MB): ").contains("- shot.png (48 kB): ");
  }
}
