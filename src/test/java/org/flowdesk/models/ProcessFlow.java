package org.flowdesk.models;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * What the fast process tests share: the engine with coverage, the models deployed once as
 * FlowDesk deploys them (all of processes/, decisions/ and forms/ together, resource names
 * relative to the models root), and every bean a model names in a {@code delegateExpression}
 * replaced by a Mockito mock that records each call with the step's input parameters.
 */
public final class ProcessFlow {

  /** Every process at or above this share of its flow nodes and sequence flows, or the class fails. */
  public static final double COVERAGE_AT_LEAST = 0.9;

  private static final Path MODELS_ROOT = Path.of(".");
  private static final List<String> MODEL_FOLDERS = List.of("processes", "decisions", "forms");
  private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
  private static String deploymentId;

  private ProcessFlow() {
  }

  /**
   * The JUnit extension for a test class of one process: its coverage is reported under
   * target/process-test-coverage and must reach {@link #COVERAGE_AT_LEAST}; the other processes it
   * calls are left out of its figure (they have test classes of their own).
   */
  public static ProcessEngineCoverageExtension coverage(String processKey) {
    String[] others = processKeys().stream().filter(key -> !key.equals(processKey)).toArray(String[]::new);
    return ProcessEngineCoverageExtension.builder("flow-tests.camunda.cfg.xml")
        .excludeProcessDefinitionKeys(others)
        .assertClassCoverageAtLeast(COVERAGE_AT_LEAST)
        .build();
  }

  /**
   * Before each test: binds camunda-bpm-assert to this engine (the Spring Boot tests' engines live
   * in the same JVM) and deploys the models once per JVM; the tests of every class share the
   * deployment.
   */
  public static void use(ProcessEngine engine) {
    AbstractAssertions.init(engine);
    deployModels(engine);
  }

  /** After each test: the mocked beans and the assertions' engine are released, the clock is real again. */
  public static void release() {
    Mocks.reset();
    AbstractAssertions.reset();
    ClockUtil.reset();
  }

