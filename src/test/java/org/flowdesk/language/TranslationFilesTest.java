package org.flowdesk.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The translation files fit the models: every text the portal and the measures page show through tr() (or
 * data-tr and data-tr-label in their pages) has its German in i18n/de.json, and each form translation names fields and options its
 * form has.
 */
class TranslationFilesTest {

  static final Pattern TR = Pattern.compile("\\btr\\(\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");
  static final Pattern DATA_TR = Pattern.compile("data-tr(?:-label)?=\"([^\"]*)\"");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

  static Set<String> texts() throws IOException {
    Set<String> texts = new LinkedHashSet<>();
    // The portal's files, and the measures page's (which translates what it marks the same way).
    try (Stream<Path> portal = Files.list(Path.of("portal", "src"))) {
      List<Path> files = new ArrayList<>(portal.sorted().toList());
      files.add(Path.of("src", "main", "resources", "measures", "index.html"));
      files.add(Path.of("src", "main", "resources", "static", "measures", "measures.js"));
      for (Path file : files) {
        String source = Files.readString(file);
        Matcher matcher = (file.toString().endsWith(".html") ? DATA_TR : TR).matcher(source);
        while (matcher.find()) {
          String text = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
          texts.add(text.replace("\\'", "'").replace("\\\"", "\""));
        }
      }
    }
    return texts;
  }

  @Test
  void everyTimelineTextHasGermanWithTheSamePlaceholders() throws IOException {
    JsonNode timeline = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get("timeline");
    assertThat(timeline.size()).isGreaterThan(20);
    assertThat(otherPlaceholders(timeline)).isEmpty();
  }

  /** The texts of a section whose German has other placeholders than the English. */
  static List<String> otherPlaceholders(JsonNode section) {
    List<String> wrong = new ArrayList<>();
    section.fields().forEachRemaining(word -> {
      if (!placeholders(word.getKey()).equals(placeholders(word.getValue().asText()))) {
        wrong.add(word.getKey() + ": the German has other placeholders");
      }
    });
    return wrong;
  }

  /**
   * Each of the API's refusals and of the notifications' texts has German with the same placeholders, and reads one way
   * only (the check the workbench makes of a words file: no placeholder twice, none glued to the next).
   */
  @Test
  void everyRefusalAndNotificationHasGermanWithTheSamePlaceholdersAndTheFilePassesTheWorkbenchsCheck()
      throws IOException {
    String file = Files.readString(Path.of("i18n", "de.json"));
    JsonNode words = new ObjectMapper().readTree(file);
    assertThat(words.get("refusals").size()).isGreaterThan(50);
    assertThat(otherPlaceholders(words.get("refusals"))).isEmpty();
    assertThat(otherPlaceholders(words.get("notifications"))).isEmpty();
    assertThat(Languages.problem("i18n/de.json", file)).isNull();
  }

