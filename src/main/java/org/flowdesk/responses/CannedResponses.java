package org.flowdesk.responses;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.flowdesk.api.ForbiddenException;
import org.flowdesk.catalog.Catalog;
import org.flowdesk.identity.AgentGroups;
import org.flowdesk.identity.CurrentUser;
import org.flowdesk.language.Languages;
import org.flowdesk.models.ModelsProperties;
import org.flowdesk.ticket.Ticket;
import org.flowdesk.ticket.TicketAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Canned responses: prepared answers a service owner writes as files, like the other models.
 * {@code responses/<id>.md} starts with a front matter between {@code ---} lines ({@code title},
 * optional {@code groups}: the agent groups that use it, none for all; optional {@code types}: the
 * ticket types it fits, none for all), then the text, with placeholders such as
 * {@code {{requesterFirstName}}} filled from the ticket. {@code responses/<id>.<language>.md} is the
 * same answer in another language (its own title and text; groups and types are the main file's),
 * chosen by the requester's language, who reads it. Files are read at every call, so an edit applies
 * to the next one; a file that breaks these rules is left out and logged, naming the file and why.
 */
@Service
public class CannedResponses {

  private static final Logger LOG = LoggerFactory.getLogger(CannedResponses.class);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FILE = Pattern.compile("([a-z0-9][a-z0-9-]*)(?:\\.([a-z]{2}))?\\.md");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
  /** What a response may say about its ticket. */
  static final Set<String> PLACEHOLDERS = Set.of("requesterName", "requesterFirstName", "agentName", "ticketNumber",
      "ticketTitle", "serviceName", "groupName");
  private static final Set<String> TYPES = Set.of("incident", "request", "change", "problem");

  /** A response as written: in its language, not yet filled. */
  record Written(String id, String language, String title, List<String> groups, List<String> types, String text) {
  }

  /** A response filled for one ticket, ready for the agent to edit and send. */
  public record Filled(String id, String title, String text) {
  }

  private final Path folder;
  private final TicketAccess access;
  private final AgentGroups agentGroups;
  private final Catalog catalog;
  private final IdentityService identityService;
  private final Languages languages;

  CannedResponses(ModelsProperties models, TicketAccess access, AgentGroups agentGroups, Catalog catalog,
      IdentityService identityService, Languages languages) {
    this.folder = models.rootPath().resolve("responses");
    this.access = access;
    this.agentGroups = agentGroups;
    this.catalog = catalog;
    this.identityService = identityService;
    this.languages = languages;
  }

  /**
   * The responses the agent may use on the ticket (their groups', those for everyone; of its type),
   * in the requester's language where written, filled from the ticket, by title. For the agents
   * working the ticket: others who see it get 403, the rest 404.
   */
  public List<Filled> forTicket(String number, CurrentUser user) {
    Ticket ticket = access.visible(number, user);
    if (!access.works(ticket, user)) {
      throw new ForbiddenException("Prepared answers are for the agents working " + number);
    }
    List<String> mine = user.isAdministrator() ? agentGroups.all() : agentGroups.of(user);
    String language = languages.of(ticket.requester());
    // The service and the group in the language the response is written in (the requester's, where it has a version
    // in it; else the models').
    Map<String, Map<String, String>> valuesIn = new HashMap<>();
    List<Filled> filled = new ArrayList<>();
    for (Map.Entry<String, Map<String, Written>> response : read().entrySet()) {
      Written main = response.getValue().get("");
      if (main == null) {
        continue;
      }
      if (!main.groups().isEmpty() && main.groups().stream().noneMatch(mine::contains)) {
        continue;
      }
      if (!main.types().isEmpty() && !main.types().contains(ticket.type())) {
        continue;
      }
      Written shown = response.getValue().getOrDefault(language, main);
      Map<String, String> values = valuesIn.computeIfAbsent(shown == main ? Languages.MODELS_LANGUAGE : language,
          in -> values(ticket, user, in));
      filled.add(new Filled(main.id(), fill(shown.title(), values), fill(shown.text(), values)));
    }
    filled.sort(Comparator.comparing(Filled::title, String.CASE_INSENSITIVE_ORDER));
    return filled;
  }

  /** What the placeholders stand for on this ticket, answered by this agent, in the response's language. */
  private Map<String, String> values(Ticket ticket, CurrentUser agent, String language) {
    Map<String, String> values = new HashMap<>();
    Optional<User> requester = user(ticket.requester());
    values.put("requesterName", requester.map(CannedResponses::fullName).orElse(ticket.requester()));
    values.put("requesterFirstName", requester.map(User::getFirstName).filter(name -> name != null && !name.isBlank())
        .orElse(values.get("requesterName")));
    values.put("agentName", user(agent.id()).map(CannedResponses::fullName).orElse(agent.id()));
    values.put("ticketNumber", ticket.number());
    values.put("ticketTitle", ticket.title());
    values.put("serviceName", ticket.service() == null ? "" : catalog.serviceName(ticket.service(),
        languages.catalog(language)));
    values.put("groupName", ticket.assignmentGroup() == null ? "" : languages.groupName(ticket.assignmentGroup(),
        Optional.ofNullable(identityService.createGroupQuery().groupId(ticket.assignmentGroup()).singleResult())
            .map(g -> g.getName()).orElse(ticket.assignmentGroup()), language));
    return values;
  }

  private Optional<User> user(String id) {
    return id == null ? Optional.empty()
        : Optional.ofNullable(identityService.createUserQuery().userId(id).singleResult());
  }

  private static String fullName(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return name.isEmpty() ? user.getId() : name;
  }

  private static String fill(String template, Map<String, String> values) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      placeholder.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(placeholder.group(1), "")));
    }
    return placeholder.appendTail(out).toString();
  }

  /** Every readable response by id, then language ("" for the main file); the broken ones logged and left out. */
  Map<String, Map<String, Written>> read() {
    Map<String, Map<String, Written>> responses = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      return responses;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        try {
          Written written = parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
          responses.computeIfAbsent(written.id(), id -> new LinkedHashMap<>()).put(written.language(), written);
        } catch (IllegalArgumentException | IOException broken) {
          LOG.warn("responses/{} is left out: {}", file.getFileName(), broken.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("The responses folder {} cannot be read: {}", folder, e.getMessage());
    }
    return responses;
  }

  /** What is wrong with a file of {@code responses/} (its name and content), or null when it would be read. */
  public String problem(String fileName, String content) {
    try {
      parse(fileName, content);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /**
   * One file: its name says id and language, its front matter title, groups and types; every
   * placeholder must be one of {@link #PLACEHOLDERS}, every group one that works tickets.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  Written parse(String fileName, String content) {
    Matcher name = FILE.matcher(fileName);
    if (!name.matches()) {
      throw new IllegalArgumentException("a response is a file <id>.md or <id>.<language>.md, with an id of "
          + "lower-case letters, digits and hyphens");
    }
    String text = content.replace("\r\n", "\n");
    if (!text.startsWith("---\n") || text.indexOf("\n---\n", 3) < 0) {
      throw new IllegalArgumentException("it must start with a front matter between two lines '---' (title:, "
          + "optional groups: and types:)");
    }
    int end = text.indexOf("\n---\n", 3);
    JsonNode front;
    try {
      front = YAML.readTree(text.substring(4, end + 1));
    } catch (IOException e) {
      throw new IllegalArgumentException("its front matter is no YAML: " + e.getMessage());
    }
    if (front == null || !front.isObject() || !front.path("title").isTextual() || front.path("title").asText().isBlank()) {
      throw new IllegalArgumentException("its front matter needs a title");
    }
    Set<String> known = Set.of("title", "groups", "types");
    front.fieldNames().forEachRemaining(field -> {
      if (!known.contains(field)) {
        throw new IllegalArgumentException("its front matter has '" + field + "'; it knows title, groups and types");
      }
    });
    List<String> groups = list(front.path("groups"), "groups");
    List<String> unknownGroups = groups.stream().filter(group -> !agentGroups.all().contains(group)).toList();
    if (!unknownGroups.isEmpty()) {
      throw new IllegalArgumentException("groups " + unknownGroups + " work no tickets; the groups are "
          + agentGroups.all());
    }
    List<String> types = list(front.path("types"), "types");
    if (!TYPES.containsAll(types)) {
      throw new IllegalArgumentException("types must be of " + TYPES + ", not " + types);
    }
    String body = text.substring(end + 5).strip();
    if (body.isEmpty()) {
      throw new IllegalArgumentException("it has no text after its front matter");
    }
    String title = front.get("title").asText().strip();
    Matcher placeholder = PLACEHOLDER.matcher(title + "\n" + body);
    while (placeholder.find()) {
      if (!PLACEHOLDERS.contains(placeholder.group(1))) {
        throw new IllegalArgumentException("{{" + placeholder.group(1) + "}} is no placeholder; they are "
            + PLACEHOLDERS.stream().sorted().toList());
      }
    }
    return new Written(name.group(1), name.group(2) == null ? "" : name.group(2), title, groups, types, body);
  }

  /** A YAML list, or a comma-separated text, of words. */
  private static List<String> list(JsonNode node, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(word -> words.add(word.asText().strip()));
    } else if (node.isTextual()) {
      for (String word : node.asText().split(",")) {
        words.add(word.strip());
      }
    } else {
      throw new IllegalArgumentException(field + " must be a list");
    }
    return words.stream().filter(word -> !word.isEmpty()).toList();
  }
}
