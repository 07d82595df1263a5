package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

/**
 * Known errors on an incident's page in Chromium: alice reports that her mail drops attachments,
 * bob (service desk) finds the known error of the e-mail service in "Known problems", links the
 * incident to it and applies its workaround, which alice reads on her ticket. axe-core on the
 * screen. Shares PortalBrowserTest's Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemBrowserTest {

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

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  Browser browser() {
    if (browser == null) {
      browser = new Browser(port);
    }
    return browser;
  }

  @Test
  void anAgentLinksAnIncidentToAKnownErrorAndAppliesItsWorkaround() {
    EngineTime.runningFrom("2027-06-07T09:00");
    ApiClient api = new ApiClient(rest);
    String incident = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Mail Zanzibarite attachments disappear", "service", "email", "category", "software",
        "impact", 3, "urgency", 3))).get("number").asText();
    String problem = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems", Map.of(
        "title", "The mail gateway strips Zanzibarite attachments", "service", "email",
        "assignmentGroup", "service-desk"))).at("/ticket/number").asText();
    api.work("bob", problem, "Investigate the problem", Map.of("rootCause", "A filter rule of the gateway",
        "affectedService", "email", "workaround", "Zip the file before sending it"));

    List<String> problems = new ArrayList<>();
    Page bob = browser().as("bob");
    go(bob, "/tickets/" + incident);
    var card = bob.locator(".known-problems").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(problem));
    assertThat(card.locator("h2")).hasText("Known problems");
    var item = card.locator("li.known-problem").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(problem));
    assertThat(item).containsText("Zip the file before sending it");
    Axe.seriousViolations(bob).forEach(v -> problems.add("/tickets/{incident} with known problems: " + v));
    Browser.screenshot(bob, "problems-1-known-errors");

    button(bob, "Link to " + problem).click();
    assertThat(bob.locator(".known-problems li.known-problem").filter(
        new com.microsoft.playwright.Locator.FilterOptions().setHasText(problem)).locator(".linked")).isVisible();
    assertThat(button(bob, "Link to " + problem)).hasCount(0);
    button(bob, "Apply the workaround of " + problem).click();
    assertThat(bob.locator("ol.timeline")).containsText("Zip the file before sending it");

    Page alice = browser().as("alice");
    go(alice, "/tickets/" + incident);
    assertThat(alice.locator("ol.timeline")).containsText("Workaround for the known error " + problem);
    assertThat(alice.locator(".known-problems")).hasCount(0);
    assertThat(api.get("bob", "/api/problems/" + problem).get("incidents").findValuesAsText("number"))
        .containsExactly(incident);
    assertThat(problems).isEmpty();
  }
}
