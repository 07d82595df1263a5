package org.flowdesk.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;

/** The parse-once FEEL engine answers as Camunda's own does, and parses a text once. */
class FeelParsedOnceTest {

  private final FeelEngine camunda = new ScalaFeelEngine(List.of());
  private final FeelEngine parsedOnce = new FeelParsedOnce.Engine(List.of());

  private static VariableContext facts(Map<String, Object> values) {
    return Variables.fromMap(values).asVariableContext();
  }

  @Test
  void unaryTestsAnswerAsCamundasEngineDoes() {
    VariableContext facts = facts(Map.of("impact", 2, "service", "vpn", "requester", "alice",
        "reportedAt", java.time.LocalDate.of(2026, 12, 6)));
    List<String[]> cases = List.of(new String[] {"[1..3]", "impact"}, new String[] {"> 2", "impact"},
        new String[] {"1, 2", "impact"}, new String[] {"not(2)", "impact"}, new String[] {"-", "impact"},
        new String[] {"\"vpn\",\"email\"", "service"}, new String[] {"\"email\"", "service"},
        new String[] {"? = requester", "requester"}, new String[] {"< date(\"2027-01-01\")", "reportedAt"});
    for (int round = 0; round < 2; round++) {
      for (String[] test : cases) {
        assertThat(parsedOnce.evaluateSimpleUnaryTests(test[0], test[1], facts)).as(test[0])
            .isEqualTo(camunda.evaluateSimpleUnaryTests(test[0], test[1], facts));
      }
    }
  }

  @Test
  void expressionsAnswerAsCamundasEngineDoes() {
    for (int impact = 1; impact <= 3; impact++) {
      VariableContext facts = facts(Map.of("impact", impact, "urgency", 2, "title", "VPN drops"));
      for (String expression : List.of("impact * urgency", "if impact < 2 then \"high\" else \"low\"",
          "upper case(title)", "string length(title) > 5", "date(\"2026-12-06\") + duration(\"P1D\")")) {
        Object expected = camunda.evaluateSimpleExpression(expression, facts);
        assertThat((Object) parsedOnce.evaluateSimpleExpression(expression, facts)).as(expression).isEqualTo(expected);
      }
    }
  }

  @Test
  void aTextIsParsedOnceAndADifferentTextOnItsOwn() {
    org.camunda.feel.FeelEngine feel = ((FeelParsedOnce.Engine) parsedOnce).feel();
    assertThat(feel.parseUnaryTests("[1..3]").toOption().get())
        .isSameAs(feel.parseUnaryTests("[1..3]").toOption().get());
    assertThat(feel.parseExpression("impact * urgency").toOption().get())
        .isSameAs(feel.parseExpression("impact * urgency").toOption().get());
    // A table changed by a designer has other texts: they are parsed for themselves.
    VariableContext facts = facts(Map.of("impact", 2));
    assertThat(parsedOnce.evaluateSimpleUnaryTests("[1..3]", "impact", facts)).isTrue();
    assertThat(parsedOnce.evaluateSimpleUnaryTests("[3..5]", "impact", facts)).isFalse();
  }

  @Test
  void aTextThatDoesNotParseFailsAsWithCamundasEngineEveryTime() {
    VariableContext facts = facts(Map.of("impact", 2));
    String expected = messageOf(() -> camunda.evaluateSimpleUnaryTests("[1..", "impact", facts));
    for (int round = 0; round < 2; round++) {
      assertThatThrownBy(() -> parsedOnce.evaluateSimpleUnaryTests("[1..", "impact", facts))
          .isInstanceOf(FeelException.class).hasMessage(expected);
    }
    String expression = messageOf(() -> camunda.evaluateSimpleExpression("impact *", facts));
    assertThatThrownBy(() -> parsedOnce.evaluateSimpleExpression("impact *", facts))
        .isInstanceOf(FeelException.class).hasMessage(expression);
  }

  @Test
  void aDmnEngineBuildsItUnlessTheLegacyEngineOrAnotherWasChosen() {
    assertThat(((DefaultDmnEngineConfiguration) FeelParsedOnce.dmnEngine().getConfiguration()).getFeelEngine())
        .isInstanceOf(FeelParsedOnce.Engine.class);
    DefaultDmnEngineConfiguration legacy = configuration();
    legacy.setEnableFeelLegacyBehavior(true);
    assertThat(((DefaultDmnEngineConfiguration) FeelParsedOnce.use(legacy).buildEngine().getConfiguration())
        .getFeelEngine()).isInstanceOf(FeelEngineImpl.class);
    DefaultDmnEngineConfiguration chosen = configuration();
    chosen.setFeelEngineFactory(() -> camunda);
    assertThat(((DefaultDmnEngineConfiguration) FeelParsedOnce.use(chosen).buildEngine().getConfiguration())
        .getFeelEngine()).isSameAs(camunda);
  }

  private static DefaultDmnEngineConfiguration configuration() {
    return (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
  }

  private static String messageOf(Runnable evaluation) {
    try {
      evaluation.run();
    } catch (FeelException e) {
      return e.getMessage();
    }
    throw new AssertionError("Camunda's engine accepted it");
  }
}
