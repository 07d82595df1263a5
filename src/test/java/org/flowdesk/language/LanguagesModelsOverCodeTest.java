package org.flowdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.ApiClient;
import org.flowdesk.models.EditableModels;
import org.flowdesk.models.EditableModelsTest;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * FlowDesk speaks the person's language: the one in their profile, else their browser's, else English.
 * The words are the models' (i18n/, forms/i18n/, catalog/i18n/, mail/<kind>.<language>.*), so a third
 * language is added as files, with no Java or JavaScript change.
 */
@EditableModelsTest
class LanguagesModelsOverCodeTest {

  static final ModelsFixture MODELS = EditableModels.files();

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  @AfterEach
  void noLanguageInTheProfiles() {
    identityService.deleteUserInfo("alice", Languages.PROFILE_KEY);
  }

  ResponseEntity<String> call(String user, HttpMethod method, String path, String acceptLanguage, Object body) {
    HttpHeaders headers = new HttpHeaders();
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    return ApiClient.as(rest, user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  JsonNode get(String user, String path, String acceptLanguage) {
    ResponseEntity<String> response = call(user, HttpMethod.GET, path, acceptLanguage, null);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return ApiClient.read(response);
  }

  static String label(JsonNode form, String key) {
    for (JsonNode component : form.get("components")) {
      if (key.equals(component.path("key").asText())) {
        return component.get("label").asText();
      }
    }
    throw new AssertionError("no field " + key);
  }

  static String itemName(JsonNode catalog, String id) {
    for (JsonNode item : catalog.get("items")) {
      if (id.equals(item.get("id").asText())) {
        return item.get("name").asText();
      }
    }
    throw new AssertionError("no item " + id);
  }

  @Test
  void aGermanBrowserGetsGermanWordsAndAnyOtherBrowserEnglish() {
    JsonNode german = get("alice", "/api/me/language", "de-DE,de;q=0.9,en;q=0.8");
    assertThat(german.get("language").asText()).isEqualTo("de");
    assertThat(german.get("chosen").isNull()).isTrue();
    assertThat(german.get("languages").findValuesAsText("code")).containsExactly("en", "de");
    assertThat(german.at("/words/portal/My tickets").asText()).isEqualTo("Meine Tickets");
    assertThat(german.at("/words/milestones/ordering").asText()).isEqualTo("Bestellung");

    JsonNode form = get("alice", "/api/forms/incident-report", "de");
    assertThat(label(form, "title")).isEqualTo("Titel");
    assertThat(form.toString()).contains("Netzwerk und WLAN").contains("## Problem melden");
    // The values stay what the process reads: only the words change.
    assertThat(form.toString()).contains("\"value\":\"network\"");
    assertThat(itemName(get("alice", "/api/catalog", "de"), "monitor")).isEqualTo("Zusätzlicher Monitor");
    JsonNode item = get("alice", "/api/catalog/items/monitor", "de");
    assertThat(item.at("/item/name").asText()).isEqualTo("Zusätzlicher Monitor");
    assertThat(item.at("/service/name").asText()).isEqualTo("Laptops und Desktops");
    assertThat(label(item.get("form"), "size")).isEqualTo("Größe");

    assertThat(get("alice", "/api/me/language", "fr-FR,en-GB;q=0.5").get("language").asText()).isEqualTo("en");
    assertThat(get("alice", "/api/me/language", null).get("language").asText()).isEqualTo("en");
    assertThat(label(get("alice", "/api/forms/incident-report", null), "title")).isEqualTo("Title");
    assertThat(itemName(get("alice", "/api/catalog", "en-US"), "monitor")).isEqualTo("Extra monitor");
    // A header no browser sends is no error: the person gets English.
    assertThat(label(get("alice", "/api/forms/incident-report", ";;q=x,,*-*"), "title")).isEqualTo("Title");
  }

  @Test
  void theLanguageInThePersonsProfileWinsOverTheBrowsers() {
    assertThat(call("alice", HttpMethod.PUT, "/api/me/language", null, Map.of("language", "de")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    JsonNode mine = get("alice", "/api/me/language", "en-US");
    assertThat(mine.get("language").asText()).isEqualTo("de");
    assertThat(mine.get("chosen").asText()).isEqualTo("de");
    assertThat(label(get("alice", "/api/forms/incident-report", "en-US"), "title")).isEqualTo("Titel");
    // Only alice's: bob's browser still decides for him.
    assertThat(get("bob", "/api/me/language", "en-US").get("language").asText()).isEqualTo("en");

    ResponseEntity<String> unknown = call("alice", HttpMethod.PUT, "/api/me/language", null, Map.of("language", "fr"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("FlowDesk speaks en, de, not 'fr'");
    assertThat(get("alice", "/api/me/language", null).get("chosen").asText()).as("nothing half-saved").isEqualTo("de");

    assertThat(call("alice", HttpMethod.PUT, "/api/me/language", null, Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(get("alice", "/api/me/language", "en-US").get("language").asText()).isEqualTo("en");
  }

  @Test
  void aThirdLanguageIsAddedAsFilesOnly() {
    assertThat(get("alice", "/api/me/language", "fr").get("language").asText()).isEqualTo("en");

    MODELS.write("i18n/fr.json", """
        {"language": "Français",
         "portal": {"My tickets": "Mes tickets", "Hello {name}": "Bonjour {name}"},
         "statuses": {"new": "Nouveau"},
         "milestones": {"reported": "Signalé"},
         "refusals": {"No ticket {id} that you may see": "Aucun ticket {id} que vous puissiez voir",
                      "{label} is required": "{label} est obligatoire"}}
        """);
    MODELS.write("forms/i18n/incident-report.fr.json", """
        {"title": {"label": "Titre"}, "service": {"values": {"network": "Réseau et Wi-Fi"}}}
        """);
    MODELS.write("catalog/i18n/fr.yaml", """
        requestItems:
          monitor: {name: Écran supplémentaire}
        services:
          laptop: {name: Ordinateurs portables et fixes}
        """);

    JsonNode french = get("alice", "/api/me/language", "fr-CH, fr;q=0.9, en;q=0.8");
    assertThat(french.get("language").asText()).isEqualTo("fr");
    assertThat(french.get("languages").findValuesAsText("name")).containsExactly("English", "Deutsch", "Français");
    assertThat(french.at("/words/portal/My tickets").asText()).isEqualTo("Mes tickets");
    JsonNode form = get("alice", "/api/forms/incident-report", "fr");
    assertThat(label(form, "title")).isEqualTo("Titre");
    // What the French file does not say stays as the form says it.
    assertThat(label(form, "description")).isEqualTo("Description");
    assertThat(form.toString()).contains("Réseau et Wi-Fi").contains("VPN and remote access");
    assertThat(itemName(get("alice", "/api/catalog", "fr"), "monitor")).isEqualTo("Écran supplémentaire");
    assertThat(itemName(get("alice", "/api/catalog", "fr"), "headset")).isEqualTo("Headset");

    // The API's refusals too, a field by the French form's label.
    ResponseEntity<String> missing = call("alice", HttpMethod.GET, "/api/tickets/INC-999999", "fr", null);
    assertThat(ApiClient.read(missing).get("detail").asText()).isEqualTo("Aucun ticket INC-999999 que vous puissiez voir");
    ResponseEntity<String> empty = call("alice", HttpMethod.POST, "/api/incidents", "fr", Map.of());
    assertThat(ApiClient.read(empty).get("errors").findValuesAsText("message")).contains("Titre est obligatoire");

    // And a person may choose it in their profile.
    assertThat(call("alice", HttpMethod.PUT, "/api/me/language", null, Map.of("language", "fr")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(get("alice", "/api/me/language", "de").get("language").asText()).isEqualTo("fr");

    // A translation that does not read leaves the words English, and FlowDesk working.
    MODELS.write("forms/i18n/incident-report.fr.json", "{ broken");
    assertThat(label(get("alice", "/api/forms/incident-report", "fr"), "title")).isEqualTo("Title");
  }

  /**
   * A group's name in another language is a section of its words file, by the group's id: the timeline, the API's
   * refusals and the portal's words (GET /api/me/language) name the group so, with no code change.
   */
  @Test
  void aGroupsNameInANewLanguageIsASectionOfItsWordsFile() {
    ResponseEntity<String> reported = call("alice", HttpMethod.POST, "/api/incidents", null, Map.of("title",
        "Imprimante en panne", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3));
    String number = ApiClient.read(reported).get("number").asText();
    assertThat(get("alice", "/api/tickets/" + number + "/timeline", "fr").findValuesAsText("text"))
        .contains("Priority P5, assigned to Service desk");

    MODELS.write("i18n/fr.json", """
        {"language": "Français",
         "groups": {"service-desk": "Centre de services"},
         "timeline": {"Priority P{priority}, assigned to {group}": "Priorité P{priority}, attribué à {group}"},
         "refusals": {"Only the agents working {number} ({group}) may change its priority":
           "Seuls les agents qui traitent {number} ({group}) peuvent changer sa priorité"}}
        """);

    assertThat(get("alice", "/api/me/language", "fr").at("/words/groups/service-desk").asText())
        .isEqualTo("Centre de services");
    assertThat(get("alice", "/api/tickets/" + number + "/timeline", "fr").findValuesAsText("text"))
        .contains("Priorité P5, attribué à Centre de services");
    ResponseEntity<String> refused = call("alice", HttpMethod.POST, "/api/tickets/" + number + "/priority", "fr",
        Map.of("impact", 1, "urgency", 1, "reason", "tout l'étage"));
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(ApiClient.read(refused).get("detail").asText())
        .isEqualTo("Seuls les agents qui traitent " + number + " (Centre de services) peuvent changer sa priorité");
    // English names the group as the directory does.
    assertThat(get("alice", "/api/tickets/" + number + "/timeline", "en").findValuesAsText("text"))
        .contains("Priority P5, assigned to Service desk");
  }

  /**
   * A department adds its words as files of its own beside the language's (i18n/<name>.<language>.json,
   * catalog/i18n/<name>.<language>.yaml): they are read with the shared ones without editing them, and what the shared
   * file says stays as it says it.
   */
  @Test
  void aDepartmentsWordsAreFilesOfItsOwnBesideTheLanguagesAndTheSharedWordsWin() {
    assertThat(get("alice", "/api/me/language", "de").at("/words/groups/service-desk").asText()).isEqualTo("Service-Desk");
    MODELS.write("i18n/legal.de.json", """
        {"groups": {"legal-team": "Rechtsabteilung", "service-desk": "Schalter"},
         "portal": {"Contract review": "Vertragsprüfung"},
         "processes": {"fulfil-legal": "Rechtsauftrag erledigen"}}
        """);
    MODELS.write("catalog/legal.yaml", """
        linesOfBusiness:
          - {id: legal, name: Legal}
        services:
          - {id: contract-review, name: Contract review, lineOfBusiness: legal, ownerGroup: service-owners,
             lifecycle: catalog, supportHours: business}
        """);
    MODELS.write("catalog/i18n/legal.de.yaml", """
        linesOfBusiness:
          legal: {name: Recht}
        services:
          contract-review: {name: Vertragsprüfung, description: "Verträge, von der Rechtsabteilung geprüft."}
          email: {name: Elektronische Post}
        """);
    assertThat(ApiClient.as(rest, "admin", "admin").exchange("/api/admin/models/deploy", HttpMethod.POST, null,
        String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    JsonNode words = get("alice", "/api/me/language", "de").get("words");
    assertThat(words.at("/groups/legal-team").asText()).isEqualTo("Rechtsabteilung");
    assertThat(words.at("/groups/service-desk").asText()).isEqualTo("Service-Desk");
    assertThat(words.at("/portal/Contract review").asText()).isEqualTo("Vertragsprüfung");
    assertThat(words.at("/processes/fulfil-legal").asText()).isEqualTo("Rechtsauftrag erledigen");
    assertThat(words.at("/portal/My tickets").asText()).isEqualTo("Meine Tickets");
    // The catalog's: an entry the shared file does not word is the department's; one it words stays the shared file's.
    JsonNode catalog = get("alice", "/api/catalog", "de");
    assertThat(catalog.get("services").findValuesAsText("name")).contains("Vertragsprüfung", "E-Mail und Kalender")
        .doesNotContain("Elektronische Post");
    assertThat(catalog.get("linesOfBusiness").findValuesAsText("name")).contains("Recht");
    // No department file defines a language: only i18n/<language>.json does.
    assertThat(get("alice", "/api/me/language", "de").get("languages").findValuesAsText("code"))
        .doesNotContain("legal.de");
  }

  /**
   * A request's title reads wholly in the requester's language from the files: the item's title and name from the
   * catalog's words, the answer's option from the form's; a language whose catalog words give the item no title keeps
   * the catalog's own, with the words it has.
   */
  @Test
  void aRequestsTitleInANewLanguageIsTheCatalogsAndTheFormsWordsAlone() {
    MODELS.write("i18n/fr.json", """
        {"language": "Français"}
        """);
    MODELS.write("forms/i18n/item-monitor.fr.json", """
        {"size": {"label": "Taille", "values": {"24": "24 pouces", "27": "27 pouces"}}}
        """);
    MODELS.write("catalog/i18n/fr.yaml", """
        requestItems:
          monitor: {name: Écran supplémentaire, title: "{item} — {size}, pour {requester}"}
        """);
    ResponseEntity<String> ordered = call("alice", HttpMethod.POST, "/api/requests", "fr",
        Map.of("item", "monitor", "answers", Map.of("size", "27", "reason", "Deux écrans")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(ApiClient.read(ordered).get("title").asText()).isEqualTo("Écran supplémentaire — 27 pouces, pour Alice Andersen");

    MODELS.write("catalog/i18n/fr.yaml", """
        requestItems:
          monitor: {name: Écran supplémentaire}
        """);
    ResponseEntity<String> untitled = call("alice", HttpMethod.POST, "/api/requests", "fr",
        Map.of("item", "monitor", "answers", Map.of("size", "24", "reason", "Un de plus")));
    assertThat(ApiClient.read(untitled).get("title").asText()).isEqualTo("Écran supplémentaire — 24 pouces, for Alice Andersen");
    // English reads the catalog's and the form's own words.
    ResponseEntity<String> english = call("alice", HttpMethod.POST, "/api/requests", "en",
        Map.of("item", "monitor", "answers", Map.of("size", "27", "reason", "One more")));
    assertThat(ApiClient.read(english).get("title").asText()).isEqualTo("Extra monitor — 27 inch, for Alice Andersen");
  }

  /**
   * A refusal of the API reads in the person's language (i18n/de.json's "refusals"): a status as the language's
   * word, a form's field by its label in the language; what the section does not have stays English.
   */
  @Test
  void theApisRefusalsReadInThePersonsLanguage() {
    ResponseEntity<String> missing = call("alice", HttpMethod.GET, "/api/tickets/INC-999999", "de-DE", null);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(ApiClient.read(missing).get("title").asText()).isEqualTo("Nicht gefunden");
    assertThat(ApiClient.read(missing).get("detail").asText()).isEqualTo("Es gibt kein Ticket INC-999999, das Sie sehen dürfen");
    assertThat(ApiClient.read(call("alice", HttpMethod.GET, "/api/tickets/INC-999999", "en", null)).get("detail")
        .asText()).isEqualTo("No ticket INC-999999 that you may see");

    ResponseEntity<String> reported = call("alice", HttpMethod.POST, "/api/incidents", null, Map.of("title",
        "Beamer flackert", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3));
    String number = ApiClient.read(reported).get("number").asText();
    ResponseEntity<String> reopen = call("alice", HttpMethod.POST, "/api/tickets/" + number + "/reopen", "de",
        Map.of("reason", "Es flackert wieder"));
    assertThat(reopen.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ApiClient.read(reopen).get("detail").asText())
        .isEqualTo(number + " ist nicht geschlossen, es gibt also nichts wieder zu öffnen (Status: Neu)");

    ResponseEntity<String> empty = call("alice", HttpMethod.POST, "/api/incidents", "de", Map.of("service", "laptop"));
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode refused = ApiClient.read(empty);
    assertThat(refused.get("title").asText()).isEqualTo("Ungültige Eingabe");
    assertThat(refused.get("errors").findValuesAsText("message")).contains("Titel ist erforderlich");
    assertThat(refused.get("errors").findValuesAsText("field")).contains("title");
    assertThat(refused.get("detail").asText()).contains("title: Titel ist erforderlich");

    // The profile's language wins here too.
    assertThat(call("alice", HttpMethod.PUT, "/api/me/language", null, Map.of("language", "de")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(ApiClient.read(call("alice", HttpMethod.GET, "/api/tickets/INC-999999", "en", null)).get("detail")
        .asText()).isEqualTo("Es gibt kein Ticket INC-999999, das Sie sehen dürfen");
  }
}
