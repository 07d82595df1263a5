package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The incident form offers the chosen service's configuration items to an agent (not to a requester, who does not
 * read the CMDB), the ticket shows the one named, and a change's page shows what a change of its CI touches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CmdbFormsBrowserTest {

  static Browser browser;

  @LocalServerPort
  int port;
  @Autowired
  TestRestTemplate rest;

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  Page as(String user) {
    if (browser == null) {
      browser = new Browser(port);
    }
    return browser.as(user);
  }

  @Test
  void anAgentNamesTheVpnPortalOfTheVpnAndARequesterIsNotAskedForACi() {
    Page bob = as("bob");
    PortalBrowserTest.fillReport(bob, "VPN portal refuses logins", "VPN and remote access", "Network", "2", "2");
    Locator field = bob.locator(".fjs-form-field-select").filter(new Locator.FilterOptions()
        .setHas(bob.locator("label", new Page.LocatorOptions().setHasText("Configuration item"))));
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

    Page alice = as("alice");
    PortalBrowserTest.go(alice, "/report");
    assertThat(alice.getByLabel("Title")).isVisible();
    assertThat(alice.locator("main")).not().containsText("Configuration item");
  }

  @Test
  void aChangesPageShowsWhatAChangeOfItsCiTouches() {
    EngineTime.runningFrom("2027-06-07T09:00");
    Map<String, Object> change = new HashMap<>(Map.of("title", "Patch the VPN portal", "service", "vpn",
        "changeType", "normal", "plannedStart", "2027-06-26T08:00", "plannedEnd", "2027-06-26T09:00", "impact", 3,
        "implementationGroup", "network", "complexity", "low", "tested", true, "implementationPlan", "Patch it"));
    change.put("backoutPlan", "Unpatch it");
    change.put("configurationItem", "app-vpn-portal");
    var raised = rest.withBasicAuth("nina", "nina").postForEntity("/api/changes", change, String.class);
    assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(201);
    String number = ApiClient.read(raised).get("number").asText();

    Page nina = as("nina");
    PortalBrowserTest.go(nina, "/tickets/" + number);
    Locator impact = nina.locator("section.impact");
    assertThat(impact).containsText("A change of VPN portal (app-vpn-portal) touches");
    assertThat(impact).containsText("VPN and remote access");
    Browser.screenshot(nina, "cmdb-2-change-impact");
  }
}
