package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.identity.People;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.flowdesk.sla.SlaClocks;
import org.flowdesk.ticket.EscalationFacts;
import org.flowdesk.ticket.TicketTexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/service-request.bpmn on its own: delegates and SLA clocks mocked, the real
 * request-approval decision, and the real fulfilment processes it calls (their own figures are
 * in their own test classes).
 */
class ServiceRequestProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("service-request");

  static final Instant ORDERED = Instant.parse("2026-11-24T08:00:00Z");
  static final String NUMBER = "REQ-000007";

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  InstanceTimers timers;
  SlaClocks slaClocks = mock(SlaClocks.class);
  People people = mock(People.class);
  TicketTexts ticketTexts = mock(TicketTexts.class);

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(ORDERED));
    timers = new InstanceTimers(engine);
    delegates = new ProcessFlow.Delegates().on("openTicket", execution -> {
      execution.setProcessBusinessKey(NUMBER);
      execution.setVariable("ticketNumber", NUMBER);
    });
    Mocks.register("slaClocks", slaClocks);
    Mocks.register("people", people);
    Mocks.register("ticketTexts", ticketTexts);
    when(ticketTexts.title(NUMBER)).thenReturn("Desk repair: Room 4.12");
    when(slaClocks.warnAt(anyString(), eq("resolution"))).thenReturn(Date.from(ORDERED.plus(Duration.ofDays(3))));
    when(slaClocks.dueAt(anyString(), eq("resolution"))).thenReturn(Date.from(ORDERED.plus(Duration.ofDays(4))));
    when(people.managerOf("alice")).thenReturn("mark");
    when(people.membersExcept("budget-owners", "alice")).thenReturn(List.of("bea"));
    when(people.membersExcept("security", "alice")).thenReturn(List.of());
    when(people.managersOf("alice")).thenReturn(List.of("mark", "carol"));
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance order(String process, double price, boolean sensitive, Map<String, Object> answers) {
    Map<String, Object> variables = new HashMap<>(answers);
    variables.putAll(Map.of("requester", "alice", "itemId", "facilities-job",
        "service", "facilities", "price", price, "lineOfBusiness", "operations", "sensitive", sensitive,
        "requesterIsApprover", false, "deliveryTarget", "P5D", "fulfilmentProcess", process));
    variables.put("title", Variables.stringValue("Desk repair: Room 4.12", true));
    return engine.getRuntimeService().startProcessInstanceByKey("service-request", variables);
  }

  ProcessInstance facilitiesJob() {
    return order("fulfil-facilities", 50, false, Map.of("location", "Room 4.12", "details", "Wobbly leg"));
  }

  ProcessInstance fulfilment(ProcessInstance instance) {
    return engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .singleResult();
  }

  void fulfil(ProcessInstance instance) {
    ProcessInstance job = fulfilment(instance);
    complete(task(job), withVariables("workNotes", "Fixed"));
    assertThat(job).isEnded();
  }

  void approve(ProcessInstance instance, String step, String approver) {
    assertThat(instance).isWaitingAt(step);
    assertThat(task(instance).getAssignee() != null ? List.of(task(instance).getAssignee())
        : engine.getTaskService().getIdentityLinksForTask(task(instance).getId()).stream()
            .map(link -> link.getUserId()).toList()).contains(approver);
    complete(task(instance), withVariables("decision", "approve"));
  }

  @Test
  void anItemWithoutApprovalGoesStraightToFulfilmentWithTheTicketAsBusinessKey() {
    ProcessInstance instance = facilitiesJob();

    assertThat(instance).hasBusinessKey(NUMBER).hasPassedInOrder("Activity_OpenTicket",
        "Activity_SetDeliveryTargets", "Activity_StartDeliveryClock", "Activity_DecideApprovals", "Activity_StartFulfilment")
        .hasNotPassed("Activity_AwaitApproval", "Activity_NotifyApproved").isWaitingAt("Activity_Fulfil");
    // Nothing was approved, so the requester is not told so: they hear next when it is delivered.
    assertThat(delegates.calls("notify")).extracting(call -> call.input().get("kind")).doesNotContain("request_approved");
    // The targets are decisions/request-sla-targets.dmn's: the item's own, in business hours, warned at 75 %.
    assertThat(delegates.calls("startSlaClocks").get(0).input()).containsEntry("resolutionTarget", "P5D")
        .containsEntry("slaCalendarType", "business").containsEntry("slaWarningPercent", 75);
    assertThat(fulfilment(instance).getBusinessKey()).isEqualTo(NUMBER);
    assertThat(timers.activities(instance)).containsExactly("Event_DeliveryWarning", "Event_DeliveryBreached");
  }

  @Test
  void anItemOrderedForSomeoneTellsThemWhoOrderedItAndTheirManagerApproves() {
    when(ticketTexts.enteredBy(NUMBER, "{name}")).thenReturn("Bob Becker");
    ProcessInstance instance = order("fulfil-facilities", 150, false, Map.of("location", "Room 4.12",
        "details", "Wobbly leg", "enteredBy", "bob"));

    assertThat(instance).hasPassedInOrder("Activity_OpenTicket", "Activity_TellOrderedFor",
        "Activity_SetDeliveryTargets");
    assertThat(delegates.calls("notify").get(0).input()).containsEntry("recipientUser", "alice")
        .containsEntry("kind", "ordered_for_you")
        .containsEntry("text", "Bob Becker ordered " + NUMBER + " for you: Desk repair: Room 4.12. You will be told "
            + "how it goes, and you confirm when it arrives.");
    approve(instance, "Activity_ManagerApproves", "mark");

    // The approval is told to the requester, not to whoever entered it (they watch it).
    assertThat(delegates.calls("notify")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("recipientUser", "alice").containsEntry("kind", "request_approved"));
  }

  @Test
  void anItemOrderedByTheRequesterTellsNobodyAtOnce() {
    ProcessInstance instance = facilitiesJob();

    assertThat(instance).hasPassed("Gateway_OrderedForSomeone").hasNotPassed("Activity_TellOrderedFor");
    assertThat(delegates.calls("notify")).isEmpty();
  }

  @Test
  void theFulfilmentGetsTheNamedVariablesOnlyNotTheWholeRequest() {
    ProcessInstance instance = order("fulfil-facilities", 50, false, Map.of("system", "crm"));

    Map<String, Object> passed = engine.getRuntimeService().getVariables(fulfilment(instance).getId());

    // Texts (the title, free-text answers) are the ticket's: the fulfilment's forms read them from there.
    assertThat(passed).containsEntry("ticketNumber", NUMBER).containsEntry("requester", "alice")
        .containsEntry("itemId", "facilities-job").containsEntry("system", "crm")
        .doesNotContainKeys("title", "itemName", "price", "lineOfBusiness", "approvals", "deliveryTarget",
            "fulfilmentProcess");
  }

  @Test
  void aDeliveredItemIsMarkedBookedAndClosedWhenTheRequesterConfirms() {
    ProcessInstance instance = facilitiesJob();
    fulfil(instance);

    assertThat(instance).hasPassedInOrder("Activity_MarkDelivered", "Activity_RecordCost",
        "Activity_PauseDeliveryClock", "Activity_NotifyDelivered").isWaitingAt("Activity_ConfirmReceipt");
    assertThat(task(instance)).isAssignedTo("alice");
    assertThat(timers.activities(instance)).containsExactly("Event_ReceiptTimedOut");

    complete(task(instance), withVariables("receipt", "received", "receiptComment", "Thanks"));

    assertThat(instance).hasPassed("Activity_CloseConfirmed", "Event_RequestClosed").isEnded()
        .hasNotPassed("Activity_ReopenDelivery");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "alice");
  }

  /**
   * The form requires an answer, but an administrator may complete the step at /engine-rest past the form: without
   * an answer, or with one the form does not offer, the gateway's default closes the request as received, never "not
   * right", and says who took receipt as confirmed without an answer: not the requester.
   */
  @Test
  void aConfirmationWithoutAnAnswerTheFormOffersClosesAsTakenAsReceivedByWhoeverCompletedIt() {
    when(people.acting()).thenReturn("admin");
    ProcessInstance unanswered = facilitiesJob();
    fulfil(unanswered);
    complete(task(unanswered));
    assertThat(unanswered).hasPassed("Gateway_Received", "Activity_CloseUnanswered", "Event_RequestClosed").isEnded()
        .hasNotPassed("Activity_ReopenDelivery", "Activity_CloseUnconfirmed", "Activity_CloseConfirmed");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "admin")
        .containsEntry("closeReason", "receipt taken as confirmed by admin (no answer given)");

    ProcessInstance otherAnswer = facilitiesJob();
    fulfil(otherAnswer);
    complete(task(otherAnswer), withVariables("receipt", "Not right"));
    assertThat(otherAnswer).hasPassed("Activity_CloseUnanswered", "Event_RequestClosed").isEnded()
        .hasNotPassed("Activity_ReopenDelivery", "Activity_CloseConfirmed");
    assertThat(delegates.steps("reopenTicket")).isEmpty();
  }

  /** What the escalation decision and the steps read about the ticket: here, the group that delivered it. */
  EscalationFacts deliveredBy(String group) {
    EscalationFacts facts = (EscalationFacts) Mocks.get("escalationFacts");
    when(facts.assignmentGroup(NUMBER)).thenReturn(group);
    return facts;
  }

  /**
   * Every step is a mock that records its calls and decides nothing: where the request goes after "not right" is
   * the gateway on the confirmation form's choice, and who puts it right the task's candidate groups, in the model.
   */
  /** A facilities job delivered by facilities, which alice says is not right: it waits to be put right. */
  ProcessInstance deliveredNotRight() {
    deliveredBy("facilities");
    ProcessInstance instance = facilitiesJob();
    fulfil(instance);
    complete(task(instance), withVariables("receipt", "not_right", "reopenReason", "The leg still wobbles"));
    return instance;
  }

  @Test
  void aDeliveryThatIsNotRightGoesBackToTheGroupThatDeliveredItAndTheRequesterIsAskedAgain() {
    ProcessInstance instance = deliveredNotRight();

    assertThat(instance).hasPassedInOrder("Gateway_Received", "Activity_ReopenDelivery", "Activity_ResumeDeliveryClock")
        .hasNotPassed("Activity_CloseConfirmed", "Activity_CloseUnconfirmed").isWaitingAt("Activity_PutDeliveryRight");
    assertThat(delegates.steps("reopenTicket")).containsExactly("Activity_ReopenDelivery");
    assertThat(delegates.calls("resumeSlaClock")).singleElement()
        .satisfies(call -> assertThat(call.input()).containsEntry("clock", "resolution"));
    assertThat(task(instance)).hasCandidateGroup("facilities").isNotAssigned();
    assertThat(delegates.steps("notifyTaskAudience")).containsExactly("Activity_PutDeliveryRight");
    // The delivery clock runs again while it is put right: its warning and breach, no answer timer.
    assertThat(timers.activities(instance)).containsExactly("Event_PutRightWarning", "Event_PutRightBreached");

    complete(task(instance), withVariables("workNotes", "New leg fitted"));

    assertThat(delegates.steps("recordFulfilmentStep")).endsWith("Activity_PutDeliveryRight");
    assertThat(instance).hasPassedInOrder("Activity_PutDeliveryRight", "Activity_MarkDeliveredAgain",
        "Activity_PauseDeliveryClock", "Activity_NotifyDelivered").isWaitingAt("Activity_ConfirmReceipt");
    assertThat(delegates.steps("resolveTicket")).containsExactly("Activity_MarkDelivered", "Activity_MarkDeliveredAgain");
    assertThat(delegates.calls("resolveTicket").get(1).input()).containsEntry("resolutionCode", "delivered")
        .containsEntry("resolutionNotes", "Delivered again: Desk repair: Room 4.12.");
    // Booked once; the clock stopped again; the requester told again, with the same 5 days to answer.
    assertThat(delegates.steps("recordCost")).containsExactly("Activity_RecordCost");
    assertThat(delegates.steps("pauseSlaClock")).containsExactly("Activity_PauseDeliveryClock",
        "Activity_PauseDeliveryClock");
    assertThat(delegates.calls("notify")).extracting(call -> call.input().get("kind"))
        .containsExactly("delivered", "delivered");
    assertThat(task(instance)).isAssignedTo("alice");
    assertThat(timers.activities(instance)).containsExactly("Event_ReceiptTimedOut");

    complete(task(instance), withVariables("receipt", "received"));

    assertThat(instance).hasPassed("Activity_CloseConfirmed", "Event_RequestClosed").isEnded();
    assertThat(delegates.steps("reopenTicket")).hasSize(1);
  }

  /**
   * The next confirmation is decided by its own answer: one completed without the form's choice (an administrator
   * at /engine-rest, past the form) closes as taken as received, as at the first delivery, instead of finding the last
   * round's "not right".
   */
  @Test
  void theNextConfirmationIsDecidedByItsOwnAnswerNotTheLastRounds() {
    ProcessInstance instance = deliveredNotRight();
    assertThat(runtimeService().getVariable(instance.getId(), "receipt")).isNull();
    complete(task(instance), withVariables("workNotes", "New leg fitted"));

    complete(task(instance));

    assertThat(instance).hasPassed("Activity_CloseUnanswered", "Event_RequestClosed").isEnded()
        .hasNotPassed("Activity_CloseConfirmed");
    assertThat(delegates.steps("reopenTicket")).hasSize(1);
  }

  @Test
  void aDeliveryPutRightLateWarnsAndEscalatesAsTheFulfilmentDoes() {
    deliveredBy("facilities");
    ProcessInstance instance = facilitiesJob();
    fulfil(instance);
    complete(task(instance), withVariables("receipt", "not_right", "reopenReason", "Wrong colour"));

    assertThat(timers.fireUntil(instance, "Event_PutRightBreached"))
        .containsExactly("Event_PutRightWarning", "Event_PutRightBreached");

    assertThat(delegates.calls("escalateSlaWarning")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("clock", "resolution").containsEntry("recipientGroup", "facilities"));
    assertThat(delegates.calls("escalateSlaBreachAsDecided")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("clock", "resolution").containsEntry("kind", "sla_breach"));
    assertThat(instance).hasPassed("Gateway_DeliveryWarningDue", "Event_DeliveryWarningHandled",
        "Gateway_DeliveryBreachDue", "Activity_DecideDeliveryEscalation", "Event_DeliveryBreachHandled")
        .isWaitingAt("Activity_PutDeliveryRight");
  }

  @Test
  void aRequestDeliveredByNoGroupIsPutRightByTheServiceDesk() {
    ProcessInstance instance = facilitiesJob();
    fulfil(instance);

    complete(task(instance), withVariables("receipt", "not_right", "reopenReason", "Nothing arrived"));

    assertThat(task(instance)).hasCandidateGroup("service-desk");
  }

  @Test
  void noAnswerInFiveDaysClosesTheRequestUnconfirmed() {
    ProcessInstance instance = facilitiesJob();
    fulfil(instance);

    assertThat(timers.fireNext(instance)).isEqualTo("Event_ReceiptTimedOut");

    assertThat(ClockUtil.getCurrentTime().toInstant()).isAfterOrEqualTo(ORDERED.plus(Duration.ofDays(5)));
    assertThat(instance).hasPassed("Activity_CloseUnconfirmed", "Event_RequestClosed").isEnded()
        .hasNotPassed("Activity_CloseConfirmed");
    assertThat(delegates.calls("closeTicket").get(0).input()).containsEntry("actor", "flowdesk")
        .containsEntry("closeReason", "the requester did not answer within 5 days");
  }

  @Test
  void aLateDeliveryWarnsTheServiceDeskThenTellsManagersOnceEach() {
    ProcessInstance instance = facilitiesJob();

    assertThat(timers.fireUntil(instance, "Event_DeliveryBreached"))
        .containsExactly("Event_DeliveryWarning", "Event_DeliveryBreached");

    assertThat(delegates.calls("escalateSlaWarning")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("clock", "resolution").containsEntry("recipientGroup", "service-desk"));
    assertThat(delegates.calls("escalateSlaBreachAsDecided")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("clock", "resolution").containsEntry("kind", "sla_breach").doesNotContainKey("recipientGroup"));
    assertThat(instance).hasPassedInOrder("Activity_DecideDeliveryEscalation", "Activity_EscalateDeliveryBreach");
    assertThat(instance).hasPassed("Event_DeliveryWarningHandled", "Event_DeliveryBreachHandled")
        .isWaitingAt("Activity_Fulfil");
    assertThat(timers.of(instance)).isEmpty();
  }

  @Test
  void anExpensiveSensitiveItemIsApprovedByManagerBudgetOwnerAndSecurityInTurn() {
    ProcessInstance instance = order("fulfil-facilities", 1500, true, Map.of("location", "Lab", "details", "Safe"));

    assertThat(instance).hasPassed("Activity_AwaitApproval");
    approve(instance, "Activity_ManagerApproves", "mark");
    approve(instance, "Activity_BudgetOwnerApproves", "bea");
    // Security has nobody but the requester: the requester's managers approve instead.
    approve(instance, "Activity_SecurityApproves", "carol");

    assertThat(instance).hasPassedInOrder("Activity_SecurityApproves", "Gateway_Approved", "Activity_NotifyApproved",
        "Activity_StartFulfilment").isWaitingAt("Activity_Fulfil");
    assertThat(delegates.steps("recordApproval")).containsExactly("Activity_ManagerApproves",
        "Activity_BudgetOwnerApproves", "Activity_SecurityApproves");
    // Told once, when the last approval is given, not after each.
    assertThat(delegates.calls("notify")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("recipientUser", "alice").containsEntry("kind", "request_approved")
        .containsEntry("text", NUMBER + " (Desk repair: Room 4.12) was approved. Fulfilment begins; you will be told "
            + "when it is delivered.")
        .containsEntry("watcherText", NUMBER + ", which you watch, was approved."));
  }

  @Test
  void aRejectionStopsTheApprovalsAndTellsTheRequesterWhy() {
    ProcessInstance instance = order("fulfil-facilities", 1500, false, Map.of());

    // The listener records the comment on the ticket; the notification reads it from there.
    when(ticketTexts.rejection(NUMBER)).thenReturn("Rejected (manager): Too expensive");
    complete(task(instance), withVariables("decision", "reject", "approvalComment", "Too expensive"));

    assertThat(instance).hasPassedInOrder("Activity_RejectRequest", "Activity_NotifyRejected")
        .hasNotPassed("Activity_BudgetOwnerApproves", "Activity_NotifyApproved", "Activity_StartFulfilment").isEnded();
    assertThat(delegates.calls("notify")).last().satisfies(call -> assertThat(call.input())
        .containsEntry("kind", "request_rejected").containsEntry("text", NUMBER + " was not approved. Rejected (manager): Too expensive"));
  }

  @Test
  void theRequesterMayWithdrawWhileTheRequestWaitsForApprovalButNotOnceFulfilmentBegan() {
    ProcessInstance waiting = order("fulfil-facilities", 1500, false, Map.of());
    assertThat(waiting).isWaitingAt("Activity_ManagerApproves");

    engine.getRuntimeService().createMessageCorrelation("RequestWithdrawn").processInstanceId(waiting.getId())
        .setVariable("withdrawReason", "Found one in the store room").correlate();

    assertThat(waiting).hasPassed("Event_Withdrawn", "Activity_WithdrawRequest").hasNotPassed("Activity_StartFulfilment")
        .isEnded();
    assertThat(delegates.calls("withdrawRequest")).hasSize(1);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(waiting.getId()).count()).isZero();

    // Without approvals, work starts at once: there is nothing to withdraw from.
    ProcessInstance working = facilitiesJob();
    assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(working.getId())
        .eventName("RequestWithdrawn").count()).isZero();
  }
}
