package org.flowdesk.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which groups play which part, for the Camunda authorizations that Tasklist and
 * {@code /engine-rest} enforce. The groups that work tickets come from the models
 * ({@link AgentGroups}); {@code agentGroups} only adds groups that no model names.
 *
 * @param requesterGroups groups whose members report incidents and answer their own tasks
 * @param agentGroups further groups that work tickets, beyond those the models name
 * @param requesterProcesses process keys requesters may start from Tasklist
 * @param approverGroups groups whose members approve requests
 * @param changeManagerGroups groups of change managers
 * @param cabGroups groups that form the change advisory board
 * @param emergencyBoardGroups groups that approve emergency changes
 * @param serviceOwnerGroups groups that own services
 * @param designerGroups groups of process designers, who try changed models on the workbench
 */
@ConfigurationProperties("flowdesk.access")
public record AccessProperties(
    @DefaultValue("requesters") List<String> requesterGroups,
    @DefaultValue List<String> agentGroups,
    @DefaultValue("incident") List<String> requesterProcesses,
    @DefaultValue("approvers") List<String> approverGroups,
    @DefaultValue("change-managers") List<String> changeManagerGroups,
    @DefaultValue("cab") List<String> cabGroups,
    @DefaultValue("emergency-board") List<String> emergencyBoardGroups,
    @DefaultValue("service-owners") List<String> serviceOwnerGroups,
    @DefaultValue("process-designers") List<String> designerGroups) {

  /** Groups that see every change: change managers and the boards that approve changes. */
  public List<String> changeRoleGroups() {
    return Stream.of(changeManagerGroups, cabGroups, emergencyBoardGroups)
        .flatMap(List::stream).distinct().toList();
  }

  /**
   * Every part beyond requester (everyone), agent (the models' groups) and administrator
   * (camunda-admin), with its groups.
   */
  public Map<String, List<String>> roles() {
    Map<String, List<String>> roles = new LinkedHashMap<>();
    roles.put("approver", approverGroups);
    roles.put("change-manager", changeManagerGroups);
    roles.put("cab", cabGroups);
    roles.put("emergency-board", emergencyBoardGroups);
    roles.put("service-owner", serviceOwnerGroups);
    roles.put("process-designer", designerGroups);
    return roles;
  }
}
