package org.flowdesk;

import org.flowdesk.api.WellFormedText;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

  /** A number or boolean where the API expects text is refused, not turned into text. */
  @Bean
  Jackson2ObjectMapperBuilderCustomizer textIsText() {
    return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }

  /** A text is whole characters (Spring Boot gives every module bean to the API's object mapper). */
  @Bean
  com.fasterxml.jackson.databind.Module wellFormedText() {
    return WellFormedText.module();
  }
}
