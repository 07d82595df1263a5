package org.flowdesk.cmdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.flowdesk.models.ModelCompanion;
import org.flowdesk.models.ModelIndex;
import org.flowdesk.models.ModelProblem;
import org.flowdesk.models.ModelRejectedException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads catalog/ci-classes.yaml with every model deployment and checks it, so a designer adds a
 * class, an attribute or an allowed relation by editing the file; like the rest of the catalog it
 * takes effect only when the whole deployment goes through, and each problem names the file, the
 * class and the reason.
 */
@Component
class CiClassFiles implements ModelCompanion {

  static final String FILE = "catalog/ci-classes.yaml";
  static final Set<String> TYPES = Set.of("string", "integer", "boolean", "date", "enum");
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  static final Pattern ATTRIBUTE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The file as written. */
  record File(List<CiClasses.RelationType> relationTypes, List<CiClasses.CiClass> ciClasses,
      List<String> businessCritical) {
  }

  private final CiClasses classes;

  CiClassFiles(CiClasses classes) {
    this.classes = classes;
  }

  @Override
  public Prepared prepare(Path root, ModelIndex index) {
    CiClasses.Model model = read(root);
    return () -> classes.activate(model);
  }

  CiClasses.Model read(Path root) {
    Path path = root.resolve(FILE);
    if (!Files.isRegularFile(path)) {
      return CiClasses.Model.EMPTY;
    }
    File file;
    try {
      file = YAML.readValue(path.toFile(), File.class);
    } catch (JsonProcessingException e) {
      throw rejected(new ModelProblem(FILE, null, e.getLocation() == null ? null : e.getLocation().getLineNr(),
          "not valid CI classes YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw rejected(new ModelProblem(FILE, null, null, "cannot be read: " + e.getMessage()));
    }
    if (file == null) {
      return CiClasses.Model.EMPTY;
    }
    List<ModelProblem> problems = new ArrayList<>();
    List<CiClasses.RelationType> types = new ArrayList<>();
    Set<String> typeIds = new HashSet<>();
    for (CiClasses.RelationType type : nonNull(file.relationTypes())) {
      if (type == null || type.id() == null || !ID.matcher(type.id()).matches() || blank(type.name())) {
        problems.add(new ModelProblem(FILE, type == null ? null : type.id(), null,
            "a relation type needs an id (lower-case letters, digits and dashes) and a name"));
      } else if (!typeIds.add(type.id())) {
        problems.add(new ModelProblem(FILE, type.id(), null, "relation type '" + type.id() + "' is declared twice"));
      } else {
        types.add(type);
      }
    }
    Set<String> classIds = new HashSet<>();
    for (CiClasses.CiClass ciClass : nonNull(file.ciClasses())) {
      if (ciClass != null && ciClass.id() != null && !classIds.add(ciClass.id())) {
        problems.add(new ModelProblem(FILE, ciClass.id(), null, "class '" + ciClass.id() + "' is declared twice"));
      }
    }
    List<CiClasses.CiClass> read = new ArrayList<>();
    for (CiClasses.CiClass ciClass : nonNull(file.ciClasses())) {
      if (ciClass == null || ciClass.id() == null || !ID.matcher(ciClass.id()).matches() || blank(ciClass.name())) {
        problems.add(new ModelProblem(FILE, ciClass == null ? null : ciClass.id(), null,
            "a class needs an id (lower-case letters, digits and dashes, at most 64) and a name"));
        continue;
      }
      String id = ciClass.id();
      List<CiClasses.Attribute> attributes = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (CiClasses.Attribute attribute : nonNull(ciClass.attributes())) {
        if (attribute == null || attribute.name() == null || !ATTRIBUTE.matcher(attribute.name()).matches()) {
          problems.add(new ModelProblem(FILE, id, null, "an attribute needs a name of letters and digits, such as "
              + "hostname (got '" + (attribute == null ? null : attribute.name()) + "')"));
          continue;
        }
        String where = "attribute '" + attribute.name() + "': ";
        if (!names.add(attribute.name())) {
          problems.add(new ModelProblem(FILE, id, null, where + "declared twice"));
        } else if (!TYPES.contains(String.valueOf(attribute.type()))) {
          problems.add(new ModelProblem(FILE, id, null, where + "type '" + attribute.type()
              + "' is none of string, integer, boolean, date, enum"));
        } else if ("enum".equals(attribute.type()) && (attribute.values() == null || attribute.values().isEmpty()
            || attribute.values().stream().anyMatch(CiClassFiles::blank))) {
          problems.add(new ModelProblem(FILE, id, null, where + "an enum needs its values"));
        } else if (!"enum".equals(attribute.type()) && attribute.values() != null) {
          problems.add(new ModelProblem(FILE, id, null, where + "only an enum has values"));
        } else if (!"enum".equals(attribute.type()) && attribute.valueNames() != null) {
          problems.add(new ModelProblem(FILE, id, null, where + "only an enum names its values"));
        } else if (attribute.valueNames() != null && attribute.valueNames().entrySet().stream()
            .anyMatch(v -> !attribute.values().contains(v.getKey()) || blank(v.getValue()))) {
          problems.add(new ModelProblem(FILE, id, null, where + "valueNames must name values of the enum ("
              + String.join(", ", attribute.values()) + "), each with a text"));
        } else if (attribute.label() != null && attribute.label().isBlank()) {
          problems.add(new ModelProblem(FILE, id, null, where + "a label must not be blank"));
        } else {
          // Each value is named, by the file or as it is written.
          Map<String, String> valueNames = new LinkedHashMap<>();
          for (String value : attribute.values() == null ? List.<String>of() : attribute.values()) {
            valueNames.put(value, attribute.valueNames() == null ? value
                : attribute.valueNames().getOrDefault(value, value));
          }
          attributes.add(new CiClasses.Attribute(attribute.name(),
              attribute.label() == null ? attribute.name() : attribute.label().strip(), attribute.type(),
              attribute.values() == null ? List.of() : List.copyOf(attribute.values()),
              Collections.unmodifiableMap(valueNames), attribute.required()));
        }
      }
      List<CiClasses.AllowedRelation> relations = new ArrayList<>();
      for (CiClasses.AllowedRelation relation : nonNull(ciClass.relations())) {
        if (relation == null || !typeIds.contains(String.valueOf(relation.type()))) {
          problems.add(new ModelProblem(FILE, id, null, "relation type '" + (relation == null ? null : relation.type())
              + "' is not declared under relationTypes"));
          continue;
        }
        if (relation.to() == null || relation.to().isEmpty()) {
          problems.add(new ModelProblem(FILE, id, null, "relation '" + relation.type() + "' needs the classes it goes to"));
          continue;
        }
        for (String to : relation.to()) {
          if (!classIds.contains(to)) {
            problems.add(new ModelProblem(FILE, id, null, "relation '" + relation.type() + "' goes to unknown class '"
                + to + "'"));
          }
        }
        relations.add(new CiClasses.AllowedRelation(relation.type(), List.copyOf(relation.to())));
      }
      read.add(new CiClasses.CiClass(id, ciClass.name(), List.copyOf(attributes), List.copyOf(relations)));
    }
    for (String criticality : nonNull(file.businessCritical())) {
      if (!Ci.CRITICALITIES.contains(String.valueOf(criticality))) {
        problems.add(new ModelProblem(FILE, "businessCritical", null, "'" + criticality + "' is no criticality of "
            + "a service (" + String.join(", ", Ci.CRITICALITIES) + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(problems, null);
    }
    return new CiClasses.Model(List.copyOf(types), List.copyOf(read), List.copyOf(nonNull(file.businessCritical())));
  }

  private static ModelRejectedException rejected(ModelProblem problem) {
    return new ModelRejectedException(List.of(problem), null);
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
