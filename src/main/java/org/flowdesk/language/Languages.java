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
 * the statuses' and the milestones' labels by code — a language is offered once this file is there;</li>
 * <li>{@code forms/i18n/<form>.<code>.json}: a form's labels, descriptions, texts and options by field key
 * (a text component by its id), applied when the form is served;</li>
 * <li>{@code catalog/i18n/<code>.yaml}: names and descriptions of lines of business, services and items by id;</li>
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
  private static final Logger LOG = LoggerFactory.getLogger(Languages.class);
  private static final Pattern CODE = Pattern.compile("[a-z]{2,3}");
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

  /** The language of the person calling the API: their profile's, else the browser's best, else the models'. */
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

  /** {@code i18n/<code>.json}; an empty object for English or a language without one. */
  public JsonNode bundle(String code) {
    return read(root.resolve("i18n").resolve(code + ".json"), JSON);
  }

  /** The form with its words in the language, from {@code forms/i18n/<form>.<code>.json} (the form itself is not changed). */
  public JsonNode form(JsonNode schema, String code) {
    String formId = schema.path("id").asText();
    if (MODELS_LANGUAGE.equals(code) || !CODE.matcher(code).matches() || !formId.matches("[A-Za-z0-9_.-]+")) {
      return schema;
    }
    JsonNode words = read(root.resolve("forms").resolve("i18n").resolve(formId + "." + code + ".json"), JSON);
    if (words.isEmpty()) {
      return schema;
    }
    JsonNode translated = schema.deepCopy();
    translate(translated.path("components"), words);
    return translated;
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
   * ({@code linesOfBusiness}, {@code services}, {@code requestItems}, {@code changeTemplates}) and an id, the name
   * and description.
   */
  public CatalogWords catalog(String code) {
    return new CatalogWords(MODELS_LANGUAGE.equals(code) ? JSON.createObjectNode()
        : read(root.resolve("catalog").resolve("i18n").resolve(code + ".yaml"), YAML));
  }

  /** Names and descriptions of catalog entries in one language; the English when a word is missing. */
  public record CatalogWords(JsonNode words) {

    public String name(String section, String id, String english) {
      return word(section, id, "name", english);
    }

    public String description(String section, String id, String english) {
      return word(section, id, "description", english);
    }

    private String word(String section, String id, String field, String english) {
      JsonNode word = words.path(section).path(id).path(field);
      return word.isTextual() ? word.asText() : english;
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
