package org.flowdesk.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.flowdesk.models.DeployedVocabulary;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Camunda authorizations for the parts people play, so that Tasklist offers requesters the
 * processes they may start and everyone their own tasks. Task permissions themselves come from
 * the engine: a task's assignee and candidate groups are granted it when they are set.
 *
 * <p>The one Tasklist filter, "My tasks", has no criteria: what each person sees in it is what
 * their authorizations allow, so it needs no expressions in stored queries.
 */
@Component
@Order(-5)
class CamundaAccessSetup implements ApplicationRunner {

  static final String MY_TASKS = "My tasks";
  static final String CHANGE_PROCESS = "change";

  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final TaskService tasks;
  private final AccessProperties access;
  private final AgentGroups agents;

  CamundaAccessSetup(AuthorizationService authorizations, FilterService filters, TaskService tasks,
      AccessProperties access, AgentGroups agents) {
    this.agents = agents;
    this.authorizations = authorizations;
    this.filters = filters;
    this.tasks = tasks;
    this.access = access;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    grantAll();
  }

  /** A model named a new group: its members open Tasklist and raise changes at once. */
  @EventListener
  @Transactional
  public void modelsChanged(DeployedVocabulary.VocabularyChanged changed) {
    grantAll();
  }

  private void grantAll() {
    String myTasks = myTasksFilter();
    List<String> everyone = Stream.of(access.requesterGroups(), agents.all(), access.changeRoleGroups())
        .flatMap(List::stream).distinct().toList();
    for (String group : everyone) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(group, Resources.FILTER, myTasks, Permissions.READ);
    }
    for (String group : access.requesterGroups()) {
      grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
      for (String process : access.requesterProcesses()) {
        grant(group, Resources.PROCESS_DEFINITION, process, ProcessDefinitionPermissions.READ,
            ProcessDefinitionPermissions.CREATE_INSTANCE);
      }
    }
    // Agents and change managers raise changes from Tasklist too.
    for (String group : Stream.concat(agents.all().stream(), access.changeRoleGroups().stream()).distinct().toList()) {
      grant(group, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
      grant(group, Resources.PROCESS_DEFINITION, CHANGE_PROCESS, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.CREATE_INSTANCE);
    }
  }

  private String myTasksFilter() {
    Filter existing = filters.createFilterQuery().filterName(MY_TASKS).singleResult();
    if (existing != null) {
      return existing.getId();
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("description", "Tasks assigned to you and to your groups");
    properties.put("priority", -10);
    properties.put("refresh", true);
    Filter filter = filters.newTaskFilter(MY_TASKS).setQuery(tasks.createTaskQuery().orderByDueDate().asc())
        .setProperties(properties);
    return filters.saveFilter(filter).getId();
  }

  private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
        .resourceType(resource).resourceId(resourceId).singleResult();
    Authorization grant = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(group);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }
}
