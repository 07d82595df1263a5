package org.flowdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.task.Task;
import org.flowdesk.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

/**
 * The race the door cannot close alone: its checks run before the engine's transaction, so a colleague may take the
 * task on in between. Here the door has let the call through already (the engine runs it for the person, as
 * {@code /engine-rest} and Tasklist do) and bob holds the task by then: the engine itself refuses nina's completion
 * and claim, with the task row it would change. A follow-up date, bob's own work, FlowDesk's API and administrators
 * go on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HeldTasksTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  TaskService taskService;
  @Autowired
  IdentityService identityService;

  @AfterEach
  void nobody() {
    identityService.clearAuthentication();
  }

  Task bobsWork() {
    ApiClient api = new ApiClient(rest);
    String ticket = ApiClient.read(api.call("alice", HttpMethod.POST, "/api/incidents", Map.of("title",
        "Dock has no picture", "service", "laptop", "category", "hardware", "impact", 3, "urgency", 3)))
        .get("number").asText();
    Task work = taskService.createTaskQuery().processInstanceBusinessKey(ticket).singleResult();
    taskService.claim(work.getId(), "bob");
    return work;
  }

  @Test
  void aTaskSomeoneElseTookOnMeanwhileIsNeitherCompletedNorHandedOnByTheDoorsCaller() {
    Task work = bobsWork();
    identityService.setAuthentication("nina", List.of("network", "service-desk"));

    assertThatThrownBy(() -> taskService.complete(work.getId(), Map.of("action", "resolve")))
        .isInstanceOf(AuthorizationException.class)
        .hasMessageContaining("has been taken on by Bob Becker in the meantime");
    assertThatThrownBy(() -> taskService.claim(work.getId(), "nina")).isInstanceOf(AuthorizationException.class);
    // A colleague of the group may still set a follow-up date on bob's task (the door allows it).
    Task held = taskService.createTaskQuery().taskId(work.getId()).singleResult();
    held.setFollowUpDate(java.util.Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(1))));
    taskService.saveTask(held);
    identityService.clearAuthentication();
    assertThat(taskService.createTaskQuery().taskId(work.getId()).singleResult().getAssignee()).isEqualTo("bob");

    // An administrator may complete anyone's task.
    identityService.setAuthentication("admin", List.of(Groups.CAMUNDA_ADMIN));
    taskService.complete(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "Done by the administrator"));
    identityService.clearAuthentication();
    assertThat(taskService.createTaskQuery().taskId(work.getId()).singleResult()).isNull();
  }

  @Test
  void theHolderTheSystemAndFlowDesksOwnApiStillWork() {
    Task work = bobsWork();
    new ApiClient(rest).call("bob", HttpMethod.POST, "/api/tasks/" + work.getId() + "/assign", Map.of("assignee", "sam"));
    assertThat(taskService.createTaskQuery().taskId(work.getId()).singleResult().getAssignee()).isEqualTo("sam");

    identityService.setAuthentication("sam", List.of("service-desk"));
    taskService.complete(work.getId(), Map.of("action", "resolve", "resolutionCode", "solved",
        "resolutionNotes", "New cable"));
    assertThat(taskService.createTaskQuery().taskId(work.getId()).singleResult()).isNull();
  }
}
