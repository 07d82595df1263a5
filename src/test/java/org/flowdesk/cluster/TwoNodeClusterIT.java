package org.flowdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two nodes, two JVMs, one PostgreSQL database: unique ticket numbers while both create
 * tickets, a ticket opened on one node and closed on the other, 250 incidents whose 1,000 SLA timers
 * all fall due within the same minute each firing exactly once, and a model deployed on one
 * node used by both.
 */
class TwoNodeClusterIT {

  static final String P1 = "{\"title\":\"Site down\",\"service\":\"email\",\"category\":\"software\","
      + "\"impact\":1,\"urgency\":1}";
  static final String P3 = "{\"title\":\"Slow mail\",\"service\":\"email\",\"category\":\"software\","
      + "\"impact\":2,\"urgency\":2}";

  /**
   * The P1 incidents whose timers come due together: four timers each (response and resolution, warning and breach), so
   * 1,000 timers due within about half a minute, twice the 500 issue 5 asks for. 500 incidents (2,000 timers) showed
   * the same and took longer: the test took 149 s in a CI run with 500, 120 s in the next with 250.
   */
  static final int URGENT = 250;

  final ObjectMapper json = new ObjectMapper();

  JsonNode read(HttpResponse<String> response) throws Exception {
    return json.readTree(response.body());
  }

