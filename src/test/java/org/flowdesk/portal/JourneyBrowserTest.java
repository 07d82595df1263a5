package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * "Where it is" in words: a requester follows her laptop's journey on a phone and at a desk — the
 * milestones, the one it is at, whom it waits on — and opens the full diagram, which is drawn at a
 * finite scale even after being hidden. Shares the context of {@link PortalBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JourneyBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  static Locator milestones(Page page) {
    return page.locator("ol.journey > li");
  }

  /** The scale bpmn-js draws the first diagram at. */
  static double diagramScale(Page page) {
    return ((Number) page.evaluate("() => document.querySelector('.full-diagram .viewport')"
        + ".transform.baseVal.consolidate().matrix.a")).doubleValue();
  }

  @Test
  void aRequesterReadsHerLaptopsJourneyInWordsOnAPhoneAndAtADesk() {
    ApiClient api = new ApiClient(rest);
    String number = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "new-laptop",
        "answers", Map.of("model", "developer", "reason", "Builds take ages")))).get("number").asText();

    Page alice = browser.as("alice");
    List<String> pageErrors = new CopyOnWriteArrayList<>();
    alice.onPageError(pageErrors::add);
    alice.setViewportSize(390, 844);
    PortalBrowserTest.go(alice, "/tickets/" + number);
    assertThat(milestones(alice).locator(".milestone")).hasText(new String[] {"Submitted", "Approval", "Ordering",
        "Preparing", "Handing over", "Delivered", "Closed"});
    Locator now = alice.locator("ol.journey > li[aria-current=step]");
    assertThat(now).hasCount(1);
    assertThat(now.locator(".milestone")).hasText("Approval");
    assertThat(now).containsText("Now, since");
    assertThat(now).containsText("Waiting for Mark Meyer (Manager approves)");
    assertThat(milestones(alice).first()).containsText("Reached");
    assertThat(milestones(alice).last()).containsText("Ahead");
    // Nothing to scroll sideways on a phone, and the diagram is not drawn until asked for.
    assertThat(((Number) alice.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(390);
    assertThat(alice.locator(".full-diagram")).isHidden();
    Browser.screenshot(alice, "journey-1-approval");

    api.work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Go ahead"));
    api.work("bea", number, "Budget owner approves", Map.of("decision", "approve"));
    alice.setViewportSize(1280, 800);
    PortalBrowserTest.go(alice, "/tickets/" + number);
    assertThat(now.locator(".milestone")).hasText("Ordering");
    assertThat(now).containsText("Now, since");
    assertThat(now).containsText("Waiting for Purchasing (Order from the supplier)");
    assertThat(milestones(alice).nth(1)).containsText("Reached");

    // The full diagram is one click away, drawn at a finite scale with the current step marked.
    Locator show = alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the full diagram"));
    assertThat(show).hasAttribute("aria-expanded", "false");
    show.click();
    assertThat(alice.locator(".full-diagram .fd-current")).not().hasCount(0);
    assertThat(diagramScale(alice)).isFinite().isPositive();
    // The fulfilment's step is named as people read it: "Order from the supplier", not the model's "… ${ticketTitle.of(execution)}".
    assertThat(alice.locator(".full-diagram .fd-current").last()).containsText("supplier");
    assertThat(alice.locator(".full-diagram")).not().containsText("ticketTitle");
    Browser.screenshot(alice, "journey-2-ordering");
    // Hidden (a zero-size container) and the window resized meanwhile, then shown again: still drawn.
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hide the full diagram")).click();
    alice.setViewportSize(390, 844);
    alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the full diagram")).click();
    assertThat(alice.locator(".full-diagram .fd-current").first()).isVisible();
    assertThat(diagramScale(alice)).isFinite().isPositive();
    assertThat(pageErrors).isEmpty();
  }
}
