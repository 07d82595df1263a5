package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.doTask;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.link;
import static org.flowdesk.portal.PortalBrowserTest.ticketNumber;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.cmdb.Laptops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * "Return a device" in the portal: alice finds it in the catalog, is offered her own devices only, names the
 * laptop she gives back and says why; bob receives it from the ticket's page and retires it; her ticket says so
 * and the laptop is gone from "My devices". Shares PortalBrowserTest's Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DeviceReturnBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  @Test
  void aRequesterGivesBackHerLaptopAndTheServiceDeskRetiresIt() {
    ApiClient api = new ApiClient(rest);
    String key = Laptops.of(api, "alice");
    String name = Laptops.name(key);

    // Nothing the pages ask for is refused or missing (the ticket page asked for a person "flowdesk", a 404).
    List<String> refused = new ArrayList<>();
    Page alice = browser.as("alice");
    alice.onResponse(r -> {
      if (r.status() >= 400) {
        refused.add("alice: " + r.status() + " " + r.url());
      }
    });
    go(alice, "/devices");
    assertThat(alice.locator("main")).containsText(name);

    go(alice, "/catalog");
    link(alice, "Return a device").click();
    assertThat(alice.locator("main h1")).hasText("Return a device");
    // The form asks which device: it is required.
    button(alice, "Order").click();
    assertThat(alice.locator(".error-summary")).containsText("Device is required");
    Locator device = alice.locator(".fjs-form-field-select").filter(new Locator.FilterOptions()
        .setHas(alice.locator("label", new Page.LocatorOptions().setHasText("Device"))));
    device.locator("input").click();
    // Her own devices only: not bob's laptop, not the VPN's servers.
    Locator offered = device.locator(".fjs-dropdownlist");
    assertThat(offered).containsText(name + " (" + key + ")");
    assertThat(offered).not().containsText("app-vpn-portal");
    assertThat(offered).not().containsText("lt-10001");
    device.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText("(" + key + ")")).first().click();
    alice.getByLabel("Why do you give it back?").fill("I got a new one");
    // The device named, the refusal's words go.
    assertThat(alice.locator(".error-summary")).isHidden();
    Browser.screenshot(alice, "return-1-form");
    button(alice, "Order").click();
    String number = ticketNumber(alice);
    assertThat(number).startsWith("REQ-");
    assertThat(alice.locator("main h1")).hasText(number + ": Return a device: " + key + ", from Alice Andersen");
    // Her laptop by name: she reads no CMDB, so from her own devices.
    assertThat(alice.locator(".facts").first()).containsText(name + " (" + key + ")");
    assertThat(alice.locator(".answers")).containsText("I got a new one");
    Browser.screenshot(alice, "return-2-requested");

    Page bob = browser.as("bob");
    bob.onResponse(r -> {
      if (r.status() >= 400) {
        refused.add("bob: " + r.status() + " " + r.url());
      }
    });
    doTask(bob, number, "Receive the device", p -> {
      assertThat(p.getByLabel("What the requester asked for")).hasValue(Pattern.compile(key));
      p.getByLabel("Retire it").check();
      p.getByLabel("Notes on the device").fill("Screen cracked");
    });
    Browser.screenshot(bob, "return-3-received");
    // The service desk reads the CMDB: the laptop links to its CI's page.
    assertThat(bob.locator(".facts").first().getByRole(AriaRole.LINK,
        new Locator.GetByRoleOptions().setName(name + " (" + key + ")"))).hasAttribute("href",
        "#/cmdb/ci/" + key);

    go(alice, "/tickets/" + number);
    assertThat(alice.locator(".timeline")).containsText("Screen cracked");
    go(alice, "/devices");
    assertThat(alice.locator("main")).not().containsText(name);
    JsonNode ci = api.get("bob", "/api/cis/" + key);
    assertThat(ci.get("lifecycle").asText()).isEqualTo("retired");
    assertThat(ci.at("/attributes/assignedTo").isMissingNode()).isTrue();
    assertThat(refused).isEmpty();
  }
}
