package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * A requester reopens her closed incident from its page, with the reason it needs and the date it may be
 * reopened until; she lets a colleague watch it, who finds it under "Tickets you watch", and removes him
 * again — at desk and phone size, with no serious axe-core violation. Shares the context of
 * {@link PortalBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReopenAndWatchersBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  /** alice's VPN incident, resolved by nina and confirmed by alice: closed, as of the engine's clock. */
  String closedIncident(String title) {
    ApiClient api = new ApiClient(rest);
    String number = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "description", "Every few minutes", "service", "vpn", "category", "network", "impact", 2, "urgency", 2)))
        .get("number").asText();
    api.work("nina", number, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware updated"));
    api.work("alice", number, "Confirm resolution", Map.of("confirmation", "confirm"));
    assertThat(api.status("alice", number)).isEqualTo("closed");
    return number;
  }

  static void noSeriousViolations(Page page, String where) {
    assertThat(Axe.seriousViolations(page)).as(where).isEmpty();
  }

  @Test
  void aRequesterReopensHerClosedIncidentWithAReasonUntilTheDateThePageSays() {
    EngineTime.runningFrom("2026-10-05T09:00");
    String number = closedIncident("VPN drops in the afternoon");
    Page alice = browser.as("alice");
    List<String> pageErrors = new CopyOnWriteArrayList<>();
    alice.onPageError(pageErrors::add);

    go(alice, "/tickets/" + number);
    assertThat(alice.locator("form.reopen h2")).hasText("Not solved after all?");
    assertThat(alice.locator("#reopen-until")).containsText("You can reopen it until");
    assertThat(alice.locator("#reopen-until")).containsText("19");
    noSeriousViolations(alice, "closed incident with reopen");
    Browser.screenshot(alice, "reopen-1-closed");

    // No reason: the page says what is missing and nothing is sent.
    alice.locator("#reopen-reason").evaluate("e => e.removeAttribute('required')");
    button(alice, "Reopen").click();
    assertThat(alice.locator("#message")).containsText("Say why it is not solved");

    alice.getByLabel("What is wrong again").fill("It drops again every afternoon");
    button(alice, "Reopen").click();
    assertThat(alice.locator("#message")).containsText(number + " is reopened and back with the group.");
    assertThat(alice.locator(".facts")).containsText("In progress");
    assertThat(alice.locator("ol.timeline")).containsText("Reopened after closing: It drops again every afternoon");
    assertThat(alice.locator("form.reopen")).hasCount(0);
    Browser.screenshot(alice, "reopen-2-reopened");

    // The network agent finds it back in the queue, its task named after the ticket.
    Page nina = browser.as("nina");
    go(nina, "/tasks");
    assertThat(nina.locator("main")).containsText(number + ": VPN drops in the afternoon");
    noSeriousViolations(nina, "nina's tasks");
    assertThat(pageErrors).isEmpty();
  }

  @Test
  void afterTheWindowThePageSaysItIsTooLateToReopen() {
    EngineTime.runningFrom("2026-10-12T09:00");
    String number = closedIncident("Printer jams");
    EngineTime.runningFrom("2026-10-28T09:00");

    Page alice = browser.as("alice");
    alice.setViewportSize(390, 844);
    go(alice, "/tickets/" + number);
    assertThat(alice.locator(".reopen-over")).containsText("It could be reopened until");
    assertThat(alice.locator(".reopen-over")).containsText("please report a new incident");
    assertThat(alice.locator("form.reopen")).hasCount(0);
    noSeriousViolations(alice, "closed incident too late to reopen, phone");
    Browser.screenshot(alice, "reopen-3-too-late-phone");
  }

  @Test
  void theRequesterLetsAColleagueWatchWhoFindsTheTicketAndSheRemovesHimAgain() {
    ApiClient api = new ApiClient(rest);
    String number = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Shared drive is read-only", "service", "email", "category", "software", "impact", 3, "urgency", 3)))
        .get("number").asText();
    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    assertThat(alice.locator("section.watchers")).containsText("Nobody watches this ticket yet.");

    // Someone FlowDesk does not know: said plainly at the field, which keeps the focus, and nobody is added.
    alice.getByLabel("Add a watcher").fill("Mork Meyer");
    button(alice, "Add").click();
    Locator field = alice.getByLabel("Add a watcher");
    assertThat(alice.locator("section.watchers .field-error")).containsText("no person has the user id or name 'Mork Meyer'");
    assertThat(field).isFocused();
    assertThat(field).hasAttribute("aria-invalid", "true");
    assertThat(field).hasAttribute("aria-describedby", "watcher-hint watcher-error");
    assertThat(alice.locator("#message")).isEmpty();
    assertThat(alice.locator("section.watchers")).containsText("Nobody watches this ticket yet.");
    noSeriousViolations(alice, "ticket with a watcher refused");
    Browser.screenshot(alice, "watchers-0-refused");

    field.fill("Mark Meyer");
    button(alice, "Add").click();
    assertThat(alice.locator("#message")).containsText("Mark Meyer now watches " + number + ".");
    assertThat(alice.locator("section.watchers .field-error")).isHidden();
    assertThat(alice.locator("section.watchers li")).hasText(new String[] {"Mark Meyer Remove"});
    noSeriousViolations(alice, "ticket with a watcher");
    Browser.screenshot(alice, "watchers-1-added");

    // mark finds it among the tickets he watches, and may stop watching but not add others.
    Page mark = browser.as("mark");
    mark.setViewportSize(390, 844);
    go(mark, "/tickets");
    assertThat(mark.locator("section.watched")).containsText(number);
    noSeriousViolations(mark, "my tickets with watched ones, phone");
    Browser.screenshot(mark, "watchers-2-watched-phone");
    go(mark, "/tickets/" + number);
    assertThat(mark.locator("section.watchers")).containsText("Mark Meyer");
    assertThat(button(mark, "Stop watching")).isVisible();
    assertThat(mark.locator("section.watchers form")).hasCount(0);

    go(alice, "/tickets/" + number);
    alice.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
        new Page.GetByRoleOptions().setName("Remove Mark Meyer")).click();
    assertThat(alice.locator("#message")).containsText("Mark Meyer no longer watches " + number + ".");
    assertThat(alice.locator("section.watchers")).containsText("Nobody watches this ticket yet.");
    go(mark, "/tickets");
    // Other tests of the shared context may have mark watch tickets of theirs: this one is gone.
    assertThat(mark.locator("main")).not().containsText(number);
  }
}
