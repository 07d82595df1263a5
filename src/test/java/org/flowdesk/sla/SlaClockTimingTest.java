package org.flowdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.EngineTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.zaxxer.hikari.HikariDataSource;

/**
 * When SLA instants are stored and when their timers may fire: a late warning after the breach
 * says nothing, and a due date in the autumn hour that happens twice comes back as it went in,
 * whatever the JVM's zone. Runs on H2 and, with {@code -Ppostgres}, on PostgreSQL.
 */
@SpringBootTest
@ActiveProfiles("test")
class SlaClockTimingTest {

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  ProcessEngineConfiguration engineConfiguration;
  @Autowired
  SlaClocks clocks;
  @Autowired
  JdbcClient jdbc;
  @Autowired
  DataSource dataSource;

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  ProcessInstance reportP1() {
    Map<String, Object> variables = new HashMap<>(Map.of("title", "Core switch down", "description",
        "Nothing on floor 3 reaches the network", "service", "network", "category", "network", "impact", 1,
        "urgency", 1, "requester", "alice"));
    return runtimeService.startProcessInstanceByKey("incident", variables);
  }

  Job timer(ProcessInstance instance, String boundaryEvent) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(boundaryEvent)
        .singleResult();
  }

  List<String> notifications(String ticket, String kind) {
    return jdbc.sql("SELECT COALESCE(recipient_user, 'group:' || recipient_group) FROM fd_notification "
        + "WHERE ticket_number = ? AND kind = ? ORDER BY id").params(ticket, kind).query(String.class).list();
  }

  @Test
  void aWarningTimerThatFiresAfterTheBreachWasRecordedRecordsAndSendsNoWarning() {
    clockAt("2026-11-24T09:00"); // a Tuesday morning: P1 resolution warns at 12:00, breaches at 13:00
    ProcessInstance instance = reportP1();
    String ticket = instance.getBusinessKey();
    taskService.claim(taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId(),
        "nina");
    Job warning = timer(instance, "Event_ResolutionSlaWarning");
    Job breach = timer(instance, "Event_ResolutionSlaBreached");
    assertThat(warning.getDuedate()).isBefore(breach.getDuedate());

    // The job executor was down over both due dates, and picked the breach first.
    clockAt("2026-11-24T13:30");
    managementService.executeJob(breach.getId());
    managementService.executeJob(warning.getId());

    SlaClock resolution = clocks.find(ticket, SlaClock.RESOLUTION).orElseThrow();
    assertThat(resolution.breachedAt()).isEqualTo(berlin("2026-11-24T13:30"));
    assertThat(resolution.warnedAt()).isNull();
    // decisions/sla-escalation.dmn: the managers and, for a P1, the network service's owners.
    assertThat(notifications(ticket, "sla_breach")).containsExactly("group:service-desk-managers", "group:network");
    assertThat(notifications(ticket, "sla_warning")).isEmpty();
  }

  @Test
  void theJobExecutorTakesDueJobsInTheOrderOfTheirDueDates() {
    assertThat(((ProcessEngineConfigurationImpl) engineConfiguration).isJobExecutorAcquireByDueDate()).isTrue();
  }

  /**
   * Sets the JVM's zone, and gives the test new connections, as a node started there would have
   * them: H2 and PostgreSQL sessions take the JVM's zone when they open (H2 remembers the zone it
   * first saw until told to forget it).
   */
  void inJvmZone(TimeZone zone) {
    TimeZone.setDefault(zone);
    org.h2.util.DateTimeUtils.resetCalendar();
    ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();
  }

  @Test
  void dueDatesInTheAutumnHourThatHappensTwiceComeBackUnchangedInABerlinJvm() {
    TimeZone before = TimeZone.getDefault();
    inJvmZone(TimeZone.getTimeZone("Europe/Berlin"));
    try {
      // 2027-10-31: at 03:00 CEST the clocks go back to 02:00 CET, so 02:30 happens twice.
      Instant firstHalfPast2 = ZonedDateTime.parse("2027-10-31T02:30+02:00[Europe/Berlin]").toInstant();
      Instant secondHalfPast2 = ZonedDateTime.parse("2027-10-31T02:30+01:00[Europe/Berlin]").toInstant();
      assertThat(secondHalfPast2).isEqualTo(firstHalfPast2.plusSeconds(3600));

      // Round the clock targets (24x7): due 2 h after 00:30 CEST and after 01:30 CEST.
      SlaClock first = clocks.start("INC-AUTUMN-1", SlaClock.RESOLUTION, "PT2H", "24x7", 50,
          firstHalfPast2.minusSeconds(2 * 3600));
      SlaClock second = clocks.start("INC-AUTUMN-2", SlaClock.RESOLUTION, "PT2H", "24x7", 50,
          secondHalfPast2.minusSeconds(2 * 3600));
      assertThat(first.dueAt()).isEqualTo(firstHalfPast2);
      assertThat(second.dueAt()).isEqualTo(secondHalfPast2);

      assertThat(clocks.find("INC-AUTUMN-1", SlaClock.RESOLUTION).orElseThrow().dueAt()).isEqualTo(firstHalfPast2);
      assertThat(clocks.find("INC-AUTUMN-2", SlaClock.RESOLUTION).orElseThrow().dueAt()).isEqualTo(secondHalfPast2);
      // …and an instant in the database is that instant for SQL as well, not a wall-clock time.
      assertThat(jdbc.sql("SELECT ticket_number FROM fd_sla_clock WHERE ticket_number LIKE 'INC-AUTUMN-%' "
          + "AND due_at < ? ORDER BY ticket_number").param(org.flowdesk.UtcColumns.utc(secondHalfPast2))
          .query(String.class).list()).containsExactly("INC-AUTUMN-1");
      // Halfway, the second clock warns at the first 02:30.
      assertThat(clocks.find("INC-AUTUMN-2", SlaClock.RESOLUTION).orElseThrow().warnAt()).isEqualTo(firstHalfPast2);
    } finally {
      inJvmZone(before);
      jdbc.sql("DELETE FROM fd_sla_clock WHERE ticket_number LIKE 'INC-AUTUMN-%'").update();
    }
  }
}
