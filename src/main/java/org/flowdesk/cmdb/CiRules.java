package org.flowdesk.cmdb;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.flowdesk.api.FieldError;
import org.flowdesk.catalog.Catalog;
import org.springframework.stereotype.Component;

/**
 * Checks what is written of a CI against the classes in force: a known class, the attributes its
 * class declares with values of their type (required ones present), relations the classes allow
 * to CIs that exist, services the catalog has. A CI that passes is stored in its checked form:
 * integers as numbers, booleans as booleans, dates as 2027-03-01, lists in a fixed order.
 */
@Component
class CiRules {

  static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern NO_CONTROL_CHARACTERS = Pattern.compile("[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*");
  static final int MOST_RELATIONS = 500;

  /** A CI as given, before checking. */
  record Input(String key, String ciClass, String name, Map<String, Object> attributes, String ownerGroup,
      String lifecycle, String criticality, List<Ci.Relation> relations, List<String> services) {
  }

  /** The checked CI, or the fields that were refused. */
  record Checked(Ci.State state, List<FieldError> errors) {
  }

  private final CiClasses classes;
  private final Catalog catalog;

  CiRules(CiClasses classes, Catalog catalog) {
    this.classes = classes;
    this.catalog = catalog;
  }

  /**
   * @param classOf the class of the CI with a key, or null when there is none (a dangling reference)
   */
  Checked check(Input in, Function<String, String> classOf) {
    List<FieldError> errors = new ArrayList<>();
    if (in.key() == null || !KEY.matcher(in.key()).matches()) {
      errors.add(new FieldError("key", "must be 1 to 64 letters, digits, dots, dashes or underscores, "
          + "starting with a letter or digit"));
    }
    CiClasses.CiClass ciClass = in.ciClass() == null ? null : classes.current().ciClass(in.ciClass()).orElse(null);
    if (ciClass == null) {
      errors.add(new FieldError("class", "unknown class '" + in.ciClass() + "' (known: " + String.join(", ",
          classes.current().classes().stream().map(CiClasses.CiClass::id).toList()) + ")"));
    }
    if (in.name() == null || in.name().isBlank() || in.name().length() > 200
        || !NO_CONTROL_CHARACTERS.matcher(in.name()).matches()) {
      errors.add(new FieldError("name", "must be 1 to 200 characters without control characters"));
    }
    if (in.ownerGroup() != null && !GROUP.matcher(in.ownerGroup()).matches()) {
      errors.add(new FieldError("ownerGroup", "must be a group id"));
    }
    String lifecycle = in.lifecycle() == null ? Ci.LIVE : in.lifecycle();
    if (!Ci.LIFECYCLES.contains(lifecycle)) {
      errors.add(new FieldError("lifecycle", "must be one of " + String.join(", ", Ci.LIFECYCLES)));
    }
    String criticality = in.criticality() == null ? "medium" : in.criticality();
    if (!Ci.CRITICALITIES.contains(criticality)) {
      errors.add(new FieldError("criticality", "must be one of " + String.join(", ", Ci.CRITICALITIES)));
    }
    Map<String, Object> attributes = new TreeMap<>();
    if (ciClass != null) {
      attributes = attributes(ciClass, in.attributes() == null ? Map.of() : in.attributes(), errors);
    }
    Set<Ci.Relation> relations = new LinkedHashSet<>();
    List<Ci.Relation> given = in.relations() == null ? List.of() : in.relations();
    if (given.size() > MOST_RELATIONS) {
      errors.add(new FieldError("relations", "at most " + MOST_RELATIONS));
      given = List.of();
    }
    for (Ci.Relation relation : given) {
      String refused = refusal(in.key(), in.ciClass(), ciClass, relation, classOf);
      if (refused != null) {
        errors.add(new FieldError("relations", refused));
      } else {
        relations.add(relation);
      }
    }
    Set<String> services = new java.util.TreeSet<>();
    for (String service : in.services() == null ? List.<String>of() : in.services()) {
      if (service == null || catalog.service(service).isEmpty()) {
        errors.add(new FieldError("services", "the catalog has no service '" + service + "'"));
      } else {
        services.add(service);
      }
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    List<Ci.Relation> sorted = relations.stream()
        .sorted(java.util.Comparator.comparing(Ci.Relation::type).thenComparing(Ci.Relation::to)).toList();
    return new Checked(new Ci.State(in.key(), in.ciClass(), in.name(), attributes,
        in.ownerGroup() == null || in.ownerGroup().isBlank() ? null : in.ownerGroup(), lifecycle, criticality, sorted,
        List.copyOf(services)), List.of());
  }

  /**
   * Why one relation from the CI with this key and class may not be written, or null when it may: its type is
   * one of the file's, it names a CI that exists, and the classes allow it between the two.
   */
  String refusal(String key, String fromClassId, Function<String, String> classOf, Ci.Relation relation) {
    return refusal(key, fromClassId, classes.current().ciClass(fromClassId).orElse(null), relation, classOf);
  }

  private String refusal(String key, String fromClassId, CiClasses.CiClass fromClass, Ci.Relation relation,
      Function<String, String> classOf) {
    if (relation == null || relation.type() == null || !classes.current().hasRelationType(relation.type())) {
      return "unknown relation type '" + (relation == null ? null : relation.type()) + "' (known: " + String.join(", ",
          classes.current().relationTypes().stream().map(CiClasses.RelationType::id).toList()) + ")";
    }
    if (relation.to() == null || !KEY.matcher(relation.to()).matches()) {
      return relation.type() + " needs the key of a CI";
    }
    String toClass = relation.to().equals(key) ? fromClassId : classOf.apply(relation.to());
    if (toClass == null) {
      return relation.type() + " " + relation.to() + ": no CI has the key '" + relation.to() + "'";
    }
    if (fromClass != null && !fromClass.allows(relation.type(), toClass)) {
      return relation.type() + " " + relation.to() + ": the class " + fromClass.id() + " allows no " + relation.type()
          + " relation to the class " + toClass;
    }
    return null;
  }

  private static Map<String, Object> attributes(CiClasses.CiClass ciClass, Map<String, Object> given,
      List<FieldError> errors) {
    Map<String, Object> checked = new TreeMap<>();
    for (Map.Entry<String, Object> entry : given.entrySet()) {
      String field = "attributes." + entry.getKey();
      CiClasses.Attribute attribute = ciClass.attribute(entry.getKey()).orElse(null);
      if (attribute == null) {
        errors.add(new FieldError(field, "a " + ciClass.id() + " has no attribute '" + entry.getKey() + "' (its "
            + "attributes: " + String.join(", ", ciClass.attributes().stream().map(CiClasses.Attribute::name).toList())
            + ")"));
        continue;
      }
      Object value = entry.getValue();
      if (value == null || (value instanceof String text && text.isEmpty())) {
        continue;
      }
      Object typed = typed(attribute, value);
      if (typed == null) {
        errors.add(new FieldError(field, "'" + cut(String.valueOf(value)) + "' is not " + describe(attribute)));
      } else {
        checked.put(attribute.name(), typed);
      }
    }
    for (CiClasses.Attribute attribute : ciClass.attributes()) {
      if (attribute.required() && !checked.containsKey(attribute.name())
          && errors.stream().noneMatch(e -> e.field().equals("attributes." + attribute.name()))) {
        errors.add(new FieldError("attributes." + attribute.name(), "a " + ciClass.id() + " needs it"));
      }
    }
    return checked;
  }

  /** The value as its attribute's type stores it, or null when it is not of that type. */
  private static Object typed(CiClasses.Attribute attribute, Object value) {
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      return null;
    }
    String text = String.valueOf(value);
    return switch (attribute.type()) {
      case "string" -> text.length() <= 2000 && NO_CONTROL_CHARACTERS.matcher(text).matches() ? text : null;
      case "integer" -> {
        if (value instanceof Integer || value instanceof Long) {
          yield ((Number) value).longValue();
        }
        yield value instanceof String && INTEGER.matcher(text).matches() ? Long.parseLong(text) : null;
      }
      case "boolean" -> value instanceof Boolean b ? b
          : "true".equals(text) ? Boolean.TRUE : "false".equals(text) ? Boolean.FALSE : null;
      case "date" -> {
        try {
          yield value instanceof String ? LocalDate.parse(text).toString() : null;
        } catch (DateTimeParseException e) {
          yield null;
        }
      }
      case "enum" -> value instanceof String && attribute.values().contains(text) ? text : null;
      default -> null;
    };
  }

  private static String describe(CiClasses.Attribute attribute) {
    return switch (attribute.type()) {
      case "integer" -> "an integer";
      case "boolean" -> "true or false";
      case "date" -> "a date such as 2027-03-01";
      case "enum" -> "one of " + String.join(", ", attribute.values());
      default -> "text of at most 2000 characters";
    };
  }

  private static String cut(String text) {
    return text.length() <= 60 ? text : text.substring(0, 59) + "…";
  }
}
