package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Ordering an item that only some groups may order is refused naming those groups as people read them: the
 * directory's names in English, the German words file's names for a German reader, never the groups' ids in brackets;
 * the item by its name in the reader's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class NotOrderableApiTest {

  @Autowired
  TestRestTemplate rest;

  /** Onboarding a new employee is for approvers and HR (catalog/request-items.yaml); alice and greta are in sales. */
  @Test
  void anItemForSomeGroupsIsRefusedNamingTheGroupsInTheCallersLanguage() {
    assertThat(refusal("alice", null, Map.of("item", "new-employee", "answers", Map.of())))
        .isEqualTo("Onboard a new employee can be ordered only by members of Approvers or Human resources");
    assertThat(refusal("alice", "de", Map.of("item", "new-employee", "answers", Map.of())))
        .isEqualTo("„Neue Mitarbeiterin oder neuen Mitarbeiter einarbeiten“ können nur Mitglieder von Genehmigende oder Personalabteilung bestellen");
    // greta's profile says German, whatever her browser says.
    assertThat(refusal("greta", "en", Map.of("item", "hr-records-access", "answers", Map.of())))
        .isEqualTo("„Zugang zu Personalakten“ können nur Mitglieder von Personalabteilung oder Genehmigende bestellen");
  }

  /** Mark may order onboarding, but not for greta, who reports to him: the refusal names her, not her user id. */
  @Test
  void orderingForSomeoneWhoMayNotNamesThemAndTheGroups() {
    Map<String, Object> forGreta = Map.of("item", "new-employee", "requestedFor", "greta", "answers", Map.of());
    assertThat(refusal("mark", null, forGreta))
        .isEqualTo("Onboard a new employee can be ordered only by members of Approvers or Human resources; Greta Graf is not one");
    assertThat(refusal("mark", "de", forGreta)).isEqualTo(
        "„Neue Mitarbeiterin oder neuen Mitarbeiter einarbeiten“ können nur Mitglieder von Genehmigende oder Personalabteilung bestellen; Greta Graf ist kein Mitglied");
  }

  /** An item of a retired service: the item and the service by their names in the reader's language. */
  @Test
  void anItemOfARetiredServiceIsRefusedNamingItAndItsServiceInTheCallersLanguage() {
    Map<String, Object> toner = Map.of("item", "fax-toner", "answers", Map.of());
    assertThat(refusal("alice", null, toner)).isEqualTo("Fax toner cannot be ordered: its service Fax is retired");
    assertThat(refusal("greta", null, toner)).isEqualTo("„Faxtoner“ kann nicht bestellt werden: sein Service Fax ist eingestellt");
  }

  private String refusal(String user, String language, Map<String, Object> order) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (language != null) {
      headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
    }
    ResponseEntity<String> refused = ApiClient.as(rest, user, user).exchange("/api/requests", HttpMethod.POST,
        new HttpEntity<>(order, headers), String.class);
    assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    JsonNode problem = ApiClient.read(refused);
    return problem.get("detail").asText();
  }
}
