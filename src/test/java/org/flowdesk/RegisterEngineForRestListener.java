package org.flowdesk;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Camunda's REST API and webapps find their engine in JVM-wide registries keyed by name
 * ({@link ProcessEngines}, and the BPM platform's container that Cockpit and Tasklist ask first).
 * Several cached test contexts each have an engine called "default", and closing one
 * unregisters the name or leaves a closed engine behind, so before each test the engine of the
 * test's own context is registered again in both.
 */
public class RegisterEngineForRestListener extends AbstractTestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
        ProcessEngines.registerProcessEngine(engine);
        RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
        ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
        if (registered != engine) {
          if (registered != null) {
            container.unregisterProcessEngine(registered);
          }
          container.registerProcessEngine(engine);
        }
      });
    }
  }
}
