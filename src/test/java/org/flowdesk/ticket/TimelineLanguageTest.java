package org.flowdesk.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The timeline's own words in the reader's language, from i18n/de.json: greta (German in her profile)
 * reads her incident's history in German, alice in English unless her browser asks for German; what
 * people wrote stays as they wrote it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TimelineLanguageTest {

  @Autowired
  TestRestTemplate rest;

  List<String> timeline(String user, String number, String acceptLanguage) {
    HttpHeaders headers = new HttpHeaders();
    if (acceptLanguage != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
    }
    JsonNode entries = ApiClient.read(ApiClient.as(rest, user, user).exchange("/api/tickets/" + number + "/timeline",
        HttpMethod.GET, new HttpEntity<>(headers), String.class));
    return entries.findValuesAsText("text");
  }

  /** The requester's VPN incident, with a comment of hers, taken on and resolved by nina. */
  String resolvedIncident(String requester) {
    ApiClient api = new ApiClient(rest);
    String number = ApiClient.read(api.call(requester, HttpMethod.POST, "/api/incidents", Map.of("title",
        "VPN bricht ab", "service", "vpn", "category", "network", "impact", 3, "urgency", 3))).get("number").asText();
    api.call(requester, HttpMethod.POST, "/api/tickets/" + number + "/comments",
        Map.of("text", "Closed: it is not", "internal", false));
    String work = api.taskOf("nina", number, "Work incident");
    api.call("nina", HttpMethod.POST, "/api/tasks/" + work + "/claim", null);
    api.work("nina", number, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Firmware aktualisiert"));
    return number;
  }

  String closedIncident(String requester) {
    String number = resolvedIncident(requester);
    new ApiClient(rest).work(requester, number, "Confirm resolution", Map.of("confirmation", "confirm"));
    return number;
  }

  @Test
  void gretaReadsFlowDesksWordsOnHerTimelineInGermanAndHerOwnAsSheWroteThem() {
    String number = closedIncident("greta");

    assertThat(timeline("greta", number, null)).contains("Gemeldet: VPN bricht ab", "Übernommen von Nina Novak",
        "Gelöst (dauerhaft): Firmware aktualisiert", "Geschlossen: die anfragende Person hat die Lösung bestätigt",
        "Closed: it is not").anyMatch(text -> text.startsWith("Priorität P"));
    // nina reads the same ticket in English: the language is the reader's.
    assertThat(timeline("nina", number, null)).contains("Reported: VPN bricht ab", "Taken on by Nina Novak",
        "Closed: the requester confirmed the resolution");
  }

  /**
   * The form requires an answer, but an administrator may complete greta's "Confirm resolution" at /engine-rest past
   * the form, without one: the incident is closed (not reopened without a reason), and the timeline says who took the
   * resolution as confirmed, by name, in English and German: never that greta confirmed.
   */
  @Test
  void anAdministratorsConfirmationWithoutAnAnswerClosesAndSaysWhoTookItAsConfirmed() {
    ApiClient api = new ApiClient(rest);
    String number = resolvedIncident("greta");
    String confirm = api.taskOf("greta", number, "Confirm resolution");

    org.springframework.http.ResponseEntity<String> byAdministrator = api.call("admin", HttpMethod.POST,
        "/engine-rest/task/" + confirm + "/complete", Map.of());

    assertThat(byAdministrator.getStatusCode().value()).as(byAdministrator.getBody()).isEqualTo(204);
    assertThat(api.status("greta", number)).isEqualTo("closed");
    assertThat(timeline("nina", number, null)).contains("Closed: resolution taken as confirmed by FlowDesk "
        + "Administrator (no answer given)").noneMatch(text -> text.startsWith("Reopened")
        || text.contains("the requester confirmed"));
    assertThat(timeline("greta", number, null)).contains("Geschlossen: Lösung von FlowDesk Administrator als "
        + "bestätigt gewertet (keine Antwort gegeben)");
    assertThat(api.get("greta", "/api/tickets/" + number).get("reopenCount").asInt()).isZero();
  }

  /** The words FlowDesk puts in its texts are translated too: a file attached, a resolution's code. */
  @Test
  void gretaReadsAFileAttachedAndTheResolutionsCodeInGerman() {
    String number = closedIncident("greta");
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
    parts.add("files", new HttpEntity<>(new org.springframework.core.io.ByteArrayResource(
        "VPN log".getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "vpn (2).log";
      }
    }, fileHeaders));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    assertThat(ApiClient.as(rest, "greta", "greta").exchange("/api/tickets/" + number + "/attachments",
        HttpMethod.POST, new HttpEntity<>(parts, headers), String.class).getStatusCode().is2xxSuccessful()).isTrue();

    assertThat(timeline("greta", number, null)).contains("Gelöst (dauerhaft): Firmware aktualisiert")
        .anyMatch(text -> text.startsWith("Angehängt: vpn (2).log (text/") && text.endsWith(", 7 Bytes)"));
    assertThat(timeline("nina", number, null)).contains("Resolved (solved): Firmware aktualisiert")
        .anyMatch(text -> text.startsWith("Attached vpn (2).log (text/") && text.endsWith(", 7 bytes)"));
  }

  @Test
  void aReaderWithoutAProfileLanguageReadsTheBrowsersLanguage() {
    String number = closedIncident("alice");

    assertThat(timeline("alice", number, null)).contains("Taken on by Nina Novak");
    assertThat(timeline("alice", number, "de-DE,de;q=0.9,en;q=0.5")).contains("Übernommen von Nina Novak",
        "Closed: it is not");
  }
}
