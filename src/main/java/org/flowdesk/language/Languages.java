package org.flowdesk.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.flowdesk.models.ModelsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The languages FlowDesk speaks, and the models' words in each. The models are written in English;
 * every other language is files in the models folder, so a language is added without code:
 * <ul>
 * <li>{@code i18n/<code>.json}: the language's own name, the portal's texts (English text → translation),
 * the statuses' and the milestones' labels by code, the groups' names by group id — a language is offered once this
 * file is there;</li>
 * <li>{@code forms/i18n/<form>.<code>.json}: a form's labels, descriptions, texts and options by field key
 * (a text component by its id), applied when the form is served;</li>
 * <li>{@code catalog/i18n/<code>.yaml}: names and descriptions of lines of business, services and items by id, and
 * request items' titles;</li>
 * <li>{@code mail/<kind>.<code>.txt} and {@code .html}: a mail template in the language.</li>
 * </ul>
 * A person's language is the one in their profile (Camunda's user info {@code language}) when FlowDesk
 * offers it, else the best of the browser's Accept-Language, else English. Files are read again when they
 * change, like the mail templates; a file that cannot be read leaves its words in English, with a warning.
 */
@Service
public class Languages {

  /** The language the models are written in. */
  public static final String MODELS_LANGUAGE = "en";
  /** The key of a person's language in their profile (Camunda's user info). */
  static final String PROFILE_KEY = "language";
  /** The section of {@code i18n/<code>.json} that words the groups' names, by group id. */
  public static final String GROUPS = "groups";
  private static final Logger LOG = LoggerFactory.getLogger(Languages.class);
  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");
  /** A group's id as the identity service takes one (Camunda's default whitelist: letters, digits, - and _). */
  private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public record Language(String code, String name) {
  }

  private record Read(FileTime modified, JsonNode content) {
  }

  private final Path root;
  private final IdentityService identityService;
  private final Map<Path, Read> cache = new ConcurrentHashMap<>();

  Languages(ModelsProperties models, IdentityService identityService) {
    this.root = models.rootPath();
    this.identityService = identityService;
  }

