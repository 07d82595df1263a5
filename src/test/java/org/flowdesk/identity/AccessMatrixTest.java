package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Who may do what: every FlowDesk endpoint against every kind of caller. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AccessMatrixTest {

  static final String ANONYMOUS = "anonymous";
  // requester, another requester, agent of the ticket's group, agent of another group, approver, administrator
  static final List<String> CALLERS = List.of(ANONYMOUS, "alice", "hana", "bob", "nina", "mark", "admin");

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
    TestRestTemplate client = ANONYMOUS.equals(user) ? rest : ApiClient.as(rest, user, user);
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Type", "application/json");
    return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  JsonNode read(ResponseEntity<String> response) throws Exception {
    return json.readTree(response.getBody());
  }

  String report(String user) throws Exception {
    return read(call(user, HttpMethod.POST, "/api/incidents", Map.of("title", "Outlook crashes", "service", "email",
        "category", "software", "impact", 3, "urgency", 2))).get("number").asText();
  }

  String workTask(String ticket) throws Exception {
    for (JsonNode task : read(call("bob", HttpMethod.GET, "/api/tasks?ticket=" + ticket, null))) {
      if (ticket.equals(task.path("ticketNumber").asText())) {
        return task.get("id").asText();
      }
    }
    throw new AssertionError("no work task for " + ticket);
  }

  static Map<String, Object> with(Map<String, Object> values, String name, Object value) {
    Map<String, Object> more = new java.util.LinkedHashMap<>(values);
    more.put(name, value);
    return more;
  }

  /** One row of the matrix: the status each caller gets, in the order of {@link #CALLERS}. */
  record Row(HttpMethod method, String path, Object body, int... statuses) {
  }

  @Test
  void everyEndpointAnswersEachCallerAsTheRulesSay() throws Exception {
    EngineTime.runningFrom("2027-03-01T09:00"); // the change below is planned for 10 March 2027
    String ticket = report("alice");
    String task = workTask(ticket);
    Map<String, Object> validReport = Map.of("title", "Mouse broken", "service", "laptop", "category", "hardware",
        "impact", 3, "urgency", 3);
    Map<String, Object> publicComment = Map.of("text", "Any news?");
    Map<String, Object> validChange = Map.of("title", "New docking firmware", "service", "laptop",
        "changeType", "normal", "plannedStart", "2027-03-10T10:00", "plannedEnd", "2027-03-10T12:00", "impact", 3,
        "implementationGroup", "service-desk", "complexity", "low", "implementationPlan", "Push the update",
        "backoutPlan", "Push the old version");
    String change = read(call("bob", HttpMethod.POST, "/api/changes", validChange)).get("number").asText();
    Map<String, Object> internalComment = Map.of("text", "Known issue", "internal", true);
    // Problems are for agents (hana is one, of HR): bob logs one from alice's incident, which hana and nina may not
    // see; agents of every group see problems.
    Map<String, Object> validProblem = Map.of("title", "Outlook crashes on start", "assignmentGroup", "service-desk",
        "incidents", List.of(ticket));
    String problem = read(call("bob", HttpMethod.POST, "/api/problems", validProblem)).at("/ticket/number").asText();
    String order = read(call("alice", HttpMethod.POST, "/api/requests", Map.of("item", "monitor",
        "answers", Map.of("size", "24", "reason", "A second screen")))).get("number").asText();
    // alice's own notification about her report: only she may mark it read.
    long received = -1;
    for (JsonNode n : read(call("alice", HttpMethod.GET, "/api/notifications?ticket=" + ticket, null))) {
      if (ticket.equals(n.path("ticketNumber").asText()) && "alice".equals(n.path("recipientUser").asText())) {
        received = n.get("id").asLong();
      }
    }
    assertThat(received).as("alice is told her report was received").isPositive();

    Map<String, Object> cmdbSwitch = Map.of("key", "sw-matrix-" + System.nanoTime(), "class", "network-device",
        "name", "Matrix switch", "ownerGroup", "network", "attributes", Map.of("kind", "switch"));
    List<Row> rows = List.of(
        //                                                              anon alice hana bob  nina mark admin
        new Row(HttpMethod.POST, "/api/incidents", validReport,             401, 201, 201, 201, 201, 201, 201),
        // Naming a CI the service stands on is for anyone who may report; one it does not stand on (the laptops do
        // not stand on the mail server software) for no one.
        new Row(HttpMethod.POST, "/api/incidents", with(validReport, "configurationItem", "app-mdm"),
                                                                            401, 201, 201, 201, 201, 201, 201),
        new Row(HttpMethod.POST, "/api/incidents", with(validReport, "configurationItem", "app-exchange"),
                                                                            401, 400, 400, 400, 400, 400, 400),
        // On behalf of someone: agents (hana, bob, nina) and administrators for anyone, mark for his reports (greta).
        new Row(HttpMethod.POST, "/api/incidents", with(validReport, "requestedFor", "greta"),
                                                                            401, 403, 201, 201, 201, 201, 201),
        new Row(HttpMethod.POST, "/api/incidents", with(validReport, "requestedFor", "sam"),
                                                                            401, 403, 201, 201, 201, 403, 201),
        new Row(HttpMethod.GET, "/api/tickets", null,                       401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/tickets?q=printer", null,             401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/tickets/export?format=csv", null,     401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/tickets/export?format=xlsx", null,    401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/search?q=printer", null,              401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.POST, "/api/articles", Map.of(),                 401, 400, 400, 400, 400, 400, 400),
        new Row(HttpMethod.GET, "/api/articles/KB-999999", null,            401, 404, 404, 404, 404, 404, 404),
        new Row(HttpMethod.GET, "/api/articles?mine=true", null,            401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/articles?status=secret", null,        401, 400, 400, 400, 400, 400, 400),
        // hana works HR tickets: an agent, who may write articles.
        new Row(HttpMethod.POST, "/api/articles/preview", Map.of("body", "**x**"), 401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.POST, "/api/articles/KB-999999/votes", Map.of("helpful", true),
                                                                            401, 404, 404, 404, 404, 404, 404),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket, null,             401, 200, 404, 200, 404, 404, 200),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/timeline", null, 401, 200, 404, 200, 404, 404, 200),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/approvals", null, 401, 200, 404, 200, 404, 404, 200),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/journey", null, 401, 200, 404, 200, 404, 404, 200),
        // Time worked is internal effort: the ticket's agents see it, its requester is refused.
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/time-worked", null,
                                                                            401, 403, 404, 200, 404, 404, 200),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/comments", publicComment,
                                                                            401, 201, 404, 201, 404, 404, 201),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/comments", internalComment,
                                                                            401, 400, 404, 201, 404, 404, 201),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/comments", Map.of("text", "Checked", "timeSpentMinutes", 15),
                                                                            401, 400, 404, 201, 404, 404, 201),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/watchers", null, 401, 200, 404, 200, 404, 404, 200),
        // Bulk: anyone signed in may ask; each ticket is then done or refused as the single action would be (200).
        new Row(HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "comment", "tickets", List.of(ticket),
            "text", "Any news?"),                                           401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.POST, "/api/tickets/bulk", Map.of("action", "close", "tickets", List.of(ticket)),
                                                                            401, 400, 400, 400, 400, 400, 400),
        // Saved views are everyone's own: each caller saves one (the name is theirs), lists theirs, and finds no
        // view of another id to delete.
        new Row(HttpMethod.POST, "/api/views", Map.of("name", "Access matrix view", "open", true),
                                                                            401, 201, 201, 201, 201, 201, 201),
        new Row(HttpMethod.GET, "/api/views", null,                         401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.DELETE, "/api/views/999999999", null,            401, 404, 404, 404, 404, 404, 404),
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/responses", null, 401, 403, 404, 200, 404, 404, 200),
        new Row(HttpMethod.GET, "/api/tasks", null,                         401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/tasks/" + task, null,                 401, 404, 404, 200, 404, 404, 404),
        new Row(HttpMethod.POST, "/api/tasks/" + task + "/complete", Map.of("action", "nonsense"),
                                                                            401, 404, 404, 400, 404, 404, 404),
        new Row(HttpMethod.GET, "/api/notifications", null,                 401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/me", null,                            401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.POST, "/api/notifications/" + received + "/read", null,
                                                                            401, 204, 404, 404, 404, 404, 404),
        new Row(HttpMethod.POST, "/api/notifications/read", null,           401, 204, 204, 204, 204, 204, 204),
        new Row(HttpMethod.GET, "/api/me/language", null,                   401, 200, 200, 200, 200, 200, 200),
        // alice's order waits for mark's approval: mark sees it, only alice may withdraw it; an incident is no request.
        new Row(HttpMethod.GET, "/api/requests/" + order + "/withdrawal", null, 401, 200, 404, 404, 404, 200, 200),
        new Row(HttpMethod.POST, "/api/requests/" + order + "/withdraw", Map.of("reason", "x".repeat(2001)),
                                                                            401, 400, 400, 400, 400, 400, 400),
        new Row(HttpMethod.POST, "/api/requests/" + ticket + "/withdraw", null, 401, 404, 404, 404, 404, 404, 404),
        // {} takes the language out of the profile: the browser's counts again, as before the test.
        new Row(HttpMethod.PUT, "/api/me/language", Map.of(),               401, 204, 204, 204, 204, 204, 204),
        new Row(HttpMethod.PUT, "/api/me/language", Map.of("language", "xx"), 401, 400, 400, 400, 400, 400, 400),
        new Row(HttpMethod.GET, "/api/catalog", null,                       401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/catalog/items/desk-repair", null,     401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/catalog/items/new-employee", null,    401, 404, 200, 404, 404, 200, 404),
        new Row(HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair", "answers",
            Map.of("location", "Desk 7", "details", "Drawer stuck")),    401, 201, 201, 201, 201, 201, 201),
        new Row(HttpMethod.POST, "/api/requests", Map.of("item", "desk-repair", "answers",
            Map.of("location", "Desk 8", "details", "Chair broken"), "requestedFor", "greta"),
                                                                            401, 403, 201, 201, 201, 201, 201),
        new Row(HttpMethod.GET, "/api/people/alice", null,                  401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/people?q=greta", null,                401, 200, 200, 200, 200, 200, 200),
        // A person's devices: for whoever may report for them (agents, their manager, themselves).
        new Row(HttpMethod.GET, "/api/people/bob/devices", null,            401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/people/alice/devices", null,          401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/groups/service-desk", null,           401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/groups/no-such-group", null,          401, 404, 404, 404, 404, 404, 404),
        // Organisations and calendars: agents (hana, bob, nina), service owners and administrators.
        new Row(HttpMethod.GET, "/api/service-levels", null,                401, 403, 200, 200, 200, 403, 200),
        // The workbench's drafts: process designers and administrators.
        new Row(HttpMethod.GET, "/api/workbench/drafts", null,              401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/models", null,              401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/models/file?path=decisions/incident-priority.dmn", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/deployments", null,         401, 403, 403, 403, 403, 403, 200),
        // Its versions, diffs and migration plans likewise.
        new Row(HttpMethod.GET, "/api/workbench/processes/incident/versions", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/processes/incident/versions/1/xml", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/decisions/incident-priority/versions", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/decisions/incident-priority/versions/1/xml", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/decisions/incident-priority/diff?from=1&to=1", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/workbench/processes/incident/migration", null,
                                                                            401, 403, 403, 403, 403, 403, 200),
        // A designer asking to move version 1 to itself: 400 (nothing moves).
        new Row(HttpMethod.POST, "/api/workbench/processes/incident/migration", Map.of("fromVersion", 1, "toVersion", 1),
                                                                            401, 403, 403, 403, 403, 403, 400),
        // Who is in a team: its members (bob) and administrators.
        new Row(HttpMethod.GET, "/api/groups/service-desk/members", null,   401, 403, 403, 200, 403, 403, 200),
        new Row(HttpMethod.PUT, "/api/admin/people/alice", Map.of("department", "sales", "manager", "mark"),
                                                                            401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.GET, "/api/services/email", null,                401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.GET, "/api/services/mobile-devices", null,       401, 404, 404, 404, 404, 404, 200),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "carl"),
                                                                            401, 201, 404, 201, 404, 404, 201),
        new Row(HttpMethod.DELETE, "/api/tickets/" + ticket + "/watchers/carl", null,
                                                                            401, 204, 404, 204, 404, 404, 204),
        new Row(HttpMethod.GET, "/api/admin/audit", null,                   401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.POST, "/api/admin/users/carl/unlock", null,      401, 403, 403, 403, 403, 403, 204),
        new Row(HttpMethod.POST, "/api/admin/models/deploy", null,          401, 403, 403, 403, 403, 403, 200),
        new Row(HttpMethod.POST, "/api/changes", validChange,               401, 403, 201, 201, 201, 403, 201),
        new Row(HttpMethod.POST, "/api/changes", with(validChange, "configurationItem", "app-mdm"),
                                                                            401, 403, 201, 201, 201, 403, 201),
        new Row(HttpMethod.POST, "/api/changes", with(validChange, "configurationItem", "app-exchange"),
                                                                            401, 403, 400, 400, 400, 403, 400),
        new Row(HttpMethod.GET, "/api/changes/" + change, null,             401, 404, 404, 200, 200, 404, 200),
        new Row(HttpMethod.GET, "/api/tickets/" + change, null,             401, 404, 404, 200, 200, 404, 200),
        new Row(HttpMethod.GET, "/api/tickets/" + change + "/links", null,  401, 404, 404, 200, 200, 404, 200),
        new Row(HttpMethod.POST, "/api/tickets/" + change + "/links", Map.of("ticket", ticket, "relation", "related"),
                                                                            401, 404, 404, 201, 404, 404, 201),
        new Row(HttpMethod.GET, "/api/changes/calendar", null,              401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.POST, "/api/changes/" + change + "/cancel", Map.of("reason", "Not needed"),
                                                                            401, 404, 404, 204, 403, 404, 409),
        new Row(HttpMethod.POST, "/api/problems", validProblem,             401, 403, 400, 201, 400, 403, 201),
        new Row(HttpMethod.GET, "/api/problems", null,                      401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/problems/" + problem, null,           401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/problems?q=printer&open=true", null,  401, 403, 200, 200, 200, 403, 200),
        // Problems are for every agent: hana and nina read one of the service desk's, timeline included.
        new Row(HttpMethod.GET, "/api/problems/" + problem + "/timeline", null,
                                                                            401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/problems/" + ticket + "/timeline", null,
                                                                            401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/problems/" + ticket, null,            401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/tickets/" + problem, null,            401, 404, 404, 200, 404, 404, 200),
        new Row(HttpMethod.POST, "/api/problems/" + problem + "/incidents", Map.of("incident", ticket),
                                                                            401, 403, 404, 200, 404, 403, 200),
        // Known errors of alice's incident are for its agents; the problem being investigated has no workaround yet.
        new Row(HttpMethod.GET, "/api/tickets/" + ticket + "/known-errors", null,
                                                                            401, 403, 404, 200, 404, 404, 200),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/workaround", Map.of("problem", problem),
                                                                            401, 403, 404, 409, 404, 404, 409),
        // The problem is being investigated: no fixing change yet.
        new Row(HttpMethod.POST, "/api/problems/" + problem + "/changes", validChange,
                                                                            401, 403, 409, 409, 409, 403, 409),
        // Merging alice's incident into the change (no incident) is refused only to those who may try: its agents.
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/merge", Map.of("into", change),
                                                                            401, 403, 404, 400, 404, 404, 400),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/merge", Map.of("into", ticket),
                                                                            401, 403, 404, 400, 404, 404, 400),
        // Major incidents are for the incident's agents; alice's incident is no major incident (409 for them).
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/children", Map.of("incident", ticket),
                                                                            401, 403, 404, 409, 404, 404, 409),
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/updates", Map.of("text", "Back by noon"),
                                                                            401, 403, 404, 409, 404, 404, 409),
        new Row(HttpMethod.POST, "/api/tickets/" + change + "/major", null, 401, 404, 404, 404, 404, 404, 404),
        // bob declares it major; for the administrator after him it is one already.
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/major", null, 401, 403, 404, 200, 404, 404, 409),
        // Re-prioritising is for the incident's agents; bob lowers it, so the administrator after him changes nothing
        // (409); a change has no priority to change.
        new Row(HttpMethod.POST, "/api/tickets/" + ticket + "/priority", Map.of("impact", 3, "urgency", 3, "reason",
            "Only alice is affected"),                                    401, 403, 404, 200, 404, 404, 409),
        new Row(HttpMethod.POST, "/api/tickets/" + change + "/priority", Map.of("impact", 1, "urgency", 1, "reason",
            "Everyone"),                                                  401, 404, 404, 404, 404, 404, 404),
        // The CMDB: agents (hana, bob, nina) and administrators read, requesters and approvers do not; a CI is written
        // by its owner group (network: nina) and administrators; imports are for administrators. site-hamburg and
        // net-core-fra-1 come with the demo CMDB.
        new Row(HttpMethod.GET, "/api/ci-classes", null,                    401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis?class=server", null,              401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/site-hamburg", null,              401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/no-such-ci", null,                401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/cis/site-hamburg/relations", null,    401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/site-hamburg/history", null,      401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/net-core-fra-1/impact", null,     401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/matrix", null,                    401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/services/laptop/cis", null,           401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/services/no-such-service/cis", null,  401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/cis/export?format=csv&q=hamburg", null, 401, 403, 200, 200, 200, 403, 200),
        new Row(HttpMethod.GET, "/api/cis/export?format=yaml&q=hamburg", null, 401, 403, 200, 200, 200, 403, 200),
        // The first to create it gets 201, the administrator after nina finds it there (409).
        new Row(HttpMethod.POST, "/api/cis", cmdbSwitch,                   401, 403, 403, 403, 201, 403, 409),
        new Row(HttpMethod.PUT, "/api/cis/" + cmdbSwitch.get("key"), with(cmdbSwitch, "criticality", "high"),
                                                                            401, 403, 403, 403, 200, 403, 200),
        // One relation: the owner group (nina) adds it, for the administrator after her it is there (409); nina removes
        // it, the administrator finds none to remove (404).
        new Row(HttpMethod.POST, "/api/cis/" + cmdbSwitch.get("key") + "/relations",
            Map.of("type", "connects-to", "to", "net-core-fra-1"),         401, 403, 403, 403, 201, 403, 409),
        new Row(HttpMethod.DELETE, "/api/cis/" + cmdbSwitch.get("key") + "/relations/connects-to/net-core-fra-1", null,
                                                                            401, 403, 403, 403, 200, 403, 404),
        new Row(HttpMethod.POST, "/api/cis/no-such-ci/relations", Map.of("type", "connects-to", "to", "net-core-fra-1"),
                                                                            401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/cis/matrix?by=group", null,           401, 403, 200, 200, 200, 403, 200),
        // Everyone reads their own devices (assigned CIs), requesters included.
        new Row(HttpMethod.GET, "/api/me/devices", null,                    401, 200, 200, 200, 200, 200, 200),
        new Row(HttpMethod.POST, "/api/cis/" + cmdbSwitch.get("key") + "/retire", null,
                                                                            401, 403, 403, 403, 200, 403, 409),
        new Row(HttpMethod.POST, "/api/cis/no-such-ci/retire", null,        401, 403, 404, 404, 404, 403, 404),
        new Row(HttpMethod.GET, "/api/openapi", null,                       200, 200, 200, 200, 200, 200, 200));

    List<String> wrong = new ArrayList<>();
    for (Row row : rows) {
      for (int i = 0; i < CALLERS.size(); i++) {
        int status = call(CALLERS.get(i), row.method(), row.path(), row.body()).getStatusCode().value();
        if (status != row.statuses()[i]) {
          wrong.add(row.method() + " " + row.path() + " as " + CALLERS.get(i) + ": " + status + ", expected "
              + row.statuses()[i]);
        }
      }
    }
    // Claiming and assigning change the task, so they come last: only the group's agent may.
    for (String caller : List.of(ANONYMOUS, "alice", "hana", "nina", "mark", "admin")) {
      int status = call(caller, HttpMethod.POST, "/api/tasks/" + task + "/claim", null).getStatusCode().value();
      if (status != (ANONYMOUS.equals(caller) ? 401 : 404)) {
        wrong.add("claim as " + caller + ": " + status);
      }
      status = call(caller, HttpMethod.POST, "/api/tasks/" + task + "/assign", Map.of("assignee", "bob"))
          .getStatusCode().value();
      if (status != (ANONYMOUS.equals(caller) ? 401 : 404)) {
        wrong.add("assign as " + caller + ": " + status);
      }
    }
    assertThat(call("bob", HttpMethod.POST, "/api/tasks/" + task + "/claim", null).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(wrong).isEmpty();
  }

  @Test
  void onlyAdministratorsImportCis() {
    String key = "matrix-site-" + System.nanoTime();
    String csv = "key,class,name,ownerGroup,attributes.city\n" + key + ",site,Matrix site,facilities,Kiel\n";
    List<String> wrong = new ArrayList<>();
    //                 anon alice hana bob  nina mark admin
    int[] statuses = {401, 403, 403, 403, 403, 403, 200};
    for (int i = 0; i < CALLERS.size(); i++) {
      TestRestTemplate client = ANONYMOUS.equals(CALLERS.get(i)) ? rest : ApiClient.as(rest, CALLERS.get(i), CALLERS.get(i));
      HttpHeaders headers = new HttpHeaders();
      headers.set("Content-Type", "text/csv");
      int status = client.exchange("/api/cis/import", HttpMethod.POST, new HttpEntity<>(csv, headers), String.class)
          .getStatusCode().value();
      if (status != statuses[i]) {
        wrong.add("import as " + CALLERS.get(i) + ": " + status + ", expected " + statuses[i]);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theWorkbenchIsForProcessDesignersAndAdministrators() throws Exception {
    byte[] draft = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("decisions/incident-priority.dmn"));
    byte[] process = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes/incident.bpmn"));
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    CALLERS.forEach(caller -> expected.put(caller, 403));
    expected.put(ANONYMOUS, 401);
    expected.put("admin", 200);
    expected.put("dora", 200);
    List<String> wrong = new java.util.ArrayList<>();
    expected.forEach((caller, status) -> {
      TestRestTemplate client = ANONYMOUS.equals(caller) ? rest : ApiClient.as(rest, caller, caller);
      HttpHeaders headers = new HttpHeaders();
      headers.set("Content-Type", "application/xml");
      int got = client.exchange("/api/workbench/decisions/incident-priority/what-if?last=5", HttpMethod.POST,
          new HttpEntity<>(draft, headers), String.class).getStatusCode().value();
      if (got != status) {
        wrong.add("what-if as " + caller + ": " + got + ", expected " + status);
      }
      got = client.exchange("/api/workbench/processes/incident/what-if", HttpMethod.POST,
          new HttpEntity<>(process, headers), String.class).getStatusCode().value();
      if (got != status) {
        wrong.add("process what-if as " + caller + ": " + got + ", expected " + status);
      }
    });
    assertThat(wrong).isEmpty();
  }

  ResponseEntity<String> attach(String user, String ticket, boolean internal) {
    return attach(user, ticket, internal, "outlook.log", "Outlook log".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  ResponseEntity<String> attach(String user, String ticket, boolean internal, String name, byte[] content) {
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    HttpHeaders fileHeaders = new HttpHeaders();
    fileHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM);
    parts.add("files", new HttpEntity<>(new org.springframework.core.io.ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return name;
      }
    }, fileHeaders));
    parts.add("internal", String.valueOf(internal));
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.MULTIPART_FORM_DATA);
    TestRestTemplate client = ANONYMOUS.equals(user) ? rest : ApiClient.as(rest, user, user);
    return client.exchange("/api/tickets/" + ticket + "/attachments", HttpMethod.POST, new HttpEntity<>(parts, headers),
        String.class);
  }

  @Test
  void attachmentsAnswerEachCallerAsTheTicketsRulesSay() throws Exception {
    String ticket = report("alice");
    String publicOne = read(attach("alice", ticket, false)).get(0).get("downloadUrl").asText();
    String internalOne = read(attach("bob", ticket, true)).get(0).get("downloadUrl").asText();
    String bobsOne = read(attach("bob", ticket, false)).get(0).get("downloadUrl").asText();
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png", png);
    String publicPreview = read(attach("alice", ticket, false, "screen.png", png.toByteArray())).get(0)
        .get("thumbnailUrl").asText();
    String internalPreview = read(attach("bob", ticket, true, "console.png", png.toByteArray())).get(0)
        .get("thumbnailUrl").asText();

    List<String> wrong = new ArrayList<>();
    Map<String, int[]> expected = new LinkedHashMap<>();
    //                                                       anon alice hana bob  nina mark admin
    expected.put("GET " + "/api/tickets/" + ticket + "/attachments", new int[] {401, 200, 404, 200, 404, 404, 200});
    expected.put("GET " + publicOne, new int[] {401, 200, 404, 200, 404, 404, 200});
    expected.put("GET " + internalOne, new int[] {401, 404, 404, 200, 404, 404, 200});
    expected.put("GET " + publicPreview, new int[] {401, 200, 404, 200, 404, 404, 200});
    expected.put("GET " + internalPreview, new int[] {401, 404, 404, 200, 404, 404, 200});
    expected.put("DELETE " + bobsOne, new int[] {401, 403, 404, -1, 404, 404, -1});
    expected.put("DELETE " + internalOne, new int[] {401, 404, 404, -1, 404, 404, -1});
    expected.forEach((call, statuses) -> {
      String[] methodAndPath = call.split(" ", 2);
      for (int i = 0; i < CALLERS.size(); i++) {
        if (statuses[i] < 0) {
          continue;
        }
        int status = call(CALLERS.get(i), HttpMethod.valueOf(methodAndPath[0]), methodAndPath[1], null)
            .getStatusCode().value();
        if (status != statuses[i]) {
          wrong.add(call + " as " + CALLERS.get(i) + ": " + status + ", expected " + statuses[i]);
        }
      }
    });
    int[] publicUpload = {401, 201, 404, 201, 404, 404, 201};
    int[] internalUpload = {401, 400, 404, 201, 404, 404, 201};
    for (int i = 0; i < CALLERS.size(); i++) {
      int asPublic = attach(CALLERS.get(i), ticket, false).getStatusCode().value();
      int asInternal = attach(CALLERS.get(i), ticket, true).getStatusCode().value();
      if (asPublic != publicUpload[i] || asInternal != internalUpload[i]) {
        wrong.add("attach as " + CALLERS.get(i) + ": " + asPublic + "/" + asInternal);
      }
    }
    // The uploader and the ticket's agents remove; the timeline keeps it.
    assertThat(call("alice", HttpMethod.DELETE, publicOne, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("bob", HttpMethod.DELETE, bobsOne, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("admin", HttpMethod.DELETE, internalOne, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(wrong).isEmpty();
  }

  @Test
  void theMeasuresAreForServiceOwnersAndAdministratorsOnly() {
    List<String> wrong = new ArrayList<>();
    //                 anon alice hana bob  nina mark admin
    int[] statuses = {401, 403, 403, 403, 403, 403, 200};
    for (String path : List.of("/api/measures", "/api/measures/backlog", "/api/measures/cost",
        "/api/measures/storage", "/api/measures/export", "/api/measures/time-worked",
        "/api/measures/export?report=olas")) {
      for (int i = 0; i < CALLERS.size(); i++) {
        int status = call(CALLERS.get(i), HttpMethod.GET, path, null).getStatusCode().value();
        if (status != statuses[i]) {
          wrong.add(path + " as " + CALLERS.get(i) + ": " + status + ", expected " + statuses[i]);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void rolesComeFromGroups() throws Exception {
    assertThat(read(call("alice", HttpMethod.GET, "/api/me", null)).get("roles")).extracting(JsonNode::asText)
        .containsExactly("requester");
    assertThat(read(call("bob", HttpMethod.GET, "/api/me", null)).get("roles")).extracting(JsonNode::asText)
        .containsExactly("requester", "agent");
    assertThat(read(call("mark", HttpMethod.GET, "/api/me", null)).get("roles")).extracting(JsonNode::asText)
        .containsExactly("requester", "approver");
    assertThat(read(call("carl", HttpMethod.GET, "/api/me", null)).get("roles")).extracting(JsonNode::asText)
        .containsExactly("requester", "change-manager", "cab", "emergency-board",
            "approver"); // the models offer change managers approvals (change.bpmn's kind=approval steps)
    JsonNode admin = read(call("admin", HttpMethod.GET, "/api/me", null));
    assertThat(admin.get("roles")).extracting(JsonNode::asText).contains("administrator");
    assertThat(admin.get("groups")).extracting(JsonNode::asText).contains("camunda-admin");
  }

  @Test
  void internalCommentsNeverReachTheRequester() throws Exception {
    String ticket = report("alice");
    call("bob", HttpMethod.POST, "/api/tickets/" + ticket + "/comments", Map.of("text", "Internal note", "internal", true));
    call("bob", HttpMethod.POST, "/api/tickets/" + ticket + "/comments", Map.of("text", "Public reply"));

    String asRequester = call("alice", HttpMethod.GET, "/api/tickets/" + ticket + "/timeline", null).getBody();
    assertThat(asRequester).contains("Public reply").doesNotContain("Internal note");
    assertThat(call("bob", HttpMethod.GET, "/api/tickets/" + ticket + "/timeline", null).getBody())
        .contains("Internal note");
  }

  @Test
  void watchersSeeTheTicketAndOnlyTheRequesterOrAgentsAddThem() throws Exception {
    String ticket = report("alice");
    assertThat(call("mark", HttpMethod.GET, "/api/tickets/" + ticket, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(call("alice", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "mark"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(call("mark", HttpMethod.GET, "/api/tickets/" + ticket, null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(call("mark", HttpMethod.GET, "/api/tickets?size=200", null).getBody()).contains(ticket);
    assertThat(call("mark", HttpMethod.POST, "/api/tickets/" + ticket + "/comments",
        Map.of("text", "Internal?", "internal", true)).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // A watcher may not add others; strangers do not even see the ticket.
    assertThat(call("mark", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "carl"))
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(call("hana", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "hana"))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(call("alice", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "nobody"))
        .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(call("bob", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers", Map.of("user", "carl"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(call("alice", HttpMethod.GET, "/api/tickets/" + ticket + "/watchers", null)))
        .extracting(JsonNode::asText).containsExactly("carl", "mark");

    assertThat(call("mark", HttpMethod.DELETE, "/api/tickets/" + ticket + "/watchers/mark", null).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(call("mark", HttpMethod.GET, "/api/tickets/" + ticket, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void aWatcherIsAddedByNameFindsTheTicketAmongTheWatchedAndAnUnknownPersonIsAClearError() throws Exception {
    String ticket = report("alice");
    String other = report("alice");

    // By the name the directory gives her (another test of this context renames her).
    String name = read(call("alice", HttpMethod.GET, "/api/people/hana", null)).get("name").asText();
    ResponseEntity<String> added = call("alice", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers",
        Map.of("user", name));
    assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
    assertThat(read(call("alice", HttpMethod.GET, "/api/tickets/" + ticket + "/watchers", null)))
        .extracting(JsonNode::asText).containsExactly("hana");
    // The tickets hana watches, and only those: not alice's other one, nor her own reports.
    assertThat(read(call("hana", HttpMethod.GET, "/api/tickets?watching=true&size=200", null)).get("items")
        .findValuesAsText("number")).containsExactly(ticket);
    assertThat(call("hana", HttpMethod.GET, "/api/tickets/" + other, null).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    ResponseEntity<String> unknown = call("alice", HttpMethod.POST, "/api/tickets/" + ticket + "/watchers",
        Map.of("user", "Nobody Known"));
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("no person has the user id or name 'Nobody Known'");
    assertThat(read(call("alice", HttpMethod.GET, "/api/tickets/" + ticket + "/watchers", null)))
        .extracting(JsonNode::asText).containsExactly("hana");
  }

  @Test
  void engineRestShowsARequesterNeitherOthersTasksNorOthersVariables() throws Exception {
    String hanas = report("hana");
    String bobsTask = workTask(hanas);

    assertThat(call("alice", HttpMethod.GET, "/engine-rest/task?maxResults=500", null).getBody())
        .doesNotContain(bobsTask);
    assertThat(read(call("alice", HttpMethod.GET, "/engine-rest/variable-instance?maxResults=500", null))).isEmpty();
    assertThat(read(call("alice", HttpMethod.GET, "/engine-rest/process-instance?maxResults=500", null))).isEmpty();
    assertThat(read(call("alice", HttpMethod.GET, "/engine-rest/history/variable-instance?maxResults=500", null)))
        .isEmpty();
    assertThat(call("bob", HttpMethod.GET, "/engine-rest/task?maxResults=500", null).getBody()).contains(bobsTask);
  }

  @Test
  void failedLoginsLockTheAccountForAWhile() {
    User user = identityService.newUser("locky");
    user.setPassword("locky");
    identityService.saveUser(user);
    try {
      assertThat(call("locky", HttpMethod.GET, "/api/tickets", null).getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(ApiClient.as(rest, "locky", "guess").getForEntity("/api/tickets", String.class).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      // Right after a failed attempt even the right password is refused.
      assertThat(call("locky", HttpMethod.GET, "/api/tickets", null).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    } finally {
      identityService.deleteUser("locky");
    }
  }

  @Test
  void camundasFirstAdminSetupIsShut() {
    ResponseEntity<String> setup = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
        Map.of("profile", Map.of("id", "intruder"), "credentials", Map.of("password", "x")), String.class);

    assertThat(setup.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
  }

  @Test
  void flowDeskPagesHaveALoginPageWithCsrfAndAContentSecurityPolicy() {
    ResponseEntity<String> login = rest.getForEntity("/login", String.class);

    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(login.getBody()).contains("name=\"_csrf\"");
    assertThat(login.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(rest.postForEntity("/login", Map.of("username", "alice", "password", "alice"), String.class)
        .getStatusCode()).as("a login without the CSRF token").isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void userAndGroupChangesAndModelDeploymentsAreAudited() throws Exception {
    Map<String, Object> newUser = new LinkedHashMap<>();
    newUser.put("profile", Map.of("id", "newbie", "firstName", "New", "lastName", "Bie", "email", "n@flowdesk.test"));
    newUser.put("credentials", Map.of("password", "newbie-secret"));
    assertThat(call("admin", HttpMethod.POST, "/engine-rest/user/create", newUser).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    call("admin", HttpMethod.PUT, "/engine-rest/group/sales/members/newbie", null);
    call("admin", HttpMethod.POST, "/api/admin/models/deploy", null);
    // A refused change is not an action that happened.
    call("alice", HttpMethod.POST, "/engine-rest/user/create", Map.of("profile", Map.of("id", "sneaky")));

    JsonNode audit = read(call("admin", HttpMethod.GET, "/api/admin/audit", null));
    List<String> entries = new ArrayList<>();
    audit.forEach(e -> entries.add(e.get("actor").asText() + " " + e.get("action").asText() + " "
        + e.path("target").asText()));
    assertThat(entries).contains("admin identity.post /engine-rest/user/create",
        "admin identity.put /engine-rest/group/sales/members/newbie");
    assertThat(entries).anyMatch(e -> e.startsWith("admin models.deploy"));
    assertThat(entries).noneMatch(e -> e.startsWith("alice"));
    identityService.deleteUser("newbie");
  }
}
