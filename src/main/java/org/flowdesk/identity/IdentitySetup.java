package org.flowdesk.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.flowdesk.UtcColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Makes sure the administrators group exists with every permission and is never empty (so
 * Camunda's first-admin set-up page is never usable), and seeds the demo people once. Refuses
 * to start when the administrator's password breaks the password policy (when it is on) and, in
 * production ({@code flowdesk.security.production-identities}), while the directory still holds
 * the demo users or an administrator whose password is not the configured one.
 */
@Component
@Order(-10)
class IdentitySetup implements ApplicationRunner {

  static final String DEMO_STEP = "demo-people";

  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  record DemoPeople(List<DemoGroup> groups, List<DemoUser> users) {
  }

  record DemoGroup(String id, String name) {
  }

  /** {@code language}: the language in the user's profile (Camunda's user info), when they have chosen one. */
  record DemoUser(String id, String firstName, String lastName, String email, List<String> groups,
      String department, String manager, String language) {
  }

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final AdminProperties admin;
  private final JdbcClient jdbc;
  private final People people;
  private final boolean demoData;
  private final Clock clock;
  private final SecuritySettings security;
  private final ProcessEngineConfigurationImpl engineConfiguration;

  IdentitySetup(IdentityService identityService, AuthorizationService authorizationService, AdminProperties admin,
      JdbcClient jdbc, People people, @Value("${flowdesk.demo-data:false}") boolean demoData, Clock clock,
      SecuritySettings security, ProcessEngineConfigurationImpl engineConfiguration) {
    this.clock = clock;
    this.security = security;
    this.engineConfiguration = engineConfiguration;
    this.people = people;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.admin = admin;
    this.jdbc = jdbc;
    this.demoData = demoData;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    List<String> problems = new ArrayList<>();
    weakAdministratorPassword().ifPresent(problems::add);
    if (security.productionIdentities()) {
      foreignAdministratorPassword().ifPresent(problems::add);
      demoUsersLeft().ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("FlowDesk does not start: " + String.join(" ", problems));
    }
    ensureAdministrators();
    if (demoData && !done(DEMO_STEP)) {
      seedDemoPeople();
      markDone(DEMO_STEP);
    }
  }

  private void ensureAdministrators() {
    if (identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
      Group group = identityService.newGroup(Groups.CAMUNDA_ADMIN);
      group.setName("Administrators");
      group.setType(Groups.GROUP_TYPE_SYSTEM);
      identityService.saveGroup(group);
    }
    for (Resource resource : Resources.values()) {
      if (authorizationService.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
          .resourceType(resource).resourceId(Authorization.ANY).count() == 0) {
        Authorization all = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(Groups.CAMUNDA_ADMIN);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizationService.saveAuthorization(all);
      }
    }
    if (identityService.createUserQuery().userId(admin.id()).count() == 0) {
      User user = identityService.newUser(admin.id());
      user.setFirstName("FlowDesk");
      user.setLastName("Administrator");
      user.setPassword(admin.password());
      identityService.saveUser(user);
      LOG.info("Created administrator {}", admin.id());
    }
    if (identityService.createUserQuery().userId(admin.id()).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
      identityService.createMembership(admin.id(), Groups.CAMUNDA_ADMIN);
    }
  }

  /**
   * With Camunda's password policy on (prod), the administrator's password must meet it: the policy the engine has,
   * which a plugin may have put in place of the default one {@link AdministratorCheck} checked before the start.
   */
  private Optional<String> weakAdministratorPassword() {
    PasswordPolicy policy = identityService.getPasswordPolicy();
    return policy == null ? Optional.empty() : weakPassword(policy, admin);
  }

  /** The rules of the policy the administrator's password breaks, as the operator reads them; empty when none. */
  static Optional<String> weakPassword(PasswordPolicy policy, AdminProperties admin) {
    UserEntity candidate = new UserEntity(admin.id());
    candidate.setFirstName("FlowDesk");
    candidate.setLastName("Administrator");
    List<PasswordPolicyRule> broken = policy.getRules().stream()
        .filter(rule -> !rule.execute(admin.password(), candidate)).toList();
    if (broken.isEmpty()) {
      return Optional.empty();
    }
    String needs = broken.stream().map(IdentitySetup::describe).collect(Collectors.joining(", "));
    return Optional.of("The administrator's password (FLOWDESK_ADMIN_PASSWORD, flowdesk.admin.password) "
        + "does not meet the password policy; it needs " + needs + ".");
  }

  private static String describe(PasswordPolicyRule rule) {
    String count = rule.getParameters() == null || rule.getParameters().isEmpty() ? ""
        : rule.getParameters().values().iterator().next();
    String plural = "1".equals(count) ? "" : "s";
    return switch (rule.getPlaceholder()) {
      case "PASSWORD_POLICY_LENGTH" -> "at least " + count + " characters";
      case "PASSWORD_POLICY_LOWERCASE" -> "at least " + count + " lower-case letter" + plural;
      case "PASSWORD_POLICY_UPPERCASE" -> "at least " + count + " upper-case letter" + plural;
      case "PASSWORD_POLICY_DIGIT" -> "at least " + count + " digit" + plural;
      case "PASSWORD_POLICY_SPECIAL" -> "at least " + count + " special character" + plural;
      case "PASSWORD_POLICY_USER_DATA" -> "not to contain the user id or name";
      default -> rule.getPlaceholder() + " " + rule.getParameters();
    };
  }

  /** An administrator that exists keeps their password: FlowDesk refuses rather than overwrite it. */
  private Optional<String> foreignAdministratorPassword() {
    User existing = identityService.createUserQuery().userId(admin.id()).singleResult();
    if (existing == null || hasPassword(existing, admin.password())) {
      return Optional.empty();
    }
    return Optional.of("The administrator " + admin.id() + " already exists with a password other than "
        + "FLOWDESK_ADMIN_PASSWORD, and FlowDesk does not overwrite it: set FLOWDESK_ADMIN_PASSWORD to " + admin.id()
        + "'s current password, or reset that password (Camunda Admin, or PUT /engine-rest/user/" + admin.id()
        + "/credentials) and set the variable to the new one.");
  }

  /**
   * The demo people, and any other administrator whose password is their user id (the demo
   * administrator admin/admin), left in a database that was first started with demo data.
   */
  private Optional<String> demoUsersLeft() {
    Stream<String> demoPeople = readDemoPeople().users().stream().map(DemoUser::id)
        .filter(id -> identityService.createUserQuery().userId(id).count() > 0);
    Stream<String> demoAdministrators = identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()
        .stream().filter(user -> !user.getId().equals(admin.id()) && hasPassword(user, user.getId())).map(User::getId);
    List<String> left = Stream.concat(demoAdministrators, demoPeople).distinct().toList();
    if (left.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("The database still holds the demo users " + String.join(", ", left)
        + " (created with their user id as password). Delete them in Camunda Admin (Users) or with DELETE "
        + "/engine-rest/user/{id} (started once without the prod profile), or start on a fresh database.");
  }

  /**
   * Compares with the stored hash as Camunda's login does, but without counting a failed login
   * against the account (checkPassword would, and refuses a locked account whatever the password).
   */
  private boolean hasPassword(User user, String password) {
    UserEntity stored = (UserEntity) user;
    return stored.getPassword() != null && engineConfiguration.getPasswordManager()
        .check(EncryptionUtil.saltPassword(password, stored.getSalt()), stored.getPassword());
  }

  private void seedDemoPeople() {
    DemoPeople people = readDemoPeople();
    for (DemoGroup demo : people.groups()) {
      if (identityService.createGroupQuery().groupId(demo.id()).count() == 0) {
        Group group = identityService.newGroup(demo.id());
        group.setName(demo.name());
        group.setType(Groups.GROUP_TYPE_WORKFLOW);
        identityService.saveGroup(group);
      }
    }
    for (DemoUser demo : people.users()) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identityService.saveUser(user);
        if (demo.language() != null) {
          identityService.setUserInfo(demo.id(), "language", demo.language());
        }
      }
      for (String group : demo.groups()) {
        identityService.createMembership(demo.id(), group);
      }
    }
    // Managers after everyone exists: a manager may come later in the file.
    for (DemoUser demo : people.users()) {
      this.people.update(demo.id(), demo.department(), demo.manager());
    }
    LOG.info("Seeded {} demo users in {} groups", people.users().size(), people.groups().size());
  }

  private DemoPeople readDemoPeople() {
    try (InputStream in = new ClassPathResource("demo/people.yaml").getInputStream()) {
      return new ObjectMapper(new YAMLFactory()).readValue(in, DemoPeople.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read demo/people.yaml", e);
    }
  }

  private boolean done(String step) {
    return jdbc.sql("SELECT COUNT(*) FROM fd_setup_step WHERE step = ?").param(step).query(Long.class).single() > 0;
  }

  private void markDone(String step) {
    jdbc.sql("INSERT INTO fd_setup_step (step, done_at) VALUES (?, ?)")
        .param(step).param(UtcColumns.utc(clock.instant())).update();
  }
}
