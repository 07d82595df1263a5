package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flowdesk.ApiClient;
import org.flowdesk.SqlStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * How much SQL one {@code POST /api/incidents} sends: FlowDesk's own statements are pinned (the
 * engine's, through MyBatis, are printed beside them), so that a step reading again what the
 * request already knows shows up as a failing count, not as a slower benchmark.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(SqlStatements.class)
class IncidentIntakeStatementsTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  SqlStatements sql;

  ResponseEntity<Map> report() {
    ResponseEntity<Map> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
        new HttpEntity<>(IncidentApiTest.validReport()), Map.class);
    assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return reported;
  }

  @Test
  void reportingAnIncidentReadsEachSlaClockAtMostOnceAndSendsFewFlowDeskStatements() {
    report(); // the first report fills the engine's caches (definitions, forms, decisions)

    SqlStatements.Recorded recorded = sql.record(this::report);

    List<String> flowDesk = recorded.flowDesk();
    System.out.printf("POST /api/incidents: %d FlowDesk statements, %d engine statements, %d transactions%n  %s%n",
        flowDesk.size(), recorded.engine().size(), recorded.transactions(), String.join("\n  ", flowDesk));
    // Before issue 16: 19, nine of them reading the two clock rows, two the ticket, two timeline inserts.
    assertThat(reads(flowDesk, "fd_sla_clock")).as("reads of the SLA clocks").hasSize(1);
    assertThat(reads(flowDesk, "fd_ticket")).as("reads of the ticket").hasSize(1);
    // The number, the ticket (opened with the priority and group its decisions gave it), two
    // clocks, the receipt, the timeline (one batch), and the answer's ticket, clocks and
    // major-incident relations (a P1 is major by its model: one read for the flag, parent and children);
    // and the group's OLA clock: one read for a clock it holds already, one insert (its timers read
    // what was written).
    assertThat(reads(flowDesk, "fd_ola_clock")).as("reads of the OLA clock").hasSize(1);
    assertThat(flowDesk).as("FlowDesk statements").hasSizeLessThanOrEqualTo(11);
    assertThat(flowDesk).as("the ticket is written once").filteredOn(s -> s.toLowerCase().startsWith("update fd_ticket"))
        .isEmpty();
    // Before: 8 (the password, the groups, the process's lookup, the ticket, and the answer's ticket,
    // relations and clocks each on their own). Now the login's two reads share one, and the lookup, the
    // form's check, the start and the answer share the ticket's.
    assertThat(recorded.transactions()).as("transactions, in order: %s", recorded.all()).isEqualTo(2);
    // The requester is read twice: by the login, and for the SLA decision's service level (their mail's
    // organisation), by id, not through a user query's dynamic SQL.
    // (On PostgreSQL the tests' tables are in a schema of their own: "from t_….ACT_ID_USER".)
    assertThat(recorded.engine()).as("reads of the user")
        .filteredOn(s -> s.matches("(?i)select .* from (\\w+\\.)?ACT_ID_USER\\b.*"))
        .allSatisfy(s -> assertThat(s).matches("select \\* from (\\w+\\.)?ACT_ID_USER where ID_ = \\?"))
        .hasSize(2);
  }

  @Test
  void namingAConfigurationItemAddsOneReadOfTheCmdbForTheCheckAndThePriorityTogether() {
    report(); // the engine's caches, as above

    Map<String, Object> onCi = IncidentApiTest.validReport();
    onCi.put("configurationItem", "app-vpn-portal"); // the demo's VPN portal, which the VPN stands on
    SqlStatements.Recorded recorded = sql.record(() -> {
      ResponseEntity<Map> reported = ApiClient.as(rest, "alice", "alice").exchange("/api/incidents", HttpMethod.POST,
          new HttpEntity<>(onCi), Map.class);
      assertThat(reported.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    });

    List<String> flowDesk = recorded.flowDesk();
    System.out.printf("POST /api/incidents naming a CI: %d FlowDesk statements%n  %s%n", flowDesk.size(),
        String.join("\n  ", flowDesk));
    // The priority decision's fact (the CI's criticality) and "Open ticket"'s check share one read.
    assertThat(flowDesk).as("reads of the CMDB").filteredOn(s -> s.strip().toLowerCase().startsWith("with recursive"))
        .hasSize(1);
    assertThat(flowDesk).as("FlowDesk statements").hasSizeLessThanOrEqualTo(12);
  }

  static List<String> reads(List<String> statements, String table) {
    return statements.stream().filter(s -> s.toLowerCase().startsWith("select") && s.contains("FROM " + table + " "))
        .toList();
  }
}
