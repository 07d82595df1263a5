package org.flowdesk.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.models.DeployedVocabulary;
import org.flowdesk.sla.SlaCalendar;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Who the caller is and which parts they play, for clients that adapt to the person. */
@RestController
@Tag(name = "People", description = "Who the caller is, the people directory and the audit of administrative actions.")
class MeController {

  private final IdentityService identityService;
  private final AccessProperties access;
  private final AgentGroups agents;
  private final SlaCalendar calendar;
  private final DeployedVocabulary vocabulary;

  MeController(IdentityService identityService, AccessProperties access, AgentGroups agents, SlaCalendar calendar,
      DeployedVocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.calendar = calendar;
    this.agents = agents;
    this.identityService = identityService;
    this.access = access;
  }

  /** {@code agentGroups}: the caller's groups that work tickets (their queues). */
  record Me(String id, String firstName, String lastName, String email, List<String> groups, Set<String> roles,
      List<String> agentGroups,
      @Schema(description = "The service desk's time zone: forms take and show times without an offset in it, "
          + "business hours count in it", example = "Europe/Berlin") String deskTimeZone) {
  }

  @Operation(operationId = "me", summary = "Who the caller is",
      description = "The caller's profile, groups, roles (requester, agent, approver, …) and the groups whose "
          + "queues they work, for clients that adapt to the person.")
  @ApiResponse(responseCode = "200", description = "The caller")
  @GetMapping("/api/me")
  Me me(Authentication caller) {
    CurrentUser user = CurrentUser.of(caller);
    User profile = identityService.createUserQuery().userId(user.id()).singleResult();
    return new Me(user.id(), profile.getFirstName(), profile.getLastName(), profile.getEmail(),
        user.groups().stream().sorted().toList(), roles(user),
        agents.of(user), calendar.zone().getId());
  }

  private Set<String> roles(CurrentUser user) {
    Set<String> roles = new LinkedHashSet<>();
    roles.add("requester");
    if (agents.isAgent(user)) {
      roles.add("agent");
    }
    access.roles().forEach((role, groups) -> {
      if (groups.stream().anyMatch(user::isMemberOf)) {
        roles.add(role);
      }
    });
    // A group a model offers approvals to approves, whether or not the settings list it (a new department's).
    if (vocabulary.current().groupsOfKind("approval").stream().anyMatch(user::isMemberOf)) {
      roles.add("approver");
    }
    if (user.isAdministrator()) {
      roles.add("administrator");
    }
    return roles;
  }
}