  /**
   * Every attribute of every CI class has a German label, and the German names only attributes and enum values the
   * classes have; the catalog's words file passes the workbench's check, which refuses attribute words of any other
   * shape.
   */
  @Test
  void everyCiAttributeHasAGermanLabelAndTheWordsNameOnlyWhatTheClassesHave() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    JsonNode classes = yaml.readTree(Path.of("catalog", "ci-classes.yaml").toFile()).get("ciClasses");
    String file = Files.readString(Path.of("catalog", "i18n", "de.yaml"));
    JsonNode german = yaml.readTree(file).get("ciClasses");
    List<String> wrong = new ArrayList<>();
    classes.forEach(ciClass -> {
      JsonNode words = german.path(ciClass.get("id").asText()).path("attributes");
      Set<String> names = new LinkedHashSet<>();
      ciClass.get("attributes").forEach(attribute -> {
        String name = attribute.get("name").asText();
        names.add(name);
        if (!words.path(name).path("label").isTextual()) {
          wrong.add(ciClass.get("id").asText() + "." + name + " has no German label");
        }
        Set<String> values = new LinkedHashSet<>();
        attribute.path("values").forEach(v -> values.add(v.asText()));
        words.path(name).path("values").fieldNames().forEachRemaining(v -> {
          if (!values.contains(v)) {
            wrong.add(ciClass.get("id").asText() + "." + name + " has no value " + v);
          }
        });
      });
      words.fieldNames().forEachRemaining(name -> {
        if (!names.contains(name)) {
          wrong.add(ciClass.get("id").asText() + " has no attribute " + name);
        }
      });
    });
    assertThat(wrong).isEmpty();
    assertThat(Languages.problem("catalog/i18n/de.yaml", file)).isNull();
    assertThat(Languages.problem("catalog/i18n/de.yaml", """
        ciClasses:
          server: {name: Server, attributes: {os: Betriebssystem}}
          site: {name: Standort, attributes: {kind: {label: Art, values: [Büro]}}}
          laptop: {name: Laptop, attributes: {model: {label: Modell, hint: Typ}}}
        relationTypes:
          runs-on: {name: Läuft auf, attributes: {x: {label: y}}}
        """)).isEqualTo("ciClasses.server.attributes must be an object of attribute name → {label: text, values: "
            + "{value: text}}; ciClasses.site.attributes must be an object of attribute name → {label: text, values: "
            + "{value: text}}; ciClasses.laptop.attributes must be an object of attribute name → {label: text, "
            + "values: {value: text}}; relationTypes.runs-on may have a name and a description, both texts, and "
            + "nothing else");
  }

  /**
   * Every group the demo directory and catalog/groups.yaml know has a German name, and the German file names no other
   * group (a name for a group nobody has would never be shown).
   */
  @Test
  void everyGroupHasAGermanName() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    Set<String> groups = new java.util.TreeSet<>();
    yaml.readTree(Path.of("src", "main", "resources", "demo", "people.yaml").toFile()).get("groups")
        .forEach(group -> groups.add(group.get("id").asText()));
    Set<String> catalog = new java.util.TreeSet<>();
    yaml.readTree(Path.of("catalog", "groups.yaml").toFile()).get("groups")
        .forEach(group -> catalog.add(group.get("id").asText()));
    JsonNode german = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get(Languages.GROUPS);
    Set<String> named = new java.util.TreeSet<>();
    german.fieldNames().forEachRemaining(named::add);
    // hr-portal leads a queue of the catalog but is no group of the demo directory.
    catalog.remove("hr-portal");
    assertThat(groups).containsAll(catalog);
    assertThat(named).isEqualTo(groups);
  }

  /**
   * A watcher is mailed the kind's watcher template: every kind a notify step also tells watchers of
   * ({@code watcherText}) has one in each language its own template is in, since a translated template speaks to
   * the ticket's owner ("Ihre Anfrage"); the English ones without a watcher template speak to nobody's own ticket.
   */
  @Test
  void everyKindWatchersAreToldOfHasAWatcherTemplateInEachOfItsLanguages() throws IOException {
    Pattern inputs = Pattern.compile("<camunda:inputOutput>(.*?)</camunda:inputOutput>", Pattern.DOTALL);
    Pattern kind = Pattern.compile("name=\"kind\">([a-z_]+)<");
    Set<String> kinds = new java.util.TreeSet<>();
    try (Stream<Path> processes = Files.list(Path.of("processes"))) {
      for (Path file : processes.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        Matcher step = inputs.matcher(Files.readString(file));
        while (step.find()) {
          Matcher named = kind.matcher(step.group(1));
          if (step.group(1).contains("name=\"watcherText\"") && named.find()) {
            kinds.add(named.group(1));
          }
        }
      }
    }
    assertThat(kinds).contains("request_rejected", "request_approved", "resolved", "delivered");
    List<String> missing = new ArrayList<>();
    for (String told : kinds) {
      try (Stream<Path> mail = Files.list(Path.of("mail"))) {
        for (Path template : mail.map(Path::getFileName).filter(f -> f.toString().matches(
            Pattern.quote(told) + "\\.[a-z]{2,3}\\.(txt|html)")).toList()) {
          String watcher = template.toString().replaceFirst("^" + Pattern.quote(told), told + ".watcher");
          if (!Files.isRegularFile(Path.of("mail", watcher))) {
            missing.add("mail/" + watcher);
          }
        }
      }
    }
    assertThat(missing).as("watcher templates of the kinds watchers are told of").isEmpty();
  }

  /** The portal shows every step by its model's name ("Work incident"): each user task has its German. */
  @Test
  void everyStepOfEveryProcessHasItsGerman() throws IOException {
    JsonNode steps = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get("steps");
    Pattern userTask = Pattern.compile("<bpmn:userTask [^>]*name=\"([^\"$]*)");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> processes = Files.list(Path.of("processes"))) {
      for (Path file : processes.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        Matcher task = userTask.matcher(Files.readString(file));
        while (task.find()) {
          String step = task.group(1).strip();
          if (steps == null || !steps.path(step).isTextual()) {
            missing.add(file.getFileName() + ": " + step);
          }
        }
      }
    }
    assertThat(missing).as("steps without German in i18n/de.json's \"steps\"").isEmpty();
  }

  /** Every process has its German name (the measures' bottlenecks name it), and the German names no other process. */
  @Test
  void everyProcessHasItsGermanName() throws IOException {
    JsonNode named = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get("processes");
    Pattern process = Pattern.compile("<bpmn:process id=\"([^\"]+)\"");
    java.util.Set<String> keys = new java.util.TreeSet<>();
    try (Stream<Path> processes = Files.list(Path.of("processes"))) {
      for (Path file : processes.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        Matcher found = process.matcher(Files.readString(file));
        while (found.find()) {
          keys.add(found.group(1));
        }
      }
    }
    java.util.Set<String> german = new java.util.TreeSet<>();
    named.fieldNames().forEachRemaining(german::add);
    assertThat(german).isEqualTo(keys);
  }

  @Test
  void everyPortalTextHasItsGermanWithTheSamePlaceholders() throws IOException {
    JsonNode german = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get("portal");
    Set<String> texts = texts();
    assertThat(texts).hasSizeGreaterThan(100).contains("My tickets", "Skip to content");
    assertThat(withoutGerman(texts, german)).isEmpty();
  }

  /**
   * The portal says its own checks' messages in the API's words (refusal('{label} is required') in formwords.js):
   * each has German in the refusals section, with the same placeholders, as the API's do.
   */
  @Test
  void everyRefusalThePortalSaysItselfHasItsGermanWithTheSamePlaceholders() throws IOException {
    JsonNode german = new ObjectMapper().readTree(Path.of("i18n", "de.json").toFile()).get("refusals");
    Pattern refusal = Pattern.compile("\\brefusal\\(\\s*'((?:[^'\\\\]|\\\\.)*)'");
    Set<String> texts = new LinkedHashSet<>();
    try (Stream<Path> portal = Files.list(Path.of("portal", "src"))) {
      for (Path file : portal.sorted().toList()) {
        refusal.matcher(Files.readString(file)).results().forEach(found -> texts.add(found.group(1)));
      }
    }
    assertThat(texts).contains("{label} is required", "{label} must be between {min} and {max}");
    assertThat(withoutGerman(texts, german)).isEmpty();
  }

  /** The texts the section has no German for, or German with other placeholders. */
  static List<String> withoutGerman(Set<String> texts, JsonNode section) {
    List<String> missing = new ArrayList<>();
    for (String text : texts) {
      JsonNode translation = section.get(text);
      if (translation == null || translation.asText().isBlank()) {
        missing.add(text + ": no German");
      } else if (!placeholders(text).equals(placeholders(translation.asText()))) {
        missing.add(text + ": the German has other placeholders");
      }
    }
    return missing;
  }

  static Set<String> placeholders(String text) {
    Set<String> found = new java.util.TreeSet<>();
    PLACEHOLDER.matcher(text).results().forEach(m -> found.add(m.group()));
    return found;
  }

  /** Keys (and ids of text components) of a form's components, each with its option values. */
  static void fields(JsonNode components, java.util.Map<String, Set<String>> found) {
    for (JsonNode component : components) {
      Set<String> values = new java.util.TreeSet<>();
      component.path("values").forEach(option -> values.add(option.path("value").asText()));
      found.put(component.path("key").asText(component.path("id").asText()), values);
      fields(component.path("components"), found);
    }
  }

  @Test
  void eachFormTranslationNamesFieldsAndOptionsOfAFormThatExists() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> problems = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("forms", "i18n"))) {
      files = list.sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String name = file.getFileName().toString();
      Matcher parts = Pattern.compile("(.+)\\.([a-z]{2,3})\\.json").matcher(name);
      Path form = Path.of("forms", (parts.matches() ? parts.group(1) : name) + ".form");
      if (!parts.matches() || !Files.exists(form)) {
        problems.add(name + ": not <form>.<language>.json of a form in forms/");
        continue;
      }
      java.util.Map<String, Set<String>> known = new java.util.HashMap<>();
      fields(json.readTree(form.toFile()).path("components"), known);
      json.readTree(file.toFile()).fields().forEachRemaining(entry -> {
        if (!known.containsKey(entry.getKey())) {
          problems.add(name + ": " + entry.getKey() + " is no field of " + form);
        } else {
          entry.getValue().path("values").fieldNames().forEachRemaining(value -> {
            if (!known.get(entry.getKey()).contains(value)) {
              problems.add(name + ": " + entry.getKey() + " has no option " + value);
            }
          });
        }
      });
    }
    assertThat(problems).isEmpty();
  }
}
