package org.flowdesk.search;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

/**
 * The portal's search box in Chromium (issue #17, defect 10): a requester finds the printer service
 * and the new laptop in any order of words, an agent finds a ticket of his queue by its number, and
 * a title that looks like markup is shown as text with the matched word marked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SearchBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  org.springframework.jdbc.core.simple.JdbcClient jdbc;

  static void search(Page page, String words) {
    page.navigate("/#/");
    page.locator("main[aria-busy=false] #q").fill(words);
    page.locator("form.search button").click();
  }

  /** An article by bob on the VPN, approved by its owners (nina). */
  String published(String title, String body) {
    Map<String, Object> draft = ApiClient.as(rest, "bob", "bob").exchange("/api/articles", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", title, "body", body, "service", "vpn", "audience", "everyone",
            "language", "en")), new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    String id = (String) draft.get("id");
    ApiClient.as(rest, "bob", "bob").postForEntity("/api/articles/" + id + "/submit", null, String.class);
    ApiClient.as(rest, "nina", "nina").postForEntity("/api/articles/" + id + "/review",
        Map.of("decision", "approve"), String.class);
    return id;
  }

  @Test
  void whileAliceDescribesHerProblemAnArticleSolvesItAndNothingIsReported() {
    String id = published("VPN Plonkerwatt disconnects every hour", "Renew the Plonkerwatt lease in the VPN client.");
    long ticketsBefore = jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE requester = 'alice'").query(Long.class).single();

    Page alice = browser.as("alice");
    alice.navigate("/#/report");
    alice.locator("main[aria-busy=false]").getByLabel("Title").pressSequentially("plonkerwatt disconn",
        new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
    assertThat(alice.locator(".suggestions .hit-article a.title")).hasText("VPN Plonkerwatt disconnects every hour");
    alice.locator(".suggestions button.solved").click();

    assertThat(alice.locator("#message")).containsText("Nothing was reported");
    org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_deflection WHERE article_id = ?")
        .param(id).query(Long.class).single()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM fd_ticket WHERE requester = 'alice'")
        .query(Long.class).single()).isEqualTo(ticketsBefore);
  }

  @Test
  void anAgentSendsASuggestedArticleToTheRequester() {
    published("VPN Gazzlewump certificate expired", "Import the new Gazzlewump certificate.");
    Map<String, Object> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "Gazzlewump says certificate expired", "service", "vpn", "category", "network",
            "impact", 3, "urgency", 3)), new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    String number = (String) reported.get("number");

    Page nina = browser.as("nina");
    nina.navigate("/#/tickets/" + number);
    assertThat(nina.locator(".suggestions .hit-article a.title")).hasText("VPN Gazzlewump certificate expired");
    nina.locator(".suggestions button.solved").click();
    assertThat(nina.locator("ol.timeline")).containsText("This article may solve it: VPN Gazzlewump certificate expired");
    // alice reads it: the comment is public.
    Page alice = browser.as("alice");
    alice.navigate("/#/tickets/" + number);
    assertThat(alice.locator("ol.timeline")).containsText("VPN Gazzlewump certificate expired");
  }

  @Test
  void anArticleWithScriptInItsMarkdownRunsNoScript() {
    String id = published("VPN Snazzlecorn hostile markdown", "<script>window.pwned = 1</script>\n\n"
        + "<img src=x onerror=\"window.pwned = 2\"> [click](javascript:window.pwned=3) "
        + "<a href=\"#\" onmouseover=\"window.pwned = 4\">hover</a> **bold**");
    Page alice = browser.as("alice");
    alice.navigate("/#/articles/" + id);
    assertThat(alice.locator(".article-body strong")).hasText("bold");
    org.assertj.core.api.Assertions.assertThat(alice.locator(".article-body a", new Page.LocatorOptions()
        .setHasText("click")).getAttribute("href")).doesNotContain("javascript");
    alice.locator(".article-body strong").hover();
    org.assertj.core.api.Assertions.assertThat(alice.evaluate("() => window.pwned")).isNull();
    assertThat(alice.locator(".article-body script, .article-body img, .article-body [onmouseover]")).hasCount(0);
    assertThat(alice.locator(".article-body")).containsText("<script>window.pwned = 1</script>");
  }

  @Test
  void theSearchBoxFindsTheCatalogAndTheCallersTickets() {
    Map<String, Object> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "<img src=x onerror=alert(1)> Snorkelwick printer offline",
            "service", "vpn", "category", "network", "impact", 3, "urgency", 3)),
        new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    String number = (String) reported.get("number");

    Page alice = browser.as("alice");
    search(alice, "printer");
    assertThat(alice.locator(".hit-service a.title")).containsText("Printing");
    search(alice, "laptop new");
    assertThat(alice.locator(".hit-item a.title").first()).hasText("New laptop");
    search(alice, "snorkelwick");
    assertThat(alice.locator(".hit-ticket a.title")).hasText("<img src=x onerror=alert(1)> Snorkelwick printer offline");
    assertThat(alice.locator(".hit-ticket a.title mark")).hasText("Snorkelwick");
    assertThat(alice.locator(".hit-ticket img")).hasCount(0);

    Page nina = browser.as("nina");
    search(nina, number);
    assertThat(nina.locator(".hit-ticket .number")).hasText(number);
    search(nina, "snorkelwick");
    assertThat(nina.locator(".hit-ticket")).hasCount(1);
    nina.navigate("/#/queues");
    nina.locator("main[aria-busy=false] input[name=q]").fill("snorkelwick");
    nina.locator("main form.search button").click();
    assertThat(nina.locator("main .ticket")).hasCount(1);
    assertThat(nina.locator("main .ticket .number")).hasText(number);
  }

  @Test
  void anArticleThatSharesOneWordWithALongTitleIsNoSuggestionButOneThatSharesTwoIs() {
    published("Quorpleton printer jams on thick paper", "Use the Quorpleton paper tray for card stock.");
    Map<String, Object> unrelated = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "Keyboard keys stick near the Quorpleton desk", "service", "laptop",
            "category", "hardware", "impact", 3, "urgency", 3)),
        new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    Map<String, Object> related = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "The Quorpleton printer jams again", "service", "laptop",
            "category", "hardware", "impact", 3, "urgency", 3)),
        new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();

    Page bob = browser.as("bob");
    bob.navigate("/#/tickets/" + related.get("number"));
    assertThat(bob.locator(".suggestions .hit-article a.title")).hasText("Quorpleton printer jams on thick paper");
    // The portal asks for articles like the ticket and shows none of what it found.
    bob.waitForResponse(response -> response.url().contains("/api/search"),
        () -> bob.navigate("/#/tickets/" + unrelated.get("number")));
    assertThat(bob.locator("main h1")).containsText((String) unrelated.get("number"));
    assertThat(bob.locator(".suggestions")).isHidden();
  }
}
