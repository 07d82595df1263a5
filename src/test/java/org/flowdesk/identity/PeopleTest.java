package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** The people directory: departments and managers, seeded with the demo and kept by administrators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PeopleTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  People people;
  @Autowired
  AuditLog audit;

  ResponseEntity<String> place(String caller, String user, Map<String, Object> placement) {
    return ApiClient.as(rest, caller, caller).exchange("/api/admin/people/" + user, HttpMethod.PUT,
        new HttpEntity<>(placement), String.class);
  }

  @Test
  void theDemoNamesEachRequestersManager() {
    assertThat(people.managerOf("alice")).isEqualTo("mark");
    assertThat(people.managerOf("bob")).isEqualTo("sam");
    assertThat(people.reportsOf("sam")).containsExactly("bea", "bob", "carl", "dora", "nina", "sven");
    assertThat(people.managersOf("alice")).containsExactly("mark");
    assertThat(people.managersOf("sam")).isEmpty();
    assertThat(people.membersExcept("cab", "nina")).containsExactly("carl", "sven");
    assertThat(people.membersExcept("budget-owners", "bea")).isEmpty();
    assertThat(ApiClient.as(rest, "hana", "hana").getForObject("/api/people/alice", String.class))
        .contains("\"department\":\"sales\"").contains("\"manager\":\"mark\"");
  }

  @Test
  void administratorsChangeTheDirectoryAndItIsAudited() {
    assertThat(place("admin", "fred", Map.of("department", "facilities", "manager", "hana")).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(people.managerOf("fred")).isEqualTo("hana");
    assertThat(audit.newest(5)).anySatisfy(e -> {
      assertThat(e.actor()).isEqualTo("admin");
      assertThat(e.action()).isEqualTo("people.update");
      assertThat(e.target()).isEqualTo("fred");
    });
  }

  @Test
  void badPlacementsAreRefusedAndChangeNothing() {
    assertThat(place("alice", "alice", Map.of("manager", "hana")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(place("admin", "alice", Map.of("manager", "alice")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(place("admin", "alice", Map.of("manager", "nobody")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // mark manages alice: alice cannot become mark's manager.
    assertThat(place("admin", "mark", Map.of("manager", "alice")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(place("admin", "ghost", Map.of("manager", "mark")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(place("admin", "alice", Map.of("manager", "mark", "boss", "x")).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(people.managerOf("alice")).isEqualTo("mark");
    assertThat(people.managerOf("mark")).isNull();
  }
}
