package org.flowdesk.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.flowdesk.models.InstanceTimers;
import org.flowdesk.models.ProcessFlow;
import org.flowdesk.sla.SlaCalendar;
import org.flowdesk.ticket.TicketTexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * processes/fulfil-onboarding.bpmn on its own: HR paperwork, then IT and facilities in parallel,
 * and HR reminded two working days before the start date while preparation is not finished.
 */
class FulfilOnboardingProcessFlowTest {

  @RegisterExtension
  static ProcessEngineCoverageExtension extension = ProcessFlow.coverage("fulfil-onboarding");

  static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
  static final Instant REMINDER = Instant.parse("2026-11-30T08:00:00Z");

  ProcessEngine engine;
  ProcessFlow.Delegates delegates;
  InstanceTimers timers;
  SlaCalendar slaCalendar = mock(SlaCalendar.class);
  TicketTexts ticketTexts = mock(TicketTexts.class);

  @BeforeEach
  void deploy() {
    engine = extension.getProcessEngine();
    ProcessFlow.use(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
    timers = new InstanceTimers(engine);
    delegates = new ProcessFlow.Delegates();
    Mocks.register("slaCalendar", slaCalendar);
    Mocks.register("ticketTexts", ticketTexts);
    // The name is an answer of the order's form, read from the ticket.
    when(ticketTexts.answer("REQ-000003", "employeeName")).thenReturn("Nora New");
    when(slaCalendar.workingDaysBefore("2026-12-02", 2)).thenReturn(Date.from(REMINDER));
  }

  @AfterEach
  void reset() {
    ProcessFlow.release();
  }

  ProcessInstance onboard() {
    return engine.getRuntimeService().startProcessInstanceByKey("fulfil-onboarding", "REQ-000003",
        Map.of("ticketNumber", "REQ-000003", "startDate", "2026-12-02"));
  }

  void completeStep(ProcessInstance instance, String step, Map<String, Object> form) {
    org.camunda.bpm.engine.task.Task task = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(step)
        .singleResult();
    complete(task, form);
  }

  @Test
  void hrThenItAndFacilitiesInParallelGetTheNewEmployeeReady() {
    ProcessInstance instance = onboard();

    assertThat(instance).isWaitingAt("Activity_HrPaperwork");
    assertThat(task(instance)).hasCandidateGroup("hr");
    complete(task(instance), withVariables("contractReference", "C-1"));
    assertThat(instance).isWaitingAt("Activity_ItAccountAndLaptop", "Activity_DeskAndBadge");
    completeStep(instance, "Activity_DeskAndBadge", withVariables("desk", "4.12", "badgeNumber", "B-9"));
    completeStep(instance, "Activity_ItAccountAndLaptop", withVariables("accountName", "nnew", "laptopAssetTag", "A-1"));

    assertThat(instance).hasPassed("Event_Prepared", "Event_NewEmployeeReady").isEnded().hasNotPassed("Activity_RemindHr");
    assertThat(delegates.steps("recordFulfilmentStep")).hasSize(3);
    // HR's clock, then the service desk's and facilities' side by side, each stopped when its task is done.
    assertThat(delegates.calls("holdGroupOlaClock")).extracting(call -> call.input().get("group"))
        .containsExactlyInAnyOrder("hr", "service-desk", "facilities");
    assertThat(delegates.steps("releaseOlaTask")).containsExactly("Activity_HrPaperwork", "Activity_DeskAndBadge",
        "Activity_ItAccountAndLaptop");
  }

  @Test
  void eachParallelGroupsOlaTimersFireForItsOwnTask() {
    ProcessInstance instance = onboard();
    complete(task(instance), withVariables("contractReference", "C-1"));

    // Two warnings and two breaches, one of each per task; the reminder is days later.
    for (int fired = 0; fired < 4; fired++) {
      timers.fireNext(instance);
    }
    assertThat(delegates.steps("olaTaskWarning")).containsExactlyInAnyOrder("Activity_ItAccountAndLaptop",
        "Activity_DeskAndBadge");
    assertThat(delegates.steps("olaTaskBreach")).containsExactlyInAnyOrder("Activity_ItAccountAndLaptop",
        "Activity_DeskAndBadge");
    assertThat(instance).isWaitingAt("Activity_ItAccountAndLaptop", "Activity_DeskAndBadge");
  }

  @Test
  void hrIsRemindedTwoWorkingDaysBeforeTheStartWhenPreparationIsNotFinished() {
    ProcessInstance instance = onboard();
    complete(task(instance), withVariables("contractReference", "C-1"));

    // The groups' OLA timers (an hour and two after their tasks began) come first.
    assertThat(timers.fireUntil(instance, "Event_StartDateNears")).last().isEqualTo("Event_StartDateNears");

    assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(REMINDER);
    assertThat(instance).hasPassed("Activity_RemindHr", "Event_Reminded")
        .isWaitingAt("Activity_ItAccountAndLaptop", "Activity_DeskAndBadge");
    assertThat(delegates.calls("notify")).singleElement().satisfies(call -> assertThat(call.input())
        .containsEntry("recipientGroup", "hr").containsEntry("kind", "onboarding_reminder")
        .containsEntry("text", "Nora New starts on 2026-12-02 and REQ-000003 is not finished yet."));
  }
}
