package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hundreds of malformed and hostile requests against every FlowDesk endpoint: each answers 4xx
 * with a problem detail, never 5xx, and the database is exactly as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputTest {

  static final List<String> TABLES = List.of("fd_ticket", "fd_timeline_entry", "fd_sla_clock", "fd_ola_clock",
      "fd_notification", "fd_change", "fd_ticket_link", "fd_approval", "fd_attachment", "fd_attachment_chunk",
      "fd_notification_read", "fd_ci", "fd_ci_relation", "fd_service_ci", "fd_ci_history", "ACT_ID_INFO",
      "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_HI_VARINST",
      "ACT_RE_DEPLOYMENT", "ACT_ID_USER", "ACT_ID_GROUP", "ACT_RU_AUTHORIZATION");

  static final List<String> NASTY = List.of(
      "' OR '1'='1", "'; DROP TABLE fd_ticket; --", "\" OR 1=1 --", "1; DELETE FROM ACT_RU_TASK",
      "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
      "${1+1}", "#{1+1}", "${execution.setVariable('x', 1)}", "#{runtimeService.deleteProcessInstance('x', 'y')}",
      "${''.getClass().forName('java.lang.Runtime')}", "{{7*7}}", "%s%s%s%n", "../../../../etc/passwd",
      "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "\u0000", "\u202Eevil\u202C", "😀🔥", "\uFEFF",
      "a".repeat(300), "NaN", "-1", "99999999999999999999999999", "null", "true", "[]", "{}");

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final List<String> failures = new ArrayList<>();
  int sent;
  String ticket;
  String task;

  @BeforeEach
  void aTicketOfAlices() throws Exception {
    HttpResponse<String> created = send("alice", "POST", "/api/incidents", "application/json",
        "{\"title\":\"Keyboard sticks\",\"service\":\"laptop\",\"category\":\"hardware\",\"impact\":3,\"urgency\":3}"
            .getBytes(StandardCharsets.UTF_8));
    ticket = json.readTree(created.body()).get("number").asText();
    HttpResponse<String> tasks = send("bob", "GET", "/api/tasks?ticket=" + ticket, null, null);
    for (var t : json.readTree(tasks.body())) {
      if (ticket.equals(t.path("ticketNumber").asText())) {
        task = t.get("id").asText();
      }
    }
  }

  Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT COUNT(*) FROM " + t).query(Long.class).single()));
    return counts;
  }

  HttpResponse<String> send(String user, String method, String path, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  void expectRefused(String user, String method, String path, String contentType, byte[] body) throws Exception {
    sent++;
    HttpResponse<String> response = send(user, method, path, contentType, body);
    int status = response.statusCode();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (status < 400 || status >= 500 || !type.startsWith("application/problem+json")) {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      failures.add(method + " " + path + " " + (shown.length() > 120 ? shown.substring(0, 120) + "…" : shown)
          + " → " + status + " " + type);
    }
  }

  /** The status of a request written byte by byte, for headers java.net.http refuses to send. */
  int rawStatus(String user, String method, String path, String header, byte[] value, byte[] body) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      var out = new java.io.ByteArrayOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
              .getBytes(StandardCharsets.UTF_8)) + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\n" + header + ": ").getBytes(StandardCharsets.US_ASCII));
      out.write(value);
      out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      socket.getOutputStream().write(out.toByteArray());
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  void expectJsonRefused(String user, String method, String path, String body) throws Exception {
    expectRefused(user, method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static String quoted(String text) throws Exception {
    return new ObjectMapper().writeValueAsString(text);
  }

  static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A valid normal change with one field replaced by a raw JSON value. */
  String change(String field, String rawValue) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("title", "\"Swap the switch\"");
    fields.put("service", "\"laptop\"");
    fields.put("changeType", "\"normal\"");
    fields.put("plannedStart", "\"2027-03-10T10:00\"");
    fields.put("plannedEnd", "\"2027-03-10T11:00\"");
    fields.put("impact", "3");
    fields.put("implementationGroup", "\"service-desk\"");
    fields.put("complexity", "\"low\"");
    fields.put("implementationPlan", "\"Swap it\"");
    fields.put("backoutPlan", "\"Swap it back\"");
    fields.put(field, rawValue);
    StringBuilder body = new StringBuilder("{");
    fields.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return body.append('}').toString();
  }

  String report(String field, String rawValue) {
    Map<String, String> fields = new LinkedHashMap<>(Map.of("title", "\"Ok\"", "service", "\"laptop\"", "category",
        "\"hardware\"", "impact", "3", "urgency", "3"));
    fields.put(field, rawValue);
    StringBuilder body = new StringBuilder("{");
    fields.forEach((k, v) -> body.append(body.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return body.append('}').toString();
  }

  @Test
  void malformedAndHostileRequestsAre4xxProblemsAndChangeNothing() throws Exception {
    Map<String, Long> before = counts();

    // Reporting: hostile strings where the form allows only certain values, wrong types, huge values.
    for (String nasty : NASTY) {
      expectJsonRefused("alice", "POST", "/api/incidents", report("service", quoted(nasty)));
      expectJsonRefused("alice", "POST", "/api/incidents", report("impact", quoted(nasty)));
      expectJsonRefused("alice", "POST", "/api/incidents", report(nasty.replace("\"", ""), quoted("x")));
    }
    for (String wrong : List.of("[]", "{}", "true", "1.5e400", "-1", "0", "4", "123456789012345678901234567890",
        "\"3\"", "null")) {
      expectJsonRefused("alice", "POST", "/api/incidents", report("urgency", wrong));
    }
    for (String wrong : List.of("[]", "{}", "42", "true", "null", quoted(""), quoted("x".repeat(201)))) {
      expectJsonRefused("alice", "POST", "/api/incidents", report("title", wrong));
    }
    expectJsonRefused("alice", "POST", "/api/incidents", report("description", quoted("d".repeat(20_001))));
    expectJsonRefused("alice", "POST", "/api/incidents", report("requester", quoted("bob")));
    expectJsonRefused("alice", "POST", "/api/incidents", report("title", quoted("nul \u0000 inside")));
    expectJsonRefused("alice", "POST", "/api/incidents", report("description", quoted("escape \u001b[31m red")));
    expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/watchers", "{\"user\":\"\\u0000\"}");
    for (String broken : List.of("", "{", "}", "[1,2]", "\"text\"", "null", "{\"title\":}", "{'title':'x'}",
        "{\"title\":\"x\",}", "[".repeat(5000), "{\"a\":".repeat(3000), "\u0000\u0001", "123")) {
      expectJsonRefused("alice", "POST", "/api/incidents", broken);
    }
    expectRefused("alice", "POST", "/api/incidents", "application/json",
        new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    expectRefused("alice", "POST", "/api/incidents", "application/json", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
    expectRefused("alice", "POST", "/api/incidents", "text/plain", "title=x".getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "POST", "/api/incidents", "application/xml", "<title/>".getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "POST", "/api/incidents", null, null);
    expectRefused("alice", "POST", "/api/incidents", "application/json",
        ("{\"title\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "PUT", "/api/incidents", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "DELETE", "/api/incidents", null, null);
    // Searching: the words are bound as values, never SQL; too long, control characters, unknown kinds refused.
    for (String query : List.of("q=", "q=%00", "q=a%1Bb", "q=" + "x".repeat(201), "q=x&kind=ticket%27--",
        "q=x&page=-1", "q=x&page=50", "q=x&size=0", "q=x&size=1000", "q=x&page=abc", "q=x&service=" + "s".repeat(65))) {
      expectRefused("alice", "GET", "/api/search?" + query, null, null);
    }
    expectRefused("alice", "GET", "/api/tickets?q=" + "x".repeat(201), null, null);
    expectRefused("alice", "GET", "/api/tickets?q=nul%00", null, null);
    // The agent's queue views: a filter or an order outside its limits, here and in the export.
    for (String view : List.of("assignee=nul%00", "assignee=" + "a".repeat(65), "priority=0", "priority=-1",
        "priority=1e3", "breached=maybe", "dueWithinHours=0", "dueWithinHours=8761", "sort=title", "sort=--age",
        "sort=age%20desc", "sort=" + encoded("due; DROP TABLE fd_ticket"))) {
      expectRefused("bob", "GET", "/api/tickets?" + view, null, null);
      expectRefused("bob", "GET", "/api/tickets/export?" + view, null, null);
    }
    expectRefused(null, "POST", "/api/incidents", "application/json", report("title", "\"x\"").getBytes(StandardCharsets.UTF_8));

    // On behalf of someone: hostile or unknown people for an agent, anybody for a requester, ids that are none.
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/incidents", report("requestedFor", quoted(nasty)));
      expectJsonRefused("alice", "POST", "/api/incidents", report("requestedFor", quoted(nasty)));
      expectJsonRefused("bob", "POST", "/api/requests", "{\"item\":\"desk-repair\",\"answers\":{\"location\":\"x\","
          + "\"details\":\"y\"},\"requestedFor\":" + quoted(nasty) + "}");
    }
    for (String wrong : List.of("42", "true", "[\"alice\"]", "{\"id\":\"alice\"}", quoted("alice ".repeat(20)))) {
      expectJsonRefused("bob", "POST", "/api/incidents", report("requestedFor", wrong));
      expectJsonRefused("bob", "POST", "/api/requests", "{\"item\":\"desk-repair\",\"answers\":{\"location\":\"x\","
          + "\"details\":\"y\"},\"requestedFor\":" + wrong + "}");
    }
    expectJsonRefused("alice", "POST", "/api/incidents", report("requestedFor", quoted("greta")));
    expectRefused("bob", "GET", "/api/people?q=nul%00", null, null);
    expectRefused("bob", "GET", "/api/people?q=" + "x".repeat(101), null, null);
    expectJsonRefused("alice", "POST", "/api/incidents", report("enteredBy", quoted("bob")));

    // Ordering: unknown or hostile items, answers of the wrong shape, fields that do not exist.
    for (String nasty : NASTY) {
      expectJsonRefused("alice", "POST", "/api/requests", "{\"item\":" + quoted(nasty) + ",\"answers\":{}}");
      expectJsonRefused("alice", "POST", "/api/requests",
          "{\"item\":\"desk-repair\",\"answers\":{\"location\":\"x\",\"details\":\"y\",\"x\":" + quoted(nasty) + "}}");
    }
    for (String bad : List.of("{}", "{\"item\":\"desk-repair\"}", "{\"item\":\"desk-repair\",\"answers\":[]}",
        "{\"item\":\"desk-repair\",\"answers\":\"all\"}", "{\"item\":42,\"answers\":{}}",
        "{\"item\":\"desk-repair\",\"answers\":{\"location\":1,\"details\":\"y\"}}",
        "{\"item\":\"desk-repair\",\"answers\":{\"location\":\"x\",\"details\":\"y\"},\"price\":0}",
        "{\"item\":\"fax-toner\",\"answers\":{\"colour\":\"black\"}}",
        "{\"item\":\"new-employee\",\"answers\":{\"employeeName\":\"X\",\"startDate\":\"2026-12-01\"}}")) {
      expectJsonRefused("alice", "POST", "/api/requests", bad);
    }

    // The OLA measures: hostile ticket types, periods and reports, for the one who may read them.
    for (String nasty : NASTY) {
      expectRefused("admin", "GET", "/api/measures?type=" + encoded(nasty), null, null);
      expectRefused("admin", "GET", "/api/measures/export?report=olas&type=" + encoded(nasty), null, null);
      expectRefused("admin", "GET", "/api/measures/export?report=olas&from=" + encoded(nasty), null, null);
      expectRefused("admin", "GET", "/api/measures/export?report=" + encoded(nasty), null, null);
    }

    // Changes: hostile values in every kind of field, wrong types, plans that break the rules.
    for (String nasty : NASTY) {
      for (String field : List.of("service", "changeType", "plannedStart", "implementationGroup", "complexity")) {
        expectJsonRefused("bob", "POST", "/api/changes", change(field, quoted(nasty)));
      }
      expectJsonRefused("bob", "POST", "/api/changes", "{\"title\":\"Firmware\",\"service\":\"printer\","
          + "\"changeType\":\"standard\",\"plannedStart\":\"2027-03-10T10:00\",\"plannedEnd\":\"2027-03-10T11:00\","
          + "\"impact\":3,\"template\":" + quoted(nasty) + "}");
      expectJsonRefused("bob", "POST", "/api/changes", change(nasty.replace("\"", ""), quoted("x")));
      expectRefused("bob", "GET", "/api/changes/" + encoded(nasty), null, null);
      expectRefused("bob", "GET", "/api/changes/calendar?from=" + encoded(nasty), null, null);
      expectJsonRefused("bob", "POST", "/api/changes/" + encoded(nasty) + "/cancel", "{}");
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/links",
          "{\"ticket\":" + quoted(nasty) + ",\"relation\":\"related\"}");
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/links",
          "{\"ticket\":\"INC-000001\",\"relation\":" + quoted(nasty) + "}");
    }
    for (String[] bad : new String[][] {{"impact", "\"high\""}, {"impact", "9"}, {"tested", "\"yes\""},
        {"plannedEnd", "\"2027-03-10T09:00\""}, {"plannedStart", "\"2020-03-10T10:00\""}, {"backoutPlan", "\"\""},
        {"title", quoted("t".repeat(201))}, {"implementationPlan", quoted("nul \u0000 inside")},
        {"requester", "\"alice\""}, {"risk", "\"low\""}}) {
      expectJsonRefused("bob", "POST", "/api/changes", change(bad[0], bad[1]));
    }
    expectJsonRefused("alice", "POST", "/api/changes", change("title", "\"Not an agent\""));
    expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/links", "{\"ticket\":\"" + ticket
        + "\",\"relation\":\"related\"}");
    expectRefused("bob", "GET", "/api/changes/calendar?from=2027-01-01&to=2029-01-01", null, null);

    // Languages FlowDesk does not speak, choices of the wrong shape, notifications that are not the caller's.
    for (String nasty : NASTY) {
      expectJsonRefused("alice", "PUT", "/api/me/language", "{\"language\":" + quoted(nasty) + "}");
      expectRefused("alice", "POST", "/api/notifications/" + encoded(nasty) + "/read", null, null);
    }
    for (String bad : List.of("{\"language\":[]}", "{\"language\":{}}", "{\"language\":\"DE\"}", "[]", "\"de\"",
        "null", "", "{\"language\":\"de-DE\"}")) {
      expectJsonRefused("alice", "PUT", "/api/me/language", bad);
    }
    expectRefused("alice", "PUT", "/api/me/language", "text/plain", "de".getBytes(StandardCharsets.UTF_8));
    expectRefused(null, "PUT", "/api/me/language", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "POST", "/api/notifications/0/read", null, null);
    for (String nasty : NASTY) {
      expectRefused("alice", "GET", "/api/requests/" + encoded(nasty) + "/withdrawal", null, null);
      expectJsonRefused("alice", "POST", "/api/requests/" + encoded(nasty) + "/withdraw", "{}");
      expectJsonRefused("alice", "POST", "/api/requests/" + ticket + "/withdraw", "{\"reason\":" + quoted(nasty) + "}");
    }
    expectJsonRefused("alice", "POST", "/api/requests/" + ticket + "/withdraw", "{\"reason\":\"nul \\u0000 inside\"}");
    expectJsonRefused("alice", "POST", "/api/requests/" + ticket + "/withdraw", "[1]");
    expectRefused("alice", "DELETE", "/api/notifications/read", null, null);

    // Ticket numbers and ids that are not what they should be.
    for (String nasty : NASTY) {
      String id = encoded(nasty);
      expectRefused("alice", "GET", "/api/tickets/" + id, null, null);
      expectRefused("alice", "GET", "/api/tickets/" + id + "/timeline", null, null);
      expectRefused("alice", "GET", "/api/tickets/" + id + "/approvals", null, null);
      expectRefused("alice", "GET", "/api/tickets/" + id + "/journey", null, null);
      expectRefused("bob", "GET", "/api/tickets/" + id + "/time-worked", null, null);
      expectJsonRefused("alice", "POST", "/api/tickets/" + id + "/comments", "{\"text\":\"hello\"}");
      expectRefused("bob", "GET", "/api/tasks/" + id, null, null);
      expectRefused("bob", "GET", "/api/tasks?ticket=" + id, null, null);
      expectJsonRefused("bob", "POST", "/api/tasks/" + id + "/complete", "{}");
      expectRefused("bob", "POST", "/api/tasks/" + id + "/claim", null, null);
      expectJsonRefused("bob", "POST", "/api/tasks/" + id + "/assign", "{\"assignee\":\"sam\"}");
      expectRefused("bob", "GET", "/api/groups/" + id + "/members", null, null);
      expectRefused("bob", "GET", "/api/service-levels?year=" + id, null, null);
      expectRefused("admin", "GET", "/api/workbench/drafts/" + id, null, null);
      expectRefused("admin", "POST", "/api/workbench/drafts/" + id + "/rollout", null, null);
      expectRefused("admin", "GET", "/api/workbench/models/file?path=" + id, null, null);
      expectRefused("bob", "GET", "/api/people/" + id + "/devices", null, null);
      expectJsonRefused("admin", "POST", "/api/workbench/rollback", "{\"deploymentId\":" + quoted(nasty) + "}");
      expectJsonRefused("admin", "POST", "/api/workbench/drafts", "{\"name\":" + quoted(nasty + "\u0007") + "}");
      expectRefused("dora", "GET", "/api/workbench/processes/" + id + "/versions", null, null);
      expectRefused("dora", "GET", "/api/workbench/processes/incident/versions/" + id + "/xml", null, null);
      expectRefused("dora", "GET", "/api/workbench/decisions/" + id + "/versions/1/xml", null, null);
      expectRefused("dora", "GET", "/api/workbench/decisions/incident-priority/diff?from=1&to=" + id, null, null);
      expectRefused("dora", "GET", "/api/workbench/processes/incident/migration?to=" + id, null, null);
      expectJsonRefused("dora", "POST", "/api/workbench/processes/" + id + "/migration",
          "{\"fromVersion\":1,\"toVersion\":2}");
      expectJsonRefused("dora", "POST", "/api/workbench/processes/incident/migration",
          "{\"fromVersion\":" + quoted(nasty) + ",\"toVersion\":1}");
      expectRefused("alice", "GET", "/api/tickets?status=" + id, null, null);
      expectRefused("alice", "GET", "/api/tickets?page=" + id, null, null);
    }
    for (String path : List.of("/api/tickets/..%2F..%2Fetc%2Fpasswd", "/api/tickets/%2e%2e/%2e%2e/admin",
        "/api/tickets/INC-000001%00", "/api/tickets/;jsessionid=x", "/api/tickets//INC-000001",
        "/api/tickets/%252e%252e", "/api/tickets/INC-000001%5C..%5C",
        "/api/nothing-here", "/api/tickets/" + ticket + "/nothing")) {
      expectRefused("alice", "GET", path, null, null);
    }
    for (String query : List.of("size=0", "size=201", "size=-5", "page=-1", "page=abc", "mine=maybe", "open=perhaps",
        "type=knowledge", "size=99999999999999999999", "status=new&status=closed&status=", "group=" + "g".repeat(100))) {
      expectRefused("alice", "GET", "/api/tickets?" + query, null, null);
    }

    // Comments: bad bodies on a ticket the caller may see; another requester's ticket.
    for (String bad : List.of("{}", "{\"text\":\"\"}", "{\"text\":\"   \"}", "{\"text\":null}", "{\"text\":42}",
        "{\"text\":[\"a\"]}", "{\"text\":\"x\",\"internal\":\"yes\"}", "{\"text\":\"x\",\"author\":\"bob\"}",
        "{\"text\":\"x\",\"internal\":true}", "{\"text\":" + quoted("t".repeat(20_001)) + "}", "nope", "",
        "{\"text\":\"nul \\u0000 inside\"}", "{\"text\":\"bell \\u0007\"}")) {
      expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/comments", bad);
    }
    for (String nasty : NASTY) {
      expectJsonRefused("hana", "POST", "/api/tickets/" + ticket + "/comments", "{\"text\":" + quoted(nasty) + "}");
    }
    // Time worked with a comment: whole minutes of one day, from an agent of the ticket only.
    for (String minutes : List.of("0", "-1", "1441", "1.5", "30.0", "1e9", "99999999999999999999", "true", "[30]",
        "{\"m\":30}", "\"thirty\"", "\"NaN\"")) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/comments",
          "{\"text\":\"x\",\"timeSpentMinutes\":" + minutes + "}");
    }
    expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/comments", "{\"text\":\"x\",\"timeSpentMinutes\":30}");
    expectRefused("hana", "GET", "/api/tickets/" + ticket, null, null);

    // Bulk actions: a request wrong as a whole is refused before any ticket is touched.
    String one = "\"tickets\":[\"" + ticket + "\"]";
    for (String bad : List.of("{}", "[]", "nope", "", "{\"action\":\"resolve\"}", "{\"action\":\"close\"," + one + "}",
        "{\"action\":null," + one + "}", "{\"action\":[\"assign\"]," + one + "}", "{\"action\":\"assign\",\"tickets\":[]}",
        "{\"action\":\"assign\",\"tickets\":\"" + ticket + "\"}", "{\"action\":\"assign\",\"tickets\":[null]}",
        "{\"action\":\"assign\",\"tickets\":[42]}", "{\"action\":\"assign\",\"tickets\":[\"" + ticket + "\",\"" + ticket + "\"]}",
        "{\"action\":\"assign\",\"tickets\":[" + String.join(",", java.util.Collections.nCopies(101, quoted(ticket))) + "]}",
        "{\"action\":\"assign\"," + one + ",\"assignee\":\"bob; x\"}", "{\"action\":\"assign\"," + one + ",\"assignee\":1}",
        "{\"action\":\"comment\"," + one + ",\"text\":\"x\",\"assignee\":\"sam\"}", "{\"action\":\"assign\"," + one + ",\"text\":\"x\"}",
        "{\"action\":\"resolve\"," + one + ",\"resolutionNotes\":\"x\"}",
        "{\"action\":\"resolve\"," + one + ",\"resolutionCode\":\"solved\",\"resolutionNotes\":" + quoted("n".repeat(20_001)) + "}",
        "{\"action\":\"resolve\"," + one + ",\"resolutionCode\":\"sol\\u0000ved\",\"resolutionNotes\":\"x\"}",
        "{\"action\":\"reassign\"," + one + "}", "{\"action\":\"reassign\"," + one + ",\"group\":\"\"}",
        "{\"action\":\"comment\"," + one + "}", "{\"action\":\"comment\"," + one + ",\"text\":\"bell \\u0007\"}",
        "{\"action\":\"comment\"," + one + ",\"text\":\"x\",\"internal\":\"yes\"}")) {
      expectJsonRefused("bob", "POST", "/api/tickets/bulk", bad);
    }
    // Saved views: what the list refuses, unknown fields, nasty names; another's view or no id.
    for (String bad : List.of("{}", "[]", "nope", "{\"name\":\"\"}", "{\"name\":\"x\",\"owner\":\"sam\"}",
        "{\"name\":\"x\",\"sort\":\"title\"}", "{\"name\":\"x\",\"priority\":0}", "{\"name\":\"x\",\"status\":\"lost\"}",
        "{\"name\":\"x\",\"type\":\"bug\"}", "{\"name\":\"x\",\"breached\":\"maybe\"}", "{\"name\":" + quoted("n".repeat(101)) + "}",
        "{\"name\":\"x\",\"q\":" + quoted("q".repeat(201)) + "}", "{\"name\":\"nul \\u0000\"}")) {
      expectJsonRefused("bob", "POST", "/api/views", bad);
    }
    for (String id : List.of("abc", "-1", "1.5", "99999999999999999999", "%00")) {
      expectRefused("bob", "DELETE", "/api/views/" + id, null, null);
    }
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tickets/bulk", "{\"action\":\"assign\",\"tickets\":[" + quoted(nasty) + "]}");
    }

    // Problems: bad bodies from an agent, numbers that are none, a ticket that is no incident, requesters.
    for (String bad : List.of("{}", "{\"title\":\"x\"}", "{\"title\":\"x\",\"assignmentGroup\":\"camunda-admin\"}",
        "{\"title\":\"x\",\"assignmentGroup\":\"service-desk\",\"incidents\":[\"../INC-1\"]}",
        "{\"title\":\"x\",\"assignmentGroup\":\"service-desk\",\"incidents\":\"" + ticket + "\"}",
        "{\"title\":\"x\",\"assignmentGroup\":\"service-desk\",\"incidents\":[\"INC-999999\"]}",
        "{\"title\":\"bell \\u0007\",\"assignmentGroup\":\"service-desk\"}",
        "{\"title\":" + quoted("t".repeat(201)) + ",\"assignmentGroup\":\"service-desk\"}", "nope", "")) {
      expectJsonRefused("bob", "POST", "/api/problems", bad);
    }
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/problems", "{\"title\":\"x\",\"assignmentGroup\":" + quoted(nasty) + "}");
      expectJsonRefused("bob", "POST", "/api/problems/PRB-000001/incidents", "{\"incident\":" + quoted(nasty) + "}");
    }
    // Merging: numbers that are none, reasons that are no text, the requester.
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/merge", "{\"into\":" + quoted(nasty) + "}");
    }
    for (String bad : List.of("{}", "{\"into\":null}", "{\"into\":[\"INC-000001\"]}", "{\"into\":\"INC-000001\","
        + "\"reason\":\"bell \\u0007\"}", "{\"into\":\"INC-000001\",\"reason\":" + quoted("r".repeat(2001)) + "}",
        "{\"into\":\"" + ticket + "\"}", "nope", "")) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/merge", bad);
    }
    expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/merge", "{\"into\":\"INC-000001\"}");
    // Major incidents: numbers and texts that are none, the requester.
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/children", "{\"incident\":" + quoted(nasty) + "}");
    }
    for (String bad : List.of("{}", "{\"text\":\"\"}", "{\"text\":\"  \"}", "{\"text\":null}", "{\"text\":42}",
        "{\"text\":\"bell \\u0007\"}", "{\"text\":" + quoted("t".repeat(1501)) + "}", "nope", "")) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/updates", bad);
    }
    expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/updates", "{\"text\":\"All fine\"}");
    expectRefused("alice", "POST", "/api/tickets/" + ticket + "/major", null, null);
    // Re-prioritising: exactly the fields of forms/incident-reprioritise.form, a reason required; the requester.
    for (String bad : List.of("{}", "{\"impact\":1,\"urgency\":1}", "{\"impact\":1,\"urgency\":1,\"reason\":\"\"}",
        "{\"impact\":1,\"urgency\":1,\"reason\":\"   \"}", "{\"impact\":1,\"urgency\":1,\"reason\":null}",
        "{\"impact\":7,\"urgency\":1,\"reason\":\"x\"}", "{\"impact\":0,\"urgency\":1,\"reason\":\"x\"}",
        "{\"impact\":1.5,\"urgency\":1,\"reason\":\"x\"}", "{\"impact\":\"high\",\"urgency\":1,\"reason\":\"x\"}",
        "{\"impact\":\"1\",\"urgency\":1,\"reason\":\"x\"}", "{\"impact\":[1],\"urgency\":1,\"reason\":\"x\"}",
        "{\"impact\":1,\"urgency\":1,\"reason\":42}", "{\"impact\":1,\"urgency\":1,\"reason\":[\"x\"]}",
        "{\"impact\":1,\"urgency\":1,\"reason\":\"x\",\"priority\":1}",
        "{\"impact\":1,\"urgency\":1,\"reason\":\"x\",\"ticketNumber\":\"INC-000001\"}",
        "{\"impact\":1,\"urgency\":1,\"reason\":\"bell \\u0007\"}",
        "{\"impact\":1,\"urgency\":1,\"reason\":" + quoted("r".repeat(2001)) + "}", "[]", "nope", "")) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/priority", bad);
    }
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tickets/" + ticket + "/priority",
          "{\"impact\":1,\"urgency\":" + quoted(nasty) + ",\"reason\":\"x\"}");
    }
    expectJsonRefused("alice", "POST", "/api/tickets/" + ticket + "/priority",
        "{\"impact\":1,\"urgency\":1,\"reason\":\"It is urgent for me\"}");
    expectJsonRefused("alice", "POST", "/api/problems", "{\"title\":\"x\",\"assignmentGroup\":\"service-desk\"}");
    expectRefused("alice", "GET", "/api/problems", null, null);
    expectRefused("bob", "GET", "/api/problems/" + ticket, null, null);
    expectRefused("bob", "GET", "/api/problems/..%2F..%2Fetc%2Fpasswd", null, null);
    expectRefused("bob", "GET", "/api/problems?size=0", null, null);
    expectRefused("bob", "GET", "/api/problems?status=" + "s".repeat(65), null, null);
    expectRefused("bob", "GET", "/api/problems?q=" + "x".repeat(201), null, null);
    expectRefused("bob", "GET", "/api/problems?q=nul%00", null, null);
    expectRefused("alice", "GET", "/api/problems/PRB-000001/timeline", null, null);
    expectRefused("bob", "GET", "/api/problems/" + ticket + "/timeline", null, null);

    // The CMDB: hostile keys, filters, bodies and import files; a requester may not read it, only administrators import.
    expectRefused("alice", "GET", "/api/cis", null, null);
    expectRefused("alice", "GET", "/api/ci-classes", null, null);
    expectRefused("alice", "GET", "/api/cis/matrix", null, null);
    expectRefused("mark", "GET", "/api/cis/matrix", null, null);
    expectRefused("bob", "GET", "/api/cis?size=0", null, null);
    expectRefused("bob", "GET", "/api/cis?lifecycle=dead", null, null);
    expectRefused("bob", "GET", "/api/cis?q=nul%00", null, null);
    expectRefused("bob", "GET", "/api/cis?q=" + "x".repeat(201), null, null);
    expectRefused("bob", "GET", "/api/cis/export?format=xlsx", null, null);
    expectRefused("bob", "GET", "/api/cis/..%2F..%2Fetc%2Fpasswd", null, null);
    expectRefused("bob", "GET", "/api/cis/" + "k".repeat(65) + "/impact", null, null);
    for (String limit : List.of("0", "-1", "100001", "many", "1e3", "99999999999")) {
      expectRefused("bob", "GET", "/api/cis/net-core-fra-1/impact?limit=" + limit, null, null);
    }
    // The CIs a form offers: for the CMDB's readers, of a service of the catalog.
    expectRefused("alice", "GET", "/api/services/vpn/cis", null, null);
    expectRefused("bob", "GET", "/api/services/" + "s".repeat(65) + "/cis", null, null);
    expectRefused("bob", "GET", "/api/services/..%2F..%2Fetc%2Fpasswd/cis", null, null);
    for (String nasty : NASTY) {
      expectRefused("bob", "GET", "/api/services/" + encoded(nasty).replace("+", "%20") + "/cis", null, null);
      // A ticket names a CI by its key, of its service: anything else is refused, naming nothing it should not.
      expectJsonRefused("alice", "POST", "/api/incidents", "{\"title\":\"x\",\"service\":\"vpn\",\"category\":"
          + "\"network\",\"impact\":3,\"urgency\":3,\"configurationItem\":" + quoted(nasty) + "}");
    }
    for (String nasty : NASTY) {
      expectRefused("bob", "GET", "/api/cis/" + encoded(nasty).replace("+", "%20"), null, null);
      expectRefused("bob", "GET", "/api/cis/" + encoded(nasty).replace("+", "%20") + "/impact", null, null);
      // Words such as null, true or NaN are well-formed keys; everything else must be refused as one.
      if (!nasty.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        expectJsonRefused("nina", "POST", "/api/cis", "{\"key\":" + quoted(nasty) + ",\"class\":\"site\","
            + "\"name\":\"x\",\"ownerGroup\":\"network\",\"attributes\":{\"city\":\"Kiel\"}}");
      }
      expectJsonRefused("nina", "POST", "/api/cis", "{\"key\":\"hostile-site\",\"class\":" + quoted(nasty)
          + ",\"name\":\"x\",\"ownerGroup\":\"network\"}");
      expectJsonRefused("nina", "POST", "/api/cis", "{\"key\":\"hostile-site\",\"class\":\"server\",\"name\":\"x\","
          + "\"ownerGroup\":\"network\",\"attributes\":{\"hostname\":\"h\",\"os\":" + quoted(nasty) + "}}");
      expectJsonRefused("nina", "POST", "/api/cis", "{\"key\":\"hostile-site\",\"class\":\"site\",\"name\":\"x\","
          + "\"ownerGroup\":\"network\",\"attributes\":{\"city\":\"Kiel\"},\"relations\":[{\"type\":\"located-at\","
          + "\"to\":" + quoted(nasty) + "}]}");
      // One relation: a hostile type or key in the body or the path is refused, whoever asks.
      expectJsonRefused("nina", "POST", "/api/cis/net-core-fra-1/relations", "{\"type\":" + quoted(nasty)
          + ",\"to\":\"site-hamburg\"}");
      expectJsonRefused("nina", "POST", "/api/cis/net-core-fra-1/relations", "{\"type\":\"located-at\",\"to\":"
          + quoted(nasty) + "}");
      expectJsonRefused("nina", "POST", "/api/cis/" + encoded(nasty).replace("+", "%20") + "/relations",
          "{\"type\":\"located-at\",\"to\":\"site-hamburg\"}");
      expectRefused("nina", "DELETE", "/api/cis/net-core-fra-1/relations/" + encoded(nasty).replace("+", "%20")
          + "/site-hamburg", null, null);
      expectRefused("nina", "DELETE", "/api/cis/net-core-fra-1/relations/located-at/"
          + encoded(nasty).replace("+", "%20"), null, null);
      expectRefused("bob", "GET", "/api/cis/matrix?by=" + encoded(nasty), null, null);
      if (!nasty.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        expectRefused("bob", "GET", "/api/cis?service=" + encoded(nasty), null, null);
      }
      expectRefused("admin", "POST", "/api/cis/import", "text/csv", ("key,class,name\nhostile-ci," + nasty.replace(",", "")
          .replace("\"", "") + ",x\n").getBytes(StandardCharsets.UTF_8));
    }
    for (String bad : List.of("{}", "[]", "nope", "", "{\"key\":\"hostile-site\",\"class\":\"site\",\"name\":\"x\","
        + "\"ownerGroup\":\"network\",\"attributes\":{\"city\":{\"nested\":1}}}",
        "{\"key\":\"hostile-site\",\"class\":\"site\",\"name\":\"x\",\"ownerGroup\":\"network\","
            + "\"attributes\":{\"city\":\"Kiel\"},\"services\":[\"no-such-service\"]}",
        "{\"key\":\"hostile-site\",\"class\":\"site\",\"name\":\"x\",\"ownerGroup\":\"network\","
            + "\"attributes\":{\"city\":\"Kiel\"},\"lifecycle\":\"zombie\"}")) {
      expectJsonRefused("nina", "POST", "/api/cis", bad);
    }
    expectJsonRefused("bob", "POST", "/api/cis", "{\"key\":\"hostile-site\",\"class\":\"site\",\"name\":\"x\","
        + "\"ownerGroup\":\"network\",\"attributes\":{\"city\":\"Kiel\"}}");
    expectJsonRefused("bob", "PUT", "/api/cis/site-hamburg", "{\"class\":\"site\",\"name\":\"x\","
        + "\"ownerGroup\":\"service-desk\",\"attributes\":{\"city\":\"Kiel\"}}");
    expectRefused("bob", "POST", "/api/cis/site-hamburg/retire", null, null);
    // My devices: read-only and the caller's own; nobody writes or reaches someone else's through it.
    expectRefused(null, "GET", "/api/me/devices", null, null);
    expectRefused("alice", "POST", "/api/me/devices", "application/json", "{\"assignedTo\":\"bob\"}"
        .getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "GET", "/api/me/devices/..%2F..%2Fcis", null, null);
    for (String bad : List.of("{}", "[]", "nope", "", "{\"type\":\"located-at\"}", "{\"to\":\"site-hamburg\"}",
        "{\"type\":[\"located-at\"],\"to\":\"site-hamburg\"}", "{\"type\":\"located-at\",\"to\":{\"key\":1}}",
        "{\"type\":\"runs-on\",\"to\":\"site-hamburg\"}", "{\"type\":\"located-at\",\"to\":\"no-such-ci\"}")) {
      expectJsonRefused("nina", "POST", "/api/cis/net-core-fra-1/relations", bad);
    }
    expectJsonRefused("bob", "POST", "/api/cis/net-core-fra-1/relations", "{\"type\":\"located-at\",\"to\":\"site-hamburg\"}");
    expectRefused("alice", "DELETE", "/api/cis/net-core-fra-1/relations/located-at/site-hamburg", null, null);
    expectRefused("nina", "DELETE", "/api/cis/net-core-fra-1/relations/located-at/no-such-ci", null, null);
    expectRefused("nina", "POST", "/api/cis/import", "text/csv", "key,class,name\nx,site,x\n".getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("", "key,class\n", "key,class,name,evil\nx,site,x,1\n", "key,key,class,name\n",
        "key,class,name\n\"unclosed,site,x\n", "key,class,name,attributes.city\nk1,site,x,Kiel\nk1,site,y,Kiel\n")) {
      expectRefused("admin", "POST", "/api/cis/import", "text/csv", bad.getBytes(StandardCharsets.UTF_8));
    }
    for (String bad : List.of("configurationItems: 7", "{{{", "configurationItems:\n  - {key: k, evil: 1}",
        "!!java.lang.Runtime {}", "configurationItems:\n  - &a [*a]", "other: 1")) {
      expectRefused("admin", "POST", "/api/cis/import", "application/yaml", bad.getBytes(StandardCharsets.UTF_8));
    }
    expectRefused("admin", "POST", "/api/cis/import", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    // An import may be larger than 1 MB, but not than flowdesk.cmdb.import-max-size (64 MB), announced or not; and
    // other calls keep the 1 MB limit.
    int announcedImport = rawStatus("/api/cis/import", "admin", "text/csv", 65L * 1024 * 1024, "key,class,name\n");
    if (announcedImport != 413) {
      failures.add("announced 65 MB import → " + announcedImport);
    }
    sent++;
    long over = 64L * 1024 * 1024 + 1;
    HttpResponse<String> chunkedImport = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/cis/import")).header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.InputStream() {
          long left = over;

          @Override
          public int read() {
            return left-- > 0 ? 'x' : -1;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            if (left <= 0) {
              return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'x');
            left -= n;
            return n;
          }
        })).build(), HttpResponse.BodyHandlers.ofString());
    if (chunkedImport.statusCode() != 413 || !chunkedImport.body().contains("at most 64 MB")) {
      failures.add("chunked 64 MB + 1 byte import → " + chunkedImport.statusCode() + " " + chunkedImport.body());
    }
    int announcedCi = rawStatus("/api/cis", "admin", "application/json", 2L * 1024 * 1024, "{");
    if (announcedCi != 413) {
      failures.add("announced 2 MB CI → " + announcedCi);
    }

    // The work task: not the caller's, or a form that refuses the values.
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tasks/" + task + "/complete", "{\"action\":" + quoted(nasty) + "}");
    }
    for (String bad : List.of("{\"action\":\"resolve\"}", "{\"action\":\"resolve\",\"resolutionCode\":\"solved\"}",
        "{\"action\":\"reassign\",\"newGroup\":\"camunda-admin\"}", "{\"action\":\"ask_requester\"}",
        "{\"action\":\"resolve\",\"resolutionCode\":\"solved\",\"resolutionNotes\":\"x\",\"priority\":1}",
        "{\"action\":1}", "[]", "\"resolve\"", "{\"action\":\"resolve\",\"resolutionCode\":\"${1}\",\"resolutionNotes\":\"x\"}")) {
      expectJsonRefused("bob", "POST", "/api/tasks/" + task + "/complete", bad);
    }
    expectJsonRefused("alice", "POST", "/api/tasks/" + task + "/complete", "{\"action\":\"resolve\"}");
    expectRefused("alice", "POST", "/api/tasks/" + task + "/claim", null, null);
    expectRefused("nina", "GET", "/api/tasks/" + task, null, null);
    // Giving the task to someone who may not take it on, or with an assignee that is not a user id.
    for (String nasty : NASTY) {
      expectJsonRefused("bob", "POST", "/api/tasks/" + task + "/assign", "{\"assignee\":" + quoted(nasty) + "}");
    }
    for (String bad : List.of("{\"assignee\":\"nina\"}", "{\"assignee\":\"camunda-admin\"}", "{\"assignee\":1}",
        "[]", "\"sam\"", "{\"assignee\":\"sam\",\"priority\":1}")) {
      expectJsonRefused("bob", "POST", "/api/tasks/" + task + "/assign", bad);
    }
    expectJsonRefused("alice", "POST", "/api/tasks/" + task + "/assign", "{\"assignee\":\"alice\"}");

    // Administration and credentials.
    expectRefused("alice", "POST", "/api/admin/models/deploy", null, null);
    expectRefused(null, "POST", "/api/admin/models/deploy", null, null);
    // The workbench's what-if: designers only; a draft with entities, script or JUEL, a bad count refused.
    byte[] priorities = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("decisions/incident-priority.dmn"));
    String priority = new String(priorities, StandardCharsets.UTF_8);
    String whatIf = "/api/workbench/decisions/incident-priority/what-if";
    expectRefused("alice", "POST", whatIf, "application/xml", priorities);
    expectRefused(null, "POST", whatIf, "application/xml", priorities);
    expectRefused("dora", "POST", whatIf + "?last=-1", "application/xml", priorities);
    expectRefused("dora", "POST", whatIf + "?last=ten", "application/xml", priorities);
    expectRefused("dora", "POST", whatIf, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    expectRefused("dora", "POST", "/api/workbench/decisions/camunda-admin/what-if", "application/xml", priorities);
    for (String hostile : List.of(
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + priority.substring(priority.indexOf("<definitions")),
        priority.replace("<inputExpression id=\"InputExpression_Impact\"",
            "<inputExpression id=\"InputExpression_Impact\" expressionLanguage=\"javascript\""),
        priority.replace("<text>impact</text>", "<text>${execution.setVariable('x', 1)}</text>")
            .replace("<inputExpression id=\"InputExpression_Impact\"", "<inputExpression id=\"InputExpression_Impact\" expressionLanguage=\"juel\""),
        "", "<definitions/>", "\u0000")) {
      expectRefused("dora", "POST", whatIf, "application/xml", hostile.getBytes(StandardCharsets.UTF_8));
    }
    // The draft's diff refuses what the what-if refuses.
    String diff = "/api/workbench/decisions/incident-priority/diff";
    expectRefused("bob", "POST", diff, "application/xml", priorities);
    expectRefused("dora", "POST", diff + "?from=-1", "application/xml", priorities);
    expectRefused("dora", "POST", diff, "application/xml", ("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM "
        + "\"file:///etc/passwd\">]>" + priority.substring(priority.indexOf("<definitions")))
        .getBytes(StandardCharsets.UTF_8));
    expectRefused("dora", "POST", diff, "application/xml", "\u0000".getBytes(StandardCharsets.UTF_8));
    expectRefused("alice", "POST", "/api/workbench/processes/incident/migration", "application/json",
        "{\"fromVersion\":1,\"toVersion\":2}".getBytes(StandardCharsets.UTF_8));
    expectRefused("dora", "POST", "/api/workbench/processes/incident/migration", "application/json",
        "{\"fromVersion\":1,\"toVersion\":1}".getBytes(StandardCharsets.UTF_8));
    String processWhatIf = "/api/workbench/processes/incident/what-if";
    byte[] incident = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes/incident.bpmn"));
    String incidentText = new String(incident, StandardCharsets.UTF_8);
    expectRefused("bob", "POST", processWhatIf, "application/xml", incident);
    expectRefused(null, "POST", processWhatIf, "application/xml", incident);
    for (String hostile : List.of("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + incidentText.substring(incidentText.indexOf("<bpmn:definitions")), "", "<definitions/>", "\u0000",
        priority)) {
      expectRefused("dora", "POST", processWhatIf, "application/xml", hostile.getBytes(StandardCharsets.UTF_8));
    }
    expectRefused(null, "GET", "/api/tickets", null, null);
    expectRefused(null, "GET", "/api/notifications", null, null);
    for (String nasty : List.of("' OR '1'='1", "admin'--", "${1+1}", "\u0000")) {
      sent++;
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
          + "/api/tickets")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (nasty + ":" + nasty).getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 401) {
        failures.add("login as " + nasty + " → " + response.statusCode());
      }
    }

    // Header values that no HTTP client library would send: raw UTF-8 and control bytes in Idempotency-Key.
    for (byte[] key : List.of("ключ-1".getBytes(StandardCharsets.UTF_8), "日本".getBytes(StandardCharsets.UTF_8),
        new byte[] {'k', 1, 'e', 'y'}, new byte[] {'k', (byte) 0xFF, (byte) 0xFE})) {
      sent++;
      int status = rawStatus("alice", "POST", "/api/incidents", "Idempotency-Key", key,
          report("title", "\"x\"").getBytes(StandardCharsets.UTF_8));
      if (status < 400 || status >= 500) {
        failures.add("Idempotency-Key " + java.util.Arrays.toString(key) + " → " + status);
      }
    }

    // Tasklist's door: Camunda's REST API starts the process; the start form's rules still hold.
    for (String bad : List.of("{\"variables\":{\"title\":{\"value\":\"x\"},\"service\":{\"value\":\"laptop\"},"
        + "\"category\":{\"value\":\"hardware\"},\"impact\":{\"value\":7,\"type\":\"Long\"},"
        + "\"urgency\":{\"value\":1,\"type\":\"Long\"}}}", "{\"variables\":{}}",
        "{\"variables\":{\"title\":{\"value\":\"x\"},\"service\":{\"value\":\"${1+1}\"},"
        + "\"category\":{\"value\":\"hardware\"},\"impact\":{\"value\":1,\"type\":\"Long\"},"
        + "\"urgency\":{\"value\":1,\"type\":\"Long\"}}}")) {
      sent++;
      HttpResponse<String> response = send("alice", "POST", "/engine-rest/process-definition/key/incident/submit-form",
          "application/json", bad.getBytes(StandardCharsets.UTF_8));
      if (response.statusCode() != 400 || !response.body().contains("Refused by form 'incident-report'")) {
        failures.add("engine-rest submit-form " + bad + " → " + response.statusCode() + " " + response.body());
      }
    }

    assertThat(failures).as("requests that were not refused with a 4xx problem").isEmpty();
    assertThat(sent).isGreaterThanOrEqualTo(200);
    assertThat(counts()).isEqualTo(before);
  }

  /** A body that does not fit the request names the field, as a form's refusal does; broken JSON says where. */
  @Test
  void aBodyThatDoesNotFitNamesTheFieldAndChangesNothing() throws Exception {
    Map<String, Long> before = counts();
    Map<String, String[]> refusals = new LinkedHashMap<>();
    refusals.put("{\"text\":\"hi\",\"minutes\":600}", new String[] {"minutes", "is not a field of this request",
        "timeSpentMinutes"});
    refusals.put("{\"text\":\"hi\",\"internal\":\"yes\"}", new String[] {"internal", "must be true or false"});
    refusals.put("{\"text\":[\"hi\"]}", new String[] {"text", "must be a text"});
    for (var refusal : refusals.entrySet()) {
      HttpResponse<String> refused = send("bob", "POST", "/api/tickets/" + ticket + "/comments", "application/json",
          refusal.getKey().getBytes(StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      JsonNode error = json.readTree(refused.body()).get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo(refusal.getValue()[0]);
      assertThat(error.get("message").asText()).contains(java.util.Arrays.copyOfRange(refusal.getValue(), 1,
          refusal.getValue().length));
    }
    HttpResponse<String> broken = send("bob", "POST", "/api/tickets/" + ticket + "/comments", "application/json",
        "{\"text\": \"hi\",\n \"internal\": tru}".getBytes(StandardCharsets.UTF_8));
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json.readTree(broken.body()).get("detail").asText()).contains("not valid JSON", "line 2");
    assertThat(counts()).isEqualTo(before);
  }

  /**
   * Half a character (a lone UTF-16 surrogate, which JSON can write) is refused wherever text is taken, naming the
   * field, and a text field of a form is one line, as its input is: neither was refused before, and the half
   * character broke strict readers of every list that showed the title.
   */
  @Test
  void halfACharacterAndALineBreakInATitleAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
    Map<String, Long> before = counts();
    Map<String, String[]> reports = new LinkedHashMap<>();
    reports.put(report("title", "\"Printer \\ud800 jams\""), new String[] {"title", "contains half a character"});
    reports.put(report("title", "\"\\udc00\""), new String[] {"title", "contains half a character"});
    reports.put(report("title", "\"Printer\\n=1+1\""), new String[] {"title", "must be one line"});
    reports.put(report("title", "\"Printer\\r\\njams\""), new String[] {"title", "must be one line"});
    reports.put(report("description", "\"Line one \\ud83d\""), new String[] {"description",
        "contains half a character"});
    for (var refusal : reports.entrySet()) {
      HttpResponse<String> refused = send("alice", "POST", "/api/incidents", "application/json",
          refusal.getKey().getBytes(StandardCharsets.UTF_8));
      assertThat(refused.statusCode()).as(refusal.getKey() + " → " + refused.body()).isEqualTo(400);
      JsonNode error = json.readTree(refused.body()).get("errors").get(0);
      assertThat(error.get("field").asText()).isEqualTo(refusal.getValue()[0]);
      assertThat(error.get("message").asText()).contains(refusal.getValue()[1]);
    }
    // A comment is a typed field of its request: refused by the body's reading, named as the form's fields are.
    HttpResponse<String> comment = send("bob", "POST", "/api/tickets/" + ticket + "/comments", "application/json",
        "{\"text\":\"Half \\ud800\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(comment.statusCode()).as(comment.body()).isEqualTo(400);
    assertThat(json.readTree(comment.body()).get("errors").get(0).get("field").asText()).isEqualTo("text");
    assertThat(json.readTree(comment.body()).get("errors").get(0).get("message").asText())
        .isEqualTo("contains half a character");
    assertThat(counts()).isEqualTo(before);
    // Whole characters of two units, and line breaks in a text area, are text like any other.
    HttpResponse<String> fine = send("alice", "POST", "/api/incidents", "application/json",
        report("description", quoted("Line one 🖨\nLine two")).replace("\"Ok\"", quoted("Printer 🖨 jams"))
            .getBytes(StandardCharsets.UTF_8));
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(201);
    assertThat(json.readTree(fine.body()).get("title").asText()).isEqualTo("Printer 🖨 jams");
  }

  @Test
  void hostileTextInAValidReportIsStoredAsGivenAndReturnedEscaped() throws Exception {
    String title = "<script>alert('x')</script> ${1+1} #{2} '; DROP TABLE fd_ticket; --";
    HttpResponse<String> created = send("alice", "POST", "/api/incidents", "application/json",
        report("title", quoted(title)).getBytes(StandardCharsets.UTF_8));

    assertThat(created.statusCode()).isEqualTo(201);
    // JSON, never sniffed as HTML by a browser.
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(created.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String number = json.readTree(created.body()).get("number").asText();
    assertThat(json.readTree(send("alice", "GET", "/api/tickets/" + number, null, null).body()).get("title").asText())
        .isEqualTo(title);
  }

  /** Camunda's answer must not show how it is built: SQL, stack frames, Java package or class names. */
  static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
      "(?is).*(###|SQLState|\\bselect\\b.+\\bfrom\\b|ibatis|jdbc|\\tat |\\b(?:java|javax|jakarta|org|com)\\.[a-z]+\\.).*");

  void expectEngineRefused(String user, String method, String path, String contentType, byte[] body, int... allowed)
      throws Exception {
    sent++;
    HttpResponse<String> response = send(user, method, path, contentType, body);
    int status = response.statusCode();
    boolean ok = allowed.length == 0 ? status >= 400 && status < 500
        : java.util.Arrays.stream(allowed).anyMatch(a -> a == status);
    if (!ok || INTERNALS.matcher(response.body()).matches()) {
      String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
      failures.add((user == null ? "anonymous" : user) + " " + method + " " + path + " "
          + (shown.length() > 100 ? shown.substring(0, 100) + "…" : shown) + " → " + status + " "
          + (response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body()));
    }
  }

  @Test
  void camundasDoorsAnswerHostileRequests4xxWithoutInternalsAndChangeNothing() throws Exception {
    Map<String, Long> before = counts();
    byte[] huge = ("{\"variables\":{\"title\":{\"value\":\"" + "x".repeat(1_100_000) + "\"}}}")
        .getBytes(StandardCharsets.UTF_8);

    // The body limit of /api holds at every door, for everyone, before anything reads the body.
    for (String user : java.util.Arrays.asList("alice", "admin", null)) {
      expectEngineRefused(user, "POST", "/engine-rest/process-definition/key/incident/start", "application/json",
          huge, 413);
      expectEngineRefused(user, "POST", "/camunda/api/engine/engine/default/process-definition/key/incident/submit-form",
          "application/json", huge, 413);
      expectEngineRefused(user, "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=x", huge, 413);
    }
    sent++;
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/engine-rest/process-definition/key/incident/start")).header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (chunked.statusCode() != 413) {
      failures.add("chunked 1.1 MB start → " + chunked.statusCode());
    }

    // Malformed and hostile bodies, as a requester (the door) and as an administrator (the engine itself).
    for (String user : List.of("alice", "admin")) {
      for (String broken : List.of("{", "[1,2]", "\"text\"", "{\"variables\":[]}", "{\"variables\":{\"title\":42}}",
          "{\"variables\":{\"title\":{\"value\":\"x\",\"type\":\"NoSuchType\"}}}",
          "{\"variables\":{\"impact\":{\"value\":\"high\",\"type\":\"Integer\"}}}",
          "{\"variables\":{\"title\":{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":"
              + "{\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":"
              + "\"application/x-java-serialized-object\"}}}}",
          "{\"variables\":{\"title\":{\"value\":\"x\",\"type\":\"Date\"}}}",
          "{\"startInstructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"' OR 1=1 --\"}]}")) {
        expectEngineRefused(user, "POST", "/engine-rest/process-definition/key/incident/start", "application/json",
            broken.getBytes(StandardCharsets.UTF_8));
      }
      expectEngineRefused(user, "POST", "/engine-rest/process-definition/key/no-such-process/start", "application/json",
          "{}".getBytes(StandardCharsets.UTF_8));
      expectEngineRefused(user, "POST", "/engine-rest/task/no-such-task/complete", "application/json",
          "{}".getBytes(StandardCharsets.UTF_8));
      expectEngineRefused(user, "POST", "/engine-rest/message", "application/json",
          "{\"messageName\":\"' OR '1'='1\"}".getBytes(StandardCharsets.UTF_8));
      expectEngineRefused(user, "PUT", "/engine-rest/job/no-such-job/retries", "application/json",
          "{\"retries\":-5}".getBytes(StandardCharsets.UTF_8));
      expectEngineRefused(user, "POST", "/engine-rest/process-instance/no-such-instance/modification", "application/json",
          "{\"instructions\":[{\"type\":\"cancel\"}]}".getBytes(StandardCharsets.UTF_8));
      // Hostile queries: sorting, paging and filters the engine must refuse without showing its SQL.
      for (String query : List.of("/engine-rest/task?sortBy=" + encoded("name; DROP TABLE ACT_RU_TASK") + "&sortOrder=asc",
          "/engine-rest/task?sortBy=name&sortOrder=sideways", "/engine-rest/task?firstResult=abc",
          "/engine-rest/task?maxResults=99999999", "/engine-rest/task?dueAfter=yesterday",
          "/engine-rest/process-instance?variables=" + encoded("ticketNumber_eq_' OR '1'='1_x"),
          "/engine-rest/process-instance?variables=" + encoded("a_like_%"),
          "/engine-rest/history/process-instance?startedAfter=" + encoded("' OR 1=1"),
          "/engine-rest/variable-instance?variableValues=" + encoded("x_gteq_{}"),
          "/engine-rest/job?dueDates=" + encoded("lt_not-a-date"),
          "/engine-rest/process-definition/key/" + encoded("' OR 1=1 --") + "/xml",
          "/engine-rest/task/count?nameLike=" + encoded("%' --") + "&sortBy=x",
          "/engine-rest/execution/no-such-execution/localVariables")) {
        expectEngineRefused(user, "GET", query, null, null);
      }
      expectEngineRefused(user, "POST", "/engine-rest/task", "application/json",
          "{\"sorting\":[{\"sortBy\":\"'; DROP TABLE ACT_RU_TASK; --\",\"sortOrder\":\"asc\"}]}"
              .getBytes(StandardCharsets.UTF_8));
      expectEngineRefused(user, "POST", "/engine-rest/process-instance", "application/json",
          "{\"variables\":[{\"name\":\"x\",\"operator\":\"sideways\",\"value\":1}]}".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(failures).as(failures.size() + " of " + sent + " requests were not refused with a 4xx "
        + "free of internals").isEmpty();
    assertThat(counts()).isEqualTo(before);
  }

  static final String BOUNDARY = "----flowdesk-hostile";

  /** One part of a multipart body: a field, or a file when it has a file name. */
  static byte[] part(String name, String fileName, String type, byte[] content) {
    String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
        + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n";
    byte[] start = head.getBytes(StandardCharsets.UTF_8);
    byte[] all = java.util.Arrays.copyOf(start, start.length + content.length + 2);
    System.arraycopy(content, 0, all, start.length, content.length);
    all[all.length - 2] = '\r';
    all[all.length - 1] = '\n';
    return all;
  }

  static byte[] multipart(byte[]... parts) {
    var out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static byte[] file(String fileName, String type, byte[] content) {
    return part("files", fileName, type, content);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  void expectUploadRefused(String path, byte[] body) throws Exception {
    expectRefused("alice", "POST", path, "multipart/form-data; boundary=" + BOUNDARY, body);
  }

  @Test
  void hostileUploadsAre4xxProblemsAndChangeNothing() throws Exception {
    Map<String, Long> before = counts();
    String attach = "/api/tickets/" + ticket + "/attachments";
    byte[] report = part("report", null, "application/json", utf8(
        "{\"title\":\"Ok\",\"service\":\"laptop\",\"category\":\"hardware\",\"impact\":3,\"urgency\":3}"));
    byte[] exe = new byte[512];
    exe[0] = 'M';
    exe[1] = 'Z';

    expectUploadRefused(attach, multipart(file("setup.png", "image/png", exe)));
    expectUploadRefused(attach, multipart(file("page.png", "image/png",
        utf8("<html><body><script>alert(document.cookie)</script></body></html>"))));
    expectUploadRefused(attach, multipart(file("logo.svg", "image/svg+xml", utf8(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"))));
    expectUploadRefused(attach, multipart(file("page.html", "text/html", utf8("<html><script>x()</script></html>"))));
    expectUploadRefused(attach, multipart(file("empty.pdf", "application/pdf", new byte[0])));
    expectUploadRefused(attach, multipart(file("bomb.zip", "application/zip",
        new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})));
    expectUploadRefused(attach, multipart(file("run.bat", "text/plain", utf8("del /s /q C:\\"))));
    expectUploadRefused(attach, multipart(file("big.txt", "text/plain", new byte[5 * 1024 * 1024 + 1])));
    expectUploadRefused(attach, multipart(part("internal", null, null, utf8("true")),
        file("a.txt", "text/plain", utf8("internal by a requester")))); // alice is not an agent
    expectUploadRefused(attach, multipart(part("internal", null, null, utf8("true"))));
    expectUploadRefused(attach, multipart());
    expectUploadRefused(attach, utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; "
        + "filename=\"cut.txt\"\r\n\r\nthe body ends in the middle of the part"));
    expectRefused("alice", "POST", attach, "multipart/form-data", multipart(file("a.txt", "text/plain", utf8("x"))));
    expectRefused("alice", "POST", attach, "application/json", utf8("{\"files\":[]}"));
    byte[][] tooMany = new byte[60][];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = file("f" + i + ".txt", "text/plain", utf8("x"));
    }
    expectUploadRefused(attach, multipart(tooMany));
    expectUploadRefused("/api/tickets/INC-999999/attachments", multipart(file("a.txt", "text/plain", utf8("x"))));
    expectUploadRefused("/api/tickets/" + ticket + "/attachments/../watchers",
        multipart(file("a.txt", "text/plain", utf8("x"))));

    // Report, order and comment with a bad file, or a bad JSON part: no ticket, no comment.
    expectUploadRefused("/api/incidents", multipart(report, file("invoice.pdf", "application/pdf", exe)));
    expectUploadRefused("/api/incidents", multipart(part("report", null, "application/json", utf8("{\"title\":")),
        file("a.txt", "text/plain", utf8("x"))));
    expectUploadRefused("/api/incidents", multipart(part("report", null, "text/plain", utf8("title=x"))));
    expectUploadRefused("/api/incidents", multipart(file("a.txt", "text/plain", utf8("no report"))));
    expectUploadRefused("/api/requests", multipart(part("order", null, "application/json",
        utf8("{\"item\":\"desk-repair\",\"answers\":{\"location\":\"Desk 7\",\"details\":\"Stuck\"}}")),
        file("x.exe", "application/octet-stream", exe)));
    expectUploadRefused("/api/tickets/" + ticket + "/comments", multipart(part("comment", null, "application/json",
        utf8("{\"text\":\"here\"}")), file("x.js", "text/plain", utf8("alert(1)"))));
    expectUploadRefused("/api/tickets/" + ticket + "/comments", multipart(part("comment", null, "application/json",
        utf8("{\"text\":\"\\u0000\"}")), file("a.txt", "text/plain", utf8("x"))));
    // Other calls keep the 1 MB limit, multipart or not.
    expectUploadRefused("/api/tickets/" + ticket + "/watchers",
        multipart(file("big.txt", "text/plain", new byte[1024 * 1024 + 10])));
    // Previews: ids that are no number or no attachment, a path that climbs out.
    for (String id : List.of("abc", "-1", "99999999999999999999", "1%2F..%2F..", "0")) {
      expectRefused("alice", "GET", attach + "/" + id + "/thumbnail", null, null);
    }
    expectRefused("alice", "GET", attach + "/1/thumbnail/../../../watchers", null, null);
    // An upload that announces more than the limit is refused before it is read.
    int announced = rawUploadStatus(attach, 13L * 1024 * 1024);
    if (announced != 413) {
      failures.add("announced 13 MB upload → " + announced);
    }

    assertThat(failures).as("uploads that were not refused with a 4xx problem").isEmpty();
    assertThat(counts()).isEqualTo(before);
  }

  /** The status of an upload that announces {@code length} bytes and sends only its start. */
  int rawUploadStatus(String path, long length) throws Exception {
    return rawStatus(path, "alice", "multipart/form-data; boundary=" + BOUNDARY, length, "--" + BOUNDARY + "\r\n");
  }

  /** The status of a POST that announces {@code length} bytes and sends only {@code start}. */
  int rawStatus(String path, String user, String type, long length, String start) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
          + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8))
          + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length
          + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
      String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1)).readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
