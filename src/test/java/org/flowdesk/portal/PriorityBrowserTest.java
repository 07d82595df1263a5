package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * An agent changes an incident's priority from its page in the portal, with a reason: the page shows the new
 * priority and the timeline says why, in English and in German; the requester has no such card.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PriorityBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  ApiClient api;

  @BeforeEach
  void client() {
    EngineTime.reset();
    api = new ApiClient(rest);
  }

  static void go(Page page, String hash) {
    if (page.url().endsWith("#" + hash)) {
      page.reload();
    } else {
      page.navigate("/#" + hash);
    }
    page.locator("main[aria-busy=false][data-route=\"" + hash + "\"] h1").waitFor();
  }

  @Test
  void anAgentRaisesAnIncidentsPriorityWithAReasonAndTheRequesterReadsWhy() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Invoices do not print", "service", "email", "category", "software", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();

    Page bob = browser.as("bob");
    go(bob, "/tickets/" + number);
    assertThat(bob.locator(".change-priority")).containsText("Now P5 (impact 3, urgency 3)");
    bob.locator("#priority-impact").selectOption("1");
    bob.locator("#priority-urgency").selectOption("2");
    bob.getByLabel("Why the priority changes").fill("Month-end closing: the whole finance team waits");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change priority").setExact(true)).click();
    assertThat(bob.locator("#message")).hasText(number
        + " now has priority P2; its SLA clocks follow the new targets.");
    assertThat(bob.locator("dl.facts")).containsText("P2");
    assertThat(bob.locator("ol.timeline")).containsText(
        "Priority changed from P5 to P2: Month-end closing: the whole finance team waits");
    Browser.screenshot(bob, "priority-1-changed-by-the-agent");
    assertThat(api.get("alice", "/api/tickets/" + number).get("priority").asInt()).isEqualTo(2);

    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    assertThat(alice.locator(".change-priority")).hasCount(0);
    assertThat(alice.locator("ol.timeline")).containsText("Priority changed from P5 to P2");

    // In German, for an agent whose profile says so.
    assertThat(api.call("bob", HttpMethod.PUT, "/api/me/language", Map.of("language", "de")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    try {
      Page german = browser.as("bob");
      go(german, "/tickets/" + number);
      assertThat(german.locator(".change-priority h2")).hasText("Priorität ändern");
      assertThat(german.locator("ol.timeline")).containsText(
          "Priorität von P5 auf P2 geändert: Month-end closing: the whole finance team waits");
      Browser.screenshot(german, "priority-2-in-german");
    } finally {
      api.call("bob", HttpMethod.PUT, "/api/me/language", Map.of());
    }
  }
}
