package org.flowdesk.models;

import java.util.List;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.util.ConcurrentLruCache;

import camundajar.impl.scala.util.Either;

/**
 * The decision tables' FEEL parsed once per text instead of at every evaluation. Camunda's FEEL
 * engine parses every input entry and output entry of a table again each time the table is
 * evaluated: a tenth of intake's request threads once feel-engine 1.19.5 no longer rebuilds its
 * built-in functions each time (docs/benchmarks.md, "FEEL built once, parsed once"). The texts
 * come from the deployed decision tables, so the same few hundred recur; a parsed expression is
 * immutable and is evaluated exactly as before, with the same variables, functions and errors. A
 * text that does not parse fails the same way each time, so its failure is kept too.
 *
 * <p>An engine plugin, so Cockpit's and the REST API's evaluations go through it as the
 * processes' do. With {@code dmn-feel-enable-legacy-behavior} the JUEL engine is used as before.
 */
public final class FeelParsedOnce extends AbstractProcessEnginePlugin {

  /** Distinct texts kept; a few hundred are deployed, each new version of a table adds its own. */
  static final int TEXTS = 4096;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    use(dmnOf(configuration));
  }

  /**
   * The process engine's DMN engine configuration, created as the engine would create it when none is set yet, so
   * that plugins before the engine's init ({@link DecisionsReadOnce} too) change the one the engine builds.
   */
  static DefaultDmnEngineConfiguration dmnOf(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    return dmn;
  }

  /** A DMN engine of its own (a draft's, a test's) that evaluates as the process engine's does. */
  public static DmnEngine dmnEngine() {
    return use((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
        .buildEngine();
  }

  /**
   * Makes {@code dmn} build the parse-once engine unless another FEEL engine was chosen. Read when
   * the DMN engine is built, after the process engine has passed its legacy flag and custom
   * functions on.
   */
  public static DefaultDmnEngineConfiguration use(DefaultDmnEngineConfiguration dmn) {
    if (dmn.getFeelEngineFactory() == null) {
      dmn.setFeelEngineFactory(() -> dmn.isEnableFeelLegacyBehavior() ? new FeelEngineFactoryImpl().createInstance()
          : new Engine(dmn.getFeelCustomFunctionProviders()));
    }
    return dmn;
  }

  /** Camunda's FEEL engine for DMN, on a feel-scala engine that keeps what it parsed. */
  static final class Engine extends ScalaFeelEngine {

    Engine(List<FeelCustomFunctionProvider> functions) {
      super(functions);
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer functions,
        ValueMapper.CompositeValueMapper values) {
      // What ScalaFeelEngine builds (no external functions, the default clock), parsing each text once.
      return new Parsing(functions, values);
    }

    /** The feel-scala engine it evaluates with. */
    FeelEngine feel() {
      return feelEngine;
    }
  }

  /** feel-scala's engine; its evaluations ask these two methods for the parsed text. */
  static final class Parsing extends FeelEngine {

    private final ConcurrentLruCache<String, Either<FeelEngine.Failure, ParsedExpression>> expressions =
        new ConcurrentLruCache<>(TEXTS, super::parseExpression);
    private final ConcurrentLruCache<String, Either<FeelEngine.Failure, ParsedExpression>> unaryTests =
        new ConcurrentLruCache<>(TEXTS, super::parseUnaryTests);

    Parsing(CustomFunctionTransformer functions, ValueMapper values) {
      super(functions, values, new FeelEngine.Configuration(false), FeelEngine.defaultClock());
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseExpression(String expression) {
      return expressions.get(expression);
    }

    @Override
    public Either<FeelEngine.Failure, ParsedExpression> parseUnaryTests(String expression) {
      return unaryTests.get(expression);
    }
  }
}
