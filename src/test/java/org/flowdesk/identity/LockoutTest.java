package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
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

/**
 * A failed login locks the account for a growing delay that is capped, and never for good: no
 * number of wrong passwords locks anyone out, the only administrator included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class LockoutTest {

  /** Camunda's longest delay as application.yaml sets it (login-delay-max-time). */
  static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  @AfterEach
  void removeUserAndResetClock() {
    EngineTime.reset();
    identityService.deleteUser("locky");
  }

  void createUser() {
    User user = identityService.newUser("locky");
    user.setPassword("locky-pass");
    identityService.saveUser(user);
  }

  HttpStatus login(String path, String password) {
    return HttpStatus.valueOf(ApiClient.as(rest, "locky", password).getForEntity(path, String.class)
        .getStatusCode().value());
  }

  /** Each wrong password after the lock of the one before has run out, so every one counts. */
  void sixWrongPasswords(String path) {
    for (int attempt = 1; attempt <= 6; attempt++) {
      assertThat(login(path, "guess-" + attempt)).isEqualTo(HttpStatus.UNAUTHORIZED);
      EngineTime.advance(LONGEST_DELAY.plusSeconds(1));
    }
    assertThat(login(path, "guess-7")).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void sixWrongPasswordsThroughTheApiLockTheAccountOnlyForTheCappedDelay() {
    createUser();
    sixWrongPasswords("/api/me");

    assertThat(login("/api/me", "locky-pass")).as("while the delay runs").isEqualTo(HttpStatus.UNAUTHORIZED);
    EngineTime.advance(LONGEST_DELAY.minusSeconds(5));
    assertThat(login("/api/me", "locky-pass")).as("still within the delay").isEqualTo(HttpStatus.UNAUTHORIZED);
    EngineTime.advance(Duration.ofSeconds(6));
    assertThat(login("/api/me", "locky-pass")).as("after the delay").isEqualTo(HttpStatus.OK);
  }

  @Test
  void sixWrongPasswordsThroughEngineRestLockTheAccountOnlyForTheCappedDelay() {
    createUser();
    sixWrongPasswords("/engine-rest/version");

    assertThat(login("/engine-rest/version", "locky-pass")).as("while the delay runs")
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    EngineTime.advance(LONGEST_DELAY.plusSeconds(1));
    assertThat(login("/engine-rest/version", "locky-pass")).as("after the delay").isEqualTo(HttpStatus.OK);
    assertThat(login("/api/me", "locky-pass")).isEqualTo(HttpStatus.OK);
  }

  @Test
  void theDelayGrowsWithEachFailedLogin() {
    createUser();
    assertThat(login("/api/me", "guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
    EngineTime.advance(Duration.ofSeconds(4));
    assertThat(login("/api/me", "guess")).isEqualTo(HttpStatus.UNAUTHORIZED);
    // The second failure locks for 6 s, not 3 s.
    EngineTime.advance(Duration.ofSeconds(4));
    assertThat(login("/api/me", "locky-pass")).isEqualTo(HttpStatus.UNAUTHORIZED);
    EngineTime.advance(Duration.ofSeconds(3));
    assertThat(login("/api/me", "locky-pass")).isEqualTo(HttpStatus.OK);
  }

  ResponseEntity<String> unlock(String caller, String path) {
    return ApiClient.as(rest, caller, caller).exchange(path, HttpMethod.POST, new HttpEntity<>(new HttpHeaders()),
        String.class);
  }

  @Test
  void anAdministratorUnlocksAnAccountAtOnceAndItIsAudited() {
    createUser();
    sixWrongPasswords("/api/me");
    assertThat(login("/api/me", "locky-pass")).isEqualTo(HttpStatus.UNAUTHORIZED);

    assertThat(unlock("alice", "/api/admin/users/locky/unlock").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(login("/api/me", "locky-pass")).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(unlock("admin", "/api/admin/users/locky/unlock").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(login("/api/me", "locky-pass")).as("right after the unlock").isEqualTo(HttpStatus.OK);

    String audit = ApiClient.as(rest, "admin", "admin").getForObject("/api/admin/audit?limit=1000", String.class); // other tests move the clock ahead
    assertThat(audit).contains("\"actor\":\"admin\",\"action\":\"identity.unlock\",\"target\":\"user locky\"");
  }

  @Test
  void unlockingAnUnknownUserIsANotFoundProblem() {
    ResponseEntity<String> unknown = unlock("admin", "/api/admin/users/nobody-here/unlock");

    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(unknown.getBody()).contains("nobody-here");
  }

  @Test
  void camundasOwnUnlockKeepsWorking() {
    createUser();
    sixWrongPasswords("/engine-rest/version");

    // The resource Camunda Admin's "Unlock" button calls, here through /engine-rest.
    assertThat(unlock("admin", "/engine-rest/user/locky/unlock").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(login("/engine-rest/version", "locky-pass")).isEqualTo(HttpStatus.OK);
  }
}
