package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.portal.PortalBrowserTest.button;
import static org.flowdesk.portal.PortalBrowserTest.go;
import static org.flowdesk.portal.PortalBrowserTest.link;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The CMDB pages in Chromium: bob (service desk) filters the CIs, opens the ERP database with its
 * neighbourhood drawn by cytoscape and the services an outage touches, and finds it again through a
 * cell of the matrix; nina (network) relates her database to her server and takes the relation back,
 * which the history shows; a requester has no CMDB but her devices, and reports a problem with one. axe-core on each screen. Shares PortalBrowserTest's
 * Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CmdbBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;

  @Test
  void anAgentFiltersTheCisOpensOneWithItsPictureAndImpactAndFindsItThroughTheMatrix() {
    List<String> problems = new ArrayList<>();
    Page bob = browser.as("bob");
    go(bob, "/");
    link(bob, "CMDB").click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb\"] h1").waitFor();
    assertThat(bob.locator("main h1")).hasText("Configuration items");

    bob.getByLabel("Class", new Page.GetByLabelOptions().setExact(true)).selectOption("server");
    bob.getByLabel("Key or name contains").fill("erp");
    button(bob, "Filter").click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb?class=server&q=erp\"] h1").waitFor();
    Locator rows = bob.locator("table.cis tbody tr");
    assertThat(rows.first()).isVisible();
    for (int i = 0; i < rows.count(); i++) {
      assertThat(rows.nth(i).locator("td").nth(1)).hasText("Server");
    }
    assertThat(bob.locator("table.cis")).containsText("vm-erp-db-1");
    assertThat(bob.locator("table.cis")).not().containsText("db-erp ");
    Axe.seriousViolations(bob).forEach(v -> problems.add("/cmdb?class=server&q=erp: " + v));
    Browser.screenshot(bob, "cmdb-1-list");

    go(bob, "/cmdb?q=db-erp");
    bob.locator("table.cis a[href=\"#/cmdb/ci/db-erp\"]").click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb/ci/db-erp\"] h1").waitFor();
    assertThat(bob.locator("main h1")).hasText("db-erp: ERP database");
    assertThat(bob.locator(".ci-facts")).containsText("Database");
    // Its attributes by the labels of catalog/ci-classes.yaml, in the order it declares them, their values as people
    // read them: an enum's by its name, a boolean yes or no, a number in the reader's way.
    assertThat(bob.locator(".ci-facts dt")).containsText(new String[] {"Database engine", "Version", "Size (GB)",
        "Replicated"});
    assertThat(bob.locator(".ci-facts dd")).containsText(new String[] {"Oracle", "19c", "2,400", "Yes"});
    assertThat(bob.locator(".ci-relations .outgoing")).containsText("vm-erp-db-1");
    // The picture: cytoscape draws on canvases; the CI, what it runs on and what depends on it are its nodes.
    assertThat(bob.locator(".ci-graph canvas").first()).isAttached();
    assertThat(Integer.parseInt(bob.locator(".ci-graph").getAttribute("data-nodes"))).isGreaterThanOrEqualTo(3);
    assertThat(bob.locator("table.impact")).containsText("ERP and finance systems");
    assertThat(bob.locator(".impact-summary")).containsText("services");
    assertThat(bob.locator(".ci-history li").first()).isVisible();
    // bob is no member of the owner group: he reads the relations but cannot change them.
    assertThat(bob.locator("form.relation-add")).hasCount(0);
    assertThat(bob.locator(".ci-relations button")).hasCount(0);
    Axe.seriousViolations(bob).forEach(v -> problems.add("/cmdb/ci/db-erp: " + v));
    Browser.screenshot(bob, "cmdb-2-ci");

    // An open incident of the ERP service naming its database shows in the database cell of the service's column.
    org.springframework.http.ResponseEntity<String> reported = new org.flowdesk.ApiClient(rest).call("alice",
        HttpMethod.POST, "/api/incidents", java.util.Map.of("title", "Ledger will not open", "service", "erp",
            "category", "software", "impact", 3, "urgency", 3, "configurationItem", "db-erp"));
    org.assertj.core.api.Assertions.assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(201);
    link(bob, "Classes against services").first().click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb/matrix\"] h1").waitFor();
    assertThat(bob.locator("main h1")).hasText("CI classes against services");
    Locator databaseRow = bob.locator("table.ci-matrix tbody tr").filter(new Locator.FilterOptions()
        .setHas(bob.locator("th", new Page.LocatorOptions().setHasText("Database"))));
    Locator cell = databaseRow.locator("a[href=\"#/cmdb?class=database&service=erp\"]");
    assertThat(cell).hasCount(1);
    assertThat(cell.locator(".open-incidents")).isVisible();
    assertThat(cell).hasAttribute("title", java.util.regex.Pattern.compile(
        "Database under ERP and finance systems: \\d+ CIs, [1-9]\\d* open incidents"));
    assertThat(cell.locator(".open-incidents")).hasText(java.util.regex.Pattern.compile("⚠ [1-9]\\d* open incidents"));
    Axe.seriousViolations(bob).forEach(v -> problems.add("/cmdb/matrix: " + v));
    Browser.screenshot(bob, "cmdb-3-matrix");
    String count = cell.locator(".cis").textContent();
    cell.click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb?class=database&service=erp\"] h1").waitFor();
    assertThat(bob.locator("table.cis tbody tr")).hasCount(Integer.parseInt(count));
    assertThat(bob.locator("table.cis")).containsText("db-erp");

    go(bob, "/cmdb/matrix");
    link(bob, "Owner groups").click();
    bob.locator("main[aria-busy=false][data-route=\"/cmdb/matrix/group\"] h1").waitFor();
    assertThat(bob.locator("main h1")).hasText("Owner groups against services");
    assertThat(bob.locator("table.ci-matrix tbody th").filter(new Locator.FilterOptions().setHasText("Network")))
        .not().hasCount(0);
    Axe.seriousViolations(bob).forEach(v -> problems.add("/cmdb/matrix/group: " + v));

    // A German agent reads the matrix in German.
    Page hana = browser.as("hana", "de-DE", "Europe/Berlin");
    go(hana, "/cmdb/matrix");
    assertThat(hana.locator("main h1")).hasText("CI-Klassen gegen Services");
    go(hana, "/cmdb/ci/db-erp");
    assertThat(hana.locator(".ci-facts dt")).containsText(new String[] {"Datenbanksystem", "Version", "Größe (GB)",
        "Repliziert"});
    assertThat(hana.locator(".ci-facts dd")).containsText(new String[] {"Oracle", "19c", "2.400", "Ja"});
    assertThat(problems).isEmpty();
  }

  @Test
  void theOwnerGroupRelatesItsDatabaseToAServerAndTakesItBackWhileARequesterHasNoCmdb() {
    String p = "zb" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.CONTENT_TYPE, "application/yaml");
    String file = """
        configurationItems:
          - {key: %1$s-srv, class: server, name: Lab server, ownerGroup: network, attributes: {hostname: lab, os: linux}}
          - {key: %1$s-db, class: database, name: Lab database, ownerGroup: network, attributes: {engine: h2},
             services: [email]}
        """.formatted(p);
    assertThat(ApiClient.as(rest, "admin", "admin").exchange("/api/cis/import", HttpMethod.POST,
        new HttpEntity<>(file, headers), String.class).getStatusCode().is2xxSuccessful()).isTrue();

    List<String> problems = new ArrayList<>();
    Page nina = browser.as("nina");
    go(nina, "/cmdb/ci/" + p + "-db");
    assertThat(nina.locator(".ci-relations .outgoing")).hasCount(0);
    nina.getByLabel("Relation", new Page.GetByLabelOptions().setExact(true)).selectOption("runs-on");
    // The servers are offered as the key is typed (the classes runs-on may go to).
    assertThat(nina.locator("#relation-targets option[value=\"" + p + "-srv\"]")).hasCount(1);
    assertThat(nina.locator("#relation-targets option[value=\"" + p + "-db\"]")).hasCount(0);
    nina.getByLabel("To the CI (key)").fill(p + "-srv");
    Axe.seriousViolations(nina).forEach(v -> problems.add("/cmdb/ci/{db} for its owner group: " + v));
    button(nina, "Add").click();
    assertThat(nina.locator("#message")).containsText("Added: " + p + "-db Runs on " + p + "-srv.");
    assertThat(nina.locator(".ci-relations .outgoing")).containsText(p + "-srv");
    assertThat(nina.locator(".ci-history li").first()).containsText("relation added");
    assertThat(nina.locator(".ci-history li").first()).containsText("+ Runs on " + p + "-srv");
    nina.locator(".ci-graph[data-nodes=\"3\"]").waitFor();
    Browser.screenshot(nina, "cmdb-4-related");

    // Twice is refused in words; the page stays as it was.
    nina.getByLabel("To the CI (key)").fill(p + "-srv");
    button(nina, "Add").click();
    assertThat(nina.locator("#message")).containsText("already");

    button(nina, "Remove Runs on " + p + "-srv").click();
    assertThat(nina.locator("#message")).containsText("Removed: " + p + "-db Runs on " + p + "-srv.");
    assertThat(nina.locator(".ci-relations .outgoing")).hasCount(0);
    assertThat(nina.locator(".ci-history li").first()).containsText("relation removed");

    Page alice = browser.as("alice");
    go(alice, "/");
    assertThat(link(alice, "CMDB")).hasCount(0);
    go(alice, "/cmdb");
    assertThat(alice.locator("main h1")).hasText("Not found");

    // Her devices are hers to see (the demo gave her monitor MN-20001), and a problem with one is reported from there.
    go(alice, "/");
    link(alice, "My devices Your laptop, monitors and more").click();
    alice.locator("main[aria-busy=false][data-route=\"/devices\"] h1").waitFor();
    assertThat(alice.locator("main h1")).hasText("My devices");
    Locator monitor = alice.locator(".device").filter(new Locator.FilterOptions().setHasText("MN-20001"));
    assertThat(monitor.locator("h2")).hasText("Monitor MN-20001");
    assertThat(monitor).containsText("Dell P2723DE");
    assertThat(monitor).containsText("in use");
    Axe.seriousViolations(alice).forEach(v -> problems.add("/devices: " + v));
    Browser.screenshot(alice, "cmdb-5-my-devices");
    monitor.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new Locator.GetByRoleOptions()
        .setName("Report a problem with it")).click();
    alice.locator("main[aria-busy=false] h1").filter(new Locator.FilterOptions().setHasText("Report a problem")).waitFor();
    assertThat(alice.getByLabel("Title")).hasValue("Monitor MN-20001 does not work");
    // The monitor is the configuration item the report names.
    assertThat(alice.locator(".fjs-form-field-select").filter(new Locator.FilterOptions().setHasText("Configuration item"))
        .locator("input")).hasValue(java.util.regex.Pattern.compile("MN-20001"));
    assertThat(problems).isEmpty();
  }
}
