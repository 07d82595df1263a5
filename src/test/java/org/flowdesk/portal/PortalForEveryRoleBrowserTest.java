package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.fillReport;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.ticketNumber;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;

/**
 * The portal as each role meets it (issue 17): an ended session, errors, a lost claim race, long
 * comments, names instead of ids, times in the person's locale and zone, forms on a phone. Shares
 * PortalBrowserTest's Spring context (same annotations), so it costs no context start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalForEveryRoleBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  static void logIn(Page page, String user) {
    Browser.signIn(page, user);
  }

  /** An incident reported by alice through the API, as another client would. */
  String reportedByAlice(String title) {
    var reported = ApiClient.as(rest, "alice", "alice").postForEntity("/api/incidents", Map.of("title", title,
        "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3), String.class);
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    return ApiClient.read(reported).get("number").asText();
  }

  @Test
  void anExpiredSessionEndsAtTheLoginAndWhatWasTypedComesBack() {
    Page alice = browser.as("alice");
    fillReport(alice, "Printer jams on every page", "Printing", "Hardware", "3", "2");
    // The session ends while she types (it timed out, FlowDesk restarted, she logged out in another tab).
    alice.context().clearCookies();
    button(alice, "Report").click();
    alice.waitForURL("**/login");
    Browser.screenshot(alice, "session-1-login");
    logIn(alice, "alice");
    alice.locator("main[aria-busy=false][data-route=\"/report\"] h1").waitFor();
    assertThat(alice.getByLabel("Title")).hasValue("Printer jams on every page");
    assertThat(alice.getByLabel(Pattern.compile("^Impact"))).hasValue("3");
    assertThat(alice.getByLabel(Pattern.compile("^Urgency"))).hasValue("2");
    assertThat(alice.locator("#message")).containsText("what you had typed is back");
    Browser.screenshot(alice, "session-2-back-with-the-text");
    button(alice, "Report").click();
    assertThat(ticketNumber(alice)).startsWith("INC-");
  }

  @Test
  void aNewErrorReplacesTheOldBannerAndAPageSaysItIsLoading() {
    Page alice = browser.as("alice");
    fillReport(alice, "Mail is slow", "E-mail", "Software", "2", "2");
    alice.route("**/api/incidents", route -> route.fulfill(new Route.FulfillOptions().setStatus(503)
        .setContentType("application/problem+json")
        .setBody("{\"title\":\"Unavailable\",\"status\":503,\"detail\":\"FlowDesk is being updated; try again in a minute.\"}")));
    button(alice, "Report").click();
    assertThat(alice.locator("#message")).hasText("FlowDesk is being updated; try again in a minute.");
    alice.getByLabel("Title").fill("");
    button(alice, "Report").click();
    assertThat(alice.locator(".error-summary")).containsText("Title is required");
    assertThat(alice.locator("#message")).hasText("");
    alice.unrouteAll();

    // Between pages the portal says it is loading while the next page's data is on its way.
    AtomicReference<Route> held = new AtomicReference<>();
    alice.route("**/api/tickets?mine=true*", held::set);
    alice.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My tickets").setExact(true)).first().click();
    assertThat(alice.locator("#loading")).isVisible();
    assertThat(alice.locator("#loading")).hasText("Loading…");
    Browser.screenshot(alice, "loading");
    held.get().resume();
    alice.locator("main[aria-busy=false][data-route=\"/tickets\"] h1").waitFor();
    assertThat(alice.locator("#loading")).isHidden();
  }

  @Test
  void anAgentSeesNamesAndAgentWordsAndWhoWonAClaimRaceWithoutOfferingClaimAgain() {
    String number = reportedByAlice("Laptop fan is loud");
    Page bob = browser.as("bob");
    go(bob, "/tickets/" + number);
    Locator facts = bob.locator(".facts").first();
    assertThat(facts).containsText("Alice Andersen");
    assertThat(facts).containsText("Laptops and desktops");
    assertThat(facts).containsText("Service desk");
    assertThat(facts).not().containsText("service-desk");
    assertThat(bob.locator("main h2", new Page.LocatorOptions().setHasText("Your tasks on this ticket"))).isVisible();
    assertThat(bob.locator("main")).not().containsText("Waiting for you");
    assertThat(button(bob, "Claim")).isVisible();

    // Sam, of the same group, is quicker.
    JsonNode tasks = ApiClient.read(ApiClient.as(rest, "sam", "sam").getForEntity("/api/tasks?ticket=" + number,
        String.class));
    String task = tasks.get(0).get("id").asText();
    assertThat(ApiClient.as(rest, "sam", "sam").postForEntity("/api/tasks/" + task + "/claim", null, String.class)
        .getStatusCode().value()).isEqualTo(200);
    button(bob, "Claim").click();
    assertThat(bob.locator("#message")).containsText("has been taken on by Sam Silva in the meantime");
    assertThat(bob.locator("#message")).not().containsText(task);
    assertThat(button(bob, "Claim")).hasCount(0);
    assertThat(bob.locator(".facts").first()).containsText("Sam Silva");
    Browser.screenshot(bob, "claim-race-lost");
  }

  @Test
  void aCommentLongerThanTheLimitIsNotCutButRefusedInWordsBeforeSending() {
    String number = reportedByAlice("Screen flickers");
    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    String tooLong = "x".repeat(20_001);
    alice.getByLabel("Add a comment").fill(tooLong);
    assertThat(alice.getByLabel("Add a comment")).hasValue(tooLong);
    assertThat(alice.locator("#comment-count")).hasText("20,001 of at most 20,000 characters");
    button(alice, "Comment").click();
    assertThat(alice.locator("#message")).hasText(
        "Your comment has 20,001 characters; at most 20,000 fit. Shorten it, or send it as two comments.");
    assertThat(alice.getByLabel("Add a comment")).hasValue(tooLong);
    Browser.screenshot(alice, "comment-too-long");
  }

  @Test
  void timesFollowThePersonsLocaleAndSayTheServiceDesksZoneWhereItIsAnother() {
    // A February day, on any day the suite runs: Berlin and New York both on standard time, six hours apart.
    org.flowdesk.EngineTime.runningFrom("2027-02-01T09:00");
    LocalDate day = LocalDate.of(2027, 2, 16);
    Map<String, Object> change = new HashMap<>(Map.of("title", "Patch the Wi-Fi controller", "service", "network",
        "changeType", "normal", "plannedStart", day + "T08:00", "plannedEnd", day + "T09:30", "impact", 3,
        "implementationGroup", "network", "complexity", "low", "tested", true,
        "implementationPlan", "Install the patch on the standby controller, then fail over"));
    change.put("backoutPlan", "Fail back to the unpatched controller");
    var raised = ApiClient.as(rest, "bob", "bob").postForEntity("/api/changes", change, String.class);
    assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(201);
    String number = ApiClient.read(raised).get("number").asText();

    // Carl's browser speaks German (so the portal does) and he is in New York this week.
    Page carl = browser.as("carl", "de-DE", "America/New_York");
    go(carl, "/tickets/" + number);
    Locator opened = carl.locator(".facts dt:text-is('Eröffnet') + dd");
    assertThat(opened).hasText(Pattern.compile("^\\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}$"));
    Locator window = carl.locator(".facts dt:text-is('Zeitfenster') + dd");
    // 08:00 in Berlin is 02:00 in New York; the plan's own time is given with its zone.
    assertThat(window).containsText(", 02:00 –");
    assertThat(window).containsText(Pattern.compile("08:00 MES?Z – .*09:30 MES?Z, Zeit des Service-Desks"));
    Browser.screenshot(carl, "times-in-the-persons-zone");
  }

  @Test
  void onAPhoneFormLabelsWrapAndNumberFieldsKeepTheirArrows() {
    Page alice = browser.as("alice");
    alice.setViewportSize(390, 844);
    go(alice, "/report");
    Locator impactLabel = alice.locator(".fjs-form-field-number label").first();
    assertThat(impactLabel).containsText("3 = just me");
    List<Boolean> fits = List.of((Boolean) impactLabel.evaluate("el => el.scrollWidth <= el.clientWidth + 1"),
        (Boolean) impactLabel.evaluate("el => el.getBoundingClientRect().height > 30"));
    assertThat(fits).as("the whole label is shown, on more than one line").containsExactly(true, true);
    Locator group = alice.locator(".fjs-form-field-number .fjs-input-group").first();
    Locator arrows = group.locator(".fjs-number-arrow-container");
    assertThat(arrows).isVisible();
    var box = arrows.boundingBox();
    var field = group.boundingBox();
    assertThat(box.width).isGreaterThanOrEqualTo(16);
    assertThat(box.x + box.width).isLessThanOrEqualTo(field.x + field.width + 1);
    for (Locator arrow : arrows.locator("button").all()) {
      assertThat((Boolean) arrow.evaluate("el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight"))
          .as("the arrow is drawn whole, not cut off").isTrue();
    }
    arrows.locator("button").first().click();
    assertThat(alice.getByLabel(Pattern.compile("^Impact"))).hasValue("1");
    Browser.screenshot(alice, "phone-report-form");
  }

  @Test
  void serviceOwnersFindTheMeasuresInTheMenuAndTheChartsFitAPhone() {
    assertThat(browser.as("alice").locator("#nav")).not().containsText("Measures");
    Page sofia = browser.as("sofia");
    // One process instance ended in the period: "1 instance", not "1 instances".
    sofia.route("**/api/measures/bottlenecks*", route -> route.fulfill(new Route.FulfillOptions()
        .setContentType("application/json").setBody("{\"processes\":[{\"processKey\":\"incident\","
            + "\"name\":\"Incident\",\"version\":1,\"instances\":1,\"activities\":[{\"activityId\":"
            + "\"Activity_WorkIncident\",\"name\":\"Work incident, with a name long enough to need cutting\","
            + "\"sharePercent\":80},{\"activityId\":\"Activity_Confirm\",\"name\":\"Confirm resolution\","
            + "\"sharePercent\":20}]}]}")));
    sofia.setViewportSize(390, 844);
    sofia.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Measures")).click();
    sofia.waitForURL("**/measures");
    sofia.locator("body[data-ready=true]").waitFor();
    assertThat(sofia.locator("main")).containsText("Incident (version 1, 1 instance)");
    assertThat(sofia.locator("main")).containsText("(SLA hours)");
    assertThat(sofia.locator("main")).containsText("business hours for services supported in business hours");
    // The period's figures as a spreadsheet, for the period shown.
    com.microsoft.playwright.Download download = sofia.waitForDownload(() -> sofia.locator("#export-cost-csv").click());
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).startsWith("cost-").endsWith(".csv");
    Locator charts = sofia.locator(".chart");
    assertThat(charts).not().hasCount(0);
    for (Locator chart : charts.all()) {
      // The axes' labels are inside the chart (ECharts' containLabel) and the chart inside the phone's width.
      assertThat((Boolean) chart.evaluate("el => echarts.getInstanceByDom(el).getOption().grid[0].containLabel === true"
          + " && el.getBoundingClientRect().right <= document.documentElement.clientWidth")).as(chart.getAttribute("id"))
          .isTrue();
    }
    sofia.screenshot(new Page.ScreenshotOptions().setFullPage(true)
        .setPath(Browser.SCREENSHOTS.resolve("measures-phone-only.png")));
    Browser.screenshot(sofia, "measures");
  }

  @Test
  void anAgentRaisesAChangeWithItsFormAndTheCalendarShowsItWithBlackoutsAndConflicts() {
    // The catalog's year-end closing (erp) begins on 28 December; the changes go into that week, after
    // the holiday freeze (23 to 27 December). From 1 December 2027, on any day the suite runs.
    org.flowdesk.EngineTime.runningFrom("2027-12-01T09:00");
    LocalDate monday = LocalDate.of(2027, 12, 27);
    LocalDate tuesday = monday.plusDays(1);

    // A standard change (pre-approved, so straight into the calendar) raised with the change-request form.
    Page bob = browser.as("bob");
    go(bob, "/changes");
    bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Raise a change")).click();
    bob.locator("main[aria-busy=false][data-route=\"/changes/new\"] h1").waitFor();
    bob.getByLabel("Title").fill("Replace the access point in room 2.14");
    PortalBrowserTest.choose(bob, "Service", "Network and Wi-Fi");
    bob.getByLabel("Standard (pre-approved template)").check();
    bob.getByLabel("Standard-change template").fill("wifi-access-point");
    String usDate = String.format("%02d/%02d/%d", tuesday.getMonthValue(), tuesday.getDayOfMonth(), tuesday.getYear());
    // form-js takes a typed date when the field is left, as a person tabs on.
    for (String field : List.of("Planned start (date)", "Planned end (date)")) {
      bob.getByLabel(field).fill(usDate);
      bob.getByLabel(field).blur();
      assertThat(bob.getByLabel(field)).hasValue(usDate);
    }
    Browser.time(bob, "Planned start (time)", "08:00");
    Browser.time(bob, "Planned end (time)", "09:00");
    bob.getByLabel(Pattern.compile("^Impact")).fill("3");
    Browser.screenshot(bob, "change-1-raise");
    button(bob, "Raise the change").click();
    // Raising runs the risk decision and the conflict check: the ticket page comes when they are done.
    bob.locator("main[aria-busy=false][data-route^=\"/tickets/CHG-\"] h1").waitFor(
        new Locator.WaitForOptions().setTimeout(30_000));
    String raised = ticketNumber(bob);
    assertThat(raised).startsWith("CHG-");
    assertThat(bob.locator("#message")).containsText("Raised: " + raised);
    go(bob, "/changes");
    assertThat(bob.locator("main")).containsText(raised);

    // A second one in the same window: the change manager lets it go ahead despite the conflict.
    Map<String, Object> second = Map.of("title", "Replace the access point in room 2.16", "service", "network",
        "changeType", "standard", "template", "wifi-access-point", "plannedStart", tuesday + "T08:30",
        "plannedEnd", tuesday + "T09:15", "impact", 3);
    var colliding = ApiClient.as(rest, "bob", "bob").postForEntity("/api/changes", second, String.class);
    assertThat(colliding.getStatusCode().value()).as(colliding.getBody()).isEqualTo(201);
    String other = ApiClient.read(colliding).get("number").asText();
    JsonNode carlsTasks = ApiClient.read(ApiClient.as(rest, "carl", "carl").getForEntity("/api/tasks?ticket=" + other,
        String.class));
    assertThat(carlsTasks).as("the conflict goes to the change manager").isNotEmpty();
    String form = carlsTasks.get(0).get("formId").asText();
    var decided = ApiClient.as(rest, "carl", "carl").postForEntity("/api/tasks/" + carlsTasks.get(0).get("id").asText()
        + "/complete", Map.of("decision", form.equals("change-conflict") ? "proceed" : "approve"), String.class);
    assertThat(decided.getStatusCode().value()).as(decided.getBody()).isEqualTo(204);

    Page carl = browser.as("carl");
    go(carl, "/calendar/month/2027-12");
    Locator blackoutDay = carl.locator("li.day[data-day=\"2027-12-28\"]");
    assertThat(blackoutDay).hasClass(Pattern.compile("in-blackout"));
    assertThat(blackoutDay).containsText("Blackout: Year-end closing in finance");
    Locator day = carl.locator("li.day[data-day=\"" + tuesday + "\"]");
    assertThat(day.locator(".entry.conflict")).hasCount(2);
    assertThat(day).containsText(raised);
    assertThat(day).containsText(other);
    assertThat(carl.locator(".conflicts")).containsText(raised);
    Browser.screenshot(carl, "change-2-calendar-month");

    go(carl, "/calendar/week/" + monday);
    assertThat(carl.locator("li.day[data-day=\"" + tuesday + "\"]")).containsText("Replace the access point in room 2.14");
    assertThat(carl.locator("li.day[data-day=\"" + tuesday + "\"]")).containsText("8:00");
    Browser.screenshot(carl, "change-3-calendar-week");
  }
}
