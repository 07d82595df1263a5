package org.flowdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.runtime.DefaultDeserializationTypeValidator;
import org.camunda.spin.DataFormats;
import org.camunda.spin.DeserializationTypeValidator;
import org.camunda.spin.impl.json.jackson.format.JacksonJsonDataFormatMapper;
import org.junit.jupiter.api.Test;

/**
 * Object variables go to JSON with their type's name and come back as it: a decision's empty list of entries
 * ({@code Collections.emptyList()}) and {@code List.of(…)} were written and then could not be read (Spin named them by
 * the JDK's private classes), so the first read after the write failed.
 */
class PlainCollectionTypesTest {

  final JacksonJsonDataFormatMapper mapper = (JacksonJsonDataFormatMapper) DataFormats.json().getMapper();
  final DeserializationTypeValidator camundas = new DefaultDeserializationTypeValidator()::validate;

  Object roundTrip(Object value) {
    String type = mapper.getCanonicalTypeName(value);
    return mapper.mapInternalToJava(mapper.mapJavaToInternal(value), type, camundas);
  }

  @Test
  void theJdksOwnCollectionsAreNamedAsThePlainOnesTheyReadBackAs() {
    assertThat(mapper.getCanonicalTypeName(Collections.emptyList())).isEqualTo("java.util.ArrayList<java.lang.Object>");
    assertThat(mapper.getCanonicalTypeName(List.of("manager"))).isEqualTo("java.util.ArrayList<java.lang.Object>");
    assertThat(mapper.getCanonicalTypeName(Set.of(1))).isEqualTo("java.util.LinkedHashSet<java.lang.Object>");
    assertThat(mapper.getCanonicalTypeName(Map.of("risk", "low")))
        .isEqualTo("java.util.LinkedHashMap<java.lang.Object,java.lang.Object>");
    // Of mixed elements, and nested: each read back as what it is, whichever comes first.
    for (Object value : List.of(Collections.emptyList(), List.of("manager", "budget-owner"), Set.of(1),
        Map.of("risk", "low"), Collections.emptyMap(), Collections.unmodifiableList(new ArrayList<>(List.of("a"))),
        List.of("a", 1, true), Map.of("risk", "low", "count", 3), List.of(List.of("a"), Map.of("b", 2)))) {
      assertThat(roundTrip(value)).as(value.getClass().getName()).isEqualTo(value);
    }
  }

  @Test
  void plainCollectionsKeepTheNamesSpinGivesThem() {
    assertThat(mapper.getCanonicalTypeName(new ArrayList<>(List.of("a")))).isEqualTo("java.util.ArrayList<java.lang.String>");
    assertThat(mapper.getCanonicalTypeName(new java.util.HashMap<>(Map.of("a", 1))))
        .isEqualTo("java.util.HashMap<java.lang.Object,java.lang.Object>");
  }
}
