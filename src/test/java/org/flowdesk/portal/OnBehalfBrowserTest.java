package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.choose;
import static org.flowdesk.portal.PortalBrowserTest.fillReport;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.ticketNumber;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;

/**
 * A phone call comes in: bob, an agent, reports the caller's incident and orders for her with "For
 * whom?"; alice finds both among her tickets, with who entered them; a requester never sees the field.
 * Shares the context of {@link PortalBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OnBehalfBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Test
  void anAgentReportsAndOrdersForACallerWhoFindsBothWithWhoEnteredThem() {
    Page bob = browser.as("bob");
    List<String> pageErrors = new CopyOnWriteArrayList<>();
    bob.onPageError(pageErrors::add);

    fillReport(bob, "Alice's VPN drops on the train", "VPN and remote access", "Network", "3", "3");
    assertThat(bob.getByLabel("For whom?")).isVisible();
    bob.getByLabel("For whom?").fill("ander");
    // The list offers the people whose name matches what was typed.
    assertThat(bob.locator("#for-whom-people option[value=alice]")).hasCount(1);
    bob.getByLabel("For whom?").fill("alice");
    assertThat(Axe.seriousViolations(bob)).as("report for someone").isEmpty();
    Browser.screenshot(bob, "on-behalf-1-report-for-alice");
    button(bob, "Report").click();
    String incident = ticketNumber(bob);
    assertThat(bob.locator("#message")).containsText("Reported " + incident + " for alice");
    assertThat(bob.locator(".facts")).containsText("Alice Andersen");
    assertThat(bob.locator(".facts")).containsText("Entered by");
    assertThat(bob.locator(".facts")).containsText("Bob Becker");
    assertThat(bob.locator("ol.timeline")).containsText("Reported by Bob Becker for Alice Andersen: Alice's VPN drops on the train");

    go(bob, "/catalog/monitor");
    bob.getByLabel("For whom?").fill("alice");
    choose(bob, "Size", "24 inch");
    bob.getByLabel("Why do you need it?").fill("Alice called: home office");
    button(bob, "Order").click();
    String order = ticketNumber(bob);
    assertThat(bob.locator("#message")).containsText("Ordered " + order + " for alice");
    // Her manager approves, not bob's.
    assertThat(bob.locator("ol.journey > li[aria-current=step]")).containsText("Waiting for Mark Meyer");
    Browser.screenshot(bob, "on-behalf-2-ordered-for-alice");

    Page alice = browser.as("alice");
    go(alice, "/tickets");
    assertThat(alice.locator("main")).containsText(incident);
    assertThat(alice.locator("main")).containsText(order);
    go(alice, "/tickets/" + incident);
    assertThat(alice.locator(".facts")).containsText("Entered by");
    assertThat(alice.locator(".facts")).containsText("Bob Becker");
    Browser.screenshot(alice, "on-behalf-3-alice-sees-it");
    assertThat(pageErrors).isEmpty();
  }

  @Test
  void aRequesterIsNotAskedForWhom() {
    Page alice = browser.as("alice");
    go(alice, "/report");
    assertThat(alice.getByLabel("Title")).isVisible();
    assertThat(alice.locator("#for-whom")).hasCount(0);
    go(alice, "/catalog/monitor");
    assertThat(alice.getByLabel("Why do you need it?")).isVisible();
    assertThat(alice.locator("#for-whom")).hasCount(0);
  }
}
