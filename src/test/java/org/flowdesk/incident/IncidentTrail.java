package org.flowdesk.incident;

import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.flowdesk.sla.SlaClock;
import org.flowdesk.sla.SlaClocks;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an incident's process left behind, for the SLA tests: its clocks, timers, timeline and notifications. */
record IncidentTrail(SlaClocks clocks, ManagementService managementService, JdbcClient jdbc) {

  SlaClock clock(ProcessInstance instance, String clock) {
    return clocks.find(instance.getBusinessKey(), clock).orElseThrow();
  }

  /** When the boundary event's timer is due, or null when it has none. */
  Instant timer(ProcessInstance instance, String boundaryEvent) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).activityId(boundaryEvent)
        .singleResult();
    return job == null ? null : job.getDuedate().toInstant();
  }

  List<String> timeline(ProcessInstance instance, String kind) {
    return jdbc.sql("SELECT text FROM fd_timeline_entry WHERE ticket_number = ? AND kind = ? ORDER BY id")
        .params(instance.getBusinessKey(), kind).query(String.class).list();
  }

  /** The recipients of the ticket's notifications of a kind: user ids, or group:… for groups. */
  List<String> notifications(ProcessInstance instance, String kind) {
    return jdbc.sql("SELECT COALESCE(recipient_user, 'group:' || recipient_group) FROM fd_notification "
        + "WHERE ticket_number = ? AND kind = ? ORDER BY id").params(instance.getBusinessKey(), kind)
        .query(String.class).list();
  }
}
