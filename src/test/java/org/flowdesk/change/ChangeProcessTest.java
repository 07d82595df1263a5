package org.flowdesk.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.flowdesk.EngineTime.advance;
import static org.flowdesk.EngineTime.berlin;
import static org.flowdesk.EngineTime.clockAt;
import static org.flowdesk.EngineTime.now;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.flowdesk.EndEvents;
import org.flowdesk.EngineTime;
import org.flowdesk.ticket.TicketLink;
import org.flowdesk.ticket.TicketService;
import org.flowdesk.ticket.TimelineEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * processes/change.bpmn, every path, with the real decisions, forms, delegates, catalog and
 * tables on in-memory H2. The job executor is off: the tests move the engine's clock and run
 * the due timers themselves. The CAB is carl, nina and sven; the emergency board sam and carl.
 */
@SpringBootTest
@ActiveProfiles("test")
class ChangeProcessTest {


  @Autowired
  org.flowdesk.ticket.TimelineTexts timelineTexts;

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TicketService tickets;
  @Autowired
  ChangePlans plans;
  @Autowired
  JdbcClient jdbc;

  @BeforeEach
  void init() {
    AbstractAssertions.init(engine);
    // Changes of earlier tests neither hold windows nor wait on timers.
    runtimeService.createProcessInstanceQuery().list()
        .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "next test"));
    jdbc.sql("UPDATE fd_ticket SET status = 'closed' WHERE ticket_type = 'change'").update();
    clockAt("2026-11-24T09:00"); // a Tuesday
  }

  @AfterEach
  void resetClock() {
    EngineTime.reset();
  }

  // --- helpers -------------------------------------------------------------------------


  void fireDueTimers(ProcessInstance... instances) {
    EngineTime.fireDueTimers(managementService, instances);
  }

  static Map<String, Object> normal(String service, String start, String end) {
    Map<String, Object> change = new HashMap<>();
    change.put("title", "Upgrade the core switch firmware");
    change.put("description", "Security fix from the vendor");
    change.put("service", service);
    change.put("changeType", "normal");
    change.put("plannedStart", start);
    change.put("plannedEnd", end);
    change.put("impact", 2);
    change.put("implementationGroup", "network");
    change.put("complexity", "medium");
    change.put("tested", true);
    change.put("implementationPlan", "1. Save the config\n2. Upload the image\n3. Reboot stack member by member");
    change.put("backoutPlan", "Boot the previous image from flash");
    change.put("testEvidence", "Ran on the lab stack for a week");
    return change;
  }

  static Map<String, Object> standard(String template, String service, String start, String end) {
    Map<String, Object> change = new HashMap<>();
    change.put("title", "Printer firmware on floor 2");
    change.put("service", service);
    change.put("changeType", "standard");
    change.put("template", template);
    change.put("plannedStart", start);
    change.put("plannedEnd", end);
    change.put("impact", 3);
    return change;
  }

  static Map<String, Object> with(Map<String, Object> change, Object... keyValues) {
    Map<String, Object> copy = new HashMap<>(change);
    for (int i = 0; i < keyValues.length; i += 2) {
      copy.put((String) keyValues[i], keyValues[i + 1]);
    }
    return copy;
  }

  ProcessInstance raise(Map<String, Object> change) {
    return runtimeService.startProcessInstanceByKey("change", with(change, "requester", "bob"));
  }

  String status(ProcessInstance instance) {
    return tickets.get(instance.getBusinessKey()).status();
  }

  List<Task> tasks(ProcessInstance instance) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).orderByTaskAssignee().asc().list();
  }

  Task task(ProcessInstance instance, String key) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  void complete(ProcessInstance instance, String key, String user, Map<String, Object> form) {
    Task task = task(instance, key);
    assertThat(task).as("task " + key).isNotNull();
    if (task.getAssignee() == null) {
      taskService.claim(task.getId(), user);
    }
    assertThat(task.getAssignee() == null ? user : task.getAssignee()).isEqualTo(user);
    taskService.complete(task.getId(), form);
  }

  void vote(ProcessInstance instance, String member, String vote, String reason) {
    Task task = taskService.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey("Activity_CabVote").taskAssignee(member).singleResult();
    assertThat(task).as(member + "'s vote").isNotNull();
    Map<String, Object> form = new HashMap<>();
    form.put("vote", vote);
    form.put("voteReason", reason);
    taskService.complete(task.getId(), form);
  }

  List<String> timeline(ProcessInstance instance) {
    return tickets.timeline(instance.getBusinessKey(), true).stream().map(TimelineEntry::text).toList();
  }

  List<String> notifications(ProcessInstance instance, String kind) {
    return jdbc.sql("SELECT COALESCE(recipient_user, recipient_group) FROM fd_notification "
        + "WHERE ticket_number = ? AND kind = ? ORDER BY id").params(instance.getBusinessKey(), kind)
        .query(String.class).list();
  }

  void assess(ProcessInstance instance) {
    complete(instance, "Activity_AssessChange", "carl", Map.of("decision", "proceed"));
  }

  /** Waits until the planned start, then implements with the outcome. */
  void implementAt(ProcessInstance instance, String plannedStart, String outcome) {
    clockAt(plannedStart);
    fireDueTimers(instance);
    assertThat(status(instance)).isEqualTo("implementing");
    complete(instance, "Activity_Implement", "nina", Map.of("outcome", outcome, "outcomeNotes", "Done as planned"));
  }

  // --- standard changes ---------------------------------------------------------------------

  @Test
  void aStandardChangeSkipsApprovalInheritsItsTemplateAndIsImplementedAtItsPlannedStart() {
    ProcessInstance change = raise(standard("printer-firmware", "printer", "2026-11-26T10:00", "2026-11-26T11:30"));

    assertThat(change.getBusinessKey()).matches("CHG-\\d{6}");
    assertThat(change).isWaitingAt("Event_PlannedStart");
    assertThat(status(change)).isEqualTo("scheduled");
    ChangePlan plan = plans.find(change.getBusinessKey()).orElseThrow();
    assertThat(plan.implementationGroup()).isEqualTo("service-desk");
    assertThat(plan.backoutPlan()).startsWith("Reinstall the previous firmware");
    assertThat(plan.risk()).isEqualTo("low");
    assertThat(tickets.get(change.getBusinessKey()).assignmentGroup()).isEqualTo("service-desk");
    assertThat(notifications(change, "change_approved")).containsExactly("bob");
    assertThat(managementService.createJobQuery().processInstanceId(change.getId()).timers().singleResult().getDuedate())
        .isEqualTo(Date.from(berlin("2026-11-26T10:00")));

    clockAt("2026-11-26T10:00");
    fireDueTimers(change);
    assertThat(status(change)).isEqualTo("implementing");
    assertThat(task(change, "Activity_Implement")).isNotNull();
    assertThat(taskService.getIdentityLinksForTask(task(change, "Activity_Implement").getId()))
        .anyMatch(link -> "service-desk".equals(link.getGroupId()));
    complete(change, "Activity_Implement", "bob", Map.of("outcome", "successful", "outcomeNotes", "All printers on 4.2"));

    assertThat(change).isEnded().hasNotPassed("Activity_Review");
    assertThat(EndEvents.endEventOf(engine, change)).isEqualTo("Event_ChangeClosed");
    assertThat(status(change)).isEqualTo("closed");
    assertThat(plans.find(change.getBusinessKey()).orElseThrow().outcome()).isEqualTo("successful");
    assertThat(timeline(change)).anyMatch(t -> t.startsWith("Standard change planned from Thu 26 Nov 2026, 10:00 CET to Thu 26 Nov 2026, "))
        .anyMatch(t -> t.startsWith("No conflicts before approval"))
        .anyMatch(t -> t.startsWith("No conflicts before implementation"))
        .anyMatch(t -> t.equals("Implemented successfully: All printers on 4.2"));
  }

  @Test
  void aStandardChangeInABlackoutWindowGoesToTheChangeManager() {
    ProcessInstance change = raise(standard("printer-firmware", "printer", "2026-12-24T10:00", "2026-12-24T11:00"));

    assertThat(change).isWaitingAt("Activity_ManagerDecides");
    assertThat(status(change)).isEqualTo("approval");
    String conflicts = (String) runtimeService.getVariable(change.getId(), "conflicts");
    assertThat(conflicts).contains("Holiday change freeze");
    assertThat(timeline(change)).anyMatch(t -> t.startsWith("Conflict before approval:") && t.contains("Holiday change freeze"))
        .contains("Escalated to the change manager: a standard change whose window has a conflict needs the change manager");
    assertThat(notifications(change, "approval_needed")).containsExactly("carl");

    complete(change, "Activity_ManagerDecides", "carl", Map.of("decision", "reject",
        "decisionReason", "Not during the freeze"));
    assertThat(change).isEnded();
    assertThat(EndEvents.endEventOf(engine, change)).isEqualTo("Event_ChangeRejectedEnd");
    assertThat(status(change)).isEqualTo("rejected");
    assertThat(notifications(change, "change_rejected")).containsExactly("bob");
    assertThat(timeline(change)).contains("Rejected (Change manager decides): Not during the freeze");
  }

  @Test
  void theYearlyHolidayFreezeStopsStandardChangesEveryDecemberWithoutACatalogEdit() {
    clockAt("2027-12-01T09:00");
    ProcessInstance beforeTheFreeze = raise(standard("printer-firmware", "printer", "2027-12-22T10:00", "2027-12-22T11:00"));
    assertThat(status(beforeTheFreeze)).isEqualTo("scheduled");
    ProcessInstance in2027 = raise(standard("printer-firmware", "printer", "2027-12-24T10:00", "2027-12-24T11:00"));
    assertThat(in2027).isWaitingAt("Activity_ManagerDecides");
    assertThat((String) runtimeService.getVariable(in2027.getId(), "conflicts")).isEqualTo(
        "Blackout window \"Holiday change freeze\" from Thu 23 Dec 2027, 18:00 CET to Mon 27 Dec 2027, 08:00 CET");
    // A German reader reads the timeline's conflict line by line: the header, the window by catalog/i18n's name for
    // it and its ends as German writes dates.
    assertThat(timelineTexts.in("de", tickets.timeline(in2027.getBusinessKey(), true)))
        .extracting(TimelineEntry::text).contains("Konflikt vor der Genehmigung:\nSperrzeit „Änderungsstopp über die "
            + "Feiertage“ von 23.12.2027, 18:00 MEZ bis 27.12.2027, 08:00 MEZ");

    clockAt("2030-12-02T09:00");
    ProcessInstance in2030 = raise(standard("printer-firmware", "printer", "2030-12-26T10:00", "2030-12-26T11:00"));
    assertThat(in2030).isWaitingAt("Activity_ManagerDecides");
    assertThat((String) runtimeService.getVariable(in2030.getId(), "conflicts"))
        .isEqualTo("Blackout window \"Holiday change freeze\" from Mon 23 Dec 2030, 18:00 CET to Fri 27 Dec 2030, "
            + "08:00 CET");
  }

  @Test
  void aStandardChangeOverlappingAnApprovedChangeOfItsServiceGoesToTheChangeManager() {
    ProcessInstance first = raise(standard("printer-firmware", "printer", "2026-11-26T10:00", "2026-11-26T11:00"));
    assertThat(status(first)).isEqualTo("scheduled");
    ProcessInstance second = raise(standard("printer-firmware", "printer", "2026-11-26T10:30", "2026-11-26T12:00"));

    assertThat(second).isWaitingAt("Activity_ManagerDecides");
    assertThat((String) runtimeService.getVariable(second.getId(), "conflicts")).contains(first.getBusinessKey());
    // Another service's change in the same hour is no conflict.
    ProcessInstance other = raise(standard("laptop-image", "laptop", "2026-11-26T10:00", "2026-11-26T12:00"));
    assertThat(status(other)).isEqualTo("scheduled");

    complete(second, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));
    assertThat(second).isWaitingAt("Event_PlannedStart");
    assertThat(status(second)).isEqualTo("scheduled");
  }

  // --- normal changes -----------------------------------------------------------------------

  @Test
  void aMediumRiskNormalChangeIsApprovedByACabMajorityWithoutTheLastVote() {
    // network is critical; in its Saturday window, tested, not complex: medium risk.
    ProcessInstance change = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));

    assertThat(change).isWaitingAt("Activity_AssessChange");
    assertThat(status(change)).isEqualTo("assessment");
    assertThat(runtimeService.getVariable(change.getId(), "risk")).isEqualTo("medium");
    assess(change);

    assertThat(status(change)).isEqualTo("approval");
    assertThat(tasks(change)).extracting(Task::getAssignee).containsExactly("carl", "nina", "sven");
    assertThat(notifications(change, "approval_needed")).contains("carl", "nina", "sven");
    vote(change, "carl", "approve", null);
    assertThat(tasks(change)).hasSize(2);
    vote(change, "nina", "approve", null);

    // Two of three is a majority: sven's vote is no longer needed.
    assertThat(change).isWaitingAt("Event_PlannedStart");
    assertThat(tasks(change)).isEmpty();
    assertThat(status(change)).isEqualTo("scheduled");
    assertThat(timeline(change)).contains("Risk rated medium",
        "Waiting for approval by the change advisory board (a majority); medium risk",
        "Approved (CAB member votes)");

    implementAt(change, "2026-11-28T08:00", "successful");
    assertThat(change).isEnded().hasNotPassed("Activity_Review");
    assertThat(status(change)).isEqualTo("closed");
  }

  @Test
  void aNormalChangeRejectedByTheCabSaysWhy() {
    ProcessInstance change = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    assess(change);

    vote(change, "nina", "reject", "The vendor pulled this firmware");
    assertThat(tasks(change)).hasSize(2); // one rejection of three decides nothing yet
    vote(change, "sven", "reject", "No rollback test");

    assertThat(change).isEnded();
    assertThat(EndEvents.endEventOf(engine, change)).isEqualTo("Event_ChangeRejectedEnd");
    assertThat(status(change)).isEqualTo("rejected");
    assertThat(tickets.get(change.getBusinessKey()).closedAt()).isNotNull();
    assertThat(timeline(change)).contains("Rejected (CAB member votes): The vendor pulled this firmware",
        "Rejected: nina: The vendor pulled this firmware; sven: No rollback test");
    assertThat(jdbc.sql("SELECT text FROM fd_notification WHERE ticket_number = ? AND kind = 'change_rejected'")
        .param(change.getBusinessKey()).query(String.class).single())
        .isEqualTo(change.getBusinessKey() + " was not approved: nina: The vendor pulled this firmware; sven: No rollback test");
  }

  @Test
  void aHighRiskNormalChangeNeedsEveryCabMemberSoOneRejectionDecides() {
    // Impact 1 on a critical service: high risk, unanimous.
    ProcessInstance change = raise(with(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"), "impact", 1));
    assertThat(runtimeService.getVariable(change.getId(), "risk")).isEqualTo("high");
    assess(change);

    vote(change, "carl", "approve", null);
    vote(change, "nina", "reject", "Not on a Saturday with the whole site down");

    assertThat(change).isEnded();
    assertThat(EndEvents.endEventOf(engine, change)).isEqualTo("Event_ChangeRejectedEnd");
    assertThat(status(change)).isEqualTo("rejected");
  }

  @Test
  void aHighRiskChangeApprovedByEveryoneIsReviewedAfterItsImplementation() {
    ProcessInstance change = raise(with(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"), "impact", 1));
    assess(change);
    vote(change, "carl", "approve", null);
    vote(change, "nina", "approve", null);
    assertThat(status(change)).isEqualTo("approval");
    vote(change, "sven", "approve", null);
    assertThat(status(change)).isEqualTo("scheduled");

    implementAt(change, "2026-11-28T08:00", "successful");
    assertThat(change).isWaitingAt("Activity_Review");
    assertThat(status(change)).isEqualTo("review");
    complete(change, "Activity_Review", "carl", Map.of("reviewFindings", "Went as planned",
        "followUp", "Schedule the second stack"));
    assertThat(change).isEnded();
    assertThat(status(change)).isEqualTo("closed");
    assertThat(timeline(change)).contains("Review: Went as planned\nFollow-up: Schedule the second stack");
  }

  @Test
  void aLowRiskNormalChangeNeedsOnlyTheChangeManager() {
    // Printing is not critical and has no maintenance windows; simple, tested, small impact: low.
    ProcessInstance change = raise(with(normal("printer", "2026-11-26T10:00", "2026-11-26T11:00"), "impact", 3,
        "complexity", "low", "implementationGroup", "service-desk"));
    assertThat(runtimeService.getVariable(change.getId(), "risk")).isEqualTo("low");
    assess(change);

    assertThat(change).isWaitingAt("Activity_ManagerDecides");
    assertThat(timeline(change)).contains("Waiting for approval by the change manager; low risk");
    complete(change, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));
    assertThat(status(change)).isEqualTo("scheduled");
  }

  @Test
  void theChangeManagerCanRejectAChangeAtAssessment() {
    ProcessInstance change = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    complete(change, "Activity_AssessChange", "carl", Map.of("decision", "reject", "decisionReason",
        "Bundle it with next month's change"));

    assertThat(change).isEnded().hasNotPassed("Activity_CabVote");
    assertThat(EndEvents.endEventOf(engine, change)).isEqualTo("Event_ChangeRejectedEnd");
    assertThat(status(change)).isEqualTo("rejected");
    assertThat(timeline(change)).contains("Rejected: carl: Bundle it with next month's change");
  }

  @Test
  void votesNotCastWithinTwoDaysEscalateToTheChangeManager() {
    ProcessInstance change = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    assess(change);
    vote(change, "carl", "approve", null);

    advance(Duration.ofDays(2).plusMinutes(1));
    fireDueTimers(change);

    assertThat(change).isWaitingAt("Activity_ManagerDecides");
    assertThat(tasks(change)).extracting(Task::getTaskDefinitionKey).containsExactly("Activity_ManagerDecides");
    assertThat(timeline(change)).contains("Escalated to the change manager: the CAB did not decide within 2 days");
    complete(change, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));
    assertThat(status(change)).isEqualTo("scheduled");
  }

  // --- nobody decides on their own change ----------------------------------------------------

  ProcessInstance raiseAs(String requester, Map<String, Object> change) {
    return runtimeService.startProcessInstanceByKey("change", with(change, "requester", requester));
  }

  List<String> candidates(Task task) {
    return taskService.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> "candidate".equals(link.getType()))
        .map(link -> link.getUserId() != null ? link.getUserId() : "group:" + link.getGroupId()).sorted().toList();
  }

  static Map<String, Object> lowRisk() {
    return with(normal("printer", "2026-11-26T10:00", "2026-11-26T11:00"), "impact", 3, "complexity", "low",
        "implementationGroup", "service-desk");
  }

  @Test
  void theOnlyChangeManagersOwnChangeIsAssessedAndDecidedByHisManagerInstead() {
    // carl is the only change manager; the people directory names sam as his manager.
    ProcessInstance change = raiseAs("carl", lowRisk());

    assertThat(change).isWaitingAt("Activity_AssessChange");
    assertThat(candidates(task(change, "Activity_AssessChange"))).containsExactly("sam");
    assertThat(taskService.createTaskQuery().processInstanceId(change.getId()).taskCandidateUser("carl").count()).isZero();
    assertThat(notifications(change, "approval_needed")).containsExactly("sam");
    complete(change, "Activity_AssessChange", "sam", Map.of("decision", "proceed"));

    assertThat(change).isWaitingAt("Activity_ManagerDecides");
    assertThat(candidates(task(change, "Activity_ManagerDecides"))).containsExactly("sam");
    complete(change, "Activity_ManagerDecides", "sam", Map.of("decision", "approve"));
    assertThat(status(change)).isEqualTo("scheduled");
    assertThat(timeline(change)).contains("Approved (Change manager decides)");
  }

  @Test
  void anotherChangeManagerAssessesAChangeManagersChangeWhenThereIsOne() {
    identity().saveUser(identity().newUser("cleo"));
    identity().createMembership("cleo", "change-managers");
    try {
      ProcessInstance change = raiseAs("carl", lowRisk());
      assertThat(candidates(task(change, "Activity_AssessChange"))).containsExactly("cleo");
      complete(change, "Activity_AssessChange", "cleo", Map.of("decision", "proceed"));
      assertThat(candidates(task(change, "Activity_ManagerDecides"))).containsExactly("cleo");
      // A change raised by someone else still goes to every change manager.
      ProcessInstance bobs = raise(lowRisk());
      assertThat(candidates(task(bobs, "Activity_AssessChange"))).containsExactly("carl", "cleo");
    } finally {
      identity().deleteUser("cleo");
    }
  }

  @Test
  void aCabMemberDoesNotVoteOnHisOwnChangeAndTheMajorityCountsTheOthers() {
    ProcessInstance change = raiseAs("carl", normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    complete(change, "Activity_AssessChange", "sam", Map.of("decision", "proceed"));

    assertThat(tasks(change)).extracting(Task::getAssignee).containsExactly("nina", "sven");
    assertThat(runtimeService.getVariable(change.getId(), "cabMembers")).isEqualTo(List.of("nina", "sven"));
    assertThat(runtimeService.getVariable(change.getId(), "cabSize")).isEqualTo(2);
    assertThat(notifications(change, "approval_needed")).doesNotContain("carl");
    vote(change, "nina", "approve", null);
    // One of two is no majority: sven's vote is still needed.
    assertThat(tasks(change)).extracting(Task::getAssignee).containsExactly("sven");
    vote(change, "sven", "approve", null);
    assertThat(status(change)).isEqualTo("scheduled");
  }

  @Test
  void halfOfTheOtherCabMembersRejectingRejectsAChangeOfACabMember() {
    ProcessInstance change = raiseAs("carl", normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    complete(change, "Activity_AssessChange", "sam", Map.of("decision", "proceed"));
    vote(change, "sven", "reject", "Not this weekend");
    assertThat(status(change)).isEqualTo("rejected");
  }

  @Test
  void anEmergencyBoardMembersOwnEmergencyChangeIsDecidedByTheOtherMembers() {
    ProcessInstance change = raiseAs("carl", with(normal("vpn", "2026-11-24T09:00", "2026-11-24T10:00"),
        "changeType", "emergency"));
    assertThat(candidates(task(change, "Activity_EmergencyBoardDecides"))).containsExactly("sam");
    complete(change, "Activity_EmergencyBoardDecides", "sam", Map.of("decision", "approve"));
    assertThat(status(change)).isIn("scheduled", "implementing");
  }

  @Test
  void theOnlyEmergencyBoardMembersChangeGoesToTheChangeManagerInstead() {
    identity().deleteMembership("sam", "emergency-board");
    try {
      ProcessInstance change = raiseAs("carl", with(normal("vpn", "2026-11-24T09:00", "2026-11-24T10:00"),
          "changeType", "emergency"));
      assertThat(change).isWaitingAt("Activity_ManagerDecides");
      assertThat(candidates(task(change, "Activity_ManagerDecides"))).containsExactly("sam");
    } finally {
      identity().createMembership("sam", "emergency-board");
    }
  }

  @Test
  void aLateConflictOnAChangeManagersOwnChangeIsResolvedByHisManager() {
    ProcessInstance first = raiseAs("carl", lowRisk());
    complete(first, "Activity_AssessChange", "sam", Map.of("decision", "proceed"));
    complete(first, "Activity_ManagerDecides", "sam", Map.of("decision", "approve"));
    ProcessInstance second = approvedPrinterChange("2026-11-26T10:00", "2026-11-26T11:00");
    clockAt("2026-11-26T10:00");
    fireDueTimers(first, second);
    assertThat(candidates(task(first, "Activity_ResolveConflict"))).containsExactly("sam");
    assertThat(candidates(task(second, "Activity_ResolveConflict"))).containsExactly("carl");
  }

  org.camunda.bpm.engine.IdentityService identity() {
    return engine.getIdentityService();
  }

  // --- emergency changes --------------------------------------------------------------------

  @Test
  void anEmergencyChangeIsApprovedByTheBoardImplementedAtOnceAndReviewed() {
    ProcessInstance change = raise(with(normal("vpn", "2026-11-24T09:00", "2026-11-24T10:00"),
        "changeType", "emergency", "title", "Patch the VPN gateway against CVE-2026-1234"));

    assertThat(change).isWaitingAt("Activity_EmergencyBoardDecides");
    assertThat(change).hasNotPassed("Activity_AssessChange");
    assertThat(notifications(change, "approval_needed")).containsExactlyInAnyOrder("carl", "sam");
    complete(change, "Activity_EmergencyBoardDecides", "sam", Map.of("decision", "approve"));

    fireDueTimers(change); // its planned start is now
    assertThat(status(change)).isEqualTo("implementing");
    complete(change, "Activity_Implement", "nina", Map.of("outcome", "successful", "outcomeNotes", "Patched"));
    assertThat(change).isWaitingAt("Activity_Review");
    complete(change, "Activity_Review", "carl", Map.of("reviewFindings", "Fine; the vendor's advisory came late"));
    assertThat(change).isEnded();
    assertThat(timeline(change)).contains("Approved (Emergency board decides)");
  }

  @Test
  void anEmergencyBoardThatDoesNotDecideWithinAnHourEscalatesToTheChangeManager() {
    ProcessInstance change = raise(with(normal("vpn", "2026-11-24T09:30", "2026-11-24T10:00"), "changeType", "emergency"));
    advance(Duration.ofMinutes(59));
    fireDueTimers(change);
    assertThat(change).isWaitingAt("Activity_EmergencyBoardDecides");

    advance(Duration.ofMinutes(2));
    fireDueTimers(change);
    assertThat(change).isWaitingAt("Activity_ManagerDecides");
    assertThat(timeline(change)).contains("Escalated to the change manager: the emergency board did not decide within an hour");
    complete(change, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));
    fireDueTimers(change);
    assertThat(status(change)).isEqualTo("implementing");
  }

  // --- implementation -----------------------------------------------------------------------

  @Test
  void aFailedChangeIsBackedOutOpensALinkedIncidentAndIsReviewed() {
    ProcessInstance change = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    assess(change);
    vote(change, "carl", "approve", null);
    vote(change, "sven", "approve", null);

    implementAt(change, "2026-11-28T08:00", "failed");
    assertThat(change).isWaitingAt("Activity_Backout");
    complete(change, "Activity_Backout", "nina", Map.of("backoutNotes", "Booted the old image; all ports up"));

    List<TicketLink> links = tickets.links(change.getBusinessKey());
    assertThat(links).hasSize(1);
    TicketLink incident = links.get(0);
    assertThat(incident.number()).matches("INC-\\d{6}");
    assertThat(incident.relation()).isEqualTo("caused");
    assertThat(tickets.links(incident.number())).extracting(TicketLink::number, TicketLink::relation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(change.getBusinessKey(), "caused_by"));
    var opened = tickets.get(incident.number());
    assertThat(opened.title()).isEqualTo("Failed change " + change.getBusinessKey() + ": Upgrade the core switch firmware");
    assertThat(opened.service()).isEqualTo("network");
    assertThat(opened.requester()).isEqualTo("bob");
    assertThat(opened.description()).contains("Booted the old image");
    assertThat(timeline(change)).contains("Implementation failed: Done as planned", "Backed out: Booted the old image; all ports up",
        "Linked to " + incident.number() + " (caused)");
    assertThat(tickets.timeline(incident.number(), false)).extracting(TimelineEntry::text)
        .contains("Linked to " + change.getBusinessKey() + " (caused by)");

    assertThat(change).isWaitingAt("Activity_Review");
    complete(change, "Activity_Review", "carl", Map.of("reviewFindings", "The image was not tested on this model"));
    assertThat(status(change)).isEqualTo("closed");
  }

  // --- conflicts after approval ---------------------------------------------------------------

  /** A low-risk printer change, approved by the change manager with no conflict. */
  ProcessInstance approvedPrinterChange(String start, String end) {
    ProcessInstance change = raise(with(normal("printer", start, end), "impact", 3, "complexity", "low",
        "implementationGroup", "service-desk"));
    assess(change);
    complete(change, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));
    assertThat(status(change)).isEqualTo("scheduled");
    return change;
  }

  @Test
  void aConflictThatAppearsAfterApprovalIsCaughtBeforeImplementationAndTheChangeRescheduled() {
    ProcessInstance first = approvedPrinterChange("2026-11-26T10:00", "2026-11-26T12:00");
    assertThat(timeline(first)).contains("No conflicts before approval with approved changes or blackout windows");
    // Later a second change of the same service is approved into the same window.
    ProcessInstance second = raise(standard("printer-firmware", "printer", "2026-11-26T11:00", "2026-11-26T12:00"));
    complete(second, "Activity_ManagerDecides", "carl", Map.of("decision", "approve"));

    clockAt("2026-11-26T10:00");
    fireDueTimers(first, second);
    assertThat(first).isWaitingAt("Activity_ResolveConflict");
    assertThat(status(first)).isEqualTo("scheduled");
    assertThat(timeline(first)).anyMatch(t -> t.startsWith("Conflict before implementation:") && t.contains(second.getBusinessKey()));
    // In German: the other change's status by the statuses' words, the service by the German catalog's name.
    assertThat(timelineTexts.in("de", tickets.timeline(first.getBusinessKey(), true))).extracting(TimelineEntry::text)
        .anyMatch(t -> t.startsWith("Konflikt vor der Umsetzung:\n" + second.getBusinessKey() + " \"")
            && t.endsWith("\" (Eingeplant) ändert Drucken von 26.11.2026, 11:00 MEZ bis 26.11.2026, 12:00 MEZ"));

    // The second change started at 11:00 meanwhile would conflict too; move the first to Friday.
    assertThatThrownBy(() -> complete(first, "Activity_ResolveConflict", "carl", Map.of("decision", "reschedule",
        "newPlannedStart", "2026-11-27T12:00", "newPlannedEnd", "2026-11-27T11:00")))
        .hasMessageContaining("New planned end must be after the new planned start");
    complete(first, "Activity_ResolveConflict", "carl", Map.of("decision", "reschedule",
        "newPlannedStart", "2026-11-27T10:00", "newPlannedEnd", "2026-11-27T12:00", "decisionReason", "Clashes with "
            + second.getBusinessKey()));
    assertThat(first).isWaitingAt("Event_PlannedStart");
    assertThat(plans.find(first.getBusinessKey()).orElseThrow().plannedStart()).isEqualTo(berlin("2026-11-27T10:00"));
    assertThat(timeline(first)).contains("Rescheduled to run from Fri 27 Nov 2026, 10:00 CET to Fri 27 Nov 2026, "
        + "12:00 CET");
    assertThat(timelineTexts.in("de", tickets.timeline(first.getBusinessKey(), true))).extracting(TimelineEntry::text)
        .contains("Neu eingeplant von 27.11.2026, 10:00 MEZ bis 27.11.2026, 12:00 MEZ");

    clockAt("2026-11-27T10:00");
    fireDueTimers(first, second);
    assertThat(status(first)).isEqualTo("implementing");
  }

  @Test
  void theChangeManagerMayProceedDespiteALateConflictOrCancelTheChange() {
    ProcessInstance first = approvedPrinterChange("2026-11-26T10:00", "2026-11-26T12:00");
    ProcessInstance second = approvedPrinterChange("2026-11-26T10:00", "2026-11-26T11:00");
    clockAt("2026-11-26T10:00");
    fireDueTimers(first, second);

    complete(first, "Activity_ResolveConflict", "carl", Map.of("decision", "proceed", "decisionReason", "Same team"));
    assertThat(status(first)).isEqualTo("implementing");
    complete(second, "Activity_ResolveConflict", "carl", Map.of("decision", "cancel", "decisionReason",
        "Covered by " + first.getBusinessKey()));
    assertThat(second).isEnded();
    assertThat(EndEvents.endEventOf(engine, second)).isEqualTo("Event_ChangeCancelled");
    assertThat(status(second)).isEqualTo("cancelled");
    assertThat(timeline(second)).contains("Cancelled by carl: Covered by " + first.getBusinessKey());
  }

  // --- cancellation -------------------------------------------------------------------------

  @Test
  void theRequesterCanCancelUntilImplementationBegins() {
    ProcessInstance waiting = raise(normal("network", "2026-11-28T08:00", "2026-11-28T10:00"));
    assess(waiting);
    runtimeService.createMessageCorrelation("ChangeCancelled").processInstanceBusinessKey(waiting.getBusinessKey())
        .setVariable("cancelReason", "Vendor withdrew the release").setVariable("cancelledBy", "bob").correlate();
    assertThat(waiting).isEnded();
    assertThat(EndEvents.endEventOf(engine, waiting)).isEqualTo("Event_ChangeCancelled");
    assertThat(status(waiting)).isEqualTo("cancelled");
    assertThat(tasks(waiting)).isEmpty();
    assertThat(timeline(waiting)).contains("Cancelled by bob: Vendor withdrew the release");

    ProcessInstance started = raise(standard("printer-firmware", "printer", "2026-11-26T10:00", "2026-11-26T11:00"));
    clockAt("2026-11-26T10:00");
    fireDueTimers(started);
    assertThat(status(started)).isEqualTo("implementing");
    assertThatThrownBy(() -> runtimeService.createMessageCorrelation("ChangeCancelled")
        .processInstanceBusinessKey(started.getBusinessKey()).correlate())
        .isInstanceOf(MismatchingMessageCorrelationException.class);
  }

}
