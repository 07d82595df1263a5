package org.flowdesk.cmdb;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.flowdesk.api.ConflictException;
import org.flowdesk.api.FieldError;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.api.FormValidationException;
import org.flowdesk.api.NotFoundException;
import org.flowdesk.identity.AccessProperties;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The configuration items and who may do what with them. Agents, service owners and administrators
 * read the CMDB (requesters do not: it describes the infrastructure); a CI is written by the members
 * of its owner group and by administrators; importing a file, which may touch any group's CIs, is for
 * administrators. Every write keeps who, when, and the CI before and after in its history.
 */
@Service
public class Cmdb {

  private static final Logger LOG = LoggerFactory.getLogger(Cmdb.class);
  static final String KIND = "configuration item";

  private final CiRepository repository;
  private final CiRules rules;
  private final AgentGroups agents;
  private final AccessProperties access;
  private final Clock clock;
  private final CiClasses classes;

  Cmdb(CiRepository repository, CiRules rules, AgentGroups agents, AccessProperties access, Clock clock,
      CiClasses classes) {
    this.classes = classes;
    this.repository = repository;
    this.rules = rules;
    this.agents = agents;
    this.access = access;
    this.clock = clock;
  }

  public boolean canRead(CurrentUser user) {
    return user.isAdministrator() || agents.isAgent(user)
        || access.serviceOwnerGroups().stream().anyMatch(user::isMemberOf);
  }

  boolean canWrite(CurrentUser user, String ownerGroup) {
    return user.isAdministrator() || user.isMemberOf(ownerGroup);
  }

  /** The classes in force, in the order catalog/ci-classes.yaml lists them. */
  List<String> classIds() {
    return classes.current().classes().stream().map(CiClasses.CiClass::id).toList();
  }

  void requireReader(CurrentUser user) {
    if (!canRead(user)) {
      throw new ForbiddenException("The CMDB is for agents, service owners and administrators");
    }
  }

  void requireAdministrator(CurrentUser user, String what) {
    if (!user.isAdministrator()) {
      throw new ForbiddenException(what + " is for administrators");
    }
  }

  @Transactional(readOnly = true)
  public Ci get(CurrentUser user, String key) {
    requireReader(user);
    return repository.find(key).orElseThrow(() -> new NotFoundException(KIND, key));
  }

  record Page(List<Ci> items, int page, int size, long total) {
  }

  @Transactional(readOnly = true)
  Page list(CurrentUser user, CiRepository.Filter filter, int page, int size) {
    requireReader(user);
    return new Page(repository.list(filter, page * size, size), page, size, repository.count(filter));
  }

  @Transactional(readOnly = true)
  List<CiRepository.Incoming> incoming(CurrentUser user, String key) {
    get(user, key);
    return repository.incoming(key);
  }

  @Transactional(readOnly = true)
  List<CiRepository.Change> history(CurrentUser user, String key) {
    get(user, key);
    return repository.history(key);
  }

  @Transactional
  public Ci create(CurrentUser user, CiRules.Input input) {
    requireReader(user);
    if (!user.isAdministrator() && (input.ownerGroup() == null || !user.isMemberOf(input.ownerGroup()))) {
      throw new ForbiddenException("A CI you create must be owned by one of your groups");
    }
    Ci.State state = checked(input);
    if (repository.find(state.key()).isPresent()) {
      throw new ConflictException("A CI with the key " + state.key() + " exists already");
    }
    Instant now = clock.instant();
    repository.insert(state, now);
    repository.recordChange(state.key(), now, user.id(), "created", null, state);
    LOG.info("CI {} created by {}", state.key(), user.id());
    return repository.find(state.key()).orElseThrow();
  }

