package org.flowdesk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormat;
import org.camunda.spin.spi.DataFormatConfigurator;
import org.camunda.spin.spi.TypeDetector;

import com.fasterxml.jackson.databind.type.TypeFactory;

/**
 * Object variables are stored as JSON with the name of their Java type, and read back into that type. A decision's
 * collected entries, or any {@code List.of(…)}, are lists of the JDK's own classes ({@code Collections$EmptyList},
 * {@code ImmutableCollections$ListN}) that JSON cannot be read back into, so the variable would be written and then
 * fail every later read. Lists, sets and maps of such classes are named as the plain {@code ArrayList},
 * {@code LinkedHashSet} and {@code LinkedHashMap} they read back as. Registered for Camunda Spin through
 * {@code META-INF/services/org.camunda.spin.spi.DataFormatConfigurator}.
 */
public class PlainCollectionTypes implements DataFormatConfigurator<JacksonJsonDataFormat>, TypeDetector {

  @Override
  public Class<JacksonJsonDataFormat> getDataFormatClass() {
    return JacksonJsonDataFormat.class;
  }

  @Override
  public void configure(JacksonJsonDataFormat format) {
    format.addTypeDetector(this);
  }

  @Override
  public boolean canHandle(Object value) {
    return (value instanceof Collection<?> || value instanceof Map<?, ?>) && !isPlain(value.getClass());
  }

  /**
   * Of objects: JSON reads each element back as what it is (a text, a number, a list, a map), whatever the first one
   * was; naming them by the first element's class would read {@code List.of("a", 1)} or a map of texts and numbers
   * back wrongly, and by an iteration order that differs from run to run.
   */
  @Override
  public String detectType(Object value) {
    TypeFactory types = TypeFactory.defaultInstance();
    if (value instanceof Map<?, ?>) {
      return types.constructMapType(LinkedHashMap.class, Object.class, Object.class).toCanonical();
    }
    return types.constructCollectionType(value instanceof Set<?> ? LinkedHashSet.class : ArrayList.class, Object.class)
        .toCanonical();
  }

  /** A public class of java.util that JSON reads back into (ArrayList, HashMap, …), or one outside the JDK's. */
  private static boolean isPlain(Class<?> type) {
    return !type.getName().startsWith("java.") || (!type.getName().contains("$")
        && java.lang.reflect.Modifier.isPublic(type.getModifiers()) && hasNoArgumentConstructor(type));
  }

  private static boolean hasNoArgumentConstructor(Class<?> type) {
    try {
      type.getConstructor();
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

}
