package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The knowledge screens in Chromium: bob (service desk) writes an article with a preview and submits
 * it, nina (the VPN's owners) sends it back with a reason and approves the revision in the portal,
 * alice finds it in the search and while she types in the catalog, and never sees the author screens;
 * greta reads it all in German. axe-core on every screen. Shares PortalBrowserTest's Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class KnowledgeBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  static void check(List<String> problems, Page page, String where) {
    Axe.seriousViolations(page).forEach(v -> problems.add(where + ": " + v));
  }

  static String articleId(Page page) {
    return page.url().replaceFirst(".*#/articles/", "");
  }

  @Test
  void anAgentWritesTheOwnersSendBackAndApproveInThePortalAndAliceFindsTheArticle() {
    List<String> problems = new ArrayList<>();
    String title = "VPN Quuxington drops at login";
    Page bob = browser.as("bob");
    go(bob, "/knowledge");
    assertThat(bob.locator("main h1")).hasText("Knowledge");
    check(problems, bob, "/knowledge");
    link(bob, "Write an article").click();
    bob.locator("main[aria-busy=false][data-route=\"/knowledge/new\"]").waitFor();
    bob.getByLabel("Title").fill(title);
    bob.getByLabel("Service").selectOption("vpn");
    bob.getByLabel("Category").fill("network");
    bob.getByLabel("Keywords").fill("remote login");
    bob.getByLabel("Text").fill("Open the **Quuxington** client and renew the lease.");
    button(bob, "Preview").click();
    assertThat(bob.locator(".preview .article-body strong")).hasText("Quuxington");
    check(problems, bob, "/knowledge/new with a preview");
    Browser.screenshot(bob, "knowledge-1-write");
    button(bob, "Save and submit for review").click();
    assertThat(bob.locator("#message")).containsText("is submitted for review");
    assertThat(bob.locator("main h1")).hasText(title);
    String id = articleId(bob);
    assertThat(id).matches("KB-\\d{6}");

    // nina's group owns the VPN: the review waits for her on the Knowledge page, its form the model's.
    Page nina = browser.as("nina");
    go(nina, "/knowledge");
    assertThat(nina.locator(".article-list").first()).containsText(title);
    nina.locator(".article-list").first().getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
        .setName(id)).click();
    assertThat(nina.locator(".review h2")).hasText("Review article");
    check(problems, nina, "/articles/{id} with the review form");
    Browser.screenshot(nina, "knowledge-2-review");
    nina.getByLabel("Send back to the author").check();
    nina.getByLabel("Why it goes back (the author reads it)").fill("Say which client version");
    button(nina, "Send the review").click();
    assertThat(nina.locator("#message")).containsText(id + ": review sent.");

    go(bob, "/articles/" + id);
    assertThat(bob.locator(".review-note")).hasText("Sent back: Say which client version");
    link(bob, "Edit").click();
    bob.locator("main[aria-busy=false][data-route=\"/articles/" + id + "/edit\"]").waitFor();
    bob.getByLabel("Text").fill("Open the **Quuxington** client 4.2 and renew the lease.");
    check(problems, bob, "/articles/{id}/edit");
    button(bob, "Save and submit for review").click();
    assertThat(bob.locator("#message")).containsText("is submitted for review");

    go(nina, "/articles/" + id);
    nina.getByLabel("Approve and publish").check();
    button(nina, "Send the review").click();
    assertThat(nina.locator("#message")).containsText(id + ": review sent.");
    go(nina, "/articles/" + id);
    assertThat(nina.locator("main .meta").first()).containsText("Version 1, published");
    assertThat(nina.locator("main article .article-body")).containsText("client 4.2");

    Page alice = browser.as("alice");
    go(alice, "/");
    alice.locator("main[aria-busy=false] #q").fill("quuxington");
    alice.locator("form.search button").click();
    assertThat(alice.locator(".hit-article a.title")).hasText(title);
    go(alice, "/catalog");
    alice.getByLabel("Search the catalog").pressSequentially("quuxington login",
        new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
    assertThat(alice.locator(".suggestions .hit-article a.title")).hasText(title);
    check(problems, alice, "/catalog with suggestions");
    // A requester gets no author screens: no link, and the addresses show nothing.
    assertThat(alice.locator("#nav")).not().containsText("Knowledge");
    go(alice, "/knowledge");
    assertThat(alice.locator("main h1")).hasText("Not found");
    go(alice, "/knowledge/new");
    assertThat(alice.locator("main h1")).hasText("Not found");
    assertThat(problems).isEmpty();
  }

  @Test
  void gretaReadsTheKnowledgeScreensInGermanAndAnAgentWritesInGerman() {
    List<String> problems = new ArrayList<>();
    String title = "VPN Zwirbelstift trennt die Verbindung";
    Map<String, Object> draft = ApiClient.as(rest, "bob", "bob").exchange("/api/articles", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", title, "body", "Starten Sie den **Zwirbelstift** neu.", "service", "vpn",
            "audience", "everyone", "language", "de")), new ParameterizedTypeReference<Map<String, Object>>() { })
        .getBody();
    String id = (String) draft.get("id");
    ApiClient.as(rest, "bob", "bob").postForEntity("/api/articles/" + id + "/submit", null, String.class);
    ApiClient.as(rest, "nina", "nina").postForEntity("/api/articles/" + id + "/review", Map.of("decision", "approve"),
        String.class);

    Page greta = browser.as("greta");
    go(greta, "/catalog");
    assertThat(greta.locator("main h1")).hasText("Katalog");
    greta.getByLabel("Im Katalog suchen").pressSequentially("zwirbelstift",
        new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
    assertThat(greta.locator(".suggestions h2")).hasText("Diese Artikel beantworten es vielleicht");
    assertThat(greta.locator(".suggestions button.solved")).hasText("Das hat es gelöst");
    check(problems, greta, "/catalog (de)");
    go(greta, "/articles/" + id);
    assertThat(greta.locator("main .meta").first()).containsText("Version 1, veröffentlicht");
    assertThat(greta.locator("main section:not(.files) h2")).hasText("War das hilfreich?");
    button(greta, "Ja").click();
    assertThat(greta.locator("main [role=status]")).hasText("Danke für Ihre Bewertung.");
    check(problems, greta, "/articles/{id} (de)");
    // Read once (this reading, counted as it is shown) and found helpful by one: each in the singular.
    jdbc.sql("UPDATE fd_article SET views = 0 WHERE id = ?").param(id).update();
    go(greta, "/articles/" + id);
    assertThat(greta.locator("main .meta").first()).containsText(" · 1 Aufruf · 1 fand ihn hilfreich");

    // An agent whose browser speaks German writes in German too.
    Page bob = browser.as("bob", "de-DE", "Europe/Berlin");
    go(bob, "/knowledge");
    assertThat(bob.locator("main h1")).hasText("Wissen");
    assertThat(bob.locator("main")).containsText("Ihre Entwürfe");
    Browser.screenshot(bob, "knowledge-3-list-de");
    go(bob, "/knowledge/new");
    assertThat(bob.locator("main h1")).hasText("Artikel schreiben");
    assertThat(bob.getByLabel("Titel")).isVisible();
    assertThat(button(bob, "Speichern und zur Prüfung einreichen")).isVisible();
    check(problems, bob, "/knowledge/new (de)");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_article_vote WHERE article_id = ? AND voter = 'greta'").param(id)
        .query(Long.class).single()).isEqualTo(1);
    assertThat(problems).isEmpty();
  }

  @Test
  void anAgentWritesAnArticleFromATicketSheResolvedWithItsResolutionFilledIn() {
    Map<String, Object> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "VPN Blunderbore token rejected", "service", "vpn", "category", "network",
            "impact", 3, "urgency", 3)), new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    String number = (String) reported.get("number");
    jdbc.sql("UPDATE fd_ticket SET resolved_at = CURRENT_TIMESTAMP, resolution_notes = 'Resync the Blunderbore token.' "
        + "WHERE ticket_number = ?").param(number).update();

    Page nina = browser.as("nina");
    go(nina, "/tickets/" + number);
    link(nina, "Write an article").click();
    nina.locator("main[aria-busy=false][data-route=\"/knowledge/new/" + number + "\"]").waitFor();
    assertThat(nina.locator("main")).containsText("From " + number + ": its title, service and resolution are filled in.");
    assertThat(nina.getByLabel("Title")).hasValue("VPN Blunderbore token rejected");
    assertThat(nina.getByLabel("Service")).hasValue("vpn");
    assertThat(nina.getByLabel("Text")).hasValue("Resync the Blunderbore token.");
    button(nina, "Save draft").click();
    assertThat(nina.locator("#message")).containsText("is saved as a draft");
    assertThat(nina.locator(".working-copy")).containsText("from " + number);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_article WHERE source_ticket = ? AND author = 'nina' AND status = 'draft'")
        .param(number).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void theAuthorComparesTwoVersionsAndRetiresTheArticle() {
    List<String> problems = new ArrayList<>();
    ParameterizedTypeReference<Map<String, Object>> object = new ParameterizedTypeReference<>() { };
    Map<String, Object> text = new java.util.HashMap<>(Map.of("title", "VPN Gobbledygook certificate",
        "body", "Import the certificate.\nThen reconnect.", "service", "vpn", "audience", "everyone", "language", "en"));
    String id = (String) ApiClient.as(rest, "bob", "bob").exchange("/api/articles", HttpMethod.POST, new HttpEntity<>(text),
        object).getBody().get("id");
    for (String body : List.of("Import the certificate.\nThen reconnect.", "Import the new certificate.\nThen reconnect.")) {
      text.remove("service");
      text.put("body", body);
      ApiClient.as(rest, "bob", "bob").exchange("/api/articles/" + id, HttpMethod.PUT, new HttpEntity<>(text), object);
      ApiClient.as(rest, "bob", "bob").postForEntity("/api/articles/" + id + "/submit", null, String.class);
      ApiClient.as(rest, "nina", "nina").postForEntity("/api/articles/" + id + "/review", Map.of("decision", "approve"),
          String.class);
    }

    Page bob = browser.as("bob");
    go(bob, "/articles/" + id);
    assertThat(bob.locator("main .meta").first()).containsText("Version 2, published");
    link(bob, "Versions").click();
    bob.locator("main[aria-busy=false][data-route=\"/articles/" + id + "/versions\"]").waitFor();
    assertThat(bob.locator("ol.versions > li")).hasCount(2);
    assertThat(bob.locator("ol.versions > li").last()).containsText("approved by Nina Novak");
    button(bob, "Show the changes").click();
    assertThat(bob.locator("pre.diff .removed")).hasText("-Import the certificate.");
    assertThat(bob.locator("pre.diff .added")).hasText("+Import the new certificate.");
    check(problems, bob, "/articles/{id}/versions with the changes");
    Browser.screenshot(bob, "knowledge-4-versions");

    link(bob, "Back to the article").click();
    assertThat(bob.locator(".working-copy")).containsText("by Bob Becker");
    assertThat(button(bob, "Yes, retire it")).hasCount(0);
    button(bob, "Retire").click();
    button(bob, "Yes, retire it").click();
    assertThat(bob.locator("#message")).containsText(id + " is retired");
    assertThat(bob.locator(".working-copy .status")).hasText("Retired");
    assertThat(button(bob, "Retire")).hasCount(0);
    Page alice = browser.as("alice");
    go(alice, "/articles/" + id);
    assertThat(alice.locator("main h1")).hasText("Not found");
    assertThat(problems).isEmpty();
  }

  @Test
  void theAuthorAttachesAScreenshotAndReadersGetItWithThePublishedVersion() {
    List<String> problems = new ArrayList<>();
    ParameterizedTypeReference<Map<String, Object>> object = new ParameterizedTypeReference<>() { };
    String id = (String) ApiClient.as(rest, "bob", "bob").exchange("/api/articles", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "VPN Flibbertigibbet settings", "body", "Set the gateway as the screenshot shows.",
            "service", "vpn", "audience", "everyone", "language", "en")), object).getBody().get("id");

    Page bob = browser.as("bob");
    go(bob, "/articles/" + id);
    assertThat(bob.locator(".files")).containsText("No files yet.");
    bob.locator("#attach-files").setInputFiles(new com.microsoft.playwright.options.FilePayload("gateway.txt",
        "text/plain", "gateway = vpn.example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Attach").setExact(true)).click();
    assertThat(bob.locator("#message")).containsText("File attached.");
    assertThat(bob.locator(".files .attachments a")).hasText("gateway.txt");
    check(problems, bob, "/articles/{id} with its files");
    Browser.screenshot(bob, "knowledge-5-files");

    Page alice = browser.as("alice");
    go(alice, "/articles/" + id);
    assertThat(alice.locator("main h1")).hasText("Not found");
    ApiClient.as(rest, "bob", "bob").postForEntity("/api/articles/" + id + "/submit", null, String.class);
    ApiClient.as(rest, "nina", "nina").postForEntity("/api/articles/" + id + "/review", Map.of("decision", "approve"),
        String.class);
    go(alice, "/articles/" + id);
    assertThat(alice.locator(".files .attachments a")).hasText("gateway.txt");
    assertThat(alice.locator(".files .attachments a")).hasAttribute("href",
        java.util.regex.Pattern.compile("/api/articles/" + id + "/attachments/\\d+"));
    assertThat(alice.locator("#attach-files")).hasCount(0);
    assertThat(alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove gateway.txt"))).hasCount(0);
    check(problems, alice, "/articles/{id} as a reader with its files");

    go(bob, "/articles/" + id);
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove gateway.txt")).click();
    assertThat(bob.locator("#message")).containsText("gateway.txt removed.");
    go(alice, "/articles/" + id);
    assertThat(alice.locator(".files")).isHidden();
    assertThat(problems).isEmpty();
  }
}
