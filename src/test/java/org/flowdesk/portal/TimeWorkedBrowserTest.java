package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
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
 * An agent records the time they worked with a comment and with the work step, in the portal: the
 * ticket's page shows the minutes on the timeline and the total to its agents, in English and in
 * German, and nothing of it to the requester; the measures page shows the time per agent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TimeWorkedBrowserTest {

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

  @Test
  void anAgentRecordsTimeWithACommentAndTheWorkStepAndOnlyAgentsSeeIt() {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Scanner sends no mail", "service", "email", "category", "software", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    String number = ApiClient.read(reported).get("number").asText();

    Page bob = browser.as("bob");
    PriorityBrowserTest.go(bob, "/tickets/" + number);
    bob.getByLabel("Add a comment").fill("Checked the relay settings");
    bob.getByLabel("Time spent (minutes)").fill("25");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment").setExact(true)).click();
    assertThat(bob.locator("#message")).hasText("Comment added.");
    assertThat(bob.locator("ol.timeline li", new Page.LocatorOptions().setHasText("Checked the relay settings")))
        .containsText("25 minutes");
    assertThat(bob.locator("#time-worked")).hasText("25 minutes");

    PortalBrowserTest.doTask(bob, number, "Work incident", p -> {
      p.getByLabel("Resolve the incident").check();
      PortalBrowserTest.choose(p, "Resolution code", "Solved (permanently)");
      p.getByLabel("Resolution notes (the requester sees them)").fill("Relay password renewed");
      p.getByLabel("Time spent (minutes)").fill("35");
    });
    assertThat(bob.locator("ol.timeline")).containsText("Time worked on Work incident: 35 minutes");
    assertThat(bob.locator("#time-worked")).hasText("60 minutes");
    Browser.screenshot(bob, "time-worked-1-agent");

    Page alice = browser.as("alice");
    PriorityBrowserTest.go(alice, "/tickets/" + number);
    assertThat(alice.locator("ol.timeline")).containsText("Checked the relay settings");
    assertThat(alice.locator("ol.timeline")).not().containsText("minutes");
    assertThat(alice.locator("#time-worked")).hasCount(0);

    // In German, for an agent whose profile says so.
    assertThat(api.call("bob", HttpMethod.PUT, "/api/me/language", Map.of("language", "de")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    try {
      Page german = browser.as("bob");
      PriorityBrowserTest.go(german, "/tickets/" + number);
      assertThat(german.locator("ol.timeline")).containsText("Arbeitszeit für Störung bearbeiten: 35 Minuten");
      assertThat(german.locator("#time-worked")).hasText("60 Minuten");
    } finally {
      api.call("bob", HttpMethod.PUT, "/api/me/language", Map.of());
    }

    // The service owner's measures, for the days around the engine's clock: a period's dates are the
    // desk's midnights, and the moved clock (2027-12-31T23:58) crosses one while the test runs.
    String day = EngineTime.now().atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1).toString();
    String next = EngineTime.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(2).toString();
    Page sofia = browser.as("sofia");
    sofia.navigate("/measures?from=" + day + "&to=" + next);
    sofia.locator("body[data-ready=true]").waitFor();
    assertThat(sofia.locator("#time-agents")).containsText("Bob Becker");
    // The group by its name, not its id.
    assertThat(sofia.locator("#time-groups")).containsText("Service desk");
    assertThat(sofia.locator("#time-groups")).not().containsText("service-desk");
    Browser.screenshot(sofia, "time-worked-2-measures");
  }
}
