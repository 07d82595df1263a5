package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

import org.flowdesk.ticket.TicketTitle;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** FlowDesk's API as the demo users call it, for tests that walk a flow through several people. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Each context's clients by user and password; a closed context's client goes with it. */
  private static final Map<TestRestTemplate, Map<List<String>, TestRestTemplate>> AS = new WeakHashMap<>();

  private final TestRestTemplate rest;

  public ApiClient(TestRestTemplate rest) {
    this.rest = rest;
  }

  /**
   * The context's client for the user and password: {@code rest.withBasicAuth(user, password)}, made once per context,
   * user and password. Each {@code withBasicAuth} builds a RestTemplate, whose constructor makes its message converters
   * (an ObjectMapper looking for its modules, XML factories looked up on the class path) before the builder replaces
   * them: 2.7 % of the H2 suite's test JVM in a profile, when each call made its own.
   */
  public static TestRestTemplate as(TestRestTemplate rest, String user, String password) {
    Map<List<String>, TestRestTemplate> clients;
    synchronized (AS) {
      clients = AS.computeIfAbsent(rest, r -> new ConcurrentHashMap<>());
    }
    return clients.computeIfAbsent(List.of(user, password), k -> rest.withBasicAuth(user, password));
  }

  /** Calls as a demo user (password = user id). */
  public ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    return as(rest, user, user).exchange(path, method, new HttpEntity<>(body), String.class);
  }

  public JsonNode get(String user, String path) {
    return read(call(user, HttpMethod.GET, path, null));
  }

  public static JsonNode read(ResponseEntity<String> response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (Exception e) {
      throw new AssertionError("Not JSON: " + response.getBody(), e);
    }
  }

  /** The id of the user's task of that name for the ticket (its model names it with the ticket, too), or null. */
  public String taskOf(String user, String ticket, String taskName) {
    for (JsonNode task : get(user, "/api/tasks?size=200&ticket=" + ticket)) {
      if (ticket.equals(task.path("ticketNumber").asText()) && taskName.equals(TicketTitle.step(task.path("name").asText(), ticket))) {
        return task.get("id").asText();
      }
    }
    return null;
  }

  /** Completes the user's task with the form's fields, claiming it first when it is a group task. */
  public void work(String user, String ticket, String taskName, Object form) {
    String task = taskOf(user, ticket, taskName);
    assertThat(task).as(user + " has a task '" + taskName + "' for " + ticket).isNotNull();
    ResponseEntity<String> done = call(user, HttpMethod.POST, "/api/tasks/" + task + "/complete", form);
    assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  public String status(String user, String ticket) {
    return get(user, "/api/tickets/" + ticket).get("status").asText();
  }
}
