package org.flowdesk.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** The checks on their own: the defaults an installation starts with, names, types and the scanner hook. */
class AttachmentChecksTest {

  static final AttachmentProperties DEFAULTS = Binder.get(new StandardEnvironment())
      .bindOrCreate("flowdesk.attachments", AttachmentProperties.class);

  static Upload upload(String name, byte[] content) {
    return new Upload(name, content.length, () -> new ByteArrayInputStream(content));
  }

  static AttachmentRefusedException refusal(AttachmentChecks checks, Upload upload) {
    try {
      checks.check(upload);
    } catch (AttachmentRefusedException e) {
      return e;
    }
    throw new AssertionError(upload.name() + " was accepted");
  }

  @Test
  void theDefaultsAre25MegabytesAFileWithArchivesAndExecutablesRefused() {
    assertThat(DEFAULTS.store()).isEqualTo(AttachmentProperties.Store.DATABASE);
    assertThat(DEFAULTS.maxFileSize()).isEqualTo(DataSize.ofMegabytes(25));
    assertThat(DEFAULTS.maxTicketSize()).isEqualTo(DataSize.ofMegabytes(250));
    AttachmentChecks checks = new AttachmentChecks(DEFAULTS, List.of());

    assertThat(checks.check(upload("scan.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
        .contentType()).isEqualTo("application/pdf");
    assertThat(refusal(checks, upload("photos.jpg", AttachmentApiTest.zip())).status())
        .isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(refusal(checks, upload("report.pdf", Files.exe())).reason()).contains("application/x-");
    assertThat(refusal(checks, upload("notes.txt", new byte[0])).status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }

  @Test
  void namesLoseFoldersControlAndDirectionCharactersAndKeepTheirExtensionWhenShortened() {
    assertThat(AttachmentChecks.safeName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(AttachmentChecks.safeName("C:\\Users\\eve\\..\\boot.ini")).isEqualTo("boot.ini");
    assertThat(AttachmentChecks.safeName("a\u0000b\u001b[31mc\r\n.txt")).isEqualTo("ab[31mc.txt");
    assertThat(AttachmentChecks.safeName("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    assertThat(AttachmentChecks.safeName("..")).isEqualTo("attachment");
    assertThat(AttachmentChecks.safeName(".htaccess")).isEqualTo("htaccess");
    assertThat(AttachmentChecks.safeName(null)).isEqualTo("attachment");
    assertThat(AttachmentChecks.safeName("😀".repeat(200) + ".png")).hasSizeLessThanOrEqualTo(255).endsWith(".png")
        .doesNotContain("\uFFFD");
  }

  @Test
  void anInstallationsScannerIsAskedAboutEveryFileAndItsVerdictRefusesIt() {
    AttachmentScanner eicar = (name, type, content) -> new String(content.readAllBytes(), StandardCharsets.US_ASCII)
        .contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE") ? Optional.of("the virus scanner found Eicar-Test-Signature")
        : Optional.empty();
    AttachmentChecks checks = new AttachmentChecks(DEFAULTS, List.of(eicar));

    assertThat(checks.check(upload("clean.txt", "hello".getBytes(StandardCharsets.US_ASCII))).name())
        .isEqualTo("clean.txt");
    AttachmentRefusedException infected = refusal(checks, upload("eicar.txt",
        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".getBytes(StandardCharsets.US_ASCII)));
    assertThat(infected.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(infected.getMessage()).isEqualTo("eicar.txt: the virus scanner found Eicar-Test-Signature");

    AttachmentScanner unreachable = (name, type, content) -> {
      throw new IOException("connection refused");
    };
    assertThatThrownBy(() -> new AttachmentChecks(DEFAULTS, List.of(unreachable))
        .check(upload("clean.txt", "hello".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOfSatisfying(AttachmentRefusedException.class,
            e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
  }

  @Test
  void aTicketTakesNoMoreFilesThanItsLimitHowManyComeAtOnce() {
    AttachmentChecks checks = new AttachmentChecks(DEFAULTS, List.of());
    byte[] text = "x".getBytes(StandardCharsets.US_ASCII);

    assertThat(checks.check(List.of(upload("a.txt", text)), 499, 0)).hasSize(1);
    AttachmentRefusedException tooMany = null;
    try {
      checks.check(List.of(upload("a.txt", text), upload("b.txt", text)), 499, 0);
    } catch (AttachmentRefusedException e) {
      tooMany = e;
    }
    assertThat(tooMany).isNotNull();
    assertThat(tooMany.getMessage()).isEqualTo("b.txt: a ticket may have at most 500 attachments");
    assertThat(tooMany.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
  }
}
