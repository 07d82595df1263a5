package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The incident form offers the chosen service's configuration items to an agent, and to a requester (who does not
 * read the CMDB) her own devices only; the ticket shows the one named, and a change's page shows what a change of
 * its CI touches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CmdbFormsBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  static Locator ciField(Page page) {
    return page.locator(".fjs-form-field-select").filter(new Locator.FilterOptions()
        .setHas(page.locator("label", new Page.LocatorOptions().setHasText("Configuration item"))));
  }

  @Test
  void anAgentNamesTheVpnPortalOfTheVpnAndARequesterHerOwnLaptop() {
    Page bob = browser.as("bob");
    PortalBrowserTest.fillReport(bob, "VPN portal refuses logins", "VPN and remote access", "Network", "2", "2");
    Locator field = ciField(bob);
    field.locator("input").click();
    field.locator("input").fill("VPN portal");
    field.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText("(app-vpn-portal)")).first().click();
    PortalBrowserTest.button(bob, "Report").click();
    String number = PortalBrowserTest.ticketNumber(bob);
    assertThat(bob.locator(".facts").first()).containsText("app-vpn-portal");
    assertThat(bob.locator(".timeline")).containsText("(configuration item app-vpn-portal)");
    Browser.screenshot(bob, "cmdb-1-incident-names-a-ci");
    assertThat(new ApiClient(rest).get("nina", "/api/tickets/" + number).get("configurationItem").asText())
        .isEqualTo("app-vpn-portal");

    // alice reads no CMDB: she is offered her own devices (the demo gave her laptop LT-10014 and monitor MN-20001),
    // not the VPN's CIs nor anyone else's laptop.
    Page alice = browser.as("alice");
    PortalBrowserTest.fillReport(alice, "My laptop's Wi-Fi drops", "VPN and remote access", "Hardware", "3", "2");
    Locator hers = ciField(alice);
    hers.locator("input").click();
    Locator offered = hers.locator(".fjs-dropdownlist");
    assertThat(offered).containsText("Laptop LT-10014 (lt-10014)");
    assertThat(offered).containsText("Monitor MN-20001 (mn-20001)");
    assertThat(offered).not().containsText("app-vpn-portal");
    assertThat(offered).not().containsText("LT-10001");
    hers.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText("(lt-10014)")).first().click();
    Browser.screenshot(alice, "cmdb-1b-requester-names-her-laptop");
    PortalBrowserTest.button(alice, "Report").click();
    String hersNumber = PortalBrowserTest.ticketNumber(alice);
    assertThat(new ApiClient(rest).get("nina", "/api/tickets/" + hersNumber).get("configurationItem").asText())
        .isEqualTo("lt-10014");

    // bob takes alice's call: once he names her under "For whom?", her devices are offered, not his.
    PortalBrowserTest.fillReport(bob, "Her laptop's Wi-Fi drops", "VPN and remote access", "Hardware", "3", "2");
    bob.getByLabel("For whom?").fill("alice");
    bob.getByLabel("For whom?").blur();
    Locator forHer = ciField(bob);
    forHer.locator("input").click();
    assertThat(forHer.locator(".fjs-dropdownlist")).containsText("Laptop LT-10014 (lt-10014)");
    forHer.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText("(lt-10014)")).first().click();
    PortalBrowserTest.button(bob, "Report").click();
    String forHerNumber = PortalBrowserTest.ticketNumber(bob);
    JsonNode reportedForHer = new ApiClient(rest).get("nina", "/api/tickets/" + forHerNumber);
    assertThat(reportedForHer.get("configurationItem").asText()).isEqualTo("lt-10014");
    assertThat(reportedForHer.get("requester").asText()).isEqualTo("alice");

    // dora has no device and reads no CMDB: she is not asked for a CI.
    Page dora = browser.as("dora");
    PortalBrowserTest.go(dora, "/report");
    assertThat(dora.getByLabel("Title")).isVisible();
    assertThat(dora.locator("main")).not().containsText("Configuration item");
  }

  @Test
  void aChangesPageShowsWhatAChangeOfItsCiTouches() {
    EngineTime.runningFrom("2027-06-07T09:00");
    Map<String, Object> change = new HashMap<>(Map.of("title", "Patch the VPN portal", "service", "vpn",
        "changeType", "normal", "plannedStart", "2027-06-26T08:00", "plannedEnd", "2027-06-26T09:00", "impact", 3,
        "implementationGroup", "network", "complexity", "low", "tested", true, "implementationPlan", "Patch it"));
    change.put("backoutPlan", "Unpatch it");
    change.put("configurationItem", "app-vpn-portal");
    var raised = ApiClient.as(rest, "nina", "nina").postForEntity("/api/changes", change, String.class);
    assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(201);
    String number = ApiClient.read(raised).get("number").asText();

    Page nina = browser.as("nina");
    PortalBrowserTest.go(nina, "/tickets/" + number);
    Locator impact = nina.locator("section.impact");
    assertThat(impact).containsText("A change of VPN portal (app-vpn-portal) touches");
    assertThat(impact).containsText("VPN and remote access");
    Browser.screenshot(nina, "cmdb-2-change-impact");
  }
}
