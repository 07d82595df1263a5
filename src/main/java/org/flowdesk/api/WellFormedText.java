package org.flowdesk.api;

import java.io.IOException;

import org.flowdesk.models.FormSchema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * A text of a request body is whole characters: JSON may write half of one ({@code "\ud800"}), which Java keeps but
 * no database, mail or strict reader of the lists it would be shown in takes. Such a body is refused naming the field
 * (the answers of a form, read as a map, are checked by {@link FormSchema}).
 */
public final class WellFormedText {

  static final String REFUSAL = "contains half a character";

  private WellFormedText() {
  }

  /** The module that makes every {@code String} of a request body so. */
  public static SimpleModule module() {
    return new SimpleModule("well-formed-text").addDeserializer(String.class, new Deserializer());
  }

  /** Refused text, named by the field it was for. */
  static final class HalfCharacter extends JsonMappingException {
    HalfCharacter(JsonParser parser) {
      super(parser, REFUSAL);
    }
  }

  private static final class Deserializer extends StringDeserializer {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = super.deserialize(parser, context);
      if (text != null && !FormSchema.isWellFormed(text)) {
        throw new HalfCharacter(parser);
      }
      return text;
    }
  }
}