  /** Reports {@code count} incidents, spread over both nodes, from 8 concurrent clients. */
  List<JsonNode> report(List<Node> nodes, int count, String body) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<JsonNode>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Node node = nodes.get(i % nodes.size());
        Callable<JsonNode> report = () -> {
          HttpResponse<String> answer = node.call("POST", "/api/incidents", "alice", body, null);
          assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
          return read(answer);
        };
        answers.add(clients.submit(report));
      }
      List<JsonNode> tickets = new ArrayList<>();
      for (Future<JsonNode> answer : answers) {
        tickets.add(answer.get());
      }
      return tickets;
    } finally {
      clients.shutdownNow();
    }
  }

  String taskOf(Node node, String user, String ticket) throws Exception {
    for (JsonNode task : read(node.call("GET", "/api/tasks?ticket=" + ticket, user, null, null))) {
      if (ticket.equals(task.path("ticketNumber").asText())) {
        return task.get("id").asText();
      }
    }
    throw new AssertionError(user + " has no task for " + ticket + " on " + node.name);
  }

  @Test
  void twoNodesShareTheWorkAndEveryTimerFiresOnce() throws Exception {
    try (ClusterDatabase database = new ClusterDatabase()) {
      ModelsFixture models = ModelsFixture.copyOfProjectModels();
      try (Node a = new Node("node-a", 18281, database.url(), models.root()).shortLived().start();
           Node b = new Node("node-b", 18282, database.url(), models.root()).shortLived().start()) {
        List<Node> both = List.of(a, b);

        // Ticket numbers stay unique while both nodes create tickets at once.
        List<JsonNode> concurrent = report(both, 200, P3);
        assertThat(concurrent.stream().map(t -> t.get("number").asText()).distinct().count()).isEqualTo(200);

        // Opened on one node, worked and closed on the other.
        String ticket = read(a.call("POST", "/api/incidents", "alice", P3, null)).get("number").asText();
        assertThat(b.call("POST", "/api/tasks/" + taskOf(b, "bob", ticket) + "/complete", "bob",
            "{\"action\":\"resolve\",\"resolutionCode\":\"solved\",\"resolutionNotes\":\"Restarted\"}", null)
            .statusCode()).isEqualTo(204);
        assertThat(b.call("POST", "/api/tasks/" + taskOf(b, "alice", ticket) + "/complete", "alice",
            "{\"confirmation\":\"confirm\"}", null).statusCode()).isEqualTo(204);
        assertThat(read(a.call("GET", "/api/tickets/" + ticket, "alice", null, null)).get("status").asText())
            .isEqualTo("closed");

        // A model deployed on node A: P1 targets of half a minute, so the timers come due quickly.
        models.replace("decisions/sla-targets.dmn", "<outputEntry id=\"OutputEntry_P1_1\"><text>\"PT15M\"</text>",
            "<outputEntry id=\"OutputEntry_P1_1\"><text>\"PT30S\"</text>");
        models.replace("decisions/sla-targets.dmn", "<outputEntry id=\"OutputEntry_P1_2\"><text>\"PT4H\"</text>",
            "<outputEntry id=\"OutputEntry_P1_2\"><text>\"PT30S\"</text>");
        HttpResponse<String> deployed = a.call("POST", "/api/admin/models/deploy", "admin", null, null);
        assertThat(read(deployed).get("deployed").asBoolean()).as(deployed.body()).isTrue();

        Instant start = Instant.now();
        List<JsonNode> urgent = report(both, URGENT, P1);
        Duration intake = Duration.between(start, Instant.now());
        for (JsonNode t : urgent) {
          // Both nodes use the new model: response due half a minute after the ticket was opened.
          Duration target = Duration.between(Instant.parse(t.get("createdAt").asText()),
              Instant.parse(t.get("responseDue").asText()));
          assertThat(target).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));
        }
        List<String> numbers = urgent.stream().map(t -> t.get("number").asText()).toList();
        String first = numbers.stream().min(String::compareTo).orElseThrow();
        String last = numbers.stream().max(String::compareTo).orElseThrow();

        // 250 tickets × (response, resolution) × (warning, breach) = 1,000 timers within about half a minute,
        // while the last of the 250 are still being reported.
        // Breaches counted as the managers are told of them: decisions/sla-escalation.dmn tells others of some too.
        String notified = "SELECT COUNT(*) FROM fd_notification WHERE kind = ? AND ticket_number BETWEEN ? AND ? "
            + "AND (kind <> 'sla_breach' OR recipient_group = 'service-desk-managers')";
        Instant until = Instant.now().plus(Duration.ofMinutes(4));
        while (Instant.now().isBefore(until)
            && database.count(notified, "sla_breach", first, last) < 2 * URGENT) {
          Thread.sleep(2000);
        }
        Thread.sleep(10_000); // anything fired twice would show up by now
        long breaches = database.count(notified, "sla_breach", first, last);
        long warnings = database.count(notified, "sla_warning", first, last);
        long breachedClocks = database.count("SELECT COUNT(*) FROM fd_sla_clock WHERE breached_at IS NOT NULL "
            + "AND ticket_number BETWEEN ? AND ?", first, last);
        long ticketsNotifiedTwice = database.count("SELECT COUNT(*) FROM (SELECT ticket_number, kind, text "
            + "FROM fd_notification WHERE kind IN ('sla_breach', 'sla_warning') AND ticket_number BETWEEN ? AND ? "
            + "GROUP BY ticket_number, kind, text, recipient_group HAVING COUNT(*) > 1) twice", first, last);
        // Job log states: 1 failed (retried later, e.g. two timers of one instance at once), 2 successful.
        List<Map<String, Object>> byNode = database.jdbc.sql("SELECT HOSTNAME_ AS node, "
            + "SUM(CASE WHEN JOB_STATE_ = 2 THEN 1 ELSE 0 END) AS fired, "
            + "SUM(CASE WHEN JOB_STATE_ = 1 THEN 1 ELSE 0 END) AS retried "
            + "FROM ACT_HI_JOB_LOG WHERE JOB_DEF_TYPE_ LIKE 'timer%' GROUP BY HOSTNAME_ ORDER BY HOSTNAME_")
            .query().listOfRows();
        System.out.printf("two nodes: 200 concurrent tickets, all numbers unique; %d P1 incidents reported in %d ms; "
            + "%d breach and %d warning notifications (expected %d each), %d breached clocks, "
            + "%d ticket-kind pairs notified twice; timers per node: %s%n",
            URGENT, intake.toMillis(), breaches, warnings, 2 * URGENT, breachedClocks, ticketsNotifiedTwice, byNode);

        assertThat(breaches).isEqualTo(2 * URGENT);
        assertThat(warnings).isEqualTo(2 * URGENT);
        assertThat(breachedClocks).isEqualTo(2 * URGENT);
        assertThat(ticketsNotifiedTwice).isZero();
        assertThat(byNode).hasSize(2);
      }
    }
  }
}
