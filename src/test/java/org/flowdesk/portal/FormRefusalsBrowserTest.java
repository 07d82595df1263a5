package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.ticketNumber;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
import com.microsoft.playwright.Route;

/**
 * What a form refuses is said beside its field: the form's own checks before anything is sent, and the API's refusal
 * (a 400 with errors by field) in the same words. The field is marked aria-invalid and its message linked with
 * aria-describedby; a summary above the form lists the messages, each a link to its field, and takes the focus; a
 * message for a field the page does not show is in the summary with the field's label. Shares PortalBrowserTest's
 * Spring context (same annotations).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FormRefusalsBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  /** The message the field's aria-describedby names (besides its hint): what was refused of it. */
  static Locator describing(Page page, Locator field) {
    String ids = field.getAttribute("aria-describedby");
    assertThat(ids).as("the field names what describes it").isNotBlank();
    String message = Arrays.stream(ids.trim().split("\\s+")).filter(id -> id.endsWith("-error-message") || id.endsWith("-error"))
        .map(id -> "[id='" + id + "']").collect(Collectors.joining(", "));
    assertThat(message).as("the field's aria-describedby names its message: " + ids).isNotEmpty();
    return page.locator(message);
  }

  /** No serious or critical axe violation, at the desk's size and at a phone's. */
  static void noSeriousViolations(Page page) {
    assertThat(Axe.seriousViolations(page)).isEmpty();
    page.setViewportSize(390, 844);
    try {
      assertThat(Axe.seriousViolations(page)).isEmpty();
    } finally {
      page.setViewportSize(1280, 800);
    }
  }

  static Locator summary(Page page) {
    return page.locator(".error-summary");
  }

  @Test
  void anEmptyReportIsRefusedBesideEachFieldAndTheSummaryLeadsToThem() {
    Page alice = browser.as("alice");
    go(alice, "/report");
    button(alice, "Report").click();
    // The form's own checks, before anything is sent: in the words the API would use, beside each field.
    assertThat(summary(alice)).isVisible();
    assertThat(summary(alice)).isFocused();
    assertThat(summary(alice).locator("h2")).hasText("There is a problem");
    assertThat(summary(alice).locator("li")).hasCount(5);
    assertThat(summary(alice).locator("li").first()).hasText("Title is required");
    assertThat(summary(alice)).containsText("Service is required");
    assertThat(summary(alice)).containsText("Category is required");
    Locator title = alice.getByLabel("Title");
    assertThat(title).hasAttribute("aria-invalid", "true");
    assertThat(describing(alice, title)).hasText("Title is required");
    Locator description = alice.getByLabel("Description");
    assertThat(description).hasAttribute("aria-invalid", "false");
    Browser.screenshot(alice, "refusals-1-report-empty");
    noSeriousViolations(alice);

    // Each message leads to its field.
    summary(alice).getByRole(com.microsoft.playwright.options.AriaRole.LINK,
        new Locator.GetByRoleOptions().setName("Title is required")).click();
    assertThat(title).isFocused();
    assertThat(alice).hasURL(Pattern.compile("#/report$"));

    // Spaces are no title, to the form as to the API.
    title.fill("   ");
    assertThat(describing(alice, title)).hasText("Title is required");
    // A field put right loses its message, and the summary its line.
    title.fill("The printer on floor 3 jams");
    assertThat(title).hasAttribute("aria-invalid", "false");
    assertThat(summary(alice)).not().containsText("Title is required");
    PortalBrowserTest.choose(alice, "Service", "Laptops and desktops");
    PortalBrowserTest.choose(alice, "Category", "Hardware");
    alice.getByLabel(Pattern.compile("^Impact")).fill("7");
    alice.getByLabel(Pattern.compile("^Urgency")).fill("3");
    button(alice, "Report").click();
    // A number outside what the form declares: said as the API says it, before anything is sent.
    assertThat(summary(alice).locator("li")).hasCount(1);
    assertThat(summary(alice)).containsText("must be between 1 and 3");
    assertThat(describing(alice, alice.getByLabel(Pattern.compile("^Impact")))).containsText("must be between 1 and 3");
    alice.getByLabel(Pattern.compile("^Impact")).fill("3");
    button(alice, "Report").click();
    assertThat(ticketNumber(alice)).startsWith("INC-");
  }

  @Test
  void aPersonTheApiDoesNotKnowIsSaidBesideForWhomAndGoesWhenPutRightAndSentAgain() {
    Page bob = browser.as("bob");
    PortalBrowserTest.fillReport(bob, "Keyboard missing keys", "Laptops and desktops", "Hardware", "3", "3");
    Locator forWhom = bob.getByLabel("For whom?");
    forWhom.fill("nobody-such");
    button(bob, "Report").click();
    // The browser could not know: the API's refusal, beside the field of the page's own markup.
    assertThat(forWhom).hasAttribute("aria-invalid", "true");
    assertThat(describing(bob, forWhom)).containsText("there is no person 'nobody-such'");
    assertThat(summary(bob)).isFocused();
    assertThat(summary(bob).locator("li")).hasCount(1);
    assertThat(summary(bob).locator("li")).hasText(Pattern.compile("^For whom\\?: there is no person 'nobody-such'"));
    assertThat(bob.locator("#message")).isEmpty();
    noSeriousViolations(bob);
    Browser.screenshot(bob, "refusals-2-for-whom");

    forWhom.fill("alice");
    assertThat(forWhom).not().hasAttribute("aria-invalid", "true");
    assertThat(bob.locator(".field-error")).hasCount(0);
    assertThat(summary(bob)).isHidden();
    button(bob, "Report").click();
    String number = ticketNumber(bob);
    assertThat(new ApiClient(rest).get("alice", "/api/tickets/" + number).get("requester").asText()).isEqualTo("alice");
  }

  @Test
  void aStandardChangeWithATemplateTheCatalogDoesNotHaveIsRefusedBesideTheTemplate() {
    Page bob = browser.as("bob");
    go(bob, "/changes/new");
    bob.getByLabel("Title").fill("Replace the access point in room 3.01");
    PortalBrowserTest.choose(bob, "Service", "Network and Wi-Fi");
    bob.getByLabel("Standard (pre-approved template)").check();
    Locator template = bob.getByLabel("Standard-change template");
    template.fill("no-such-template");
    LocalDate day = LocalDate.now().plusYears(4).withMonth(3).withDayOfMonth(4);
    String usDate = String.format("%02d/%02d/%d", day.getMonthValue(), day.getDayOfMonth(), day.getYear());
    for (String field : List.of("Planned start (date)", "Planned end (date)")) {
      bob.getByLabel(field).fill(usDate);
      bob.getByLabel(field).blur();
    }
    Browser.time(bob, "Planned start (time)", "08:00");
    Browser.time(bob, "Planned end (time)", "09:00");
    bob.getByLabel(Pattern.compile("^Impact")).fill("3");
    button(bob, "Raise the change").click();
    // Only the change rules know the catalog's templates: the refusal is said by the template's field.
    assertThat(template).hasAttribute("aria-invalid", "true", new com.microsoft.playwright.assertions.LocatorAssertions
        .HasAttributeOptions().setTimeout(30_000));
    assertThat(describing(bob, template)).containsText("no-such-template");
    assertThat(summary(bob)).isFocused();
    assertThat(summary(bob).locator("a")).containsText(new String[] {"no-such-template"});
    noSeriousViolations(bob);
    Browser.screenshot(bob, "refusals-3-change-template");
    // Changed, it is no longer what was refused: the message goes.
    template.fill("wifi-access-point");
    assertThat(template).hasAttribute("aria-invalid", "false");
    assertThat(summary(bob)).isHidden();
  }

  @Test
  void greta_readsWhatTheFormAndTheApiRefuseInGermanBesideHerFields() {
    Page greta = browser.as("greta");
    go(greta, "/catalog/monitor");
    PortalBrowserTest.button(greta, "Bestellen").click();
    assertThat(summary(greta)).isFocused();
    assertThat(summary(greta).locator("h2")).hasText("Es gibt ein Problem");
    // The form's own check in the API's words: "Größe ist erforderlich", beside the field and in the summary.
    assertThat(summary(greta).locator("li")).hasText(new String[] {"Größe ist erforderlich"});
    assertThat(greta.locator(".fjs-form-field-error")).hasText("Größe ist erforderlich");
    assertThat(greta.locator("main .form")).not().containsText("Field is required");
    Browser.screenshot(greta, "refusals-4-german-order");
    noSeriousViolations(greta);

    // A refusal the browser did not foresee (the item's sizes changed since the page was drawn): the API's message,
    // in German, beside the field.
    Browser.choose(greta, "Größe", "27 Zoll");
    assertThat(summary(greta)).isHidden();
    greta.route("**/api/requests", route -> route.resume(new Route.ResumeOptions()
        .setPostData(route.request().postData().replace("\"size\":\"27\"", "\"size\":\"32\""))));
    try {
      PortalBrowserTest.button(greta, "Bestellen").click();
      assertThat(greta.locator(".fjs-form-field-error")).containsText("Größe muss eines von");
      assertThat(summary(greta)).isFocused();
      assertThat(summary(greta).locator("a")).containsText(new String[] {"Größe muss eines von"});
      noSeriousViolations(greta);
    } finally {
      greta.unroute("**/api/requests");
    }
    // Sent again, the API judges anew: the message goes with the answer it was about.
    PortalBrowserTest.button(greta, "Bestellen").click();
    assertThat(greta.locator("#message")).containsText("Bestellt:");
    assertThat(ticketNumber(greta)).startsWith("REQ-");
  }

  @Test
  void aRefusalOfAFieldTheApprovalHidesIsInTheSummaryWithItsLabel() {
    ApiClient api = new ApiClient(rest);
    var ordered = api.call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "Second screen")));
    assertThat(ordered.getStatusCode().value()).as(ordered.getBody()).isEqualTo(201);
    String number = ApiClient.read(ordered).get("number").asText();
    Page mark = browser.as("mark");
    go(mark, "/tasks/" + api.taskOf("mark", number, "Manager approves"));
    mark.getByLabel("Approve").check();
    mark.getByLabel("Comment (the requester sees it)").fill("Fine");
    // The API names a field the approval does not show (the reason to reject, hidden while approving) and one it does.
    mark.route("**/api/tasks/*/complete", route -> route.fulfill(new Route.FulfillOptions().setStatus(400)
        .setContentType("application/problem+json").setBody("""
            {"type": "about:blank", "title": "Invalid input", "status": 400,
             "detail": "Why you reject it (the requester sees it) is required; Comment must be checked",
             "errors": [{"field": "rejectionReason", "message": "is required"},
                        {"field": "approvalComment", "message": "Comment (the requester sees it) must be checked"}]}
            """)));
    try {
      button(mark, "Done").click();
      assertThat(summary(mark)).isFocused();
      assertThat(summary(mark).locator("li")).hasText(new String[] {
          "Comment (the requester sees it) must be checked", "Why you reject it (the requester sees it): is required"});
      // The field shown has its message and a link; the one hidden is said with its label, without a link.
      assertThat(summary(mark).locator("a")).hasCount(1);
      assertThat(describing(mark, mark.getByLabel("Comment (the requester sees it)")))
          .hasText("Comment (the requester sees it) must be checked");
      noSeriousViolations(mark);
      Browser.screenshot(mark, "refusals-5-approval-hidden-field");
    } finally {
      mark.unroute("**/api/tasks/*/complete");
    }
    button(mark, "Done").click();
    assertThat(mark.locator("main h1")).hasText(Pattern.compile("^" + number));
  }
  @Test
  void theArticleEditorSaysWhatIsMissingAndWhatTheApiRefusesBesideItsFields() {
    Page bob = browser.as("bob");
    go(bob, "/knowledge/new");
    // The editor is the page's own markup, not a Camunda Form: its fields are checked and marked the same way.
    button(bob, "Save and submit for review").click();
    assertThat(summary(bob)).isFocused();
    assertThat(summary(bob).locator("li")).hasText(new String[] {"Title is required", "Service is required",
        "Text is required"});
    Locator title = bob.getByLabel("Title");
    assertThat(title).hasAttribute("aria-invalid", "true");
    assertThat(describing(bob, title)).hasText("Title is required");
    noSeriousViolations(bob);
    title.fill("Renew the Quuxington lease");
    assertThat(title).not().hasAttribute("aria-invalid", "true");
    assertThat(summary(bob).locator("li")).hasCount(2);
    bob.getByLabel("Service").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Laptops and desktops"));
    bob.getByLabel("Text").fill("Open the client and renew the lease.");
    // A service the catalog no longer has by the time it is saved: the API's refusal, by the service's field.
    bob.route("**/api/articles", route -> route.resume(new Route.ResumeOptions()
        .setPostData(route.request().postData().replace("\"service\":\"laptop\"", "\"service\":\"retired-service\""))));
    try {
      button(bob, "Save draft").click();
      Locator service = bob.getByLabel("Service");
      assertThat(service).hasAttribute("aria-invalid", "true");
      assertThat(describing(bob, service)).hasText("is no service of the catalog");
      assertThat(summary(bob).locator("li")).hasText(new String[] {"Service: is no service of the catalog"});
      assertThat(summary(bob)).isFocused();
      noSeriousViolations(bob);
      Browser.screenshot(bob, "refusals-6-article-editor");
    } finally {
      bob.unroute("**/api/articles");
    }
    button(bob, "Save draft").click();
    assertThat(bob.locator("#message")).containsText("is saved as a draft");
  }
}
