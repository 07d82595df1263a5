package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A field nobody touched is submitted with the form's default, as form-js does in Tasklist. */
class FormSchemaDefaultsTest {

  static final FormSchema FORM = FormSchema.parse(new ByteArrayInputStream("""
      {"id": "defaults", "components": [
        {"key": "kind", "type": "select", "values": [{"value": "a"}, {"value": "b"}]},
        {"key": "complexity", "type": "radio", "defaultValue": "medium",
         "values": [{"value": "low"}, {"value": "medium"}, {"value": "high"}],
         "conditional": {"hide": "=kind = \\"b\\""}}
      ]}""".getBytes(StandardCharsets.UTF_8)));

  @Test
  void anAbsentFieldTakesTheFormsDefault() {
    assertThat(FORM.validate(Map.of("kind", "a"))).containsEntry("complexity", "medium");
  }

  @Test
  void aGivenValueWins() {
    assertThat(FORM.validate(Map.of("kind", "a", "complexity", "high"))).containsEntry("complexity", "high");
  }

  @Test
  void aHiddenFieldGetsNoDefault() {
    assertThat(FORM.validate(Map.of("kind", "b"))).doesNotContainKey("complexity");
  }
}
