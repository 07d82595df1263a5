package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.flowdesk.attachment.Attachments;
import org.flowdesk.attachment.CheckedUpload;
import org.flowdesk.attachment.Upload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;

/**
 * Attaching in the portal, in headless Chromium: choosing several files, dropping one, a comment
 * with a file, a refused file, and downloading. Shares PortalBrowserTest's application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalAttachmentBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  Attachments attachments;

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
    Page alice = browser.as("alice");
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
    // Who attached each, by name as everywhere in the portal, not by user id.
    assertThat(alice.locator(".attachments li", new Page.LocatorOptions().setHasText("times.txt")))
        .containsText("23 bytes · Alice Andersen");

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

    // The agent sees the files too, and may remove them as the agent working the ticket; he attaches one of his own.
    Page bob = browser.as("bob");
    PortalBrowserTest.go(bob, "/tickets/" + number);
    assertThat(bob.locator(".attachments a")).hasCount(4);
    assertThat(bob.locator(".attachments button.link")).hasCount(4);
    bob.locator("#attach-files").setInputFiles(new FilePayload("driver.txt", "text/plain",
        "Display driver 31.0.101".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Attach").setExact(true)).click();
    assertThat(bob.locator(".attachments a")).hasCount(5);

    // The requester removes a file she attached by mistake; the agent's file is not hers to remove.
    PortalBrowserTest.go(alice, "/tickets/" + number);
    assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove driver.txt")))
        .hasCount(0);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove times.txt")).click();
    assertThat(alice.locator("#message")).containsText("times.txt removed.");
    assertThat(alice.locator(".attachments a")).hasCount(4);
    assertThat(alice.locator(".attachments")).not().containsText("times.txt");
  }

  @Test
  void aGermanPageGivesTheSizesOfFilesInGermanNumbers() {
    String number = ApiClient.read(new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Printer log attached", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3)))
        .get("number").asText();
    byte[] log = "x".repeat(1024 * 1024 + 512 * 1024).getBytes(StandardCharsets.US_ASCII);
    Page bob = browser.as("bob", "de-DE", "Europe/Berlin");
    PortalBrowserTest.go(bob, "/tickets/" + number);
    bob.locator("#attach-files").setInputFiles(new FilePayload("printer.log", "text/plain", log));
    assertThat(bob.locator(".files .chosen-files li")).containsText("printer.log (1,5 MB)");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anhängen").setExact(true)).click();
    assertThat(bob.locator("#message")).containsText("Datei angehängt.");
    assertThat(bob.locator(".attachments li", new Page.LocatorOptions().setHasText("printer.log")))
        .containsText("1,5 MB · Bob");
  }

  /** Drops files onto an element, as from the desktop: each is {name, type, base64 content}. */
  static void drop(Page page, String selector, FilePayload... files) {
    List<Map<String, String>> payload = java.util.Arrays.stream(files).map(f -> Map.of("name", f.name,
        "type", f.mimeType, "content", Base64.getEncoder().encodeToString(f.buffer))).toList();
    page.evaluate("""
        ([selector, files]) => {
          const transfer = new DataTransfer();
          for (const f of files) {
            const bytes = Uint8Array.from(atob(f.content), c => c.charCodeAt(0));
            transfer.items.add(new File([bytes], f.name, { type: f.type }));
          }
          document.querySelector(selector).dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""", List.of(selector, payload));
  }

  @Test
  void aPngAndAPdfDroppedOntoTheReportFormComeWithTheTicketTheImageAsARedrawnPreview() throws Exception {
    byte[] png = png();
    Page alice = browser.as("alice");
    PortalBrowserTest.fillReport(alice, "Stripes on every printout", "Laptops and desktops", "Hardware", "3", "3");
    // Dropped onto the form itself, not only its drop zone.
    drop(alice, "main .card .form", new FilePayload("stripes.png", "image/png", png),
        new FilePayload("test-page.pdf", "application/pdf", PDF));
    assertThat(alice.locator(".form-files .chosen-files li")).hasCount(2);
    Browser.screenshot(alice, "attach-3-report-with-files");
    PortalBrowserTest.button(alice, "Report").click();
    String number = PortalBrowserTest.ticketNumber(alice);

    assertThat(alice.locator(".attachments a")).hasText(new String[] {"stripes.png", "test-page.pdf"});
    var preview = alice.locator(".attachments img.thumbnail");
    assertThat(preview).hasCount(1);
    assertThat(preview).hasAttribute("alt", "Preview of stripes.png");
    assertThat(preview).hasAttribute("src", java.util.regex.Pattern.compile(
        "/api/tickets/" + number + "/attachments/\\d+/thumbnail$"));
    alice.waitForFunction("img => img.complete && img.naturalWidth > 0", preview.elementHandle());
    assertThat(((Number) preview.evaluate("img => img.naturalWidth")).intValue()).isEqualTo(16);
    Browser.screenshot(alice, "attach-4-preview");

    Download download = alice.waitForDownload(() -> alice.locator(".attachments a",
        new Page.LocatorOptions().setHasText("test-page.pdf")).click());
    assertThat(download.suggestedFilename()).isEqualTo("test-page.pdf");
    assertThat(Files.readAllBytes(download.path())).isEqualTo(PDF);
  }

  @Test
  void anOrderCarriesTheFilesDroppedOntoItsForm() {
    Page alice = browser.as("alice");
    PortalBrowserTest.go(alice, "/catalog/desk-repair");
    alice.getByLabel(java.util.regex.Pattern.compile("^Where")).fill("Desk 7, second floor");
    alice.getByLabel(java.util.regex.Pattern.compile("^What")).fill("The height motor is stuck");
    drop(alice, "main .card .form", new FilePayload("desk.pdf", "application/pdf", PDF));
    PortalBrowserTest.button(alice, "Order").click();
    PortalBrowserTest.ticketNumber(alice);
    assertThat(alice.locator(".attachments a")).hasText(new String[] {"desk.pdf"});
  }

  /**
   * An installation that allowed HTML and SVG (FlowDesk refuses both by default): a page with a
   * script and an SVG with one are attached as the checks would have let them through. Neither
   * runs, whether the browser downloads them as told or a browser ignores the
   * Content-Disposition and opens them: the sandbox of their Content-Security-Policy stops it.
   */
  @Test
  void anUploadedHtmlPageOrSvgWithAScriptNeverRuns() {
    String number = ApiClient.read(new ApiClient(rest).call("alice", HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Odd files", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3)))
        .get("number").asText();
    String script = "document.title = 'script ran'; alert('script ran'); "
        + "fetch('/api/tickets/" + number + "/comments', {method: 'POST', headers: {'Content-Type': "
        + "'application/json'}, body: JSON.stringify({text: 'written by the script'})});";
    byte[] html = ("<!DOCTYPE html><html><head><title>page</title><script>" + script + "</script></head>"
        + "<body><img src=x onerror=\"" + script.replace("'", "&#39;") + "\"></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"" + script.replace("'", "&#39;") + "\">"
        + "<title>drawing</title><script>" + script + "</script></svg>").getBytes(StandardCharsets.UTF_8);
    List<String> urls = attachments.attach(number, List.of(
        new CheckedUpload(new Upload("page.html", html.length, new ByteArrayResource(html)), "page.html",
            html.length, "text/html"),
        new CheckedUpload(new Upload("drawing.svg", svg.length, new ByteArrayResource(svg)), "drawing.svg",
            svg.length, "image/svg+xml")), "alice", false, EngineTime.now())
        .stream().map(a -> a.downloadUrl()).toList();

    Page alice = browser.as("alice");
    AtomicReference<String> dialog = new AtomicReference<>();
    alice.onDialog(d -> {
      dialog.set(d.message());
      d.dismiss();
    });
    PortalBrowserTest.go(alice, "/tickets/" + number);
    assertThat(alice.locator(".attachments img.thumbnail")).hasCount(0);
    for (String name : List.of("page.html", "drawing.svg")) {
      Download download = alice.waitForDownload(() -> alice.locator(".attachments a",
          new Page.LocatorOptions().setHasText(name)).click());
      assertThat(download.suggestedFilename()).isEqualTo(name);
    }
    // A browser that opens them in place instead.
    Page opened = alice.context().newPage();
    opened.onDialog(d -> {
      dialog.set(d.message());
      d.dismiss();
    });
    opened.route("**/attachments/*", route -> {
      APIResponse response = route.fetch();
      Map<String, String> headers = new java.util.HashMap<>(response.headers());
      headers.remove("content-disposition");
      route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
    });
    for (String url : urls) {
      opened.navigate(url);
      opened.waitForTimeout(500);
      assertThat(opened.title()).as(url).isNotEqualTo("script ran");
    }
    assertThat(dialog.get()).as("no script opened a dialog").isNull();
    assertThat(new ApiClient(rest).get("alice", "/api/tickets/" + number + "/timeline").toString())
        .doesNotContain("written by the script");
  }
}
