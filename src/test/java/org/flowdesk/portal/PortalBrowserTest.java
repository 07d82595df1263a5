package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/**
 * The portal in a real headless Chromium against the running application: a requester orders
 * and reports, an approver approves, agents work, everyone with the forms Tasklist shows.
 * Screenshots of each step go to target/screenshots, at desktop and phone sizes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PortalBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  org.springframework.boot.test.web.client.TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;

  /**
   * Opens a page of the portal; the page shown already is loaded afresh, as a person reloads it. Returns
   * once the portal has drawn that page, not while the page left behind is still on the screen.
   */
  static void go(Page page, String hash) {
    if (page.url().endsWith("#" + hash)) {
      page.reload();
    } else {
      page.navigate("/#" + hash);
    }
    page.locator("main[aria-busy=false][data-route=\"" + hash + "\"] h1").waitFor();
  }

  static Locator button(Page page, String name) {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static Locator link(Page page, String name) {
    return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static void choose(Page page, String label, String option) {
    Browser.choose(page, label, option);
  }

  /** Opens "Report a problem" and fills the incident form as a person does. */
  static void fillReport(Page page, String title, String service, String category, String impact, String urgency) {
    go(page, "/report");
    page.getByLabel("Title").fill(title);
    choose(page, "Service", service);
    choose(page, "Category", category);
    page.getByLabel(Pattern.compile("^Impact")).fill(impact);
    page.getByLabel(Pattern.compile("^Urgency")).fill(urgency);
  }

  /** The ticket number from the ticket page's heading. */
  static String ticketNumber(Page page) {
    assertThat(page.locator("main h1")).hasText(Pattern.compile("^[A-Z]{3}-\\d{6}: "));
    return page.locator("main h1").textContent().substring(0, 10);
  }

  /** Opens the ticket, opens the named task on it (claiming it), fills its form and sends it. */
  static void doTask(Page page, String ticket, String task, Consumer<Page> fill) {
    try {
      openTaskAndSend(page, ticket, task, fill);
    } catch (RuntimeException | AssertionError e) {
      Browser.screenshot(page, "failed-" + task.replace(' ', '-'));
      throw e;
    }
  }

  private static void openTaskAndSend(Page page, String ticket, String task, Consumer<Page> fill) {
    go(page, "/tickets/" + ticket);
    Locator item = page.locator("main li", new Page.LocatorOptions().setHasText(task));
    if (item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).count() > 0) {
      item.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Claim")).click();
    } else {
      item.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(task)).click();
    }
    assertThat(page.locator("main h1")).hasText(task);
    fill.accept(page);
    button(page, "Done").click();
    assertThat(page.locator("main h1")).hasText(Pattern.compile("^" + ticket + ": "));
  }

  @Test
  void aRequesterOrdersTheManagerApprovesAgentsFulfilAndTheRequesterConfirmsReceipt() {
    Page alice = browser.as("alice");
    go(alice, "/catalog");
    assertThat(alice.locator("main")).containsText("Extra monitor");
    Browser.screenshot(alice, "order-1-catalog");
    link(alice, "Extra monitor").click();
    assertThat(alice.locator("main h1")).hasText("Extra monitor");
    // The form's own check: the size is required.
    button(alice, "Order").click();
    assertThat(alice.locator(".error-summary")).containsText("Size is required");
    choose(alice, "Size", "27 inch");
    alice.getByLabel("Why do you need it?").fill("Spreadsheets with many columns");
    Browser.screenshot(alice, "order-2-item-form");
    button(alice, "Order").click();
    String number = ticketNumber(alice);
    assertThat(number).startsWith("REQ-");
    assertThat(alice.locator("#message")).containsText("Ordered: " + number);
    assertThat(alice.locator("ol.journey > li[aria-current=step]")).containsText("Waiting for Mark Meyer");
    // The catalog's title template and the answers, labelled as the item's form labels them
    assertThat(alice.locator("main h1")).hasText(number + ": Extra monitor — 27 inch, for Alice Andersen");
    assertThat(alice.locator(".answers")).containsText("Size");
    assertThat(alice.locator(".answers")).containsText("27 inch");
    assertThat(alice.locator(".answers")).containsText("Spreadsheets with many columns");
    Browser.screenshot(alice, "order-3-where-is-my-request");

    Page mark = browser.as("mark");
    go(mark, "/approvals");
    assertThat(mark.locator("main")).containsText("Extra monitor");
    Browser.screenshot(mark, "order-4-approvals");
    mark.locator("main li", new Page.LocatorOptions().setHasText(number)).getByRole(AriaRole.LINK,
        new Locator.GetByRoleOptions().setName("Approve or reject")).click();
    // The approver reads what alice asked for, from her ticket
    assertThat(mark.getByLabel("What the requester asked for")).hasValue(
        "Size: 27 inch\nWhy do you need it?: Spreadsheets with many columns");
    Browser.screenshot(mark, "order-4b-approval-with-answers");
    mark.getByLabel("Approve").check();
    mark.getByLabel("Comment (the requester sees it)").fill("Fine, enjoy");
    button(mark, "Done").click();
    assertThat(mark.locator("main h1")).hasText(Pattern.compile("^" + number));

    Page petra = browser.as("petra");
    doTask(petra, number, "Order from the supplier", p -> {
      // The fulfiller sees which size to order
      assertThat(p.getByLabel("What the requester asked for")).hasValue(Pattern.compile("^Size: 27 inch\n"));
      p.getByLabel("Supplier order number").fill("PO-2026-881");
    });
    Page bob = browser.as("bob");
    doTask(bob, number, "Prepare the device", p -> p.getByLabel("Asset tag").fill("MON-0042"));
    doTask(bob, number, "Hand it over", p -> p.getByLabel("Handover notes").fill("On her desk"));
    Browser.screenshot(bob, "order-5-agent-ticket");

    go(alice, "/tasks");
    assertThat(alice.locator("main")).containsText("Confirm receipt");
    doTask(alice, number, "Confirm receipt", p -> {
      // Nothing is chosen for her: she says whether she received it, and the form does not go without an answer.
      assertThat(p.getByLabel("Yes, I received it")).not().isChecked();
      assertThat(p.getByLabel("No, something is not right")).not().isChecked();
      button(p, "Done").click();
      assertThat(p.locator(".error-summary")).containsText("Did you receive it as ordered? is required");
      assertThat(p.locator("main h1")).hasText("Confirm receipt");
      // She may say it is not right: the form then asks what is wrong, for the team that delivered it.
      p.getByLabel("No, something is not right").check();
      assertThat(p.getByLabel("What is not right (the team that delivered it reads it)")).isVisible();
      assertThat(p.getByLabel("Comment")).hasCount(0);
      Browser.screenshot(p, "order-5b-confirm-receipt-not-right");
      p.getByLabel("Yes, I received it").check();
      p.getByLabel("Comment").fill("Got it, thanks");
    });
    assertThat(alice.locator(".facts")).containsText("Closed");
    // Who worked on it, by name: bob, who took on its last step (the request's assignee), then petra. And the group
    // that delivered it.
    assertThat(alice.locator(".facts")).containsText("Worked on byBob Becker, Petra Peters");
    assertThat(alice.locator(".facts")).containsText("GroupService desk");
    assertThat(alice.locator(".facts")).not().containsText("nobody");
    assertThat(alice.locator(".timeline")).containsText("Approved (Manager approves): Fine, enjoy");
    assertThat(alice.locator(".approvals")).containsText("Fine, enjoy");
    // The decision names its step as it did while it waited, not by the approval chain's code.
    assertThat(alice.locator(".approvals li").first()).containsText("Mark Meyer (Manager approves)");
    assertThat(alice.locator(".approvals")).not().containsText("(manager)");
    Browser.screenshot(alice, "order-6-closed");
  }

  @Test
  void anIncidentIsReportedAnsweredResolvedConfirmedAndRated() {
    Page alice = browser.as("alice");
    fillReport(alice, "Docking station does not charge the laptop — and a very long title that keeps going "
        + "to see that nothing breaks the layout on a phone", "Laptops and desktops", "Hardware", "3", "2");
    Browser.screenshot(alice, "incident-1-report");
    button(alice, "Report").click();
    String number = ticketNumber(alice);
    assertThat(number).startsWith("INC-");

    Page bob = browser.as("bob");
    go(bob, "/queues");
    Locator row = bob.locator("main tr.ticket", new Page.LocatorOptions().setHasText(number));
    Browser.screenshot(bob, "incident-2-queue");
    assertThat(row.locator(".countdown")).hasText(Pattern.compile("^in \\d+ (day|hr)"));
    // The clock's units as the reader's language abbreviates them.
    Page germanBob = browser.as("bob", "de-DE", "Europe/Berlin");
    go(germanBob, "/queues");
    assertThat(germanBob.locator("main tr.ticket", new Page.LocatorOptions().setHasText(number)).locator(".countdown"))
        .hasText(Pattern.compile("^in \\d+ (Tg\\.|Std\\.)"));
    row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(number)).click();
    bob.getByLabel("Add a comment").fill("Checking the power supply first");
    bob.getByLabel("Internal (only agents see it)").check();
    button(bob, "Comment").click();
    assertThat(bob.locator(".timeline")).containsText("Checking the power supply first");
    doTask(bob, number, "Work incident", p -> {
      p.getByLabel("Ask the requester for information").check();
      p.getByLabel("Question for the requester").fill("Which docking station model is it?");
    });

    go(alice, "/tickets/" + number);
    assertThat(alice.locator(".timeline")).not().containsText("Checking the power supply first");
    doTask(alice, number, "Provide information", p -> {
      assertThat(p.getByLabel("We ask you")).hasValue("Which docking station model is it?");
      p.getByLabel("Your answer").fill("The USB-C one, model D6000");
    });
    assertThat(alice.locator(".timeline")).containsText("The USB-C one, model D6000");

    doTask(bob, number, "Work incident", p -> {
      p.getByLabel("Resolve the incident").check();
      choose(p, "Resolution code", "Solved (permanently)");
      p.getByLabel("Resolution notes (the requester sees them)").fill("Replaced the power brick");
    });

    doTask(alice, number, "Confirm resolution", p -> p.getByLabel("Yes, close the ticket").check());
    doTask(alice, number, "Rate your experience", p -> {
      // The rating is asked as stars (the form's "display": "stars"), each a radio button read out as "n of 5 stars".
      p.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("5 of 5 stars")).check(new Locator.CheckOptions().setForce(true));
      assertThat(p.locator(".stars label.on")).hasCount(5);
      p.getByLabel("Comment").fill("Quick and friendly");
    });
    assertThat(alice.locator(".facts")).containsText("Closed");
    assertThat(alice.locator(".timeline")).containsText("Rated 5 of 5: Quick and friendly");
    Browser.screenshot(alice, "incident-3-closed");
    assertThat(jdbc.sql("SELECT satisfaction FROM fd_ticket WHERE ticket_number = ?").param(number)
        .query(Integer.class).single()).isEqualTo(5);
  }

  @Test
  void aChangeManagerSeesTheChangesPlanAndAssessesItAndTheCabVotesInThePortal() {
    // From Monday 7 June 2027, the change is planned for the Saturday two weeks on: no blackout window then. (An
    // afternoon no other test of the shared context books, so no change of theirs conflicts with it.)
    EngineTime.runningFrom("2027-06-07T09:00");
    String saturday = "2027-06-19";
    Map<String, Object> change = new java.util.HashMap<>(Map.of("title", "Replace the core switch power supplies",
        "service", "network", "changeType", "normal", "plannedStart", saturday + "T15:00",
        "plannedEnd", saturday + "T16:30", "impact", 2, "implementationGroup", "network", "complexity", "medium",
        "tested", true, "implementationPlan", "Swap one supply at a time"));
    change.put("backoutPlan", "Put the old supply back");
    var raised = ApiClient.as(rest, "bob", "bob").postForEntity("/api/changes", change, String.class);
    assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(201);
    String number = org.flowdesk.ApiClient.read(raised).get("number").asText();

    Page carl = browser.as("carl");
    go(carl, "/approvals");
    assertThat(carl.locator("main")).containsText(number);
    go(carl, "/tickets/" + number);
    assertThat(carl.locator("main")).containsText("Change plan");
    // The plan's choices as the change's forms label them, not their codes.
    Locator plan = carl.locator("section.card", new Page.LocatorOptions().setHasText("Change plan"));
    assertThat(plan.locator("dd").first()).hasText("Normal");
    assertThat(plan.locator("dt:text-is('Risk') + dd")).hasText(java.util.regex.Pattern.compile("^(Low|Medium|High)$"));
    assertThat(carl.locator("main")).containsText("Swap one supply at a time");
    assertThat(carl.locator("main")).containsText("None with approved changes or blackout windows.");
    Browser.screenshot(carl, "change-1-plan");
    doTask(carl, number, "Assess the change", p -> p.getByLabel("Go ahead to approval").check());

    Page sven = browser.as("sven");
    doTask(sven, number, "CAB member votes", p -> {
      p.getByLabel("Reject", new Page.GetByLabelOptions().setExact(true)).check();
      p.getByLabel("Why you reject it (the requester sees it)").fill("No rollback test");
    });
    // The CAB's vote as it stands, on the change's page: sven's rejection with its reason, the votes still open.
    go(carl, "/tickets/" + number);
    assertThat(carl.locator(".approvals")).containsText("0 approved, 1 rejected so far");
    assertThat(carl.locator(".approvals")).containsText("No rollback test");
    // Decided and waiting votes read alike: the step as the model names it.
    assertThat(carl.locator(".approvals li", new Page.LocatorOptions().setHasText("No rollback test")))
        .containsText("(CAB member votes)");
    assertThat(carl.locator(".approvals")).containsText("Waiting");
    Browser.screenshot(carl, "change-2-cab-votes");
    doTask(carl, number, "CAB member votes", p -> p.getByLabel("Approve", new Page.GetByLabelOptions().setExact(true)).check());
    Page nina = browser.as("nina");
    doTask(nina, number, "CAB member votes", p -> p.getByLabel("Approve", new Page.GetByLabelOptions().setExact(true)).check());
    assertThat(nina.locator(".facts").first()).containsText("Scheduled");
    assertThat(nina.locator(".timeline")).containsText("Rejected (CAB member votes): No rollback test");
    assertThat(nina.locator(".approvals")).containsText("2 approved, 1 rejected so far");
    assertThat(nina.locator(".approvals")).not().containsText("Waiting");
    Browser.screenshot(nina, "change-3-scheduled");
  }

  @Test
  void aRequesterCannotOpenAnotherRequestersTicketAndErrorsAreShownInWords() {
    Page hana = browser.as("hana");
    fillReport(hana, "Payslip shows the wrong month", "HR portal", "Software", "3", "3");
    button(hana, "Report").click();
    String number = ticketNumber(hana);

    Page alice = browser.as("alice");
    go(alice, "/tickets/" + number);
    assertThat(alice.locator("main h1")).hasText("Not found");
    assertThat(alice.locator("main")).containsText("No ticket " + number + " that you may see");
    assertThat(alice.locator("main")).not().containsText("Payslip");
    Browser.screenshot(alice, "not-found");

    // A refusal from the API is shown in words and the form keeps what was typed.
    fillReport(alice, "Mail is slow", "E-mail", "Software", "2", "2");
    alice.route("**/api/incidents", route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
        .setStatus(503).setContentType("application/problem+json")
        .setBody("{\"title\":\"Unavailable\",\"status\":503,\"detail\":\"FlowDesk is being updated; try again in a minute.\"}")));
    button(alice, "Report").click();
    assertThat(alice.locator("#message")).hasText("FlowDesk is being updated; try again in a minute.");
    assertThat(alice.getByLabel("Title")).hasValue("Mail is slow");
    Browser.screenshot(alice, "error-in-words");
  }

  @Test
  void anAgentDownloadsHisQueueAsASpreadsheetAndAFormulaInATitleStaysText() throws Exception {
    org.springframework.http.ResponseEntity<String> reported = ApiClient.as(rest, "alice", "alice").postForEntity(
        "/api/incidents", java.util.Map.of("title", "=1+1 on the printer display", "service", "printer",
            "category", "hardware", "impact", 3, "urgency", 3), String.class);
    org.assertj.core.api.Assertions.assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    String number = org.flowdesk.ApiClient.read(reported).get("number").asText();

    Page bob = browser.as("bob");
    go(bob, "/queues");
    Locator csv = bob.locator("main section").filter(new Locator.FilterOptions().setHasText(number))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("CSV").setExact(true));
    com.microsoft.playwright.Download download = bob.waitForDownload(csv::click);
    org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).matches("tickets-.*\\.csv");
    String text = java.nio.file.Files.readString(download.path());
    org.assertj.core.api.Assertions.assertThat(text).contains(number + ",incident,'=1+1 on the printer display,");
    Browser.screenshot(bob, "queue-with-downloads");
  }

  @Test
  void anAgentAnswersWithAPreparedAnswerEditedBeforeItIsSent() {
    org.springframework.http.ResponseEntity<String> reported = ApiClient.as(rest, "alice", "alice").postForEntity(
        "/api/incidents", java.util.Map.of("title", "Cannot log in after the holidays", "service", "laptop",
            "category", "software", "impact", 3, "urgency", 3), String.class);
    String number = org.flowdesk.ApiClient.read(reported).get("number").asText();

    Page bob = browser.as("bob");
    go(bob, "/tickets/" + number);
    Locator prepared = bob.getByLabel("Prepared answer");
    prepared.selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Reset your password yourself"));
    Locator comment = bob.locator("#comment");
    assertThat(comment).hasValue(Pattern.compile("^Hello Alice,\\n\\nyou can reset your password yourself"));
    comment.fill(comment.inputValue().replace("in a minute", "in two minutes"));
    Browser.screenshot(bob, "prepared-answer");
    button(bob, "Comment").click();
    assertThat(bob.locator("#message")).hasText("Comment added.");
    org.assertj.core.api.Assertions.assertThat(org.flowdesk.ApiClient.read(ApiClient.as(rest, "alice", "alice")
        .getForEntity("/api/tickets/" + number + "/timeline", String.class)).findValuesAsText("text"))
        .anyMatch(text -> text.startsWith("Hello Alice,") && text.contains("in two minutes")
            && text.endsWith("Bob Becker, Service desk"));
  }

  @Test
  void anAgentResolvesWithAPreparedAnswerInTheWorkForm() {
    org.springframework.http.ResponseEntity<String> reported = ApiClient.as(rest, "alice", "alice").postForEntity(
        "/api/incidents", java.util.Map.of("title", "Locked out of the quillwort portal", "service", "laptop",
            "category", "software", "impact", 3, "urgency", 3), String.class);
    String number = org.flowdesk.ApiClient.read(reported).get("number").asText();

    Page bob = browser.as("bob");
    doTask(bob, number, "Work incident", p -> {
      // The work form's fields that offer prepared answers (forms/incident-work.form) show them as
      // they appear: none before a step is chosen, the question's when asking, the notes' when resolving.
      assertThat(p.locator("select.prepared")).hasCount(0);
      p.getByLabel("Ask the requester for information").check();
      assertThat(p.locator(".fjs-form-field", new Page.LocatorOptions().setHasText("Question for the requester"))
          .getByLabel("Prepared answer")).isVisible();
      p.getByLabel("Resolve the incident").check();
      assertThat(p.locator("select.prepared")).hasCount(1);
      choose(p, "Resolution code", "Solved (permanently)");
      Locator notes = p.getByLabel("Resolution notes (the requester sees them)");
      notes.fill("Unlocked the account.");
      p.locator(".fjs-form-field", new Page.LocatorOptions().setHasText("Resolution notes")).getByLabel("Prepared answer").selectOption(
          new com.microsoft.playwright.options.SelectOption().setLabel("Reset your password yourself"));
      assertThat(notes).hasValue(Pattern.compile("^Unlocked the account\\.\\n\\nHello Alice,\\n\\nyou can reset",
          Pattern.DOTALL));
      notes.fill(notes.inputValue().replace("in a minute", "in two minutes"));
      Browser.screenshot(p, "prepared-answer-in-work-form");
    });
    org.assertj.core.api.Assertions.assertThat(org.flowdesk.ApiClient.read(ApiClient.as(rest, "alice", "alice")
        .getForEntity("/api/tickets/" + number, String.class)).path("resolutionNotes").asText())
        .startsWith("Unlocked the account.\n\nHello Alice,").contains("in two minutes")
        .doesNotContain("{{");
  }
}
