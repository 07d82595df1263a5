package org.flowdesk.search;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.Map;

import org.flowdesk.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
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

  static void search(Page page, String words) {
    page.navigate("/#/");
    page.locator("main[aria-busy=false] #q").fill(words);
    page.locator("form.search button").click();
  }

  @Test
  void theSearchBoxFindsTheCatalogAndTheCallersTickets() {
    Map<String, Object> reported = rest.withBasicAuth("alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(Map.of("title", "<img src=x onerror=alert(1)> Snorkelwick printer offline",
            "service", "vpn", "category", "network", "impact", 3, "urgency", 3)),
        new ParameterizedTypeReference<Map<String, Object>>() { }).getBody();
    String number = (String) reported.get("number");

    Page alice = as("alice");
    search(alice, "printer");
    assertThat(alice.locator(".hit-service a.title")).containsText("Printing");
    search(alice, "laptop new");
    assertThat(alice.locator(".hit-item a.title").first()).hasText("New laptop");
    search(alice, "snorkelwick");
    assertThat(alice.locator(".hit-ticket a.title")).hasText("<img src=x onerror=alert(1)> Snorkelwick printer offline");
    assertThat(alice.locator(".hit-ticket a.title mark")).hasText("Snorkelwick");
    assertThat(alice.locator(".hit-ticket img")).hasCount(0);

    Page nina = as("nina");
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
}
