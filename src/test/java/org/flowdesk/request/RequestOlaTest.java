package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.flowdesk.ApiClient;
import org.flowdesk.EngineTime;
import org.flowdesk.sla.OlaClock;
import org.flowdesk.sla.OlaClocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The OLA clocks of the fulfilment groups (processes/fulfil-*.bpmn): each group's task starts the group's clock
 * with the request rule of decisions/ola-targets.dmn (two business days, its lead warned at 80 %), groups at work at
 * once each have their own, and a group's clock stops when its task is done. Onboarding ordered on Tuesday
 * 24 November 10:00 in Berlin: HR works it until 11:00, then the service desk and facilities in parallel, each due
 * two business days later, Thursday 11:00, their leads warned at 80 % of that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RequestOlaTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  ManagementService managementService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  OlaClocks olaClocks;

  ApiClient api;

  @BeforeEach
  void tuesday() {
    api = new ApiClient(rest);
    clockAt("2026-11-24T10:00");
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  String onboard() throws Exception {
    ResponseEntity<String> ordered = api.call("mark", HttpMethod.POST, "/api/requests", Map.of("item", "new-employee",
        "answers", Map.of("employeeName", "Olga Ola", "startDate", "2027-01-11", "role", "Support")));
    assertThat(ordered.getStatusCode()).as(ordered.getBody()).isEqualTo(HttpStatus.CREATED);
    return ApiClient.read(ordered).get("number").asText();
  }

  Job timer(String ticket, String task, Instant due) {
    String fulfilment = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket)
        .processDefinitionKey("fulfil-onboarding").singleResult().getId();
    return managementService.createJobQuery().processInstanceId(fulfilment).activityId(task).timers().list()
        .stream().filter(job -> job.getDuedate().toInstant().equals(due)).findFirst()
        .orElseThrow(() -> new AssertionError("no timer of " + task + " due " + due));
  }

  @Test
  void eachFulfilmentGroupHasItsOwnClockAndParallelGroupsHoldTheirsAtOnce() throws Exception {
    String ticket = onboard();
    assertThat(olaClocks.of(ticket)).singleElement().satisfies(hr -> {
      assertThat(hr.group()).isEqualTo("hr");
      assertThat(hr.target()).isEqualTo("P2D");
      assertThat(hr.calendar()).isEqualTo("business");
      assertThat(hr.startedAt()).isEqualTo(berlin("2026-11-24T10:00"));
      assertThat(hr.running()).isTrue();
    });

    clockAt("2026-11-24T11:00");
    api.work("hana", ticket, "HR paperwork", Map.of("contractReference", "C-OLA-1"));

    List<OlaClock> clocks = olaClocks.of(ticket);
    assertThat(clocks).extracting(OlaClock::group, OlaClock::startedAt, OlaClock::stoppedAt).containsExactly(
        tuple("hr", berlin("2026-11-24T10:00"), berlin("2026-11-24T11:00")),
        tuple("service-desk", berlin("2026-11-24T11:00"), null),
        tuple("facilities", berlin("2026-11-24T11:00"), null));
    OlaClock desk = olaClocks.held(ticket, "service-desk").orElseThrow();
    assertThat(desk.dueAt()).isEqualTo(berlin("2026-11-26T11:00"));
    assertThat(desk.warnAt()).isAfter(desk.startedAt()).isBefore(desk.dueAt());
    // The task's timeout listeners carry the group's own instants.
    assertThat(timer(ticket, "Activity_ItAccountAndLaptop", desk.warnAt())).isNotNull();
    assertThat(timer(ticket, "Activity_DeskAndBadge", desk.dueAt())).isNotNull();

    // The service desk's warning tells its lead, sam, and warns the service desk's clock alone.
    org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(desk.warnAt()));
    managementService.executeJob(timer(ticket, "Activity_ItAccountAndLaptop", desk.warnAt()).getId());
    assertThat(olaClocks.held(ticket, "service-desk").orElseThrow().warnedAt()).isEqualTo(desk.warnAt());
    assertThat(olaClocks.held(ticket, "facilities").orElseThrow().warnedAt()).isNull();
    assertThat(api.get("sam", "/api/notifications?ticket=" + ticket)).anySatisfy(notification -> {
      assertThat(notification.get("kind").asText()).isEqualTo("ola_warning");
      assertThat(notification.get("text").asText()).contains(ticket).contains("Service desk");
    });

    // Facilities breach on Thursday; the service desk finished before.
    clockAt("2026-11-26T09:00");
    api.work("bob", ticket, "IT account and laptop", Map.of("accountName", "oola", "laptopAssetTag", "LT-0777"));
    clockAt("2026-11-26T11:00");
    managementService.executeJob(timer(ticket, "Activity_DeskAndBadge", desk.dueAt()).getId());
    assertThat(olaClocks.of(ticket)).extracting(OlaClock::group, OlaClock::stoppedAt, OlaClock::breachedAt)
        .containsExactly(tuple("hr", berlin("2026-11-24T11:00"), null),
            tuple("service-desk", berlin("2026-11-26T09:00"), null),
            tuple("facilities", null, berlin("2026-11-26T11:00")));
    assertThat(api.get("fred", "/api/notifications?ticket=" + ticket)).anySatisfy(notification ->
        assertThat(notification.get("kind").asText()).isEqualTo("ola_breach"));

    clockAt("2026-11-26T12:00");
    api.work("fred", ticket, "Desk and badge", Map.of("desk", "S-4-01", "badgeNumber", "B-7001"));
    assertThat(olaClocks.held(ticket)).as("no group holds the delivered request").isEmpty();
    assertThat(api.status("mark", ticket)).isEqualTo("resolved");
  }

  @Test
  void theMeasuresCountTheFulfilmentGroupsOlas() throws Exception {
    String ticket = onboard();
    clockAt("2026-11-24T10:30");
    api.work("hana", ticket, "HR paperwork", Map.of("contractReference", "C-OLA-2"));

    var olas = api.get("admin", "/api/measures?type=request&from=2026-11-24&to=2026-11-25").path("olas");
    assertThat(olas.findValuesAsText("group")).contains("hr");
  }
}
