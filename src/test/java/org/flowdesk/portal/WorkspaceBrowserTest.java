package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;

/**
 * The agent's workspace in the portal: bob filters the queue, saves the view and sees its count,
 * sorts by a column, selects three tickets and resolves them at once; the report says which were
 * resolved and why the one sam has taken on was not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WorkspaceBrowserTest {

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

  String report(String title) {
    ResponseEntity<String> reported = api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "printer", "category", "hardware", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode()).as(reported.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(reported).get("number").asText();
  }

  @Test
  void anAgentFiltersSavesAViewAndResolvesThreeTicketsAtOnceSeeingWhyOneWasNot() {
    List<String> tickets = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      tickets.add(report("Quenchwort printer " + i + " beeps"));
    }
    String samHas = tickets.get(1);
    api.call("sam", HttpMethod.POST, "/api/tasks/" + api.taskOf("sam", samHas, "Work incident") + "/claim", null);

    Page bob = browser.as("bob");
    PriorityBrowserTest.go(bob, "/queues");
    bob.getByLabel("Words").fill("Quenchwort");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show").setExact(true)).click();
    assertThat(bob.locator("main tr.ticket")).hasCount(3);
    // Nobody has taken two of them on: the response is what is due; sam's is past its response.
    assertThat(bob.locator("main tr.ticket", new Page.LocatorOptions().setHasText(tickets.get(0)))).containsText("Response ");
    assertThat(bob.locator("main tr.ticket", new Page.LocatorOptions().setHasText(samHas))).not().containsText("Response ");
    // Their age as people say it, just reported; when exactly on hovering.
    Locator age = bob.locator("main tr.ticket td[data-label=Age]").first();
    assertThat(age).hasText(Pattern.compile("^(now|\\d+ minutes? ago)$"));
    assertThat(age).hasAttribute("title", Pattern.compile("\\d{4}, \\d{1,2}:\\d{2}"));

    bob.getByLabel("Name of the view").fill("Quenchwort printers");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save this view")).click();
    assertThat(bob.locator(".saved-views button.view", new Page.LocatorOptions().setHasText("Quenchwort printers")))
        .hasText("Quenchwort printers (3)");

    // Sorted by age, youngest first, then the other way round.
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Age").setExact(true)).click();
    assertThat(bob.locator("main tr.ticket").first().locator(".number")).hasText(tickets.get(2));
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Age").setExact(true)).click();
    assertThat(bob.locator("main tr.ticket").first().locator(".number")).hasText(tickets.get(0));
    assertThat(bob.locator("th[aria-sort=descending] button")).hasText("Age");

    for (String ticket : tickets) {
      bob.getByLabel("Select " + ticket).check();
    }
    assertThat(bob.locator(".bulk-bar")).containsText("3 selected");
    bob.getByLabel("Action").selectOption("resolve");
    bob.getByLabel("Resolution code").selectOption(new SelectOption().setLabel("Solved (permanently)"));
    bob.getByLabel("Resolution notes").fill("Quenchwort firmware rolled out");
    Browser.screenshot(bob, "workspace-1-selected");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to the selected tickets")).click();

    Locator report = bob.locator("#bulk-report");
    assertThat(report.locator("h2")).hasText("Done for 2, refused for 1");
    assertThat(report.locator("li.refused")).containsText(samHas);
    assertThat(report.locator("li.refused")).containsText("taken on by Sam Silva");
    assertThat(report.locator("li.done")).hasCount(2);
    Browser.screenshot(bob, "workspace-2-report");
    // The open queue keeps sam's only, and the view counts it.
    assertThat(bob.locator("main tr.ticket")).hasCount(1);
    assertThat(bob.locator(".saved-views button.view", new Page.LocatorOptions().setHasText("Quenchwort printers")))
        .hasText("Quenchwort printers (1)");
    assertThat(api.status("alice", tickets.get(0))).isEqualTo("resolved");
    assertThat(api.status("alice", samHas)).isEqualTo("in_progress");
  }

  @Test
  void anAgentSelectsThreeTicketsAndAssignsThemToAColleague() {
    List<String> tickets = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      // Titles as long as people write them, which leave the other columns little room.
      tickets.add(report("Brindlewick printer " + i + " squeaks at every job from the third floor and shows error 0x5F"
          + " until it is switched off and on again"));
    }

    Page bob = browser.as("bob");
    PriorityBrowserTest.go(bob, "/queues");
    bob.getByLabel("Words").fill("Brindlewick");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show").setExact(true)).click();
    assertThat(bob.locator("main tr.ticket")).hasCount(3);
    // At 1280 px, all of them new (a narrow status), the column headers keep their words whole: "Status", not
    // "Statu" over "s".
    assertThat(brokenHeaderWords(bob)).isEmpty();
    for (String ticket : tickets) {
      bob.getByLabel("Select " + ticket).check();
    }
    bob.getByLabel("Action").selectOption("assign");
    // The colleagues of bob's groups, by name; bob himself is "Me".
    bob.getByLabel("Assign to").selectOption(new SelectOption().setLabel("Sam Silva"));
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to the selected tickets")).click();

    assertThat(bob.locator("#bulk-report h2")).hasText("Done for 3, refused for 0");
    for (String ticket : tickets) {
      assertThat(api.get("alice", "/api/tickets/" + ticket).get("assignee").asText()).isEqualTo("sam");
    }
    Browser.screenshot(bob, "workspace-3-assigned");

    // The next action, stopped by the browser (a comment without its text), leaves no report of the last to
    // read as its own.
    for (String ticket : tickets) {
      bob.getByLabel("Select " + ticket).check();
    }
    bob.getByLabel("Action").selectOption("comment");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to the selected tickets")).click();
    assertThat(bob.locator("#bulk-report h2")).hasCount(0);
    assertThat(bob.locator(".bulk-bar textarea[name=text]")).isFocused();
    bob.locator(".bulk-bar textarea[name=text]").fill("Sam has them now");
    bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to the selected tickets")).click();
    assertThat(bob.locator("#bulk-report h2")).hasText("Done for 3, refused for 0");
  }

  /** A request being fulfilled is in the queue of the group that delivers it, and is taken on from there. */
  @Test
  void facilitiesFindsTheRepairsItDeliversInItsQueueAndTakesThemOn() {
    List<String> repairs = new ArrayList<>();
    for (String room : List.of("Gloamstone room 9.01", "Gloamstone room 9.02")) {
      ResponseEntity<String> ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "room-repair",
          "answers", Map.of("location", room, "details", "The projector hums")));
      assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
      repairs.add(ApiClient.read(ordered).get("number").asText());
    }

    Page fred = browser.as("fred");
    PriorityBrowserTest.go(fred, "/queues");
    fred.getByLabel("Words").fill("Gloamstone");
    fred.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show").setExact(true)).click();
    assertThat(fred.locator("main p.meta").first()).hasText("2 tickets");
    assertThat(fred.locator("main tr.ticket")).hasCount(2);
    Browser.screenshot(fred, "workspace-4-requests-in-the-queue");
    for (String repair : repairs) {
      fred.getByLabel("Select " + repair).check();
    }
    fred.getByLabel("Action").selectOption("assign");
    fred.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply to the selected tickets")).click();

    assertThat(fred.locator("#bulk-report h2")).hasText("Done for 2, refused for 0");
    Browser.screenshot(fred, "workspace-5-requests-taken-on");
    // The request's page, as its agent reads it: its group, and fred, who took on its step.
    fred.locator("#bulk-report a", new Page.LocatorOptions().setHasText(repairs.get(0))).click();
    assertThat(fred.locator(".facts")).containsText("GroupFacilities");
    assertThat(fred.locator(".facts")).containsText("Worked on byFred Fischer");
    Browser.screenshot(fred, "workspace-6-request-page");
    for (String repair : repairs) {
      assertThat(api.get("alice", "/api/tickets/" + repair).get("assignee").asText()).isEqualTo("fred");
      assertThat(api.get("alice", "/api/tickets/" + repair).get("assignmentGroup").asText()).isEqualTo("facilities");
    }
  }

  /** The words of the queue's column headers that the browser broke over two lines. */
  static List<String> brokenHeaderWords(Page page) {
    @SuppressWarnings("unchecked")
    List<String> broken = (List<String>) page.evaluate("""
        () => [...document.querySelectorAll('table.workspace thead th')].flatMap(th => {
          const broken = [];
          const texts = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
          for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            for (const word of node.data.matchAll(/\\S+/g)) {
              const range = document.createRange();
              range.setStart(node, word.index);
              range.setEnd(node, word.index + word[0].length);
              const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              if (lines.size > 1) broken.push(word[0]);
            }
          }
          return broken;
        })""");
    return broken;
  }

  @Test
  void anAgentReadsTheOrganisationsAndACalendarsDaysOff() {
    Page bob = browser.as("bob");
    PriorityBrowserTest.go(bob, "/service-levels/2027");
    assertThat(bob.locator("table.organisations")).containsText("Northwind Traders");
    assertThat(bob.locator("table.organisations")).containsText("gold");
    Locator facilities = bob.locator("section.calendar-hours[data-calendar=facilities]");
    assertThat(facilities).containsText("07:00–16:00");
    assertThat(facilities.locator(".days-off")).not().containsText("2027-03-08");
    Browser.screenshot(bob, "service-levels");
  }

  /** The days off as a German reader writes days, not 2027-03-08 and 12-24. */
  @Test
  void aGermanAgentReadsACalendarsDaysOffAsGermanDays() {
    Page bob = browser.as("bob", "de-DE", "Europe/Berlin");
    PriorityBrowserTest.go(bob, "/service-levels/2027");
    Locator facilities = bob.locator("section.calendar-hours[data-calendar=facilities]");
    assertThat(facilities.locator(".days-off")).containsText("08.03.2027");
    assertThat(facilities.locator(".days-off")).not().containsText("2027-");
    assertThat(facilities.locator(".also-closed")).hasText("24. Dezember, 31. Dezember");
    // The names, levels and descriptions as catalog/i18n/de.yaml words them.
    assertThat(facilities.locator("h3")).hasText("Gebäudemanagement");
    assertThat(facilities).hasAttribute("aria-label", "Gebäudemanagement");
    assertThat(facilities).containsText("Das Gebäudemanagement arbeitet in Frühschichten in Berlin.");
    assertThat(bob.locator("section.calendar-hours[data-calendar=business] h3")).hasText("Geschäftszeiten");
    assertThat(bob.locator("table.organisations")).containsText("FlowDesk (eigene Mitarbeitende)");
    assertThat(bob.locator("table.organisations")).containsText("Silber");
    assertThat(bob.locator("table.organisations")).not().containsText("silver");
    Browser.screenshot(bob, "service-levels-de");
  }
}
