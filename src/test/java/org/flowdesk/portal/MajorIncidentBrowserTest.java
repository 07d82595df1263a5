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
 * An agent runs a major incident from its page in the portal: declares it, attaches another
 * person's incident, posts an update that the other requester reads on her own incident, and merges a
 * duplicate into it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MajorIncidentBrowserTest {

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

  String report(String requester, String title) {
    ResponseEntity<String> reported = api.call(requester, HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "email", "category", "software", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  static void go(Page page, String hash) {
    if (page.url().endsWith("#" + hash)) {
      page.reload();
    } else {
      page.navigate("/#" + hash);
    }
    page.locator("main[aria-busy=false][data-route=\"" + hash + "\"] h1").waitFor();
  }

  static void press(Page page, String name) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true)).click();
  }

  @Test
  void anAgentDeclaresAMajorIncidentAttachesAnotherUpdatesEveryoneAndMergesADuplicate() {
    String major = report("alice", "Nobody receives mail since 9:00");
    String gretas = report("greta", "My mails do not arrive");
    String duplicate = report("alice", "Still no mail");

    Page bob = browser.as("bob");
    go(bob, "/tickets/" + major);
    press(bob, "Declare a major incident");
    assertThat(bob.locator("#message")).hasText(major + " is a major incident now.");
    assertThat(bob.locator(".major-incident h3").first()).hasText("Attached incidents (0)");

    bob.getByLabel("Attach an incident").fill(gretas);
    press(bob, "Attach to this major incident");
    assertThat(bob.locator("#message")).hasText(gretas + " is attached to " + major + ".");
    assertThat(bob.locator(".major-children")).containsText(gretas);

    bob.getByLabel("Status update for everyone affected").fill("The mail gateway is being restarted; 20 minutes.");
    press(bob, "Post the update");
    assertThat(bob.locator("#message")).hasText("The update reached 1 attached incidents.");
    Browser.screenshot(bob, "major-1-declared-attached-updated");

    Page greta = browser.as("greta");
    go(greta, "/tickets/" + gretas);
    // greta reads German.
    assertThat(greta.locator(".major-parent")).containsText("Teil des Major Incidents " + major);
    assertThat(greta.locator("ol.timeline")).containsText("Neuigkeit zum Major Incident " + major
        + ": The mail gateway is being restarted; 20 minutes.");
    assertThat(greta.locator("main")).containsText("Teil eines Major Incidents"); // its status
    // The agents' card is not hers.
    assertThat(greta.locator(".major-incident")).hasCount(0);
    Browser.screenshot(greta, "major-2-child-reads-the-update");

    go(bob, "/tickets/" + duplicate);
    bob.getByLabel("Merge into the incident").fill(major);
    bob.getByLabel("Why (optional)").fill("Same mail outage");
    press(bob, "Merge");
    assertThat(bob.locator("#message")).hasText(duplicate + " is merged into " + major + " and closed as its duplicate.");
    assertThat(api.get("alice", "/api/tickets/" + duplicate).get("status").asText()).isEqualTo("closed");
    Browser.screenshot(bob, "major-3-duplicate-merged");

    // A refusal is said in words, and nothing changes.
    go(bob, "/tickets/" + gretas);
    assertThat(bob.locator(".major-incident")).hasCount(0);
  }
}
