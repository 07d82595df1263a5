package org.flowdesk.models;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.spin.plugin.impl.SpinProcessEnginePlugin;
import org.flowdesk.history.FlowDeskHistoryLevel;

/**
 * The engine of the fast process tests: no Spring, in-memory H2, job executor off, FlowDesk's
 * history level and FEEL engine, beans in expressions resolved from Camunda's {@code Mocks}, and the coverage
 * listeners of camunda-process-test-coverage. Named "flow-tests" so it never meets the Spring
 * Boot tests' engines in Camunda's JVM-wide registry; built once per JVM from
 * {@code flow-tests.camunda.cfg.xml}.
 */
public class FlowTestEngineConfiguration extends StandaloneInMemProcessEngineConfiguration {

  public FlowTestEngineConfiguration() {
    setProcessEngineName("flow-tests");
    setJdbcUrl("jdbc:h2:mem:camunda-flow-tests;DB_CLOSE_DELAY=1000");
    setDatabaseSchemaUpdate("true");
    setJobExecutorActivate(false);
    setExpressionManager(new MockExpressionManager());
    setCustomHistoryLevels(List.of(FlowDeskHistoryLevel.INSTANCE));
    setHistory(FlowDeskHistoryLevel.NAME);
    setProcessEnginePlugins(List.of(new SpinProcessEnginePlugin(), new FeelParsedOnce(), new DecisionsReadOnce()));
  }

  @Override
  protected void init() {
    ProcessCoverageConfigurator.initializeProcessCoverageExtensions(this);
    super.init();
  }
}
