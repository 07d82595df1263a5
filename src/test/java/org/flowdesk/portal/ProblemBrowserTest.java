package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * Known errors on an incident's page in Chromium: alice reports that her mail drops attachments,
 * bob (service desk) finds the known error of the e-mail service in "Known problems", links the
 * incident to it and applies its workaround, which alice reads on her ticket; the card then says it was applied,
 * in English and German, offers it again once revised, and says it was withdrawn once the problem has none.
 * axe-core on the screen. Shares PortalBrowserTest's Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProblemBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
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
    Page bob = browser.as("bob");
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
    // Applied, the card says so, when and by whom, instead of offering it again.
    var applied = bob.locator(".known-problems li.known-problem").filter(
        new com.microsoft.playwright.Locator.FilterOptions().setHasText(problem));
    assertThat(applied.locator(".applied")).hasText(
        Pattern.compile("^Workaround applied \\S.*2027.* by Bob Becker$"));
    assertThat(button(bob, "Apply the workaround of " + problem)).hasCount(0);
    Browser.screenshot(bob, "problems-2-workaround-applied");
    // In German for sam, who works the service desk too.
    Page sam = browser.as("sam", "de-DE", "Europe/Berlin");
    go(sam, "/tickets/" + incident);
    assertThat(sam.locator(".known-problems .applied")).hasText(
        Pattern.compile("^Umgehung angewendet am 07\\.06\\.2027, \\d\\d:\\d\\d von Bob Becker$"));
    assertThat(button(sam, "Umgehung von " + problem + " anwenden")).hasCount(0);

    // The workaround is revised on the problem (as an investigation after a failed fix does, see ProblemApiTest):
    // the card offers the new one, and once it is applied, no more.
    jdbc.sql("UPDATE fd_problem SET workaround = 'Send it as a link to the file share', "
        + "workaround_revision = workaround_revision + 1 WHERE ticket_number = ?").param(problem).update();
    go(bob, "/tickets/" + incident);
    assertThat(applied.locator(".applied")).containsText("by Bob Becker It was revised since.");
    button(bob, "Apply the revised workaround of " + problem).click();
    assertThat(bob.locator("ol.timeline")).containsText("Send it as a link to the file share");
    assertThat(applied.locator(".applied")).not().containsText("revised");
    assertThat(button(bob, "Apply the revised workaround of " + problem)).hasCount(0);

    // The workaround is withdrawn (an investigation after another failed fix found none): the card says so, at desk
    // size, and offers nothing to apply; in German too.
    jdbc.sql("UPDATE fd_problem SET workaround = NULL, workaround_revision = workaround_revision + 1 "
        + "WHERE ticket_number = ?").param(problem).update();
    go(bob, "/tickets/" + incident);
    assertThat(applied.locator(".applied")).hasText(Pattern.compile("^Workaround applied \\S.*2027.* by Bob Becker "
        + "It was withdrawn since: " + problem + " has no workaround now\\.$"));
    assertThat(applied).not().containsText("revised");
    assertThat(applied.locator("button.primary")).hasCount(0);
    Axe.seriousViolations(bob).forEach(v -> problems.add("/tickets/{incident} with a withdrawn workaround: " + v));
    Browser.screenshot(bob, "problems-2b-workaround-withdrawn");
    go(sam, "/tickets/" + incident);
    assertThat(sam.locator(".known-problems .applied")).hasText(Pattern.compile("^Umgehung angewendet am "
        + "07\\.06\\.2027, \\d\\d:\\d\\d von Bob Becker Sie wurde seitdem zurückgezogen: " + problem
        + " hat derzeit keine Umgehung\\.$"));
    Axe.seriousViolations(sam).forEach(v -> problems.add("/tickets/{incident} with a withdrawn workaround, German: "
        + v));

    Page alice = browser.as("alice");
    go(alice, "/tickets/" + incident);
    assertThat(alice.locator("ol.timeline")).containsText("Workaround for the known error " + problem);
    assertThat(alice.locator(".known-problems")).hasCount(0);
    assertThat(api.get("bob", "/api/problems/" + problem).get("incidents").findValuesAsText("number"))
        .containsExactly(incident);
    assertThat(problems).isEmpty();
  }

  @Test
  void anAgentFindsAProblemInTheListAndReadsItsIncidentsChangeAndTimelineWhileARequesterIsRefused() {
    EngineTime.runningFrom("2027-06-14T09:00");
    ApiClient api = new ApiClient(rest);
    List<String> incidents = new ArrayList<>();
    for (String requester : List.of("alice", "greta")) {
      incidents.add(ApiClient.read(api.call(requester, HttpMethod.POST, "/api/incidents", Map.of(
          "title", "Quokka printouts come out blank", "service", "printer", "category", "hardware",
          "impact", 3, "urgency", 3))).get("number").asText());
    }
    String third = ApiClient.read(api.call("hana", HttpMethod.POST, "/api/incidents", Map.of(
        "title", "Quokka printer prints blank pages", "service", "printer", "category", "hardware",
        "impact", 3, "urgency", 3))).get("number").asText();
    String problem = ApiClient.read(api.call("bob", HttpMethod.POST, "/api/problems", Map.of(
        "title", "Quokka toner cartridges are empty on delivery", "service", "printer",
        "assignmentGroup", "service-desk", "incidents", incidents))).at("/ticket/number").asText();
    api.work("bob", problem, "Investigate the problem", Map.of("rootCause", "The supplier ships unfilled cartridges",
        "affectedService", "printer", "workaround", "Take a cartridge from the spare shelf"));

    List<String> problems = new ArrayList<>();
    Page bob = browser.as("bob");
    go(bob, "/problems");
    assertThat(bob.locator("main h1")).hasText("Problems");
    bob.getByLabel("Words or a problem number").fill("quokka");
    button(bob, "Filter").click();
    var rows = bob.locator("table.problems tbody tr");
    assertThat(rows).hasCount(1);
    assertThat(rows.first().locator("th")).hasText(problem);
    assertThat(rows.first()).containsText("Quokka toner cartridges are empty on delivery");
    assertThat(rows.first()).containsText("known error");
    assertThat(rows.first().locator("td.num")).hasText("2");
    Axe.seriousViolations(bob).forEach(v -> problems.add("/problems: " + v));
    Browser.screenshot(bob, "problems-2-list");

    rows.first().locator("th a").click();
    bob.locator("main[aria-busy=false][data-route=\"/problems/" + problem + "\"] h1").waitFor();
    assertThat(bob.locator("main h1")).hasText(problem + ": Quokka toner cartridges are empty on delivery");
    assertThat(bob.locator(".problem-findings")).containsText("The supplier ships unfilled cartridges");
    assertThat(bob.locator(".problem-workaround h2")).hasText("Workaround (known error)");
    assertThat(bob.locator(".problem-workaround")).containsText("Take a cartridge from the spare shelf");
    var linked = bob.locator(".problem-incidents li");
    assertThat(linked).hasCount(2);
    for (String incident : incidents) {
      assertThat(bob.locator(".problem-incidents a[href=\"#/tickets/" + incident + "\"]")).hasText(incident);
    }
    assertThat(bob.locator("ol.timeline")).containsText("Linked to " + incidents.get(0));

    // The root cause is known: the fixing change is raised with the change form, the service filled in.
    bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Raise the fixing change")).click();
    bob.locator("main[aria-busy=false][data-route=\"/problems/" + problem + "/change\"] h1").waitFor();
    assertThat(bob.getByLabel("Title")).hasValue("Fix " + problem + ": Quokka toner cartridges are empty on delivery");
    assertThat(bob.locator(".fjs-form-field-select").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("Service")).locator(".fjs-select-display")).hasText("Printing");
    bob.getByLabel("Standard (pre-approved template)").check();
    bob.getByLabel("Standard-change template").fill("printer-firmware");
    for (String field : List.of("Planned start (date)", "Planned end (date)")) {
      bob.getByLabel(field).fill("06/16/2027");
      bob.getByLabel(field).blur();
    }
    Browser.time(bob, "Planned start (time)", "10:00");
    Browser.time(bob, "Planned end (time)", "11:00");
    bob.getByLabel(java.util.regex.Pattern.compile("^Impact")).fill("3");
    Axe.seriousViolations(bob).forEach(v -> problems.add("/problems/{problem}/change: " + v));
    button(bob, "Raise the change").click();
    bob.locator("main[aria-busy=false][data-route=\"/problems/" + problem + "\"] h1").waitFor(
        new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
    assertThat(bob.locator("#message")).containsText("The problem waits for its outcome.");
    var change = bob.locator(".problem-changes a.number");
    assertThat(change).hasCount(1);
    assertThat(change).hasText(java.util.regex.Pattern.compile("CHG-\\d+"));
    assertThat(bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Raise the fixing change")))
        .hasCount(0);
    org.assertj.core.api.Assertions.assertThat(api.get("bob", "/api/problems/" + problem).get("changes")
        .findValuesAsText("number")).containsExactly(change.textContent());

    // The third report links in one step, and the list of incidents grows.
    bob.getByLabel("Link an incident").fill(third);
    button(bob, "Link").click();
    assertThat(bob.locator(".problem-incidents h2")).hasText("Incidents (3)");
    assertThat(bob.locator(".problem-incidents a[href=\"#/tickets/" + third + "\"]")).hasText(third);
    Axe.seriousViolations(bob).forEach(v -> problems.add("/problems/{problem}: " + v));
    Browser.screenshot(bob, "problems-3-problem");

    bob.locator(".problem-incidents a[href=\"#/tickets/" + third + "\"]").click();
    bob.locator("main[aria-busy=false][data-route=\"/tickets/" + third + "\"] h1").waitFor();
    assertThat(bob.locator("main h1")).containsText(third);
    // The incident names how it is linked, in words: caused by the problem.
    assertThat(bob.locator("section.links li").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(problem))).containsText("Caused by " + problem);

    // An agent whose browser speaks German reads the list in German.
    Page hana = browser.as("hana", "de-DE", "Europe/Berlin");
    go(hana, "/problems");
    assertThat(hana.locator("main h1")).hasText("Probleme");
    assertThat(hana.locator("table.problems thead")).containsText("Störungen");
    // Other tests of this context log problems too: the row of this one.
    assertThat(hana.locator("table.problems tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(problem)).locator(".status")).hasText("Wird behoben");
    assertThat(hana.getByLabel("Nur offene Probleme")).isChecked();
    Browser.screenshot(hana, "problems-4-list-german");
    // An agent of the service desk reads in German how the incident is linked.
    Page sam = browser.as("sam", "de-DE", "Europe/Berlin");
    go(sam, "/tickets/" + third);
    assertThat(sam.locator("section.links li").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText(problem))).containsText("Verursacht durch " + problem);
    assertThat(sam.locator("ol.timeline")).containsText("Verknüpft mit " + problem + " (verursacht durch)");

    // A requester: no link in the navigation, the portal's "not found" for the address, and the API refuses.
    Page alice = browser.as("alice");
    assertThat(alice.locator("#nav a[href=\"#/problems\"]")).hasCount(0);
    assertThat(bob.locator("#nav a[href=\"#/problems\"]")).hasText("Problems");
    go(alice, "/problems/" + problem);
    assertThat(alice.locator("main h1")).hasText("Not found");
    assertThat(alice.locator("main")).not().containsText("Quokka toner");
    go(alice, "/problems");
    assertThat(alice.locator("main h1")).hasText("Not found");
    org.assertj.core.api.Assertions.assertThat(api.call("alice", HttpMethod.GET, "/api/problems/" + problem, null)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(problems).isEmpty();
  }
}
