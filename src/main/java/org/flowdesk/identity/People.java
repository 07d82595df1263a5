package org.flowdesk.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.models.ModelHelper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * FlowDesk's people directory: each user's department and manager. Models ask it who approves
 * for a requester ({@code ${people.managerOf(requester)}}, {@code ${people.managersOf(requester)}})
 * and who of a group may decide on a ticket other than its requester
 * ({@code ${people.membersExcept('budget-owners', requester)}}). Who falls back to whom is the
 * models' to say.
 */
@ModelHelper
@Service("people")
public class People {

  /** A user's place in the organisation. */
  public record Person(String userId, String department, String manager) {
  }

  /** Who acts when no person does: FlowDesk's own steps, as the timeline names them. */
  static final String ENGINE = "flowdesk";

  private final JdbcClient jdbc;
  private final IdentityService identityService;

  People(JdbcClient jdbc, IdentityService identityService) {
    this.jdbc = jdbc;
    this.identityService = identityService;
  }

  @Transactional(readOnly = true)
  public Optional<Person> find(String userId) {
    return jdbc.sql("SELECT user_id, department, manager_id FROM fd_person WHERE user_id = ?").param(userId)
        .query((rs, n) -> new Person(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
  }

  /** A user's name as people read it ("Alice Andersen"; the id when the profile has no name), if the user exists. */
  public Optional<String> nameOf(String userId) {
    User user = user(userId);
    if (user == null) {
      return Optional.empty();
    }
    String name = java.util.stream.Stream.of(user.getFirstName(), user.getLastName())
        .filter(part -> part != null && !part.isBlank()).collect(java.util.stream.Collectors.joining(" "));
    return Optional.of(name.isEmpty() ? user.getId() : name);
  }

  /** A user's e-mail address as their profile has it, if the user exists and has one. */
  public Optional<String> mailOf(String userId) {
    return Optional.ofNullable(user(userId)).map(User::getEmail).filter(mail -> !mail.isBlank());
  }

  /**
   * The user with their groups, as the API's caller would be, if the user exists: someone a ticket is
   * entered for, whose groups decide what they may order and whether they approve.
   */
  public Optional<CurrentUser> asUser(String userId) {
    return withoutAuthorization(() -> {
      if (identityService.createUserQuery().userId(userId).count() != 1) {
        return Optional.<CurrentUser>empty();
      }
      java.util.Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
          .map(org.camunda.bpm.engine.identity.Group::getId).collect(java.util.stream.Collectors.toUnmodifiableSet());
      return Optional.of(new CurrentUser(userId, groups));
    });
  }

  /**
   * Up to {@code max} users whose id is the text, whose e-mail address contains it, or whose first or
   * last name does as written with a capital ("ander" finds Alice Andersen), sorted by id; the first
   * users by id for no text.
   */
  public List<String> search(String text, int max) {
    return withoutAuthorization(() -> {
      if (text == null || text.isBlank()) {
        return identityService.createUserQuery().orderByUserId().asc().listPage(0, max).stream().map(User::getId)
            .toList();
      }
      String typed = text.strip();
      String capital = "%" + Character.toUpperCase(typed.charAt(0)) + typed.substring(1) + "%";
      java.util.SortedSet<String> found = new java.util.TreeSet<>();
      identityService.createUserQuery().userId(typed).list().forEach(u -> found.add(u.getId()));
      identityService.createUserQuery().userEmailLike("%" + typed.toLowerCase(java.util.Locale.ROOT) + "%")
          .listPage(0, max).forEach(u -> found.add(u.getId()));
      identityService.createUserQuery().userFirstNameLike(capital).listPage(0, max).forEach(u -> found.add(u.getId()));
      identityService.createUserQuery().userLastNameLike(capital).listPage(0, max).forEach(u -> found.add(u.getId()));
      return found.stream().limit(max).toList();
    });
  }

  /**
   * A person's name for the models' texts ({@code ${people.name(requester)}}): "Alice Andersen", or the id of
   * someone the directory does not know; an empty text for nobody.
   */
  public String name(String userId) {
    return userId == null || userId.isBlank() ? "" : nameOf(userId).orElse(userId);
  }

  /**
   * Who is acting now, for the models' texts and timeline ({@code ${people.acting()}}): the caller of FlowDesk's API or
   * of {@code /engine-rest}, else the user logged in to the engine (Tasklist); {@value #ENGINE} when the engine runs
   * on its own (a timer, an asynchronous step). A step that completes a task reads it in the same thread: the one
   * who completed it.
   */
  public String acting() {
    return ActingUser.of(identityService).orElse(ENGINE);
  }

  /**
   * A group's name for the models' texts ({@code the ${people.groupName(assignmentGroup)} queue}): "Service desk",
   * or the id of a group the directory does not know; an empty text for none.
   */
  public String groupName(String groupId) {
    return groupId == null || groupId.isBlank() ? "" : groupNameOf(groupId).orElse(groupId);
  }

  /**
   * A group's name ("Service desk"; the id when it has none), if the group exists. Inside a command (the receipt's
   * text asks at intake) the identity provider finds the group by its key, as {@link #user} finds a user.
   */
  public Optional<String> groupNameOf(String groupId) {
    if (groupId == null) {
      return Optional.empty();
    }
    CommandContext command = Context.getCommandContext();
    org.camunda.bpm.engine.identity.Group group = command != null
        ? command.runWithoutAuthorization(() -> command.getReadOnlyIdentityProvider().findGroupById(groupId))
        : withoutAuthorization(() -> identityService.createGroupQuery().groupId(groupId).singleResult());
    if (group == null) {
      return Optional.empty();
    }
    return Optional.of(group.getName() == null || group.getName().isBlank() ? group.getId() : group.getName());
  }

  /**
   * The id of the group the directory names so ("Service desk" → service-desk), if exactly one group has the name: a
   * text written with a group's name ("OLA breached by Service desk") reads it in another language by the group's id.
   */
  public Optional<String> groupNamed(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    List<org.camunda.bpm.engine.identity.Group> named = withoutAuthorization(
        () -> identityService.createGroupQuery().groupName(name).listPage(0, 2));
    return named.size() == 1 ? Optional.of(named.get(0).getId()) : Optional.empty();
  }

  /** The user's manager, or null when the directory names none. */
  public String managerOf(String userId) {
    return find(userId).map(Person::manager).orElse(null);
  }

  /** The user's managers: their manager first, then up the chain to the top (never the user); empty when they have none. */
  public List<String> managersOf(String userId) {
    List<String> chain = new ArrayList<>();
    for (String next = managerOf(userId); next != null && !next.equals(userId) && !chain.contains(next); next = managerOf(next)) {
      chain.add(next);
    }
    return chain;
  }

  /**
   * The group's members other than the given user, sorted: who of the group may approve what
   * that user asked for. Empty when the user is the group's only member. Asked of the identity
   * service without authorization checks: a step runs as whoever completed the task before it,
   * whose authorizations would hide the other members.
   */
  public List<String> membersExcept(String groupId, String userId) {
    return withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId)
        .orderByUserId().asc().list().stream().map(User::getId).filter(id -> !id.equals(userId)).toList());
  }

