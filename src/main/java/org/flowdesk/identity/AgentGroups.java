package org.flowdesk.identity;

import java.util.List;
import java.util.stream.Stream;

import org.flowdesk.models.DeployedVocabulary;
import org.springframework.stereotype.Component;

/**
 * The groups that work tickets: every group the deployed models hand work to, ask for a decision
 * or notify, except the change roles (change managers and the boards, which see changes but have
 * no queue), plus any listed in {@code flowdesk.access.agent-groups}. A group added to a model
 * is an agent group as soon as the model is deployed: its members open Tasklist, get a queue, may
 * raise changes and have a backlog metric.
 */
@Component
public class AgentGroups {

  private final AccessProperties access;
  private final DeployedVocabulary vocabulary;

  AgentGroups(AccessProperties access, DeployedVocabulary vocabulary) {
    this.access = access;
    this.vocabulary = vocabulary;
  }

  public List<String> all() {
    List<String> changeRoles = access.changeRoleGroups();
    return Stream.concat(vocabulary.current().groupIds().stream(), access.agentGroups().stream())
        .filter(group -> !changeRoles.contains(group))
        .distinct().sorted().toList();
  }

  public List<String> of(CurrentUser user) {
    return all().stream().filter(user::isMemberOf).toList();
  }

  public boolean isAgent(CurrentUser user) {
    return all().stream().anyMatch(user::isMemberOf);
  }
}
