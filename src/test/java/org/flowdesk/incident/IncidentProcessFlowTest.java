package org.flowdesk.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.MessageCorrelationResultType;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.flowdesk.sla.OlaClocks;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.identity.People;
import org.flowdesk.ticket.TicketTexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/incident.bpmn on its own: no Spring, every delegate a mock, the real decisions and
 * forms deployed with it. The SLA clocks are mocks too, so each test chooses when the warning
 * and breach timers are due; what the clocks record is the Spring IncidentProcessTest's business.
 */
class IncidentProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("incident");

  static final Instant REPORTED = Instant.parse("2026-11-24T08:00:00Z");
  static final String NUMBER = "INC-000042";

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  InstanceTimers timers;
  SlaClocks slaClocks = mock(SlaClocks.class);
  SlaCalendar slaCalendar = mock(SlaCalendar.class);
  OlaClocks olaClocks = mock(OlaClocks.class);

  final People people = mock(People.class);

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(REPORTED));
    timers = new InstanceTimers(engine);
    delegates = new ProcessFlow.Delegates().on("openTicket", execution -> {
      execution.setProcessBusinessKey(NUMBER);
      execution.setVariable("ticketNumber", NUMBER);
    });
    Mocks.register("slaClocks", slaClocks);
    Mocks.register("slaCalendar", slaCalendar);
    Mocks.register("olaClocks", olaClocks);
    // Nobody worked the ticket before: the work task is the group's.
    Mocks.register("people", people);
    // The group's OLA runs out long after the SLA's, unless a test says otherwise.
    olaClock(Duration.ofDays(30), Duration.ofDays(40));
    TicketTexts texts = mock(TicketTexts.class);
    when(texts.enteredBy(any(), any())).thenReturn("");
    Mocks.register("ticketTexts", texts);
    clocks(Duration.ofMinutes(45), Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(8));
    when(slaCalendar.due(any(), eq("P5D"), eq("business"))).thenAnswer(call -> Date.from(
        ((Date) call.getArgument(0)).toInstant().plus(Duration.ofDays(7))));
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  void clocks(Duration responseWarning, Duration responseDue, Duration resolutionWarning, Duration resolutionDue) {
    when(slaClocks.warnAt(anyString(), eq("response"))).thenReturn(Date.from(REPORTED.plus(responseWarning)));
    when(slaClocks.dueAt(anyString(), eq("response"))).thenReturn(Date.from(REPORTED.plus(responseDue)));
    when(slaClocks.warnAt(anyString(), eq("resolution"))).thenReturn(Date.from(REPORTED.plus(resolutionWarning)));
    when(slaClocks.dueAt(anyString(), eq("resolution"))).thenReturn(Date.from(REPORTED.plus(resolutionDue)));
  }

  void olaClock(Duration warning, Duration due) {
    when(olaClocks.warnAt(anyString())).thenReturn(Date.from(REPORTED.plus(warning)));
    when(olaClocks.dueAt(anyString())).thenReturn(Date.from(REPORTED.plus(due)));
  }

  ProcessInstance report(int impact, int urgency) {
    engine.getIdentityService().setAuthenticatedUserId("alice");
    try {
      return engine.getRuntimeService().startProcessInstanceByKey("incident", Map.of("title", "Cannot print",
          "description", "The printer says offline", "service", "email", "category", "software", "impact", impact,
          "urgency", urgency));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  void work(ProcessInstance instance, String action) {
    assertThat(instance).isWaitingAt("Activity_WorkIncident");
    complete(task(instance), withVariables("action", action));
  }

  void resolve(ProcessInstance instance) {
    work(instance, "resolve");
    assertThat(instance).isWaitingAt("Activity_ConfirmResolution");
  }

  @Test
  void aReportIsOpenedPrioritisedRoutedGivenSlaClocksAndWaitsForTheGroup() {
    ProcessInstance instance = report(2, 2);

    assertThat(instance).hasBusinessKey(NUMBER).isWaitingAt("Activity_WorkIncident")
        .hasPassedInOrder("Activity_SetPriority", "Activity_RouteIncident", "Activity_SetSlaTargets",
            "Activity_OpenTicket", "Activity_StartSlaClocks", "Activity_ConfirmReceipt")
        .hasNotPassed("Activity_AlertMajorIncident");
    assertThat(instance).variables().containsKeys("priority", "assignmentGroup", "responseTarget",
        "resolutionTarget", "slaCalendarType", "slaWarningPercent");
    assertThat(task(instance)).hasCandidateGroup((String) engine.getRuntimeService()
        .getVariable(instance.getId(), "assignmentGroup"));
    assertThat(delegates.calls("notify").get(0).input()).containsEntry("recipientUser", "alice")
        .containsEntry("kind", "received");
    assertThat(timers.activities(instance)).containsExactly("Event_ResponseSlaWarning", "Event_ResponseSlaBreached",
        "Event_ResolutionSlaWarning", "Event_ResolutionSlaBreached", "Event_OlaWarning", "Event_OlaBreached");
    assertThat(instance).hasPassedInOrder("Activity_DecideOlaTarget", "Activity_HoldOlaClock");
    assertThat(instance).variables().containsKeys("olaTarget", "olaCalendarType", "olaWarningPercent");
  }

  @Test
  void priorityOneAlertsTheMajorIncidentTeam() {
    ProcessInstance instance = report(1, 1);

    assertThat(instance).hasPassed("Activity_AlertMajorIncident").isWaitingAt("Activity_WorkIncident");
    assertThat(delegates.calls("notify")).anySatisfy(call -> assertThat(call.input())
        .containsEntry("recipientGroup", "major-incident").containsEntry("kind", "major_incident"));
  }

  @Test
  void eachSlaTimerFiresOnceInDueOrderIntoItsEscalationStep() {
    ProcessInstance instance = report(2, 2);

    assertThat(timers.fireUntil(instance, "Event_ResolutionSlaBreached")).containsExactly(
        "Event_ResponseSlaWarning", "Event_ResponseSlaBreached", "Event_ResolutionSlaWarning",
        "Event_ResolutionSlaBreached");

    assertThat(delegates.steps("escalateSlaWarning"))
        .containsExactly("Activity_EscalateResponseWarning", "Activity_EscalateResolutionWarning");
    assertThat(delegates.steps("escalateSlaBreachAsDecided"))
        .containsExactly("Activity_EscalateResponseBreach", "Activity_EscalateResolutionBreach");
    assertThat(delegates.calls("escalateSlaWarning").get(0).input()).containsEntry("clock", "response")
        .containsKeys("recipientGroup", "text").containsEntry("kind", "sla_warning");
    // Whom a breach reaches is decided before the step (decisions/sla-escalation.dmn), not named in it.
    assertThat(delegates.calls("escalateSlaBreachAsDecided").get(1).input()).containsEntry("clock", "resolution")
        .containsEntry("kind", "sla_breach").containsEntry("reprioritiseMessage", "IncidentReprioritised")
        .doesNotContainKey("recipientGroup");
    assertThat(instance).hasPassedInOrder("Activity_DecideResponseEscalation", "Activity_EscalateResponseBreach")
        .hasPassedInOrder("Activity_DecideResolutionEscalation", "Activity_EscalateResolutionBreach");
    assertThat(instance).hasPassed("Event_ResponseWarningHandled", "Event_ResponseBreachHandled",
        "Event_ResolutionWarningHandled", "Event_ResolutionBreachHandled").isWaitingAt("Activity_WorkIncident");
    assertThat(timers.activities(instance)).containsExactly("Event_OlaWarning", "Event_OlaBreached");
  }

  @Test
  void theGroupsOlaTimersWarnItsLeadAndRecordTheBreachWhileTheGroupWorks() {
    olaClock(Duration.ofMinutes(30), Duration.ofMinutes(40));
    ProcessInstance instance = report(2, 2);

    assertThat(timers.fireUntil(instance, "Event_OlaBreached")).containsExactly("Event_OlaWarning",
        "Event_OlaBreached");

    assertThat(delegates.steps("escalateOlaWarning")).containsExactly("Activity_EscalateOlaWarning");
    assertThat(delegates.steps("escalateOlaBreach")).containsExactly("Activity_EscalateOlaBreach");
    assertThat(instance).hasPassed("Event_OlaWarningHandled", "Event_OlaBreachHandled")
        .isWaitingAt("Activity_WorkIncident");
  }

  @Test
  void reassigningGoesBackToWork() {
    ProcessInstance instance = report(2, 2);

    work(instance, "reassign");

    assertThat(instance).hasPassedInOrder("Activity_ReleaseOlaOnReassign", "Activity_ReassignTicket")
        .isWaitingAt("Activity_WorkIncident");
    assertThat(delegates.steps("reassignTicket")).containsExactly("Activity_ReassignTicket");
    // The new group's clock starts as the first group's stops.
    assertThat(delegates.steps("holdOlaClock")).containsExactly("Activity_HoldOlaClock", "Activity_HoldOlaClock");
    assertThat(delegates.steps("releaseOlaClock")).containsExactly("Activity_ReleaseOlaOnReassign");
  }

  @Test
  void anEscalationToAnotherGroupInterruptsTheWorkAndGoesRoundLikeAReassignment() {
    ProcessInstance instance = report(2, 2);

    engine.getRuntimeService().createMessageCorrelation("IncidentEscalatedToGroup")
        .processInstanceId(instance.getId()).setVariable("newGroup", "major-incident")
        .setVariable("reassignReason", "Escalated: resolution SLA breached").correlate();

    assertThat(instance).hasPassedInOrder("Event_EscalatedToGroup", "Activity_ReleaseOlaOnReassign",
        "Activity_ReassignTicket").isWaitingAt("Activity_WorkIncident");
    assertThat(delegates.steps("releaseOlaClock")).containsExactly("Activity_ReleaseOlaOnReassign");
    assertThat(delegates.steps("holdOlaClock")).containsExactly("Activity_HoldOlaClock", "Activity_HoldOlaClock");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
        .as("the interrupted task is gone, one new").isEqualTo(1);
  }

  @Test
  void askingTheRequesterLeavesTheClockScopeAndTheAnswerComesBackToWork() {
    ProcessInstance instance = report(2, 2);

    work(instance, "ask_requester");

    assertThat(instance).hasPassedInOrder("Activity_RequestInformation", "Activity_NotifyInformationRequested",
        "Activity_PauseResolutionClock").isWaitingAt("Activity_ProvideInformation");
    assertThat(task(instance)).isAssignedTo("alice");
    assertThat(timers.activities(instance)).containsExactly("Event_NoAnswer");
    // The group's OLA clock stands still with the resolution clock.
    assertThat(delegates.steps("pauseOlaClock")).containsExactly("Activity_PauseResolutionClock");

    complete(task(instance), withVariables("information", "It is printer P2"));

    assertThat(instance).hasPassedInOrder("Activity_RecordAnswer", "Activity_ResumeResolutionClock")
        .isWaitingAt("Activity_WorkIncident");
    assertThat(timers.activities(instance)).hasSize(6);
    assertThat(delegates.steps("releaseOlaClock")).isEmpty();
  }

  @Test
  void noAnswerInFiveBusinessDaysResolvesAsNoResponse() {
    ProcessInstance instance = report(2, 2);
    work(instance, "ask_requester");
    timers.fireNext(instance);

    assertThat(instance).hasPassed("Event_NoAnswer", "Activity_ResolveNoResponse", "Activity_PauseWhileResolved",
        "Activity_NotifyResolved").isWaitingAt("Activity_ConfirmResolution");
    assertThat(delegates.calls("resolveTicket").get(0).input()).containsEntry("resolutionCode", "no_response")
        .containsEntry("actor", "flowdesk");
  }

  @Test
  void theRequesterIsToldWhoReportedTheIncidentForThem() {
    TicketTexts texts = mock(TicketTexts.class);
    when(texts.enteredBy(NUMBER, " from {name}, who reported it for you"))
        .thenReturn(" from Bob Builder, who reported it for you");
    Mocks.register("ticketTexts", texts);

    report(2, 2);

    assertThat(delegates.calls("notify").get(0).input()).containsEntry("recipientUser", "alice")
        .containsEntry("kind", "received");
    assertThat((String) delegates.calls("notify").get(0).input().get("text"))
        .startsWith("We received " + NUMBER + " from Bob Builder, who reported it for you. It has priority");
  }

  @Test
  void anIncidentBeingWorkedIsResolvedWithTheFixNoticeOfItsProblemAndItsRequesterAskedToConfirm() {
    TicketTexts texts = mock(TicketTexts.class);
    when(texts.fixNotice(NUMBER)).thenReturn("PRB-000001 is fixed: Fixed by the change CHG-000003");
    Mocks.register("ticketTexts", texts);
    ProcessInstance instance = report(2, 2);

    engine.getRuntimeService().createMessageCorrelation("IncidentFixedByProblem").processInstanceId(instance.getId())
        .correlate();

    assertThat(instance).hasPassedInOrder("Event_FixedByProblem", "Activity_ResolveFixedByProblem",
        "Activity_PauseWhileResolved", "Activity_NotifyResolved").isWaitingAt("Activity_ConfirmResolution");
    assertThat(instance).hasPassedInOrder("Activity_ResolveFixedByProblem", "Activity_ReleaseOlaClock");
    assertThat(delegates.calls("resolveTicket").get(0).input()).containsEntry("resolutionCode", "problem_fixed")
        .containsEntry("resolutionNotes", "PRB-000001 is fixed: Fixed by the change CHG-000003");
    assertThat(delegates.calls("notify")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("recipientUser", "alice").containsEntry("kind", "resolved"));
    // The SLA timers went with the "Being worked" scope; only the confirmation waits.
    assertThat(timers.activities(instance)).containsExactly("Event_ConfirmationTimedOut");
  }

  @Test
  void aPriorityOneIsDeclaredMajorByItsModel() {
    ProcessInstance instance = report(1, 1);

    assertThat(instance).hasPassedInOrder("Activity_AlertMajorIncident", "Activity_DeclareMajorIncident")
        .isWaitingAt("Activity_WorkIncident");
    assertThat(report(2, 2)).hasNotPassed("Activity_DeclareMajorIncident");
  }

  @Test
  void anAgentDeclaresAnIncidentMajorAndTheWorkGoesOn() {
    ProcessInstance instance = report(3, 3);

    engine.getRuntimeService().createMessageCorrelation("IncidentDeclaredMajor").processInstanceId(instance.getId())
        .correlate();

    assertThat(instance).hasPassedInOrder("Event_DeclaredMajor", "Activity_DeclareMajorByAgent",
        "Event_MajorDeclared").isWaitingAt("Activity_WorkIncident");
    assertThat(delegates.steps("declareMajorIncident")).containsExactly("Activity_DeclareMajorByAgent");
  }

  @Test
  void newImpactAndUrgencyDecideThePriorityAndTargetsAgainAndTheWorkGoesOn() {
    ProcessInstance instance = report(2, 2);
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "priority")).isEqualTo(3);
    delegates.on("recordPriorityChange", execution -> execution.setVariableLocal("previousPriority", 3));

    engine.getRuntimeService().createMessageCorrelation("IncidentReprioritised").processInstanceId(instance.getId())
        .setVariable("impact", 1).setVariable("urgency", 1).correlate();

    assertThat(instance).hasPassedInOrder("Event_PriorityChanged", "Activity_DecidePriorityAgain",
        "Activity_DecideSlaTargetsAgain", "Activity_RecordPriorityChange", "Activity_RetargetSlaClocks",
        "Event_PriorityChangeDone").isWaitingAt("Activity_WorkIncident");
    assertThat(engine.getRuntimeService().getVariables(instance.getId(), java.util.List.of("priority",
        "responseTarget", "resolutionTarget", "slaCalendarType"))).containsEntry("priority", 1)
        .containsEntry("responseTarget", "PT15M").containsEntry("resolutionTarget", "PT4H")
        .containsEntry("slaCalendarType", "24x7");
    assertThat(delegates.steps("recordPriorityChange")).containsExactly("Activity_RecordPriorityChange");
    assertThat(delegates.steps("retargetSlaClocks")).containsExactly("Activity_RetargetSlaClocks");
    // Raised to P1: the major incident team hears of it, as of an incident reported as P1.
    assertThat(instance).hasPassed("Activity_AlertMajorIncidentOnRaise");
    assertThat(delegates.steps("notify")).contains("Activity_AlertMajorIncidentOnRaise");
  }

  @Test
  void aPriorityOneThatStaysPriorityOneAlertsNobodyAgain() {
    ProcessInstance instance = report(1, 1);
    delegates.on("recordPriorityChange", execution -> execution.setVariableLocal("previousPriority", 1));

    engine.getRuntimeService().createMessageCorrelation("IncidentReprioritised").processInstanceId(instance.getId())
        .setVariable("impact", 1).setVariable("urgency", 1).correlate();

    assertThat(instance).hasPassed("Event_PriorityChangeDone").hasNotPassed("Activity_AlertMajorIncidentOnRaise");
  }

  @Test
  void thePriorityChangesWhileTheRequesterIsAskedToo() {
    ProcessInstance instance = report(2, 2);
    work(instance, "ask_requester");
    assertThat(instance).isWaitingAt("Activity_ProvideInformation");
    delegates.on("recordPriorityChange", execution -> execution.setVariableLocal("previousPriority", 3));

    engine.getRuntimeService().createMessageCorrelation("IncidentReprioritised").processInstanceId(instance.getId())
        .setVariable("impact", 3).setVariable("urgency", 3).correlate();

    assertThat(instance).hasPassed("Activity_RetargetSlaClocks").hasNotPassed("Activity_AlertMajorIncidentOnRaise")
        .isWaitingAt("Activity_ProvideInformation");
    assertThat(engine.getRuntimeService().getVariable(instance.getId(), "priority")).isEqualTo(5);
  }

  @Test
  void anAttachedIncidentWaitsHearsTheUpdatesAndIsResolvedWithItsMajorIncident() {
    ProcessInstance instance = report(3, 3);

    engine.getRuntimeService().createMessageCorrelation("IncidentAttachedToMajor").processInstanceId(instance.getId())
        .correlate();
    assertThat(instance).hasPassedInOrder("Event_AttachedToMajor", "Activity_JoinMajorIncident")
        .isWaitingAt("Activity_WaitForMajorIncident");
    assertThat(delegates.calls("joinMajorIncident").get(0).input()).containsEntry("status", "with_major_incident");
    assertThat(timers.activities(instance)).as("its SLA timers went with its work").isEmpty();
    assertThat(delegates.steps("pauseOlaClock")).as("its group does not hold it meanwhile")
        .containsExactly("Activity_JoinMajorIncident");

    engine.getRuntimeService().createMessageCorrelation("MajorIncidentUpdated").processInstanceId(instance.getId())
        .setVariable("majorUpdate", org.camunda.bpm.engine.variable.Variables.stringValue("Back by 11:00", true))
        .correlate();
    assertThat(instance).hasPassed("Activity_TellOfMajorUpdate", "Event_UpdateTold")
        .isWaitingAt("Activity_WaitForMajorIncident");
    assertThat(delegates.calls("notify")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("recipientUser", "alice").containsEntry("kind", "major_update")
        .containsEntry("text", NUMBER + " is part of a major incident. Update: Back by 11:00")
        .containsEntry("watcherText", NUMBER + ", which you watch, is part of a major incident. Update: Back by 11:00"));

    engine.getRuntimeService().createMessageCorrelation("MajorIncidentResolved").processInstanceId(instance.getId())
        .correlate();
    assertThat(instance).hasPassedInOrder("Activity_ResolveWithMajorIncident", "Activity_ReleaseOlaClock",
        "Activity_PauseWhileResolved",
        "Activity_NotifyResolved").isWaitingAt("Activity_ConfirmResolution")
        .hasNotPassed("Activity_ResolveChildIncidents");
  }

  @Test
  void aResolvedMajorIncidentResolvesItsChildrenAndItsGroupReviewsItWithinFiveDays() {
    delegates.on("declareMajorIncident", execution -> execution.setVariable("majorIncident", true));
    ProcessInstance instance = report(1, 1);

    work(instance, "resolve");

    assertThat(instance).hasPassedInOrder("Activity_ResolveTicket", "Activity_ResolveChildIncidents")
        .isWaitingAt("Activity_ConfirmResolution", "Activity_PostIncidentReview");
    org.camunda.bpm.engine.task.Task review = engine.getTaskService().createTaskQuery()
        .processInstanceId(instance.getId()).taskDefinitionKey("Activity_PostIncidentReview").singleResult();
    assertThat(review.getDueDate().toInstant()).isEqualTo(REPORTED.plus(Duration.ofDays(5)));
    assertThat(engine.getTaskService().getIdentityLinksForTask(review.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("service-desk"));

    complete(review, withVariables("reviewFindings", "Logs filled the disk", "raiseProblem", false));
    assertThat(instance).hasPassed("Event_Reviewed").isWaitingAt("Activity_ConfirmResolution");
    assertThat(delegates.steps("recordPostIncidentReview")).containsExactly("Activity_PostIncidentReview");
  }

  @Test
  void anIncidentMergedIntoAnotherIsClosedAsDuplicateAndEnds() {
    ProcessInstance instance = report(2, 2);

    engine.getRuntimeService().createMessageCorrelation("IncidentMerged").processInstanceId(instance.getId())
        .setVariable("mergedInto", org.camunda.bpm.engine.variable.Variables.stringValue("INC-000041", true))
        .correlate();

    assertThat(instance).hasPassedInOrder("Event_MergedIntoAnother", "Activity_CloseAsDuplicate",
        "Event_ClosedAsDuplicate").isEnded();
    assertThat(delegates.calls("closeAsDuplicate").get(0).input()).containsEntry("resolutionCode", "duplicate");
    assertThat(delegates.calls("resolveTicket")).isEmpty();
    assertThat(delegates.steps("releaseOlaClock")).containsExactly("Activity_CloseAsDuplicate");
    assertThat(timers.activities(instance)).isEmpty();
  }

  @Test
  void aConfirmedResolutionClosesAndAsksForARating() {
    ProcessInstance instance = report(2, 2);
    resolve(instance);
    assertThat(task(instance)).isAssignedTo("alice");

    complete(task(instance), withVariables("confirmation", "confirm"));
    assertThat(instance).hasPassed("Activity_CloseConfirmed").isWaitingAt("Activity_RateIncident");
    complete(task(instance), withVariables("rating", 5));

    assertThat(instance).hasPassed("Activity_RecordSatisfaction").isEnded().hasPassed("Event_IncidentClosed");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "alice");
  }

  @Test
  void aRejectedResolutionReopensTheTicketBackToWork() {
    ProcessInstance instance = report(2, 2);
    resolve(instance);

    complete(task(instance), withVariables("confirmation", "reject"));

    assertThat(instance).hasPassedInOrder("Activity_ReopenTicket", "Activity_ResumeResolutionClock")
        .isWaitingAt("Activity_WorkIncident");
  }

  /**
   * The form requires an answer, but an administrator may complete the step at /engine-rest past the form: without
   * an answer, or with one the form does not offer, the gateway's default closes the incident as solved, never reopens
   * it without a reason, and says who took the resolution as confirmed: not the requester.
   */
  @Test
  void aConfirmationWithoutAnAnswerTheFormOffersClosesAsTakenAsSolvedByWhoeverCompletedIt() {
    when(people.acting()).thenReturn("admin");
    ProcessInstance unanswered = report(2, 2);
    resolve(unanswered);
    complete(task(unanswered));
    assertThat(unanswered).hasPassed("Gateway_Confirmed", "Activity_CloseUnanswered").isWaitingAt("Activity_RateIncident")
        .hasNotPassed("Activity_ReopenTicket", "Activity_CloseConfirmed", "Activity_CloseUnconfirmed");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "admin")
        .containsEntry("closeReason", "resolution taken as confirmed by admin (no answer given)");
    complete(task(unanswered), withVariables("rating", 4));
    assertThat(unanswered).isEnded();
  }

  @Test
  void anAnswerTheFormDoesNotOfferNeitherReopensNorSaysTheRequesterConfirmed() {
    when(people.acting()).thenReturn("admin");
    ProcessInstance instance = report(2, 2);
    resolve(instance);
    complete(task(instance), withVariables("confirmation", "not_solved"));
    assertThat(instance).hasPassed("Activity_CloseUnanswered").hasNotPassed("Activity_ReopenTicket",
        "Activity_CloseConfirmed");
    complete(task(instance), withVariables("rating", 4));
    assertThat(instance).isEnded();
  }

  @Test
  void noConfirmationInThreeDaysClosesUnconfirmedAndAnUnratedSurveyExpiresAfterSevenDays() {
    ProcessInstance instance = report(2, 2);
    resolve(instance);

    assertThat(timers.fireNext(instance)).isEqualTo("Event_ConfirmationTimedOut");
    assertThat(instance).hasPassed("Activity_CloseUnconfirmed").isWaitingAt("Activity_RateIncident");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "flowdesk");

    assertThat(timers.fireNext(instance)).isEqualTo("Event_RatingExpired");
    assertThat(instance).hasPassed("Event_RatingSkipped").isEnded();
  }

  @Test
  void aClosedIncidentReopenedBeforeItsRatingEndsTheRatingAndANewRunGoesBackToTheGroup() {
    ProcessInstance closed = report(2, 2);
    resolve(closed);
    complete(task(closed), withVariables("confirmation", "confirm"));
    assertThat(closed).isWaitingAt("Activity_RateIncident");
    delegates.on("reopenClosedTicket", execution -> {
      execution.setVariable("ticketNumber", NUMBER);
      execution.setVariable("requester", "alice");
      execution.setVariable("priority", 3);
      execution.setVariable("assignmentGroup", "network");
    });

    var started = engine.getRuntimeService().createMessageCorrelation("IncidentReopened")
        .processInstanceBusinessKey(NUMBER).setVariable("reopenReason", "It is back").correlateAllWithResult();

    assertThat(closed).hasPassed("Event_RatingWithdrawn").isEnded();
    assertThat(started).hasSize(2);
    ProcessInstance reopened = started.stream()
        .filter(result -> result.getResultType() == MessageCorrelationResultType.ProcessDefinition)
        .map(result -> result.getProcessInstance()).findFirst().orElseThrow();
    assertThat(reopened).hasPassedInOrder("Event_ClosedIncidentReopened", "Activity_ReopenClosedTicket",
        "Activity_SetSlaTargetsAgain", "Activity_RestartResolutionClock", "Activity_NotifyReopened")
        .isWaitingAt("Activity_WorkIncident");
    assertThat(task(reopened)).hasCandidateGroup("network");
    assertThat(delegates.calls("resumeSlaClock").get(0).input()).containsEntry("clock", "resolution");
    assertThat(delegates.calls("notify").get(delegates.calls("notify").size() - 1).input())
        .containsEntry("recipientGroup", "network").containsEntry("kind", "reopened");
  }

  @Test
  void aClosedIncidentWhoseRunHasEndedIsReopenedByANewRun() {
    ProcessInstance closed = report(2, 2);
    resolve(closed);
    complete(task(closed), withVariables("confirmation", "confirm"));
    complete(task(closed), withVariables("rating", 4));
    assertThat(closed).isEnded();
    delegates.on("reopenClosedTicket", execution -> {
      execution.setVariable("ticketNumber", NUMBER);
      execution.setVariable("requester", "alice");
      execution.setVariable("priority", 4);
      execution.setVariable("assignmentGroup", "service-desk");
    });

    ProcessInstance reopened = engine.getRuntimeService().startProcessInstanceByMessage("IncidentReopened", NUMBER);

    assertThat(reopened).hasBusinessKey(NUMBER).isWaitingAt("Activity_WorkIncident");
    assertThat(task(reopened)).hasCandidateGroup("service-desk");
  }
}