  /** The group's members, by user id (asked without authorization checks, as {@link #membersExcept}). */
  public List<String> members(String groupId) {
    return withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(groupId)
        .orderByUserId().asc().list().stream().map(User::getId).toList());
  }

  /**
   * The user, if they exist and belong to the group; otherwise nobody (null). For a step that goes back to whoever
   * worked the ticket before, as long as they still work for its group
   * ({@code ${people.ifMember(execution.getVariable('agent'), assignmentGroup)}}).
   */
  public String ifMember(String userId, String groupId) {
    // An expression hands a missing variable over as "" (EL coerces null to an empty text).
    return userId != null && !userId.isBlank() && groupId != null && !groupId.isBlank() && isMember(userId, groupId)
        ? userId : null;
  }

  /** Whether the user exists and belongs to the group (asked without authorization checks). */
  public boolean isMember(String userId, String groupId) {
    return withoutAuthorization(() ->
        identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0);
  }

  /**
   * The user by id, or null. Inside a command (a model's expression asks at intake) the engine's identity
   * provider finds it by its key, cached for the rest of the command, instead of building a user query's
   * dynamic SQL each time.
   */
  private User user(String userId) {
    if (userId == null) {
      return null;
    }
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      return command.runWithoutAuthorization(() -> command.getReadOnlyIdentityProvider().findUserById(userId));
    }
    return withoutAuthorization(() -> identityService.createUserQuery().userId(userId).singleResult());
  }

  <T> T withoutAuthorization(Callable<T> read) {
    CommandContext command = Context.getCommandContext();
    if (command != null) {
      return command.runWithoutAuthorization(read);
    }
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return read.call();
    } catch (Exception e) {
      throw new IllegalStateException("The identity service could not be read", e);
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  @Transactional(readOnly = true)
  public List<String> reportsOf(String manager) {
    return jdbc.sql("SELECT user_id FROM fd_person WHERE manager_id = ? ORDER BY user_id").param(manager)
        .query(String.class).list();
  }

  /**
   * Sets a user's department and manager. The manager must be another existing user who does
   * not, directly or further up, report to this user.
   */
  @Transactional
  public Person update(String userId, String department, String manager) {
    List<FieldError> errors = new ArrayList<>();
    if (!exists(userId)) {
      errors.add(new FieldError("user", "no user '" + userId + "'"));
    }
    if (manager != null) {
      if (manager.equals(userId)) {
        errors.add(new FieldError("manager", "a user cannot be their own manager"));
      } else if (!exists(manager)) {
        errors.add(new FieldError("manager", "no user '" + manager + "'"));
      } else if (managersOf(manager).contains(userId)) {
        errors.add(new FieldError("manager", manager + " reports to " + userId + " already"));
      }
    }
    if (!errors.isEmpty()) {
      throw new FormValidationException(errors);
    }
    int updated = jdbc.sql("UPDATE fd_person SET department = ?, manager_id = ? WHERE user_id = ?")
        .params(department, manager, userId).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO fd_person (user_id, department, manager_id) VALUES (?, ?, ?)")
          .params(userId, department, manager).update();
    }
    return new Person(userId, department, manager);
  }

  private boolean exists(String userId) {
    return identityService.createUserQuery().userId(userId).count() == 1;
  }
}
