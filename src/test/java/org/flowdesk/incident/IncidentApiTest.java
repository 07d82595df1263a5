package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The incident API as a client uses it: HTTP Basic, JSON, no Camunda API needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IncidentApiTest {

  static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() { };

  @Autowired
  TestRestTemplate rest;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  RuntimeService runtimeService;

  static Map<String, Object> validReport() {
    return new HashMap<>(Map.of("title", "VPN drops every few minutes", "description", "Since this morning",
        "service", "vpn", "category", "network", "impact", 2, "urgency", 2));
  }

  ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(body), OBJECT);
  }

  ResponseEntity<Map<String, Object>> get(String user, String path) {
    return ApiClient.as(rest, user, user).exchange(path, HttpMethod.GET, null, OBJECT);
  }

  List<Map<String, Object>> list(String user, String path) {
    ResponseEntity<String> response = ApiClient.as(rest, user, user).getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(response.getBody(),
          new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
    } catch (java.io.IOException e) {
      throw new AssertionError(response.getBody(), e);
    }
  }

  String taskFor(String user, String ticket) {
    return list(user, "/api/tasks?ticket=" + ticket).stream().filter(t -> ticket.equals(t.get("ticketNumber")))
        .map(t -> (String) t.get("id")).findFirst().orElseThrow(() -> new AssertionError(user + " has no task for " + ticket));
  }

  @Test
  void theNotificationsOfOneTicketAreTheCallersAboutThatTicketOnly() {
    String mine = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    String other = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    String gretas = (String) post("greta", "/api/incidents", validReport()).getBody().get("number");

    List<Map<String, Object>> aboutMine = list("alice", "/api/notifications?ticket=" + mine);
    assertThat(aboutMine).isNotEmpty().allSatisfy(n -> assertThat(n).containsEntry("ticketNumber", mine))
        .anySatisfy(n -> assertThat(n).containsEntry("kind", "received").containsEntry("recipientUser", "alice"));
    assertThat(list("alice", "/api/notifications?ticket=" + other)).isNotEmpty()
        .allSatisfy(n -> assertThat(n).containsEntry("ticketNumber", other));
    // greta was told of her report; alice asking about greta's ticket sees none of it.
    assertThat(list("greta", "/api/notifications?ticket=" + gretas)).isNotEmpty();
    assertThat(list("alice", "/api/notifications?ticket=" + gretas)).isEmpty();
    assertThat(list("alice", "/api/notifications?ticket=INC-999999999")).isEmpty();

    // Not a ticket number: a clear 400 naming the parameter, not an empty list.
    for (String bad : List.of("inc-1", "INC-1' OR '1'='1", "INC-1234567890123", "")) {
      ResponseEntity<String> refused = ApiClient.as(rest, "alice", "alice")
          .getForEntity("/api/notifications?ticket={t}", String.class, bad);
      assertThat(refused.getStatusCode()).as(bad + ": " + refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).contains("ticket");
    }
  }

  @Test
  void aRequesterReportsAndTheAgentResolvesAndTheRequesterConfirmsAndRates() {
    ResponseEntity<Map<String, Object>> reported = post("alice", "/api/incidents", validReport());

    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String number = (String) reported.getBody().get("number");
    assertThat(reported.getHeaders().getLocation()).hasToString("/api/tickets/" + number);
    assertThat(reported.getBody()).containsEntry("requester", "alice").containsEntry("priority", 3)
        .containsEntry("status", "new").containsEntry("assignmentGroup", "network");
    assertThat(reported.getBody().get("responseDue")).isNotNull();

    // The network team sees the work task with its form.
    String work = taskFor("nina", number);
    Map<String, Object> detail = get("nina", "/api/tasks/" + work).getBody();
    assertThat(detail).extractingByKey("task").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("name", "Work incident " + number + ": VPN drops every few minutes")
        .containsEntry("formId", "incident-work");
    assertThat(detail).extractingByKey("values").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("ticketNumber", number);
    assertThat(list("alice", "/api/tasks")).noneMatch(t -> number.equals(t.get("ticketNumber")));

    assertThat(post("nina", "/api/tasks/" + work + "/claim", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("alice", "/api/tickets/" + number).getBody()).containsEntry("status", "in_progress")
        .containsEntry("assignee", "nina");

    assertThat(post("nina", "/api/tickets/" + number + "/comments",
        Map.of("text", "Looking at the VPN concentrator", "internal", false)).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    post("nina", "/api/tickets/" + number + "/comments", Map.of("text", "Probably the firmware bug again", "internal", true));
    List<Map<String, Object>> aliceTimeline = list("alice", "/api/tickets/" + number + "/timeline");
    assertThat(aliceTimeline).extracting(e -> e.get("text")).contains("Looking at the VPN concentrator")
        .doesNotContain("Probably the firmware bug again");
    assertThat(list("nina", "/api/tickets/" + number + "/timeline")).extracting(e -> e.get("text"))
        .contains("Probably the firmware bug again");

    assertThat(post("nina", "/api/tasks/" + work + "/complete", Map.of("action", "resolve",
        "resolutionCode", "solved", "resolutionNotes", "Firmware updated")).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(list("alice", "/api/notifications?ticket=" + number)).anySatisfy(n -> {
      assertThat(n).containsEntry("ticketNumber", number).containsEntry("kind", "resolved");
    });

    String confirm = taskFor("alice", number);
    assertThat(get("alice", "/api/tasks/" + confirm).getBody()).extractingByKey("values")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("resolutionNotes", "Firmware updated");
    post("alice", "/api/tasks/" + confirm + "/complete", Map.of("confirmation", "confirm"));
    post("alice", "/api/tasks/" + taskFor("alice", number) + "/complete", Map.of("rating", 4));

    Map<String, Object> closed = get("alice", "/api/tickets/" + number).getBody();
    assertThat(closed).containsEntry("status", "closed").containsEntry("satisfaction", 4)
        .containsEntry("resolutionCode", "solved");
    assertThat(closed.get("respondedAt")).isNotNull();
    assertThat(closed.get("closedAt")).isNotNull();
  }

  static List<Object[]> invalidReports() {
    Map<String, Object> noTitle = validReport();
    noTitle.remove("title");
    Map<String, Object> impactSeven = validReport();
    impactSeven.put("impact", 7);
    Map<String, Object> unknownService = validReport();
    unknownService.put("service", "teleportation");
    Map<String, Object> longDescription = validReport();
    longDescription.put("description", "x".repeat(20_001));
    Map<String, Object> requesterField = validReport();
    requesterField.put("requester", "bob");
    Map<String, Object> impactAsText = validReport();
    impactAsText.put("impact", "high");
    Map<String, Object> longTitle = validReport();
    longTitle.put("title", "t".repeat(201));
    Map<String, Object> hugeNumber = validReport();
    hugeNumber.put("urgency", new java.math.BigInteger("123456789012345678901234567890"));
    return List.of(
        new Object[] {noTitle, "title"},
        new Object[] {impactSeven, "impact"},
        new Object[] {unknownService, "service"},
        new Object[] {longDescription, "description"},
        new Object[] {requesterField, "requester"},
        new Object[] {impactAsText, "impact"},
        new Object[] {longTitle, "title"},
        new Object[] {hugeNumber, "urgency"});
  }

  long tickets() {
    return jdbc.sql("SELECT COUNT(*) FROM fd_ticket").query(Long.class).single();
  }

  @ParameterizedTest(name = "bad {1}")
  @MethodSource("invalidReports")
  void invalidReportsAre400NamingTheFieldAndCreateNothing(Map<String, Object> report, String field) {
    long ticketsBefore = tickets();
    long instancesBefore = runtimeService.createProcessInstanceQuery().count();

    ResponseEntity<Map<String, Object>> response = post("alice", "/api/incidents", report);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(response.getBody().get("errors")).asList().extracting(e -> (Object) ((Map<?, ?>) e).get("field"))
        .containsExactly(field);
    assertThat(tickets()).isEqualTo(ticketsBefore);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void malformedJsonIs400ProblemAndCreatesNothing() {
    long before = tickets();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<Map<String, Object>> response = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents",
        HttpMethod.POST, new HttpEntity<>("{\"title\": \"broken", headers), OBJECT);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(tickets()).isEqualTo(before);
  }

  @Test
  void anotherRequestersTicketIsNotFound() {
    String number = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");

    assertThat(get("hana", "/api/tickets/" + number).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("hana", "/api/tickets/" + number + "/timeline").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("hana", "/api/tickets/" + number + "/comments", Map.of("text", "hi")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("bob", "/api/tickets/" + number).getStatusCode()).as("service desk, ticket is network's")
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("admin", "/api/tickets/" + number).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("alice", "/api/tickets/INC-999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aRequesterCannotWorkTheAgentsTaskNorWriteInternalComments() {
    String number = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    String work = taskFor("nina", number);

    assertThat(post("alice", "/api/tasks/" + work + "/complete", Map.of("action", "resolve")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<Map<String, Object>> internal = post("alice", "/api/tickets/" + number + "/comments",
        Map.of("text", "secret", "internal", true));
    assertThat(internal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(list("nina", "/api/tickets/" + number + "/timeline")).noneMatch(e -> "secret".equals(e.get("text")));
  }

  @Test
  void aTaskFormIsValidatedBeforeTheTaskIsCompleted() {
    String number = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    String work = taskFor("nina", number);

    ResponseEntity<Map<String, Object>> missingNotes = post("nina", "/api/tasks/" + work + "/complete",
        Map.of("action", "resolve", "resolutionCode", "solved"));
    assertThat(missingNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missingNotes.getBody().get("errors")).asList().extracting(e -> (Object) ((Map<?, ?>) e).get("field"))
        .containsExactly("resolutionNotes");
    ResponseEntity<Map<String, Object>> badAction = post("nina", "/api/tasks/" + work + "/complete",
        Map.of("action", "delete"));
    assertThat(badAction.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // Nothing happened: the task is still open and unclaimed.
    assertThat(get("nina", "/api/tickets/" + number).getBody()).containsEntry("status", "new")
        .containsEntry("assignee", null);
  }

  @Test
  void listsAreFilteredByWhatTheCallerMaySee() {
    String network = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    Map<String, Object> email = validReport();
    email.put("service", "email");
    email.put("category", "software");
    String desk = (String) post("hana", "/api/incidents", email).getBody().get("number");

    assertThat(numbers("alice", "/api/tickets?mine=true")).contains(network).doesNotContain(desk);
    assertThat(numbers("bob", "/api/tickets?group=service-desk&status=new")).contains(desk).doesNotContain(network);
    assertThat(numbers("nina", "/api/tickets?type=incident")).contains(network).doesNotContain(desk);
    assertThat(numbers("admin", "/api/tickets?size=200")).contains(network, desk);
    assertThat(get("alice", "/api/tickets?status=bogus").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("alice", "/api/tickets?size=100000").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  ResponseEntity<Map<String, Object>> postWithKey(String user, String key, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Idempotency-Key", key);
    return ApiClient.as(rest, user, user).exchange("/api/incidents", HttpMethod.POST, new HttpEntity<>(body, headers),
        OBJECT);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReturnsTheOriginalTicketAndCreatesNothing() {
    String key = "retry-" + java.util.UUID.randomUUID();
    ResponseEntity<Map<String, Object>> first = postWithKey("alice", key, validReport());
    long after = tickets();

    ResponseEntity<Map<String, Object>> retry = postWithKey("alice", key, validReport());

    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED).isEqualTo(first.getStatusCode());
    assertThat(retry.getBody().get("number")).isEqualTo(first.getBody().get("number"));
    assertThat(retry.getHeaders().getLocation()).isEqualTo(first.getHeaders().getLocation());
    assertThat(tickets()).isEqualTo(after);

    // Another user's key is another key.
    ResponseEntity<Map<String, Object>> hanas = postWithKey("hana", key, validReport());
    assertThat(hanas.getBody().get("number")).isNotEqualTo(first.getBody().get("number"));
  }

  @Test
  void theSameIdempotencyKeyWithADifferentBodyIs422AndCreatesNothing() {
    String key = "changed-" + java.util.UUID.randomUUID();
    postWithKey("alice", key, validReport());
    long after = tickets();
    Map<String, Object> different = validReport();
    different.put("title", "Something else entirely");

    ResponseEntity<Map<String, Object>> reused = postWithKey("alice", key, different);

    assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(reused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat((String) reused.getBody().get("detail")).contains(key);
    assertThat(tickets()).isEqualTo(after);
    assertThat(postWithKey("alice", " ", validReport()).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void concurrentRetriesWithOneKeyMakeOneTicket() throws Exception {
    String key = "race-" + java.util.UUID.randomUUID();
    long before = tickets();
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<ResponseEntity<Map<String, Object>>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(clients.submit(() -> postWithKey("alice", key, validReport())));
      }
      java.util.Set<Object> numbers = new java.util.HashSet<>();
      for (var answer : answers) {
        assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        numbers.add(answer.get().getBody().get("number"));
      }
      assertThat(numbers).hasSize(1);
      assertThat(tickets()).isEqualTo(before + 1);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void ticketNumbersStayUniqueUnderConcurrentIntake() throws Exception {
    java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<ResponseEntity<Map<String, Object>>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        answers.add(clients.submit(() -> post("alice", "/api/incidents", validReport())));
      }
      java.util.Set<Object> numbers = new java.util.HashSet<>();
      for (var answer : answers) {
        ResponseEntity<Map<String, Object>> response = answer.get();
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        numbers.add(response.getBody().get("number"));
      }
      assertThat(numbers).hasSize(40);
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void tasklistOffersRequestersTheIncidentProcessAndEveryoneOnlyTheirOwnTasks() {
    List<Map<String, Object>> startable = list("alice",
        "/engine-rest/process-definition?startableInTasklist=true&startablePermissionCheck=true&latestVersion=true&maxResults=50");
    assertThat(startable).extracting(d -> d.get("key")).contains("incident");

    // Started as Tasklist starts it: the requester is the logged-in user.
    Map<String, Object> variables = Map.of("title", Map.of("value", "Monitor flickers"), "service",
        Map.of("value", "laptop"), "category", Map.of("value", "hardware"), "impact", Map.of("value", 3, "type", "Long"),
        "urgency", Map.of("value", 3, "type", "Long"));
    ResponseEntity<Map<String, Object>> started = post("alice",
        "/engine-rest/process-definition/key/incident/submit-form", Map.of("variables", variables));
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String number = (String) started.getBody().get("businessKey");
    assertThat(get("alice", "/api/tickets/" + number).getBody()).containsEntry("requester", "alice")
        .containsEntry("assignmentGroup", "service-desk");

    String filter = (String) list("bob", "/engine-rest/filter?resourceType=Task&maxResults=50").stream()
        .filter(f -> "My tasks".equals(f.get("name"))).findFirst().orElseThrow().get("id");
    List<Map<String, Object>> bobs = list("bob", "/engine-rest/filter/" + filter + "/list?maxResults=200");
    assertThat(bobs).extracting(t -> (String) t.get("name")).anyMatch(name -> name.startsWith("Work incident INC-"));
    String networkTicket = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    String networkTask = taskFor("nina", networkTicket);
    assertThat(list("bob", "/engine-rest/filter/" + filter + "/list?maxResults=200")).noneMatch(t -> networkTask.equals(t.get("id")));
    assertThat(list("alice", "/engine-rest/task?maxResults=200")).noneMatch(t -> networkTask.equals(t.get("id")));
  }

  @SuppressWarnings("unchecked")
  List<Object> numbers(String user, String path) {
    ResponseEntity<Map<String, Object>> page = get(user, path);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    return ((List<Map<String, Object>>) page.getBody().get("items")).stream().map(t -> t.get("number")).toList();
  }

  /** "No, it is not solved" needs what is still wrong: the agent reads it on the reopened ticket. */
  @Test
  void aRejectedResolutionSaysWhatIsStillWrong() {
    org.flowdesk.ApiClient api = new org.flowdesk.ApiClient(rest);
    String number = (String) post("alice", "/api/incidents", validReport()).getBody().get("number");
    api.work("nina", number, "Work incident", Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Restarted the concentrator"));
    String confirm = api.taskOf("alice", number, "Confirm resolution");
    ResponseEntity<String> noReason = api.call("alice", HttpMethod.POST, "/api/tasks/" + confirm + "/complete",
        Map.of("confirmation", "reject", "confirmationComment", "hidden on a rejection"));
    assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(org.flowdesk.ApiClient.read(noReason).get("errors").findValuesAsText("field"))
        .containsExactly("reopenReason");
    assertThat(api.status("alice", number)).isEqualTo("resolved");

    api.work("alice", number, "Confirm resolution", Map.of("confirmation", "reject",
        "reopenReason", "Still drops every hour"));
    assertThat(api.status("nina", number)).isEqualTo("in_progress");
    assertThat(api.get("nina", "/api/tickets/" + number + "/timeline").findValuesAsText("text"))
        .contains("Reopened: Still drops every hour");
  }
}
