package org.flowdesk.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.EngineTime.berlin;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.flowdesk.ApiClient;
import org.flowdesk.Browser;
import org.flowdesk.sla.OlaClocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * The measures page shows each group's OLAs, in English and, for a service owner whose profile says so, in
 * German. A made-up group holds two made-up tickets on Thursday 12 June 2031: one within its hour, one
 * breaching it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OlaMeasuresBrowserTest {

  @RegisterExtension
  final Browser.PerTest browser = new Browser.PerTest();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  OlaClocks clocks;

  @Test
  void theMeasuresPageShowsEachGroupsOlasAndAllItsWordsInTheOwnersLanguage() {
    String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    String group = "pulsar-" + run;
    clocks.hold("OLAB" + run + "-1", group, "PT1H", "24x7", 75, berlin("2031-06-12T09:00"));
    clocks.release("OLAB" + run + "-1", berlin("2031-06-12T09:30"));
    clocks.hold("OLAB" + run + "-2", group, "PT1H", "24x7", 75, berlin("2031-06-12T09:00"));
    assertThat(clocks.recordBreach("OLAB" + run + "-2", berlin("2031-06-12T10:00"))).isPresent();
    clocks.release("OLAB" + run + "-2", berlin("2031-06-12T11:30"));
    // A group the identity service knows is named, not shown by its id.
    clocks.hold("OLAB" + run + "-3", "network", "PT4H", "24x7", 75, berlin("2031-06-12T09:00"));
    clocks.release("OLAB" + run + "-3", berlin("2031-06-12T10:00"));

    Page sofia = browser.as("sofia");
    sofia.navigate("/measures?from=2031-06-12&to=2031-06-13");
    sofia.locator("body[data-ready=true]").waitFor();
    Locator row = sofia.locator("#olas tr", new Page.LocatorOptions().setHasText(group));
    // held 2, met 1, breached 1, 50 %, median of 0.5 h and 2.5 h
    assertThat(row.locator("td")).containsText(new String[] {"2", "1", "1", "50 %", "1.5"});
    assertThat(sofia.locator("#olas-section h2")).hasText("OLAs per group");
    assertThat(sofia.locator("#olas tr", new Page.LocatorOptions().setHasText("Network team"))).hasCount(1);
    assertThat(sofia.locator("#export-olas-csv")).hasAttribute("href",
        "/api/measures/export?report=olas&format=csv&from=2031-06-12&to=2031-06-13");
    Browser.screenshot(sofia, "ola-measures-en");

    ApiClient api = new ApiClient(rest);
    assertThat(api.call("sofia", HttpMethod.PUT, "/api/me/language", Map.of("language", "de")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    try {
      Page german = browser.as("sofia");
      german.navigate("/measures?from=2031-06-12&to=2031-06-13");
      german.locator("body[data-ready=true]").waitFor();
      assertThat(german.locator("#olas-section h2")).hasText("OLAs je Gruppe");
      assertThat(german.locator("#olas tr").first()).containsText("Haltezeit, Median (Stunden)");
      assertThat(german.locator("#olas tr", new Page.LocatorOptions().setHasText(group))).containsText("50 %");
      // Her browser speaks English; the figures are written as her language writes them.
      assertThat(german.locator("#olas tr", new Page.LocatorOptions().setHasText(group)).locator("td").last())
          .hasText("1,5");
      assertThat(german.locator("#olas tr", new Page.LocatorOptions().setHasText("Netzwerkteam"))).hasCount(1);
      // The whole page, not only the OLAs: its headings, the figures' names, the tables' columns, the period's form.
      assertThat(german).hasTitle("Service-Kennzahlen · FlowDesk");
      assertThat(german.locator("html")).hasAttribute("lang", "de");
      assertThat(german.locator("header")).containsText("Zurück zum Portal");
      assertThat(german.locator("#period button")).hasText("Anzeigen");
      assertThat(german.locator("main section h2").first()).hasText("Übersicht");
      assertThat(german.locator("#summary")).containsText("Rückstand am Ende");
      assertThat(german.locator("#summary")).containsText("Reaktions-SLA eingehalten");
      assertThat(german.locator("#storage")).containsText("Alle Services");
      assertThat(german.locator("#time-groups tr").first()).containsText("Stundensatz");
      assertThat(german.locator("#aging")).hasAttribute("aria-label", "Offene Tickets nach Alter und Priorität");
      assertThat(german.locator("main")).not().containsText("Backlog at the end");
      Browser.screenshot(german, "ola-measures-de");
    } finally {
      api.call("sofia", HttpMethod.PUT, "/api/me/language", Map.of());
    }
  }
}
