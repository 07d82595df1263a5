package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * Camunda's own Tasklist in a real Chromium, as requesters and agents use it, behind FlowDesk's
 * engine door: a requester starts an incident with its form, the agent claims and resolves it,
 * the requester confirms. What Tasklist sends is what the forms declare, so every step passes.
 * Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Camunda's webapps keep JVM-wide state of the last context that started them: a context of its own.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class TasklistBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  JdbcClient jdbc;
  @Autowired
  TaskService taskService;
  @Autowired
  FilterService filterService;
  @Autowired
  TestRestTemplate rest;

  Page tasklist(String user) {
    Page page = browser.page(user);
    page.setDefaultTimeout(60_000); // Tasklist is a large single-page app; a busy CI machine loads it slowly
    page.navigate("/camunda/app/tasklist/default/");
    // A click before Tasklist's script has taken over the login form does nothing: wait, and try once more.
    for (int attempt = 1; ; attempt++) {
      page.waitForLoadState(LoadState.NETWORKIDLE);
      page.getByPlaceholder("Username").fill(user);
      page.getByPlaceholder("Password").fill(user);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
      try {
        page.getByText("Start process").first().waitFor(new Locator.WaitForOptions().setTimeout(attempt == 1 ? 20_000 : 60_000));
        return page;
      } catch (PlaywrightException notThere) {
        Browser.screenshot(page, "tasklist-login-" + user + "-attempt-" + attempt);
        if (attempt == 2 || page.getByPlaceholder("Username").count() == 0) {
          throw notThere;
        }
      }
    }
  }

  /** Opens a task in Tasklist under the "My tasks" filter, as a link to it does. */
  void open(Page page, Task task) {
    String filter = filterService.createFilterQuery().filterName(CamundaAccessSetup.MY_TASKS).singleResult().getId();
    page.navigate("/camunda/app/tasklist/default/#/?filter=" + filter + "&task=" + task.getId());
    page.locator(".task-details .names, .task-card").getByText(task.getName()).first().waitFor();
    page.getByText("Loading...").first().waitFor(new Locator.WaitForOptions()
        .setState(WaitForSelectorState.HIDDEN));
  }

  static void press(Page page, String button) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
  }

  /**
   * Tasklist's "Claim" is a link-like control in the task's header; the form opens for input after it.
   * Tasklist reloads the task and draws its form again after the claim: wait until it is quiet, or
   * what is typed goes into a form that is about to be replaced.
   */
  static void claim(Page page) {
    page.getByText("Claim", new Page.GetByTextOptions().setExact(true)).first().click();
    page.getByText("Claim", new Page.GetByTextOptions().setExact(true)).first().waitFor(
        new Locator.WaitForOptions()
            .setState(WaitForSelectorState.HIDDEN));
    page.waitForLoadState(LoadState.NETWORKIDLE);
    page.locator(".fjs-form").first().waitFor();
  }

  /**
   * Presses "Complete" and waits for Tasklist to send the form. A press while Tasklist is still
   * drawing the task again after a refresh is lost, as a person's click would be (seen on a loaded
   * CI machine): the person presses once more, and so does this.
   */
  static void complete(Page page) {
    for (int attempt = 1; ; attempt++) {
      try {
        page.waitForResponse(response -> response.url().endsWith("/submit-form"),
            new Page.WaitForResponseOptions().setTimeout(20_000), () -> press(page, "Complete"));
        return;
      } catch (PlaywrightException nothingSent) {
        Browser.screenshot(page, "tasklist-complete-not-sent-attempt-" + attempt);
        if (attempt == 2) {
          throw nothingSent;
        }
        page.waitForLoadState(LoadState.NETWORKIDLE);
      }
    }
  }

  Task task(String ticket, String definitionKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(ticket).taskDefinitionKey(definitionKey)
        .singleResult();
  }

  String status(String ticket) {
    return jdbc.sql("SELECT status FROM fd_ticket WHERE ticket_number = ?").param(ticket).query(String.class).single();
  }

  /** Tasklist completes in the background; the ticket follows within moments (a minute at most on a loaded machine). */
  void awaitStatus(String ticket, String expected) {
    for (int tries = 0; tries < 300 && !expected.equals(status(ticket)); tries++) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    assertThat(status(ticket)).isEqualTo(expected);
  }

  @Test
  void aRequesterStartsAnIncidentInTasklistAndTheAgentResolvesItThere() {
    Page alice = tasklist("alice");
    // Tasklist's navbar actions are drawn ("Start process" is one): "Create task" is not among them.
    PlaywrightAssertions.assertThat(alice.getByText("Create task")).hasCount(0);
    alice.getByText("Start process").first().click();
    alice.getByText("Incident", new Page.GetByTextOptions().setExact(true)).first().click();
    alice.getByLabel("Title").fill("Docking station flickers");
    alice.getByLabel("Description").fill("Both screens go dark every few minutes");
    Browser.choose(alice, "Service", "Laptops and desktops");
    Browser.choose(alice, "Category", "Hardware");
    alice.getByLabel(Pattern.compile("^Impact")).fill("3");
    alice.getByLabel(Pattern.compile("^Urgency")).fill("2");
    Browser.screenshot(alice, "tasklist-1-start-form");
    press(alice, "Start");
    alice.getByText(Pattern.compile("started", Pattern.CASE_INSENSITIVE)).first().waitFor();
    String ticket = jdbc.sql("SELECT ticket_number FROM fd_ticket WHERE title = 'Docking station flickers' "
        + "AND requester = 'alice'").query(String.class).single();

    Page bob = tasklist("bob");
    open(bob, task(ticket, "Activity_WorkIncident"));
    Browser.screenshot(bob, "tasklist-2-work-task");
    claim(bob);
    bob.getByLabel("Resolve the incident").check();
    Browser.choose(bob, "Resolution code", "Solved (permanently)");
    bob.getByLabel(Pattern.compile("^Resolution notes")).fill("New docking firmware");
    Browser.screenshot(bob, "tasklist-3-resolving");
    complete(bob);
    awaitStatus(ticket, "resolved");

    Page aliceAgain = tasklist("alice");
    open(aliceAgain, task(ticket, "Activity_ConfirmResolution"));
    aliceAgain.locator(".fjs-form").first().waitFor(); // her own task: assigned to her already
    // The resolution notes come from the ticket (form-variables), not from a process variable.
    assertThat(aliceAgain.getByLabel("How it was resolved").inputValue()).isEqualTo("New docking firmware");
    aliceAgain.getByLabel("Yes, close the ticket").check();
    Browser.screenshot(aliceAgain, "tasklist-4-confirm");
    complete(aliceAgain);
    awaitStatus(ticket, "closed");
    assertThat(jdbc.sql("SELECT actor FROM fd_timeline_entry WHERE ticket_number = ? AND kind = 'resolved'")
        .param(ticket).query(String.class).list()).containsExactly("bob");
  }

  @Test
  void theManagerSeesWhatTheRequesterOrderedInTasklistAndApprovesThere() {
    ResponseEntity<String> ordered = ApiClient.as(rest, "alice", "alice").postForEntity("/api/requests",
        Map.of("item", "new-laptop", "answers", Map.of("model", "developer", "reason", "Builds take ages")),
        String.class);
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    String ticket = jdbc.sql("SELECT ticket_number FROM fd_ticket WHERE requester = 'alice' AND item_id = 'new-laptop' "
        + "ORDER BY created_at DESC").query(String.class).list().get(0);

    Page mark = tasklist("mark");
    open(mark, task(ticket, "Activity_ManagerApproves"));
    mark.locator(".fjs-form").first().waitFor(); // assigned to him by the model
    assertThat(mark.getByLabel("Request", new Page.GetByLabelOptions().setExact(true)).inputValue())
        .isEqualTo("New laptop — Developer (16 inch, 32 GB), for Alice Andersen");
    assertThat(mark.getByLabel("What the requester asked for").inputValue())
        .isEqualTo("Model: Developer (16 inch, 32 GB)\nWhy do you need it?: Builds take ages");
    Browser.screenshot(mark, "tasklist-5-approval-with-answers");
    mark.getByLabel("Approve").check();
    complete(mark);
    for (int tries = 0; tries < 100 && task(ticket, "Activity_ManagerApproves") != null; tries++) {
      mark.waitForTimeout(200);
    }
    assertThat(jdbc.sql("SELECT text FROM fd_timeline_entry WHERE ticket_number = ? AND kind = 'approved'")
        .param(ticket).query(String.class).list()).containsExactly("Approved (Manager approves)");
  }
}