  @Transactional
  public Ci update(CurrentUser user, String key, CiRules.Input input) {
    Ci current = get(user, key);
    if (!canWrite(user, current.ownerGroup())) {
      throw new ForbiddenException("CI " + key + " is written by its owner group " + current.ownerGroup()
          + " and by administrators");
    }
    if (input.key() != null && !input.key().equals(key)) {
      throw new FormValidationException(List.of(new FieldError("key", "a CI's key does not change")));
    }
    if (!user.isAdministrator() && (input.ownerGroup() == null || !user.isMemberOf(input.ownerGroup()))) {
      throw new ForbiddenException("You may hand a CI only to one of your groups");
    }
    Ci.State state = checked(new CiRules.Input(key, input.ciClass(), input.name(), input.attributes(),
        input.ownerGroup(), input.lifecycle(), input.criticality(), input.relations(), input.services()));
    return write(user, current, state, "updated");
  }

  @Transactional
  public Ci retire(CurrentUser user, String key) {
    Ci current = get(user, key);
    if (!canWrite(user, current.ownerGroup())) {
      throw new ForbiddenException("CI " + key + " is retired by its owner group " + current.ownerGroup()
          + " or an administrator");
    }
    if (Ci.RETIRED.equals(current.lifecycle())) {
      throw new ConflictException("CI " + key + " is retired already");
    }
    Ci.State before = current.state();
    Ci.State after = new Ci.State(before.key(), before.ciClass(), before.name(), before.attributes(),
        before.ownerGroup(), Ci.RETIRED, before.criticality(), before.relations(), before.services());
    return write(user, current, after, "retired");
  }

  /**
   * One relation more from the CI: checked against the classes in force (its type, a CI at its end, a relation
   * the two classes allow), refused when the CI has it already. The history keeps it as "relation-added".
   */
  @Transactional
  public Ci addRelation(CurrentUser user, String key, Ci.Relation relation) {
    Ci current = writable(user, key, "related to other CIs");
    String refused = rules.refusal(key, current.ciClass(),
        to -> repository.classesOf(List.of(to)).get(to), relation);
    if (refused != null) {
      throw new FormValidationException(List.of(new FieldError("relation", refused)));
    }
    if (current.relations().contains(relation)) {
      throw new ConflictException("CI " + key + " " + relation.type() + " " + relation.to() + " already");
    }
    List<Ci.Relation> relations = new java.util.ArrayList<>(current.relations());
    relations.add(relation);
    relations.sort(java.util.Comparator.comparing(Ci.Relation::type).thenComparing(Ci.Relation::to));
    return write(user, current, withRelations(current.state(), relations), "relation-added");
  }

  /** One relation less from the CI; the history keeps it as "relation-removed". */
  @Transactional
  public Ci removeRelation(CurrentUser user, String key, Ci.Relation relation) {
    Ci current = writable(user, key, "related to other CIs");
    if (!current.relations().contains(relation)) {
      throw new NotFoundException("relation", key + " " + relation.type() + " " + relation.to());
    }
    List<Ci.Relation> relations = current.relations().stream().filter(r -> !r.equals(relation)).toList();
    return write(user, current, withRelations(current.state(), relations), "relation-removed");
  }

  /** The attribute of an asset's class that names the person it is assigned to (catalog/ci-classes.yaml). */
  static final String ASSIGNED_TO = "assignedTo";
  static final String ASSET_TAG = "assetTag";

  /**
   * A delivered device becomes a CI of its class assigned to the person, in the lifecycle given: a new
   * key (from its asset tag) is created, a CI of the class with that key is handed to the person. When a CI
   * of another class has the key, the device's key is its class and the key ({@code laptop-srv-01}), so a
   * typing slip never stops the fulfilment nor touches that CI. The steps of the fulfilment do this, so the
   * history names FlowDesk as who changed it.
   */
  @Transactional
  public Ci recordAsset(String actor, String tagKey, String ciClass, String assetTag, String person,
      String ownerGroup, List<String> services, String lifecycle) {
    String key = tagKey;
    Ci current = repository.find(key).orElse(null);
    if (current != null && !current.ciClass().equals(ciClass)) {
      String own = ciClass + "-" + tagKey;
      key = own.length() > 64 ? own.substring(0, 64) : own;
      current = repository.find(key).orElse(null);
    }
    if (current == null) {
      String className = classes.current().ciClass(ciClass).map(CiClasses.CiClass::name).orElse(ciClass);
      Ci.State state = checked(new CiRules.Input(key, ciClass, className + " " + assetTag,
          Map.of(ASSET_TAG, assetTag, ASSIGNED_TO, person), ownerGroup, lifecycle, "low", List.of(), services));
      Instant now = clock.instant();
      repository.insert(state, now);
      repository.recordChange(key, now, actor, "created", null, state);
      LOG.info("CI {} created for {} by {}", key, person, actor);
      return repository.find(key).orElseThrow();
    }
    if (!current.ciClass().equals(ciClass)) {
      throw new IllegalStateException("The asset tag " + assetTag + " is CI " + key + ", a " + current.ciClass()
          + ", not a " + ciClass);
    }
    Map<String, Object> attributes = new java.util.TreeMap<>(current.attributes());
    attributes.put(ASSIGNED_TO, person);
    Ci.State before = current.state();
    Ci.State after = checked(new CiRules.Input(key, ciClass, before.name(), attributes, before.ownerGroup(), lifecycle,
        before.criticality(), before.relations(), before.services()));
    return write(actor, current, after, "assigned");
  }

