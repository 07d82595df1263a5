package org.flowdesk.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.flowdesk.identity.People;
import org.flowdesk.models.ModelCompanion;
import org.flowdesk.models.ModelIndex;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ModelRejectedException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads catalog/*.yaml (sections {@code linesOfBusiness}, {@code services}, {@code requestItems},
 * {@code changeTemplates}, {@code blackoutWindows}, {@code effortRates}, {@code organisations}, {@code groups}, in
 * any file) with every model deployment, checks it against itself and the model files, and puts it in force only
 * when the whole deployment goes through. Section {@code calendars} is the SLA clocks' (sla/CalendarFiles).
 */
@Component
class CatalogFiles implements ModelCompanion {

  static final String FOLDER = "catalog";
  /** The CMDB's classes of configuration items: a file of the catalog that the CMDB reads itself. */
  static final String CI_CLASSES = "ci-classes.yaml";
  private static final Set<String> LIFECYCLES = Set.of(Portfolio.PIPELINE, Portfolio.CATALOG, Portfolio.RETIRED);
  private static final Set<String> SUPPORT_HOURS = Set.of("24x7", "business");
  private static final Set<String> CRITICALITIES = Set.of("low", "medium", "high");
  private static final java.util.regex.Pattern SERVICE_LEVEL = java.util.regex.Pattern.compile("[a-z][a-z0-9-]*");
  private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile(
      "(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** One catalog file as written. */
  record File(
      @JsonProperty("linesOfBusiness") List<Portfolio.LineOfBusiness> linesOfBusiness,
      @JsonProperty("services") List<Portfolio.Service> services,
      @JsonProperty("requestItems") List<Portfolio.RequestItem> requestItems,
      @JsonProperty("changeTemplates") List<Portfolio.ChangeTemplate> changeTemplates,
      @JsonProperty("blackoutWindows") List<Portfolio.BlackoutWindow> blackoutWindows,
      @JsonProperty("effortRates") List<Portfolio.EffortRate> effortRates,
      @JsonProperty("organisations") List<Portfolio.Organisation> organisations,
      @JsonProperty("groups") List<Portfolio.Group> groups,
      @JsonProperty("calendars") List<Object> calendars) {
  }

  private final Catalog catalog;
  /** The directory, to warn of an owner group or a group's lead it does not know; none in a test of the files alone. */
  private final org.springframework.beans.factory.ObjectProvider<People> people;

  CatalogFiles(Catalog catalog, org.springframework.beans.factory.ObjectProvider<People> people) {
    this.catalog = catalog;
    this.people = people;
  }

  @Override
  public Prepared prepare(Path root, ModelIndex index) {
    List<ModelProblem> warnings = new ArrayList<>();
    Portfolio portfolio = read(root, index, warnings, people.getIfAvailable());
    return new Prepared() {
      @Override
      public void activate() {
        catalog.activate(portfolio);
      }

      @Override
      public List<ModelProblem> warnings() {
        return List.copyOf(warnings);
      }
    };
  }

  /**
   * A service's owner group, or a group's lead, that the identity service does not know: the files work, but the
   * service has no owners and the group's OLA warnings reach nobody until an administrator creates them (a typo?).
   */
  private static void unknownToTheDirectory(List<Portfolio.Service> services, Map<String, String> serviceFile,
      List<Portfolio.Group> groups, Map<String, String> groupFile, People directory, List<ModelProblem> warnings) {
    Map<String, Boolean> groupKnown = new HashMap<>();
    for (Portfolio.Service service : services) {
      if (!blank(service.ownerGroup())
          && !groupKnown.computeIfAbsent(service.ownerGroup(), g -> directory.groupNameOf(g).isPresent())) {
        warnings.add(new ModelProblem(serviceFile.get(service.id()), service.id(), null, "ownerGroup '"
            + service.ownerGroup() + "' is a group the identity service does not know: the service has no owners until "
            + "an administrator creates it (a typo?)"));
      }
    }
    for (Portfolio.Group group : groups) {
      if (directory.nameOf(group.lead()).isEmpty()) {
        warnings.add(new ModelProblem(groupFile.get(group.id()), group.id(), null, "lead '" + group.lead() + "' is no "
            + "user the identity service knows: the group's OLA warnings reach nobody until an administrator creates "
            + "them (a typo?)"));
      }
    }
  }

  Portfolio read(Path root, ModelIndex index, List<ModelProblem> warnings) {
    return read(root, index, warnings, null);
  }

  /** The catalog's files; {@code directory}, when given, is asked about owner groups and leads (warnings). */
  Portfolio read(Path root, ModelIndex index, List<ModelProblem> warnings, People directory) {
    List<ModelProblem> problems = new ArrayList<>();
    List<Portfolio.LineOfBusiness> lines = new ArrayList<>();
    List<Portfolio.Service> services = new ArrayList<>();
    List<Portfolio.RequestItem> items = new ArrayList<>();
    Map<String, String> lineFile = new HashMap<>();
    Map<String, String> serviceFile = new HashMap<>();
    Map<String, String> itemFile = new HashMap<>();
    List<Portfolio.ChangeTemplate> templates = new ArrayList<>();
    Map<String, String> templateFile = new HashMap<>();
    List<Portfolio.BlackoutWindow> blackouts = new ArrayList<>();
    Map<String, String> blackoutFile = new HashMap<>();
    List<Portfolio.EffortRate> rates = new ArrayList<>();
    Map<String, String> rateFile = new HashMap<>();
    List<Portfolio.Organisation> organisations = new ArrayList<>();
    Map<String, String> organisationFile = new HashMap<>();
    Map<String, String> domainOf = new HashMap<>();
    List<Portfolio.Group> groups = new ArrayList<>();
    Map<String, String> groupFile = new HashMap<>();
    for (Path path : files(root)) {
      String name = root.relativize(path).toString().replace('\\', '/');
      File file;
      try {
        file = YAML.readValue(path.toFile(), File.class);
      } catch (JsonProcessingException e) {
        problems.add(new ModelProblem(name, null, e.getLocation() == null ? null : e.getLocation().getLineNr(),
            "not valid catalog YAML: " + e.getOriginalMessage()));
        continue;
      } catch (IOException e) {
        problems.add(new ModelProblem(name, null, null, "cannot be read: " + e.getMessage()));
        continue;
      }
      if (file == null) {
        continue;
      }
      for (Portfolio.LineOfBusiness line : nonNull(file.linesOfBusiness())) {
        if (blank(line.id()) || blank(line.name())) {
          problems.add(new ModelProblem(name, line.id(), null, "a line of business needs an id and a name"));
        } else if (lineFile.putIfAbsent(line.id(), name) != null) {
          problems.add(new ModelProblem(name, line.id(), null, "line of business '" + line.id()
              + "' is also defined in " + lineFile.get(line.id())));
        } else {
          lines.add(line);
        }
      }
      for (Portfolio.Service service : nonNull(file.services())) {
        if (serviceFile.putIfAbsent(String.valueOf(service.id()), name) != null) {
          problems.add(new ModelProblem(name, service.id(), null, "service '" + service.id()
              + "' is also defined in " + serviceFile.get(service.id())));
          continue;
        }
        services.add(service);
      }
      for (Portfolio.RequestItem item : nonNull(file.requestItems())) {
        if (itemFile.putIfAbsent(String.valueOf(item.id()), name) != null) {
          problems.add(new ModelProblem(name, item.id(), null, "request item '" + item.id()
              + "' is also defined in " + itemFile.get(item.id())));
          continue;
        }
        items.add(item);
      }
      for (Portfolio.ChangeTemplate template : nonNull(file.changeTemplates())) {
        if (templateFile.putIfAbsent(String.valueOf(template.id()), name) != null) {
          problems.add(new ModelProblem(name, template.id(), null, "change template '" + template.id()
              + "' is also defined in " + templateFile.get(template.id())));
          continue;
        }
        templates.add(template);
      }
      for (Portfolio.BlackoutWindow blackout : nonNull(file.blackoutWindows())) {
        if (blackoutFile.putIfAbsent(String.valueOf(blackout.id()), name) != null) {
          problems.add(new ModelProblem(name, blackout.id(), null, "blackout window '" + blackout.id()
              + "' is also defined in " + blackoutFile.get(blackout.id())));
          continue;
        }
        blackouts.add(blackout);
      }
      for (Portfolio.EffortRate rate : nonNull(file.effortRates())) {
        if (rate == null || blank(rate.group())) {
          problems.add(new ModelProblem(name, null, null, "an effort rate needs a group (or default)"));
        } else if (rateFile.putIfAbsent(rate.group(), name) != null) {
          problems.add(new ModelProblem(name, rate.group(), null, "the effort rate of group '" + rate.group()
              + "' is also given in " + rateFile.get(rate.group())));
        } else if (rate.hourlyRate() == null || rate.hourlyRate().signum() < 0) {
          problems.add(new ModelProblem(name, rate.group(), null, "an effort rate needs an hourlyRate of 0 or more"));
        } else {
          rates.add(rate);
        }
      }
      for (Portfolio.Organisation organisation : nonNull(file.organisations())) {
        checkOrganisation(name, organisation, organisationFile, domainOf, problems).ifPresent(organisations::add);
      }
      for (Portfolio.Group group : nonNull(file.groups())) {
        if (group == null || blank(group.id()) || blank(group.lead())) {
          problems.add(new ModelProblem(name, group == null ? null : group.id(), null,
              "a group needs an id and a lead (the user warned before its OLAs run out)"));
        } else if (groupFile.putIfAbsent(group.id(), name) != null) {
          problems.add(new ModelProblem(name, group.id(), null, "group '" + group.id() + "' is also described in "
              + groupFile.get(group.id())));
        } else {
          groups.add(group);
        }
      }
    }
    for (Portfolio.Service s : services) {
      String file = serviceFile.get(String.valueOf(s.id()));
      if (blank(s.id()) || blank(s.name())) {
        problems.add(new ModelProblem(file, s.id(), null, "a service needs an id and a name"));
      }
      if (!lineFile.containsKey(String.valueOf(s.lineOfBusiness()))) {
        problems.add(new ModelProblem(file, s.id(), null, "unknown line of business '" + s.lineOfBusiness() + "'"));
      }
      if (blank(s.ownerGroup())) {
        problems.add(new ModelProblem(file, s.id(), null, "a service needs an ownerGroup"));
      }
      if (!LIFECYCLES.contains(String.valueOf(s.lifecycle()))) {
        problems.add(new ModelProblem(file, s.id(), null, "lifecycle must be pipeline, catalog or retired"));
      }
      if (Portfolio.PIPELINE.equals(s.lifecycle()) && s.plannedDate() == null) {
        problems.add(new ModelProblem(file, s.id(), null, "a pipeline service needs a plannedDate"));
      }
      if (!SUPPORT_HOURS.contains(String.valueOf(s.supportHours()))) {
        problems.add(new ModelProblem(file, s.id(), null, "supportHours must be 24x7 or business"));
      }
      if (s.monthlyCost() != null && s.monthlyCost().signum() < 0) {
        problems.add(new ModelProblem(file, s.id(), null, "monthlyCost must not be negative"));
      }
      if (s.criticality() != null && !CRITICALITIES.contains(s.criticality())) {
        problems.add(new ModelProblem(file, s.id(), null, "criticality must be low, medium or high"));
      }
      for (Portfolio.MaintenanceWindow window : s.maintenanceWindowsOrNone()) {
        if (window == null || window.day() == null || window.from() == null || window.to() == null
            || !window.to().isAfter(window.from())) {
          problems.add(new ModelProblem(file, s.id(), null,
              "a maintenance window needs a day, and a from before its to (such as SATURDAY 06:00 to 18:00)"));
        }
      }
    }
    for (Portfolio.RequestItem item : items) {
      String file = itemFile.get(item.id());
      if (blank(item.id()) || blank(item.name())) {
        problems.add(new ModelProblem(file, item.id(), null, "a request item needs an id and a name"));
      }
      if (!serviceFile.containsKey(String.valueOf(item.service()))) {
        problems.add(new ModelProblem(file, item.id(), null, "unknown service '" + item.service() + "'"));
      }
      if (!index.formIds().contains(String.valueOf(item.form()))) {
        problems.add(new ModelProblem(file, item.id(), null, "form '" + item.form() + "' is not in forms/"));
      } else if (index.forms().containsKey(item.form())) {
        java.util.Set<String> keys = index.forms().get(item.form()).keys();
        for (String unknown : item.unknownPlaceholders(keys)) {
          problems.add(new ModelProblem(file, item.id(), null, "title '" + item.title() + "': {" + unknown
              + "} is not a field of form '" + item.form() + "' (its fields: " + String.join(", ", keys)
              + "), nor {item} or {requester}"));
        }
      }
      if (!index.processIds().contains(String.valueOf(item.process()))) {
        problems.add(new ModelProblem(file, item.id(), null, "process '" + item.process() + "' is not in processes/"));
      }
      if (blank(item.fulfilmentGroup())) {
        // A catalog written before items named their group still deploys; its requests stay in no queue, as then.
        warnings.add(new ModelProblem(file, item.id(), null, "names no fulfilmentGroup: its requests are in no "
            + "group's queue or backlog while they are fulfilled (add the agent group that delivers it)"));
      } else if (!index.groups().contains(item.fulfilmentGroup())) {
        problems.add(new ModelProblem(file, item.id(), null, "fulfilmentGroup '" + item.fulfilmentGroup()
            + "' is not one of the groups the models name (" + String.join(", ",
                new java.util.TreeSet<>(index.groups())) + "), so no queue would show its requests"));
      }
      if (item.price() == null || item.price().compareTo(BigDecimal.ZERO) < 0) {
        problems.add(new ModelProblem(file, item.id(), null, "a request item needs a price of 0 or more"));
      }
      if (item.deliveryTarget() == null || !isDuration(item.deliveryTarget())) {
        problems.add(new ModelProblem(file, item.id(), null, "deliveryTarget must be an ISO-8601 duration such as P5D"));
      }
    }
    for (Portfolio.ChangeTemplate template : templates) {
      String file = templateFile.get(template.id());
      if (blank(template.id()) || blank(template.name())) {
        problems.add(new ModelProblem(file, template.id(), null, "a change template needs an id and a name"));
      }
      if (!serviceFile.containsKey(String.valueOf(template.service()))) {
        problems.add(new ModelProblem(file, template.id(), null, "unknown service '" + template.service() + "'"));
      }
      if (blank(template.implementationGroup()) || blank(template.implementationPlan())
          || blank(template.backoutPlan())) {
        problems.add(new ModelProblem(file, template.id(), null,
            "a change template needs an implementationGroup, an implementationPlan and a backoutPlan"));
      }
      if (template.maxDuration() == null || !isDuration(template.maxDuration())) {
        problems.add(new ModelProblem(file, template.id(), null, "maxDuration must be an ISO-8601 duration such as PT2H"));
      }
    }
    for (Portfolio.BlackoutWindow blackout : blackouts) {
      String file = blackoutFile.get(blackout.id());
      if (blank(blackout.id()) || blank(blackout.name())) {
        problems.add(new ModelProblem(file, blackout.id(), null, "a blackout window needs an id and a name"));
      }
      if (blackout.from() == null || blackout.to() == null || !blackout.to().isAfter(blackout.from())) {
        problems.add(new ModelProblem(file, blackout.id(), null, "a blackout window needs a from before its to"));
      }
      try {
        blackout.rule();
      } catch (InvalidRecurrenceRuleException e) {
        problems.add(new ModelProblem(file, blackout.id(), null, "recurrence '" + blackout.recurrence()
            + "' is not an RFC 5545 recurrence rule such as FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=23: " + e.getMessage()));
      }
      for (String service : nonNull(blackout.services())) {
        if (!serviceFile.containsKey(service)) {
          problems.add(new ModelProblem(file, blackout.id(), null, "unknown service '" + service + "'"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(problems, null);
    }
    if (directory != null) {
      unknownToTheDirectory(services, serviceFile, groups, groupFile, directory, warnings);
    }
    return new Portfolio(List.copyOf(lines), List.copyOf(services), List.copyOf(items), List.copyOf(templates),
        List.copyOf(blackouts), List.copyOf(rates), List.copyOf(organisations), List.copyOf(groups));
  }

  /**
   * An organisation needs an id, a name, a contracted service level (a word the SLA decision knows, such as
   * gold) and mail domains that no other organisation claims: a person belongs to the one of their address.
   */
  private static java.util.Optional<Portfolio.Organisation> checkOrganisation(String file,
      Portfolio.Organisation organisation, Map<String, String> organisationFile, Map<String, String> domainOf,
      List<ModelProblem> problems) {
    if (organisation == null || blank(organisation.id()) || blank(organisation.name())) {
      problems.add(new ModelProblem(file, organisation == null ? null : organisation.id(), null,
          "an organisation needs an id and a name"));
      return java.util.Optional.empty();
    }
    String id = organisation.id();
    if (organisationFile.putIfAbsent(id, file) != null) {
      problems.add(new ModelProblem(file, id, null, "organisation '" + id + "' is also defined in "
          + organisationFile.get(id)));
      return java.util.Optional.empty();
    }
    boolean fine = true;
    if (blank(organisation.serviceLevel()) || !SERVICE_LEVEL.matcher(organisation.serviceLevel()).matches()) {
      problems.add(new ModelProblem(file, id, null, "serviceLevel must be one word in lower case, such as gold, "
          + "silver or bronze (decisions/sla-targets.dmn decides what it is worth), not '"
          + organisation.serviceLevel() + "'"));
      fine = false;
    }
    if (organisation.domains() == null || organisation.domains().isEmpty()) {
      problems.add(new ModelProblem(file, id, null, "an organisation needs at least one mail domain (such as "
          + "northwind.test): its people are those whose address ends in it"));
      fine = false;
    }
    for (String domain : nonNull(organisation.domains())) {
      if (blank(domain) || !DOMAIN.matcher(domain).matches()) {
        problems.add(new ModelProblem(file, id, null, "'" + domain + "' is not a mail domain such as northwind.test"));
        fine = false;
      } else if (domainOf.putIfAbsent(domain.toLowerCase(java.util.Locale.ROOT), id) != null) {
        problems.add(new ModelProblem(file, id, null, "domain '" + domain + "' belongs to organisation '"
            + domainOf.get(domain.toLowerCase(java.util.Locale.ROOT)) + "' already"));
        fine = false;
      }
    }
    return fine ? java.util.Optional.of(organisation) : java.util.Optional.empty();
  }

  private static List<Path> files(Path root) {
    Path dir = root.resolve(FOLDER);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      // catalog/i18n/ holds the catalog's words in other languages (Languages), not entries;
      // catalog/ci-classes.yaml the CMDB's classes, which cmdb/CiClassFiles reads and checks.
      return paths.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("i18n")))
          .filter(p -> !p.equals(dir.resolve(CI_CLASSES)))
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dir, e);
    }
  }

  private static boolean isDuration(String text) {
    try {
      Duration.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

}
