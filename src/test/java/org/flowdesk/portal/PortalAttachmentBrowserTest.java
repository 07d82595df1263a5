package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import javax.imageio.ImageIO;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * Attaching in the portal, in headless Chromium: choosing several files, dropping one, a comment
 * with a file, a refused file, and downloading. Shares PortalBrowserTest's application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalAttachmentBrowserTest {

  static Browser browser;

  @LocalServerPort
  int port;
  @Autowired
  TestRestTemplate rest;

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  Page as(String user) {
    if (browser == null) {
      browser = new Browser(port);
    }
    return browser.as(user);
  }

  static byte[] png() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }

  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);

  @Test
  void aRequesterAttachesSeveralFilesDropsOneCommentsWithOneAndDownloadsThem() throws Exception {
    String number = ApiClient.read(new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Screen flickers", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3)))
        .get("number").asText();
    byte[] png = png();
    Page alice = as("alice");
    PortalBrowserTest.go(alice, "/tickets/" + number);
    assertThat(alice.locator(".files")).containsText("No files yet.");

    // On a phone, "Take a photo" opens the camera; the picker offers the gallery and files.
    assertThat(alice.locator("#attach-files-camera")).hasAttribute("capture", "environment");
    assertThat(alice.locator("#attach-files-camera")).hasAttribute("accept", "image/*");
    assertThat(alice.locator("#attach-files")).hasAttribute("multiple", "");

    alice.locator("#attach-files").setInputFiles(new FilePayload[] {
        new FilePayload("flicker.png", "image/png", png), new FilePayload("warranty.pdf", "application/pdf", PDF)});
    // Dropped onto the zone, as from the desktop.
    alice.evaluate("""
        () => {
          const transfer = new DataTransfer();
          transfer.items.add(new File(['seen at 10:15 and 10:40'], 'times.txt', { type: 'text/plain' }));
          document.querySelector('[data-testid=attach-files-drop]').dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""");
    assertThat(alice.locator(".files .chosen-files li")).hasCount(3);
    Browser.screenshot(alice, "attach-1-chosen");
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Attach").setExact(true)).click();

    assertThat(alice.locator("#message")).containsText("3 files attached.");
    assertThat(alice.locator(".attachments a")).hasText(new String[] {"flicker.png", "warranty.pdf", "times.txt"});

    // A refused file is named, and nothing is attached.
    alice.locator("#attach-files").setInputFiles(new FilePayload("invoice.pdf", "application/pdf",
        new byte[] {'M', 'Z', 0, 0, 0, 0, 0, 0}));
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Attach").setExact(true)).click();
    assertThat(alice.locator("#message")).containsText("invoice.pdf: its content is");
    assertThat(alice.locator(".attachments a")).hasCount(3);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove invoice.pdf")).click();

    // A comment with a file: both land together.
    alice.locator("#comment").fill("Photo of the screen attached");
    alice.locator("#comment-files").setInputFiles(new FilePayload("screen.png", "image/png", png));
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment").setExact(true)).click();
    assertThat(alice.locator("#message")).containsText("Comment added.");
    assertThat(alice.locator(".attachments a")).hasCount(4);
    assertThat(alice.locator(".timeline")).containsText("Photo of the screen attached");
    assertThat(alice.locator(".timeline")).containsText("Attached screen.png (image/png");
    Browser.screenshot(alice, "attach-2-ticket");

    Download download = alice.waitForDownload(() -> alice.locator(".attachments a",
        new Page.LocatorOptions().setHasText("flicker.png")).click());
    assertThat(download.suggestedFilename()).isEqualTo("flicker.png");
    assertThat(Files.readAllBytes(download.path())).isEqualTo(png);

    // The agent sees the files too.
    Page bob = as("bob");
    PortalBrowserTest.go(bob, "/tickets/" + number);
    assertThat(bob.locator(".attachments a")).hasCount(4);
  }
}