  /** The device's CI goes live: it has been handed over. */
  @Transactional
  public void handedOver(String actor, String key) {
    Ci current = repository.find(key).orElseThrow(() -> new IllegalStateException("No CI " + key + " to hand over"));
    Ci.State before = current.state();
    write(actor, current, new Ci.State(before.key(), before.ciClass(), before.name(), before.attributes(),
        before.ownerGroup(), Ci.LIVE, before.criticality(), before.relations(), before.services()), "handed-over");
  }

  /**
   * A device given back: its CI is assigned to nobody any more and goes to the lifecycle given (retired, or planned
   * when it goes back to stock to be handed out again). The history keeps it as "returned".
   */
  @Transactional
  public Ci takeBack(String actor, String key, String lifecycle) {
    Ci current = repository.find(key).orElseThrow(() -> new IllegalStateException("No CI " + key + " to take back"));
    Map<String, Object> attributes = new java.util.TreeMap<>(current.attributes());
    attributes.remove(ASSIGNED_TO);
    Ci.State before = current.state();
    Ci.State after = checked(new CiRules.Input(key, before.ciClass(), before.name(), attributes, before.ownerGroup(),
        lifecycle, before.criticality(), before.relations(), before.services()));
    return write(actor, current, after, "returned");
  }

  /** The devices assigned to the person that are not retired, by name: what "my devices" shows. */
  @Transactional(readOnly = true)
  public List<Ci> devicesOf(String person) {
    return repository.assignedTo(ASSIGNED_TO, person);
  }

  private Ci writable(CurrentUser user, String key, String what) {
    Ci current = get(user, key);
    if (!canWrite(user, current.ownerGroup())) {
      throw new ForbiddenException("CI " + key + " is " + what + " by its owner group " + current.ownerGroup()
          + " and by administrators");
    }
    return current;
  }

  private static Ci.State withRelations(Ci.State state, List<Ci.Relation> relations) {
    return new Ci.State(state.key(), state.ciClass(), state.name(), state.attributes(), state.ownerGroup(),
        state.lifecycle(), state.criticality(), List.copyOf(relations), state.services());
  }

  private Ci write(CurrentUser user, Ci current, Ci.State after, String action) {
    return write(user.id(), current, after, action);
  }

  private Ci write(String actor, Ci current, Ci.State after, String action) {
    if (current.state().equals(after)) {
      return current;
    }
    Instant now = clock.instant();
    repository.update(after, now);
    repository.recordChange(after.key(), now, actor, action, current.state(), after);
    LOG.info("CI {} {} by {}", after.key(), action, actor);
    return repository.find(after.key()).orElseThrow();
  }

  private Ci.State checked(CiRules.Input input) {
    List<String> targets = input.relations() == null ? List.of()
        : input.relations().stream().filter(r -> r != null && r.to() != null).map(Ci.Relation::to).toList();
    Map<String, String> classes = repository.classesOf(targets);
    CiRules.Checked checked = rules.check(input, classes::get);
    if (!checked.errors().isEmpty()) {
      throw new FormValidationException(checked.errors());
    }
    return checked.state();
  }
}
