package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.ticketNumber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The portal in the person's language, the bell on every page, links in comments, and axe-core on every
 * page. Shares PortalBrowserTest's Spring context (same annotations), so it costs no context start-up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalLanguageBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  ApiClient api() {
    return new ApiClient(rest);
  }

  String reportedBy(String user, String title) {
    var reported = api().call(user, HttpMethod.POST, "/api/incidents", Map.of("title", title,
        "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3));
    assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    return ApiClient.read(reported).get("number").asText();
  }

  @Test
  void greta_whoseProfileSaysGerman_ordersInGermanAndFollowsHerRequestsJourneyInGerman() {
    // Greta's browser speaks English: her profile's language wins.
    Page greta = browser.as("greta");
    go(greta, "/");
    assertThat(greta.locator("html")).hasAttribute("lang", "de");
    assertThat(greta.locator("main h1")).hasText("Hallo Greta");
    assertThat(greta.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")))
        .containsText("Meine Tickets");
    assertThat(greta.locator("header")).containsText("Abmelden");
    go(greta, "/catalog");
    assertThat(greta.locator("main h1")).hasText("Katalog");
    assertThat(greta.locator("main")).containsText("Zusätzlicher Monitor");
    greta.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Zusätzlicher Monitor").setExact(true)).click();
    assertThat(greta.locator("main h1")).hasText("Zusätzlicher Monitor");
    assertThat(greta.locator("main")).containsText("Geliefert innerhalb von 5 Arbeitstagen");
    PortalBrowserTest.button(greta, "Bestellen").click();
    assertThat(greta.locator(".error-summary")).containsText("Größe ist erforderlich");
    // form-js's own words too: its check's message (in the API's words) and the empty select's text.
    assertThat(greta.locator(".fjs-form-field-error").first()).hasText("Größe ist erforderlich");
    assertThat(greta.locator("main .form")).not().containsText("Field is required");
    assertThat(greta.locator("main .form")).containsText("Auswählen");
    Browser.choose(greta, "Größe", "27 Zoll");
    greta.getByLabel("Wofür brauchen Sie ihn?").fill("Tabellen mit vielen Spalten");
    Browser.screenshot(greta, "german-1-order");
    PortalBrowserTest.button(greta, "Bestellen").click();
    assertThat(greta.locator("#message")).containsText("Bestellt:");
    String number = ticketNumber(greta);
    // The answer is kept as the value the process reads; the journey and statuses read German.
    assertThat(greta.locator("main")).containsText("Wartet auf Genehmigung");
    Locator journey = greta.locator("ol.journey");
    assertThat(journey.locator("li").first()).containsText("Eingereicht");
    assertThat(journey.locator("li[aria-current=step]")).containsText("Genehmigung");
    assertThat(journey.locator("li[aria-current=step]")).containsText("Wartet auf Mark Meyer");
    // The step it waits on reads German too (i18n/de.json's "steps"), on the journey and the approvals.
    assertThat(journey.locator("li[aria-current=step]")).containsText("(Vorgesetzte Person genehmigt)");
    assertThat(greta.locator("main")).containsText("Wo es steht");
    // The diagram names the steps as the journey does: in German, without the model's run-time expressions.
    greta.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Vollständiges Diagramm zeigen")).click();
    assertThat(greta.locator(".full-diagram .fd-current").first()).containsText("Vorgesetzte");
    assertThat(greta.locator(".full-diagram")).not().containsText("ticketTitle");
    Browser.screenshot(greta, "german-2-journey");
    assertThat(api().get("greta", "/api/tickets/" + number).get("status").asText()).isEqualTo("awaiting_approval");
    // Decided, the approval names its step in German as it did while it waited, not by the approval chain's code.
    api().work("mark", number, "Manager approves", Map.of("decision", "approve", "approvalComment", "Passt"));
    go(greta, "/tickets/" + number);
    assertThat(greta.locator(".approvals li").first()).containsText("Mark Meyer (Vorgesetzte Person genehmigt)");
    assertThat(greta.locator(".approvals")).not().containsText("(manager)");
  }

  @Test
  void aGermanBrowserGetsTheGermanPortalAndAPersonSwitchesBackToEnglishInTheHeader() {
    Page hana = browser.as("hana", "de-DE", "Europe/Berlin");
    go(hana, "/report");
    assertThat(hana.locator("main h1")).hasText("Problem melden");
    assertThat(hana.getByLabel("Titel")).isVisible();
    assertThat(hana.locator("main")).containsText("Sagen Sie uns, was nicht funktioniert.");
    // What the API refuses reads German too.
    go(hana, "/tickets/INC-999999");
    assertThat(hana.locator("main h1")).hasText("Nicht gefunden");
    assertThat(hana.locator("main .note.error")).hasText("Es gibt kein Ticket INC-999999, das Sie sehen dürfen");
    go(hana, "/report");
    try {
      hana.getByLabel("Sprache").selectOption("en");
      hana.waitForSelector("main[aria-busy=false] h1");
      assertThat(hana.locator("main h1")).hasText("Report a problem");
      assertThat(hana.locator("html")).hasAttribute("lang", "en");
      assertThat(api().get("hana", "/api/me/language").get("chosen").asText()).isEqualTo("en");
      hana.getByLabel("Language").selectOption("");
      hana.waitForSelector("main[aria-busy=false] h1");
      assertThat(hana.locator("main h1")).hasText("Problem melden");
    } finally {
      identityService.deleteUserInfo("hana", "language");
    }
  }

  /** The forms' date picker speaks the reader's language: German months and weekdays, the week from Monday. */
  @Test
  void aGermanFormsCalendarIsGerman() {
    Page nina = browser.as("nina", "de-DE", "Europe/Berlin");
    go(nina, "/changes/new");
    nina.locator(".fjs-form input.flatpickr-input").first().click();
    Locator calendar = nina.locator(".flatpickr-calendar.open");
    assertThat(calendar.locator(".flatpickr-weekday").first()).hasText("Mo");
    assertThat(calendar.locator(".flatpickr-weekday").nth(6)).hasText("So");
    // In English the same page keeps flatpickr's own words.
    Page english = browser.as("nina");
    go(english, "/changes/new");
    english.locator(".fjs-form input.flatpickr-input").first().click();
    assertThat(english.locator(".flatpickr-calendar.open .flatpickr-weekday").first()).hasText("Sun");
  }

  /** The number on the bell, 0 when it shows none. */
  static int bellCount(Page page) {
    Locator count = page.locator(".bell-count");
    return count.isVisible() ? Integer.parseInt(count.textContent().trim()) : 0;
  }

  /** The bell tells greta, whose profile says German, in German what the models told her in English. */
  @Test
  void greta_readsWhatTheBellTellsHerInGerman() {
    String number = reportedBy("greta", "Drucker druckt leere Seiten");
    Page greta = browser.as("greta");
    go(greta, "/tickets");
    greta.locator(".bell-button").click();
    Locator told = greta.locator("#bell-panel li").filter(new Locator.FilterOptions().setHasText(number));
    assertThat(told).containsText("Wir haben " + number + " erhalten. Es hat die Priorität");
    assertThat(told).not().containsText("We received");
    // The group by its German name (i18n/de.json, groups), in the bell, the ticket's facts and its timeline.
    assertThat(told).containsText("Service-Desk übernimmt es");
    Browser.screenshot(greta, "german-3-bell");
    // The API behind the bell answers in her language too.
    assertThat(api().get("greta", "/api/notifications?ticket=" + number).findValuesAsText("text"))
        .anySatisfy(text -> org.assertj.core.api.Assertions.assertThat(text).startsWith("Wir haben " + number));
    go(greta, "/tickets/" + number);
    assertThat(greta.locator("main .facts")).containsText("Service-Desk");
    assertThat(greta.locator("main .facts")).not().containsText("Service desk");
    assertThat(greta.locator("main")).containsText("zugewiesen an Service-Desk");
  }

  @Test
  void theBellCountsANewTaskAndNotificationsAreMarkedRead() {
    Page mark = browser.as("mark");
    go(mark, "/tickets");
    mark.waitForFunction("() => document.querySelector('.bell-button').textContent.includes('unread')");
    int before = bellCount(mark);
    int tasksBefore = api().get("mark", "/api/tasks?size=200").size();

    // alice orders a monitor: her manager mark has a new approval task (and a notification of it).
    var ordered = api().call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "Second screen")));
    assertThat(ordered.getStatusCode().value()).as(ordered.getBody()).isEqualTo(201);
    go(mark, "/catalog");
    int tasks = api().get("mark", "/api/tasks?size=200").size();
    assertThat(tasks).isEqualTo(tasksBefore + 1);
    JsonNode notifications = api().get("mark", "/api/notifications");
    int unread = 0;
    for (JsonNode n : notifications) {
      unread += n.get("read").asBoolean() ? 0 : 1;
    }
    int expected = unread + tasks;
    assertThat(expected).isGreaterThan(before);
    assertThat(mark.locator(".bell-count")).hasText(String.valueOf(expected));
    // Screen readers hear what the number means.
    assertThat(mark.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
        .setName("Notifications: " + unread + " unread, " + tasks + " tasks waiting").setExact(true))).isVisible();

    mark.locator(".bell-button").click();
    Locator panel = mark.locator("#bell-panel");
    assertThat(panel).isVisible();
    assertThat(panel).containsText(tasks + " tasks waiting for you");
    Browser.screenshot(mark, "bell-open");
    // One read, then all: the count falls to the tasks, which stay until they are done.
    panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark read")).first().click();
    assertThat(mark.locator(".bell-count")).hasText(String.valueOf(expected - 1));
    panel.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark all read")).click();
    assertThat(mark.locator(".bell-count")).hasText(String.valueOf(tasks));
    assertThat(panel.locator("li.unread")).hasCount(0);
    // The bell is on every page, the task link goes to the tasks.
    panel.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(tasks + " tasks waiting for you")).click();
    assertThat(mark.locator("main h1")).hasText("My tasks");
    assertThat(mark.locator(".bell-count")).hasText(String.valueOf(tasks));
  }

  @Test
  void aRequesterWithdrawsHerRequestWhileItWaitsForApproval() {
    var ordered = api().call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "27", "reason", "Wider tables")));
    String number = ApiClient.read(ordered).get("number").asText();
    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    Locator card = alice.locator("form.withdraw");
    assertThat(card).containsText("Withdraw this request");
    alice.getByLabel("Why (optional)").fill("Found one in the store room");
    card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Withdraw")).click();
    assertThat(alice.locator("#message")).containsText(number + " is withdrawn.");
    assertThat(alice.locator("main .status").first()).hasText("Cancelled");
    assertThat(alice.locator("ol.journey li[aria-current=step]")).containsText("Withdrawn");
    assertThat(alice.locator("form.withdraw")).hasCount(0);
    Browser.screenshot(alice, "withdrawn");
    // The approver sees the request, never the withdrawal.
    Page mark = browser.as("mark");
    var second = api().call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "Home office")));
    go(mark, "/tickets/" + ApiClient.read(second).get("number").asText());
    assertThat(mark.locator("form.withdraw")).hasCount(0);
  }

  @Test
  void webAddressesInCommentsAreLinksAndNothingElseIs() {
    String number = reportedBy("alice", "Wiki page is wrong");
    api().call("alice", HttpMethod.POST, "/api/tickets/" + number + "/comments", Map.of("text",
        "See https://wiki.example.org/page?id=1, not javascript:alert(1) or <a href=\"x\">this</a>."));
    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    Locator entry = alice.locator(".timeline li", new Page.LocatorOptions().setHasText("wiki.example.org"));
    Locator link = entry.getByRole(AriaRole.LINK);
    assertThat(link).hasCount(1);
    assertThat(link).hasAttribute("href", "https://wiki.example.org/page?id=1");
    assertThat(link).hasAttribute("rel", "noopener noreferrer nofollow");
    assertThat(link).hasAttribute("target", "_blank");
    assertThat(entry).containsText("not javascript:alert(1) or <a href=\"x\">this</a>.");
  }

  /**
   * The login page speaks the browser's language (nobody is known yet): its words are the portal's, from
   * i18n/de.json; a failed login says so in German; after the login the portal is German too.
   */
  @Test
  void theLoginPageSpeaksTheBrowsersLanguage() {
    Page german = browser.page("alice", "de-DE");
    german.navigate("/login?error");
    assertThat(german.locator("html")).hasAttribute("lang", "de");
    assertThat(german).hasTitle("Anmelden · FlowDesk");
    assertThat(german.locator(".note.error")).hasText(
        "Falscher Benutzername oder falsches Passwort, oder das Konto ist nach Fehlversuchen kurz gesperrt.");
    assertThat(german.locator(".note.ok")).hasCount(0);
    Browser.screenshot(german, "login-failed-de");
    List<String> problems = new ArrayList<>();
    check(problems, german, "/login?error (German)");
    assertThat(problems).isEmpty();

    german.getByLabel("Benutzername").fill("alice");
    german.getByLabel("Passwort").fill("alice");
    german.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Anmelden")).click();
    assertThat(german.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Katalog").setExact(true))
        .first()).isVisible();
    german.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Abmelden")).click();
    assertThat(german.locator(".note.ok")).hasText("Sie haben sich abgemeldet.");

    Page english = browser.page("bob", "en-GB");
    english.navigate("/login?logout");
    assertThat(english.locator("html")).hasAttribute("lang", "en");
    assertThat(english.getByLabel("Username")).isVisible();
    assertThat(english.locator(".note.ok")).hasText("You have logged out.");
    assertThat(english.locator(".note.error")).hasCount(0);
  }

  @Test
  void everyPortalPageHasNoSeriousOrCriticalAccessibilityViolations() {
    String number = reportedBy("alice", "Screen flickers");
    List<String> problems = new ArrayList<>();
    Page anonymous = browser.page("anonymous");
    anonymous.navigate("/login");
    check(problems, anonymous, "/login");
    anonymous.navigate("/login?error");
    assertThat(anonymous.locator(".note.error")).containsText("Wrong username or password");
    Browser.screenshot(anonymous, "login-failed");
    check(problems, anonymous, "/login?error");

    Page alice = browser.as("alice");
    for (String hash : List.of("/", "/catalog", "/catalog/monitor", "/report", "/tickets", "/tickets/" + number, "/tasks",
        "/no-such-page")) {
      go(alice, hash);
      check(problems, alice, hash);
    }
    alice.locator(".bell-button").click();
    check(problems, alice, "bell");
    Page bob = browser.as("bob");
    for (String hash : List.of("/queues", "/changes", "/changes/new", "/calendar", "/calendar/week/2027-03-08",
        "/tickets/" + number)) {
      go(bob, hash);
      check(problems, bob, hash);
    }
    String task = api().taskOf("bob", number, "Work incident");
    go(bob, "/tasks/" + task);
    check(problems, bob, "/tasks/{work}");
    Page mark = browser.as("mark");
    go(mark, "/approvals");
    check(problems, mark, "/approvals");
    Page phone = browser.as("alice");
    phone.setViewportSize(390, 844);
    go(phone, "/tickets/" + number);
    check(problems, phone, "phone /tickets/" + number);
    assertThat(problems).isEmpty();
  }

  static void check(List<String> problems, Page page, String where) {
    Axe.seriousViolations(page).forEach(v -> problems.add(where + ": " + v));
  }

}