  /** English and every language with an {@code i18n/<code>.json}, English first. */
  public List<Language> available() {
    List<Language> languages = new ArrayList<>(List.of(new Language(MODELS_LANGUAGE, "English")));
    Path folder = root.resolve("i18n");
    if (!Files.isDirectory(folder)) {
      return languages;
    }
    List<String> codes = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
      for (Path file : files) {
        String code = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (CODE.matcher(code).matches() && !MODELS_LANGUAGE.equals(code)) {
          codes.add(code);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
    codes.stream().sorted().forEach(code -> languages.add(new Language(code, bundle(code).path("language").asText(code))));
    return languages;
  }

  public boolean isAvailable(String code) {
    return code != null && available().stream().anyMatch(language -> language.code().equals(code));
  }

  /** The language a person chose in their profile, if FlowDesk offers it. */
  public Optional<String> chosenBy(String userId) {
    if (userId == null) {
      return Optional.empty();
    }
    String chosen = identityService.getUserInfo(userId, PROFILE_KEY);
    return isAvailable(chosen) ? Optional.of(chosen) : Optional.empty();
  }

  /** Puts the language in the person's profile; null takes it out (the browser's language then counts). */
  public void choose(String userId, String code) {
    if (code == null) {
      identityService.deleteUserInfo(userId, PROFILE_KEY);
    } else {
      identityService.setUserInfo(userId, PROFILE_KEY, code);
    }
  }

  /** The language of a person reached outside a request (a mail): their profile's, else the models'. */
  public String of(String userId) {
    return chosenBy(userId).orElse(MODELS_LANGUAGE);
  }

  /**
   * The language of the person calling the API: their profile's, else the browser's best, else the models'. Without
   * a user (not logged in), the browser's.
   */
  public String ofCaller(String userId) {
    return chosenBy(userId).or(this::fromBrowser).orElse(MODELS_LANGUAGE);
  }

  private Optional<String> fromBrowser() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request)) {
      return Optional.empty();
    }
    String header = request.getRequest().getHeader("Accept-Language");
    if (header == null || header.isBlank() || header.length() > 500) {
      return Optional.empty();
    }
    try {
      List<String> offered = available().stream().map(Language::code).toList();
      return Optional.ofNullable(Locale.lookupTag(Locale.LanguageRange.parse(header), offered));
    } catch (IllegalArgumentException e) {
      // A header no browser sends: the person gets the models' language.
      return Optional.empty();
    }
  }

  /** The size ({@link Sizes#words}) as a reader of the language reads it: "2.5 MB" in English, "2,5 MB" in German. */
  public String size(long bytes, String code) {
    return size(Sizes.words(bytes), code);
  }

  /** A size as FlowDesk wrote it ("7 bytes") in the language's numbers and unit words ("7 Bytes"); else as is. */
  public String size(String written, String code) {
    return Sizes.in(written, MODELS_LANGUAGE.equals(code) ? Locale.ENGLISH : Locale.forLanguageTag(code),
        bundle(code).path("sizes"));
  }

  /**
   * A group's name in the language: the section {@code groups} of {@code i18n/<code>.json} words it by the group's id
   * ({@code "service-desk": "Service-Desk"}); else {@code named}, the name the identity service gives it (the
   * models' language).
   */
  public String groupName(String groupId, String named, String code) {
    return code == null || MODELS_LANGUAGE.equals(code) ? named : groupName(bundle(code), groupId, named);
  }

  /** A group's name as a language's words ({@link #bundle}; null for none) name it, else {@code named}. */
  public static String groupName(JsonNode bundle, String groupId, String named) {
    JsonNode word = bundle == null || groupId == null ? null : bundle.path(GROUPS).get(groupId);
    return word != null && word.isTextual() && !word.asText().isBlank() ? word.asText() : named;
  }

  /**
   * {@code i18n/<code>.json}, with the words of the files beside it for the same language ({@code i18n/<name>.<code>.json}:
   * a department's own, added as a file of its own); an empty object for English or a language without one.
   */
  public JsonNode bundle(String code) {
    return withParts(root.resolve("i18n"), code, ".json", JSON);
  }

  /** A folder's department files of a language, as listed when the folder last changed. */
  private record Listing(FileTime modified, List<Path> parts) {
  }

  private final Map<String, Listing> listings = new ConcurrentHashMap<>();

  /**
   * The department files of the language in the folder ({@code <name>.<code><extension>}), by name; listed again only
   * when the folder changed (a file added, removed or renamed), since words are read on every answer.
   */
  private List<Path> parts(Path folder, String code, String extension) {
    String key = folder + "|" + code + extension;
    try {
      FileTime modified = Files.getLastModifiedTime(folder);
      Listing known = listings.get(key);
      if (known != null && known.modified().equals(modified)) {
        return known.parts();
      }
      List<Path> parts = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*." + code + extension)) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          if (PART.matcher(name.substring(0, name.length() - code.length() - extension.length() - 1)).matches()
              && Files.isRegularFile(file)) {
            parts.add(file);
          }
        }
      }
      parts.sort(java.util.Comparator.comparing(Path::toString));
      listings.put(key, new Listing(modified, List.copyOf(parts)));
      return List.copyOf(parts);
    } catch (IOException e) {
      LOG.warn("{} cannot be listed: {}", root.relativize(folder), e.getMessage());
      return List.of();
    }
  }

  /** Words files merged, and what they were merged from (the very objects {@link #read} kept): the same while none changed. */
  private record Merged(List<JsonNode> from, JsonNode content) {
  }

  private final Map<String, Merged> merged = new ConcurrentHashMap<>();

  /**
   * A language's words file ({@code <code><extension>} in the folder) with the department files beside it
   * ({@code <name>.<code><extension>}, by name): a section's entries that the language's file does not have are
   * taken from them, the first file to have one giving it, so a department adds its words without editing the shared
   * file and cannot change another's. The merged words are the same object while no file changed, as a file read
   * alone is, so what is kept by them (the texts' patterns) is kept.
   */
  private JsonNode withParts(Path folder, String code, String extension, ObjectMapper mapper) {
    JsonNode own = read(folder.resolve(code + extension), mapper);
    if (MODELS_LANGUAGE.equals(code) || !CODE.matcher(code).matches() || !Files.isDirectory(folder)) {
      return own;
    }
    List<Path> parts = parts(folder, code, extension);
    if (parts.isEmpty()) {
      return own;
    }
    List<JsonNode> from = new ArrayList<>(List.of(own));
    parts.forEach(part -> from.add(read(part, mapper)));
    String key = folder + "|" + code;
    Merged known = merged.get(key);
    if (known != null && known.from().size() == from.size()
        && java.util.stream.IntStream.range(0, from.size()).allMatch(i -> known.from().get(i) == from.get(i))) {
      return known.content();
    }
    ObjectNode content = own.deepCopy();
    for (JsonNode part : from.subList(1, from.size())) {
      part.properties().forEach(section -> {
        JsonNode have = content.get(section.getKey());
        if (have == null) {
          content.set(section.getKey(), section.getValue().deepCopy());
        } else if (have instanceof ObjectNode entries && section.getValue().isObject()) {
          section.getValue().properties().forEach(entry -> {
            if (!entries.has(entry.getKey())) {
              entries.set(entry.getKey(), entry.getValue().deepCopy());
            }
          });
        }
      });
    }
    merged.put(key, new Merged(List.copyOf(from), content));
    return content;
  }

  /** The form with its words in the language, from {@code forms/i18n/<form>.<code>.json} (the form itself is not changed). */
  public JsonNode form(JsonNode schema, String code) {
    String formId = schema.path("id").asText();
    if (MODELS_LANGUAGE.equals(code) || !CODE.matcher(code).matches() || !formId.matches("[A-Za-z0-9_.-]+")) {
      return schema;
    }
    JsonNode words = formWords(formId, code);
    if (words.isEmpty()) {
      return schema;
    }
    JsonNode translated = schema.deepCopy();
    translate(translated.path("components"), words);
    return translated;
  }

  /**
   * A form's words in the language ({@code forms/i18n/<form>.<code>.json}): by field key, its label, description and
   * options; empty for English, a language without them or a name that is no form's.
   */
  public JsonNode formWords(String formId, String code) {
    if (formId == null || code == null || MODELS_LANGUAGE.equals(code) || !CODE.matcher(code).matches()
        || !formId.matches("[A-Za-z0-9_.-]+")) {
      return JSON.createObjectNode();
    }
    return read(root.resolve("forms").resolve("i18n").resolve(formId + "." + code + ".json"), JSON);
  }

  private static void translate(JsonNode components, JsonNode words) {
    for (JsonNode component : components) {
      JsonNode own = words.path(component.path("key").asText(component.path("id").asText("")));
      if (own.isObject() && component instanceof ObjectNode target) {
        for (String property : List.of("label", "description", "text", "placeholder", "dateLabel", "timeLabel")) {
          if (own.path(property).isTextual() && target.has(property)) {
            target.put(property, own.get(property).asText());
          }
        }
        if (own.path("values").isObject() && target.path("values") instanceof ArrayNode options) {
          for (JsonNode option : options) {
            JsonNode label = own.path("values").path(option.path("value").asText());
            if (label.isTextual() && option instanceof ObjectNode writable) {
              writable.put("label", label.asText());
            }
          }
        }
      }
      translate(component.path("components"), words);
    }
  }

  /**
   * The catalog's words in the language ({@code catalog/i18n/<code>.yaml}): for a section
   * ({@code linesOfBusiness}, {@code services}, {@code requestItems}, {@code changeTemplates},
   * {@code blackoutWindows}, {@code organisations}, {@code serviceLevels}, {@code calendars}, {@code ciClasses},
   * {@code relationTypes}) and an id, the name and description.
   */
  public CatalogWords catalog(String code) {
    return new CatalogWords(MODELS_LANGUAGE.equals(code) ? JSON.createObjectNode()
        : withParts(root.resolve("catalog").resolve("i18n"), code, ".yaml", YAML));
  }

  /** Names and descriptions of catalog entries in one language; the English when a word is missing. */
  public record CatalogWords(JsonNode words) {

    public String name(String section, String id, String english) {
      return word(section, id, "name", english);
    }

    public String description(String section, String id, String english) {
      return word(section, id, "description", english);
    }

    /** A request item's title template in the language ({@code requestItems.<id>.title}), else {@code english}. */
    public String title(String itemId, String english) {
      return word("requestItems", itemId, "title", english);
    }

    /** An entry's words ({@code <section>.<id>}), a missing node when there are none. */
    public JsonNode entry(String section, String id) {
      return words.path(section).path(id);
    }

    private String word(String section, String id, String field, String english) {
      JsonNode word = words.path(section).path(id).path(field);
      return word.isTextual() ? word.asText() : english;
    }
  }

  /** A words file's path in the models folder: the portal's, a form's or the catalog's words in one language. */
  private static final Pattern WORDS_FILE = Pattern.compile(
      "i18n/(?:[A-Za-z0-9][A-Za-z0-9_-]*\\.)?([a-z]{2,3})\\.json|forms/i18n/[A-Za-z0-9][A-Za-z0-9._-]*\\.([a-z]{2,3})\\.json"
          + "|catalog/i18n/(?:[A-Za-z0-9][A-Za-z0-9_-]*\\.)?([a-z]{2,3})\\.yaml");
  /** A department's own words beside a language's: {@code legal.de.json} beside {@code de.json}. */
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
  /** The properties of a form field that its words file may translate, besides {@code values}. */
  private static final List<String> FIELD_WORDS = List.of("label", "description", "text", "placeholder", "dateLabel",
      "timeLabel");

  /** The sections of the catalog whose entries' names and descriptions are translated. */
  private static final List<String> CATALOG_SECTIONS = List.of("linesOfBusiness", "services", "requestItems",
      "changeTemplates", "blackoutWindows", "organisations", "serviceLevels", "calendars", "ciClasses",
      "relationTypes");

  /** Whether a path of the models folder is a words file ({@code i18n/de.json}, {@code forms/i18n/x.de.json}, …). */
  public static boolean isWordsFile(String path) {
    return path != null && WORDS_FILE.matcher(path).matches();
  }

  /**
   * What is wrong with a words file's text as the portal would read it, or null: it must parse, be an object and
   * hold texts where the portal looks for them (a section of texts; a field's label, description and options; an
   * entry's name and description). A file that breaks one of these would leave its words in English.
   */
  public static String problem(String path, String text) {
    java.util.regex.Matcher file = WORDS_FILE.matcher(path == null ? "" : path);
    if (!file.matches()) {
      return "is not a words file: i18n/<language>.json, forms/i18n/<form>.<language>.json or "
          + "catalog/i18n/<language>.yaml (or a department's own, i18n/<name>.<language>.json, "
          + "catalog/i18n/<name>.<language>.yaml)";
    }
    String code = file.group(1) != null ? file.group(1) : file.group(2) != null ? file.group(2) : file.group(3);
    if (MODELS_LANGUAGE.equals(code)) {
      return "English is the models' own language: their words are in the models, not in a words file";
    }
    JsonNode words;
    try {
      words = (path.endsWith(".yaml") ? YAML : JSON).readTree(text);
    } catch (IOException e) {
      return "does not parse: " + e.getMessage().lines().findFirst().orElse("");
    }
    if (words == null || !words.isObject()) {
      return "must be an object of sections (" + (path.endsWith(".yaml") ? "YAML" : "JSON") + ")";
    }
    List<String> wrong = new ArrayList<>();
    words.properties().forEach(section -> {
      String name = section.getKey();
      JsonNode value = section.getValue();
      if (path.startsWith("i18n/")) {
        if ("language".equals(name)) {
          if (!value.isTextual() || value.asText().isBlank()) {
            wrong.add("language must be the language's own name, a text (\"Deutsch\")");
          }
        } else if (!value.isObject()) {
          wrong.add(name + " must be an object of English text → translation");
        } else {
          value.properties().stream().filter(word -> !word.getValue().isTextual()).limit(3)
              .forEach(word -> wrong.add(name + " → \"" + word.getKey() + "\" must be a text"));
          // A group's name replaces the directory's wherever a group is shown: an empty one would show nothing.
          if (GROUPS.equals(name)) {
            value.properties().stream().filter(word -> !GROUP_ID.matcher(word.getKey()).matches()
                || word.getValue().isTextual() && word.getValue().asText().isBlank()).limit(3)
                .forEach(word -> wrong.add(name + " → \"" + word.getKey() + "\" must be a group's id with its name, "
                    + "a text that is not blank"));
          }
          // The timeline's entries, the notifications and the API's refusals are matched against these texts.
          if ("timeline".equals(name) || "notifications".equals(name) || "refusals".equals(name)
              || "articles".equals(name)) {
            value.properties().stream().map(word -> TextPattern.problem(word.getKey(), word.getValue().asText()))
                .filter(java.util.Objects::nonNull).limit(3).forEach(problem -> wrong.add(name + " → " + problem));
          }
        }
      } else if (path.startsWith("forms/")) {
        if (!value.isObject()) {
          wrong.add(name + " must be an object of the field's words (label, description, values …)");
          return;
        }
        value.properties().forEach(word -> {
          if ("values".equals(word.getKey())) {
            if (!word.getValue().isObject() || word.getValue().properties().stream()
                .anyMatch(option -> !option.getValue().isTextual())) {
              wrong.add(name + ".values must be an object of option value → label");
            }
          } else if (!FIELD_WORDS.contains(word.getKey())) {
            wrong.add(name + "." + word.getKey() + " is no word of a field (" + String.join(", ", FIELD_WORDS)
                + ", values)");
          } else if (!word.getValue().isTextual()) {
            wrong.add(name + "." + word.getKey() + " must be a text");
          }
        });
      } else if (!CATALOG_SECTIONS.contains(name)) {
        wrong.add(name + " is no section the catalog translates (" + String.join(", ", CATALOG_SECTIONS) + ")");
      } else if (!value.isObject()) {
        wrong.add(name + " must be a section of entries by id, each with a name and a description");
      } else {
        // A request item also words its title (the template a request's title is made from).
        List<String> entryWords = "requestItems".equals(name) ? List.of("name", "description", "title")
            : List.of("name", "description");
        value.properties().forEach(entry -> {
          // A CI class also words its attributes: each one's label and an enum's values.
          JsonNode attributes = "ciClasses".equals(name) ? entry.getValue().path("attributes") : null;
          if (attributes != null && !attributes.isMissingNode()) {
            String wrongAttributes = ciAttributeWordsProblem(attributes);
            if (wrongAttributes != null) {
              wrong.add(name + "." + entry.getKey() + ".attributes " + wrongAttributes);
            }
          }
          if (!entry.getValue().isObject() || entry.getValue().properties().stream()
              .filter(word -> attributes == null || !"attributes".equals(word.getKey()))
              .anyMatch(word -> !entryWords.contains(word.getKey()) || !word.getValue().isTextual())) {
            wrong.add(name + "." + entry.getKey() + (entryWords.size() == 3
                ? " may have a name, a description and a title, all texts, and nothing else"
                : attributes != null ? " may have a name and a description, both texts, and its attributes' words"
                : " may have a name and a description, both texts, and nothing else"));
          }
        });
      }
    });
    return wrong.isEmpty() ? null : String.join("; ", wrong);
  }

  /** What is wrong with a CI class's attribute words ({@code <attribute>: {label: …, values: {<value>: …}}}), or null. */
  private static String ciAttributeWordsProblem(JsonNode attributes) {
    if (!attributes.isObject() || attributes.properties().stream().anyMatch(attribute -> !attribute.getValue().isObject()
        || attribute.getValue().properties().stream().anyMatch(word -> !("label".equals(word.getKey())
            && word.getValue().isTextual() || "values".equals(word.getKey()) && word.getValue().isObject()
            && word.getValue().properties().stream().allMatch(v -> v.getValue().isTextual()))))) {
      return "must be an object of attribute name → {label: text, values: {value: text}}";
    }
    return null;
  }

  /**
   * What a catalog words file's request item titles ({@code requestItems.<id>.title}) use that the item's own title
   * does not have ({@code titles}: the catalog's titles by item id): such a placeholder would stay empty; a title for
   * an item without one is never read. None when the words do not read.
   */
  public static List<String> catalogTitleProblems(String words, java.util.function.Function<String, String> titles) {
    JsonNode said;
    try {
      said = YAML.readTree(words);
    } catch (IOException e) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (said != null) {
      said.path("requestItems").properties().forEach(entry -> {
        JsonNode title = entry.getValue().path("title");
        if (!title.isTextual()) {
          return;
        }
        String english = titles.apply(entry.getKey());
        if (english == null || english.isBlank()) {
          problems.add("requestItems." + entry.getKey() + ".title: the catalog gives the item no title: this one is "
              + "never read");
          return;
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        TextPattern.PLACEHOLDER.matcher(english).results().forEach(found -> known.add(found.group(1)));
        TextPattern.PLACEHOLDER.matcher(title.asText()).results().map(found -> found.group(1))
            .filter(name -> !known.contains(name)).distinct().forEach(name -> problems.add("requestItems."
                + entry.getKey() + ".title uses {" + name + "}, which the item's title \"" + english
                + "\" does not have: it would stay empty"));
      });
    }
    return problems;
  }

  /**
   * The groups an {@code i18n/<code>.json} words whose id the identity service does not know ({@code isGroup} says
   * which it knows): their names are never shown (a typo, or a group since renamed). None when the words do not read.
   */
  public static List<String> groupWordsProblems(String words, java.util.function.Predicate<String> isGroup) {
    JsonNode said;
    try {
      said = JSON.readTree(words);
    } catch (IOException e) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    if (said != null) {
      said.path(GROUPS).fieldNames().forEachRemaining(group -> {
        if (!isGroup.test(group)) {
          problems.add(GROUPS + " → " + group + " is no group of the identity service (Admin → Groups): its name is "
              + "never shown");
        }
      });
    }
    return problems;
  }

  /**
   * What a form's words name that the form does not have: a field (by key, a text component by its id) or an
   * option; all of it when there is no such form. Such words are never shown. None when the words do not read.
   */
  public static List<String> formWordsProblems(String form, String words) {
    JsonNode said;
    try {
      said = JSON.readTree(words);
    } catch (IOException e) {
      return List.of();
    }
    if (form == null) {
      return List.of("there is no such form in forms/: these words are never shown");
    }
    Map<String, java.util.Set<String>> fields = new java.util.HashMap<>();
    try {
      fieldsOf(JSON.readTree(form).path("components"), fields);
    } catch (IOException e) {
      return List.of(); // the form's own check says what is wrong with it
    }
    List<String> problems = new ArrayList<>();
    said.properties().forEach(entry -> {
      if (!fields.containsKey(entry.getKey())) {
        problems.add(entry.getKey() + " is no field of the form (its fields: " + String.join(", ",
            new java.util.TreeSet<>(fields.keySet())) + "): its words are never shown");
      } else {
        entry.getValue().path("values").fieldNames().forEachRemaining(value -> {
          if (!fields.get(entry.getKey()).contains(value)) {
            problems.add(entry.getKey() + " has no option " + value + ": its label is never shown");
          }
        });
      }
    });
    return problems;
  }

  /** A form's components by key (a text component by its id), each with its options' values. */
  private static void fieldsOf(JsonNode components, Map<String, java.util.Set<String>> found) {
    for (JsonNode component : components) {
      java.util.Set<String> values = new java.util.TreeSet<>();
      component.path("values").forEach(option -> values.add(option.path("value").asText()));
      found.put(component.path("key").asText(component.path("id").asText()), values);
      fieldsOf(component.path("components"), found);
    }
  }


  /** The file as JSON, read again when it changed; an empty object when it is not there. */
  private JsonNode read(Path file, ObjectMapper mapper) {
    if (!Files.isRegularFile(file)) {
      return JSON.createObjectNode();
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      Read known = cache.get(file);
      if (known != null && known.modified().equals(modified)) {
        return known.content();
      }
      JsonNode content = mapper.readTree(file.toFile());
      JsonNode object = content != null && content.isObject() ? content : JSON.createObjectNode();
      cache.put(file, new Read(modified, object));
      return object;
    } catch (IOException e) {
      // A translation being edited must not take the portal down: its words stay English until it reads.
      LOG.warn("{} cannot be read, its words are shown in English: {}", root.relativize(file), e.getMessage());
      return JSON.createObjectNode();
    }
  }
}
