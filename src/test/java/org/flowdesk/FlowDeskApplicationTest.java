package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowdesk.models.FeelParsedOnce;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
// Cockpit, Tasklist and Admin are served from JVM-wide state that the last context to start them
// set up, and a context closed since (MeasuresTest's) breaks them: a fresh context, which the
// classes after this one then share.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class FlowDeskApplicationTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @Autowired
  RepositoryService repositoryService;
  @Autowired
  ProcessEngine processEngine;

  @Test
  void startsOnH2WithTheDemoPeople() {
    for (String user : List.of("admin", "alice", "bob", "nina", "mark", "carl", "hana")) {
      assertThat(identityService.checkPassword(user, user)).as(user + " logs in with password " + user).isTrue();
    }
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").list())
        .extracting(u -> u.getId()).containsExactly("admin");
    assertThat(identityService.createGroupQuery().groupMember("alice").list())
        .extracting(g -> g.getId()).containsExactlyInAnyOrder("requesters", "sales");
    assertThat(identityService.createGroupQuery().groupMember("nina").list())
        .extracting(g -> g.getId()).contains("network");
  }

  @Test
  void evaluatesDecisionsWithTheFeelEngineThatParsesEachTextOnce() {
    assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getDmnEngineConfiguration().getFeelEngine().getClass().getEnclosingClass()).isEqualTo(FeelParsedOnce.class);
  }

  @Test
  void deploysTheModelsAtStartup() {
    assertThat(repositoryService.createProcessDefinitionQuery().latestVersion().list())
        .extracting(d -> d.getKey()).contains("incident", "service-request", "change");
  }

  @Test
  void engineRestAnswers401WithoutCredentialsAnd200WithThem() {
    assertThat(rest.getForEntity("/engine-rest/process-definition?maxResults=100", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    // An unknown user: a wrong password for a real one would lock that account for a few seconds.
    assertThat(ApiClient.as(rest, "nobody", "wrong").getForEntity("/engine-rest/process-definition?maxResults=100", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> withCredentials = ApiClient.as(rest, "admin", "admin")
        .getForEntity("/engine-rest/process-definition?maxResults=100", String.class);
    assertThat(withCredentials.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(withCredentials.getBody()).contains("\"key\":\"incident\"");
  }

  @Test
  void engineRestChecksCamundaAuthorizationsForTheCaller() {
    ResponseEntity<List<Map<String, Object>>> users = ApiClient.as(rest, "alice", "alice").exchange(
        "/engine-rest/user?maxResults=100", HttpMethod.GET, null, new ParameterizedTypeReference<>() { });

    assertThat(users.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(users.getBody()).extracting(u -> u.get("id")).containsExactly("alice");
  }

  @Test
  void healthIsPublic() {
    ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"status\":\"UP\"");
  }

  @Test
  void cockpitTasklistAndAdminAreServed() {
    for (String app : List.of("cockpit", "tasklist", "admin")) {
      ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
      assertThat(page.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
      assertThat(page.getHeaders().getContentType()).as(app).isNotNull();
      assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).as(app).isTrue();
    }
  }

  @Test
  void theOpenApiDocumentIsPublished() {
    ResponseEntity<String> document = rest.getForEntity("/api/openapi", String.class);

    assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(document.getBody()).contains("/api/admin/models/deploy");
  }
}