  private static synchronized void deployModels(ProcessEngine engine) {
    if (deploymentId != null
        && engine.getRepositoryService().createDeploymentQuery().deploymentId(deploymentId).count() == 1) {
      return;
    }
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("flowdesk-models");
    for (Path file : modelFiles()) {
      try (InputStream in = Files.newInputStream(file)) {
        deployment.addInputStream(MODELS_ROOT.relativize(file).toString().replace('\\', '/'), in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    deploymentId = deployment.deploy().getId();
  }

  static List<Path> modelFiles() {
    List<Path> files = new ArrayList<>();
    for (String folder : MODEL_FOLDERS) {
      try (Stream<Path> walk = Files.walk(MODELS_ROOT.resolve(folder))) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  static Set<String> processKeys() {
    Set<String> keys = new TreeSet<>();
    for (Path file : modelFiles()) {
      String name = file.getFileName().toString();
      if (name.endsWith(".bpmn")) {
        keys.add(name.substring(0, name.length() - ".bpmn".length()));
      }
    }
    return keys;
  }

  /**
   * Task names carry their ticket ({@code ${ticketTitle.of(execution)}}); without FlowDesk's tables, the
   * ticket is its number, the instance's business key.
   */
  public static final class TicketTitle {

    public String of(DelegateExecution execution) {
      String number = execution.getProcessBusinessKey();
      return number == null ? "" : number;
    }
  }

  /** One call of a mocked bean: the step that called it and the step's local variables then. */
  public record Call(String bean, String activityId, Map<String, Object> input) {
  }

  /**
   * The mocked beans of all models, registered in Camunda's {@code Mocks} for this thread. Each
   * does nothing but record its calls, unless a test gives it a behaviour with {@link #on}.
   */
  public static final class Delegates {

    private final Map<String, Object> mocks = new LinkedHashMap<>();
    private final Map<String, Consumer<DelegateExecution>> behaviours = new LinkedHashMap<>();
    private final Map<String, Consumer<DelegateTask>> taskBehaviours = new LinkedHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

    public Delegates() {
      for (String bean : beanNames()) {
        Object mock = mock(JavaDelegate.class, withSettings().name(bean)
            .extraInterfaces(TaskListener.class, ExecutionListener.class)
            .defaultAnswer(invocation -> {
              Object argument = invocation.getArgument(0);
              if (argument instanceof DelegateTask task) {
                calls.add(new Call(bean, task.getTaskDefinitionKey(), Map.copyOf(nonNull(task.getVariablesLocal()))));
                Consumer<DelegateTask> behaviour = taskBehaviours.get(bean);
                if (behaviour != null) {
                  behaviour.accept(task);
                }
              } else if (argument instanceof DelegateExecution execution) {
                calls.add(new Call(bean, execution.getCurrentActivityId(),
                    Map.copyOf(nonNull(execution.getVariablesLocal()))));
                Consumer<DelegateExecution> behaviour = behaviours.get(bean);
                if (behaviour != null) {
                  behaviour.accept(execution);
                }
              }
              return null;
            }));
        mocks.put(bean, mock);
        Mocks.register(bean, mock);
      }
      Mocks.register("ticketTitle", new TicketTitle());
      // The people directory, unless the test has its own: nobody known; the models' texts name a group by its id.
      if (Mocks.get("people") == null) {
        org.flowdesk.identity.People people = mock(org.flowdesk.identity.People.class);
        when(people.groupName(any())).thenAnswer(call -> call.getArgument(0));
        Mocks.register("people", people);
      }
      // What the escalation decision is asked about the ticket: nothing known, so only its catch-all rules match.
      Mocks.register("escalationFacts", mock(org.flowdesk.ticket.EscalationFacts.class));
      // What the SLA decisions look up in the catalog and the people directory: nothing known, the general rows.
      Mocks.register("slaFacts", mock(org.flowdesk.sla.SlaFacts.class));
      // The group a request goes to when its fulfilment starts: none known, so the ticket keeps its group.
      Mocks.register("requestFacts", mock(org.flowdesk.request.RequestFacts.class));
      // What the decisions look up about the ticket's configuration item: none named, so the rules without one.
      Mocks.register("ciFacts", mock(org.flowdesk.cmdb.CiFacts.class));
      // A fulfilment group's OLA clock (the hold step is mocked): warns an hour after the timers are set, due in two.
      org.flowdesk.sla.OlaClocks ola = mock(org.flowdesk.sla.OlaClocks.class);
      when(ola.warnAt(anyString(), anyString())).thenAnswer(call -> hoursFromNow(1));
      when(ola.dueAt(anyString(), anyString())).thenAnswer(call -> hoursFromNow(2));
      Mocks.register("olaClocks", ola);
    }

    /** What the bean does besides recording the call (service tasks only). */
    public Delegates on(String bean, Consumer<DelegateExecution> behaviour) {
      if (!mocks.containsKey(bean)) {
        throw new IllegalArgumentException("no model names the bean " + bean);
      }
      behaviours.put(bean, behaviour);
      return this;
    }

    /** What the bean does besides recording the call, as a task listener. */
    public Delegates onTask(String bean, Consumer<DelegateTask> behaviour) {
      if (!mocks.containsKey(bean)) {
        throw new IllegalArgumentException("no model names the bean " + bean);
      }
      taskBehaviours.put(bean, behaviour);
      return this;
    }

    public Object bean(String name) {
      return mocks.get(name);
    }

    public List<Call> calls(String bean) {
      return calls.stream().filter(call -> call.bean().equals(bean)).toList();
    }

    /** The steps that called the bean, in order. */
    public List<String> steps(String bean) {
      return calls(bean).stream().map(Call::activityId).toList();
    }

    public List<Call> calls() {
      return List.copyOf(calls);
    }

    private static Map<String, Object> nonNull(Map<String, Object> variables) {
      Map<String, Object> copy = new LinkedHashMap<>();
      variables.forEach((name, value) -> {
        if (value != null) {
          copy.put(name, value);
        }
      });
      return copy;
    }

    private static java.util.Date hoursFromNow(int hours) {
      return new java.util.Date(ClockUtil.getCurrentTime().getTime() + hours * 3_600_000L);
    }

    private static Set<String> beanNames() {
      Set<String> names = new TreeSet<>();
      for (Path file : modelFiles()) {
        if (file.toString().endsWith(".bpmn")) {
          try {
            Matcher matcher = DELEGATE.matcher(Files.readString(file));
            while (matcher.find()) {
              names.add(matcher.group(1));
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      return names;
    }
  }
}
