package org.flowdesk.cmdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The classes of configuration items in force, as catalog/ci-classes.yaml declares them: their
 * typed attributes and which relations may go from a CI of one class to which classes.
 */
@Component
public class CiClasses {

  private static final Logger LOG = LoggerFactory.getLogger(CiClasses.class);

  /** The classes and relation types of one deployment, and which services' criticalities are business-critical. */
  @Schema(name = "CiClassModel", description = "The CI classes and relation types of catalog/ci-classes.yaml")
  public record Model(List<RelationType> relationTypes, List<CiClass> classes,
      @Schema(description = "The criticalities of the catalog's services that the impact analysis counts as "
          + "business-critical (change-risk.dmn's impactedCriticalServices)", example = "[\"high\"]")
      List<String> businessCritical) {

    static final Model EMPTY = new Model(List.of(), List.of(), List.of());

    public Optional<CiClass> ciClass(String id) {
      return classes.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public boolean hasRelationType(String id) {
      return relationTypes.stream().anyMatch(t -> t.id().equals(id));
    }
  }

  @Schema(name = "CiRelationType", description = "A kind of relation: from the CI that depends to the one it depends on")
  public record RelationType(@Schema(example = "runs-on") String id, @Schema(example = "Runs on") String name) {
  }

  @Schema(name = "CiClass", description = "A class of configuration items")
  public record CiClass(@Schema(example = "server") String id, @Schema(example = "Server") String name,
      List<Attribute> attributes, List<AllowedRelation> relations) {

    public Optional<Attribute> attribute(String name) {
      return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Whether a relation of this type may go from a CI of this class to one of {@code toClass}. */
    public boolean allows(String type, String toClass) {
      return relations.stream().anyMatch(r -> r.type().equals(type) && r.to().contains(toClass));
    }
  }

  @Schema(name = "CiAttribute", description = "A typed attribute of a CI class")
  public record Attribute(@Schema(example = "os") String name,
      @Schema(description = "What people read for it (the file's label, else its name), in the caller's language",
          example = "Operating system") String label,
      @Schema(description = "string, integer, boolean, date or enum", example = "enum") String type,
      @Schema(description = "The values an enum attribute takes", example = "[\"linux\", \"windows\"]") List<String> values,
      @Schema(description = "What people read for an enum's values, by value (each value's own, unless the file or "
          + "the caller's language names it)", example = "{\"linux\": \"Linux\", \"windows\": \"Windows\"}")
      Map<String, String> valueNames,
      @Schema(description = "Whether every CI of the class must have it") boolean required) {

    /** Its label and its values' names as {@code words} (catalog/i18n: ciClasses.<class>.attributes) give them. */
    Attribute in(com.fasterxml.jackson.databind.JsonNode words) {
      if (words == null || words.isMissingNode() || !words.isObject()) {
        return this;
      }
      Map<String, String> names = new LinkedHashMap<>(valueNames);
      words.path("values").properties().forEach(v -> {
        if (names.containsKey(v.getKey()) && v.getValue().isTextual()) {
          names.put(v.getKey(), v.getValue().textValue());
        }
      });
      String said = words.path("label").isTextual() ? words.path("label").textValue() : label;
      return new Attribute(name, said, type, values, Collections.unmodifiableMap(names), required);
    }
  }

  @Schema(name = "CiAllowedRelation", description = "A relation type that may go from the class to these classes")
  public record AllowedRelation(@Schema(example = "runs-on") String type,
      @Schema(example = "[\"server\"]") List<String> to) {
  }

  private volatile Model model = Model.EMPTY;

  void activate(Model next) {
    model = next;
    LOG.info("CI classes in force: {}", next.classes().stream().map(CiClass::id).toList());
  }

  public Model current() {
    return model;
  }
}
