package org.flowdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.flowdesk.cluster.ClusterDatabase;
import org.flowdesk.cluster.Node;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * FlowDesk's intake against the bare engine (mvn verify -Pbench, on H2; with -Ppostgres,bench
 * on PostgreSQL). Prints a table and writes target/bench/results.json. Figures, not assertions.
 */
class IntakeBenchmark {

  static final String REPORT = "{\"title\":\"Bench\",\"service\":\"email\",\"category\":\"software\","
      + "\"impact\":2,\"urgency\":2}";
  static final Duration RUN = Duration.ofSeconds(Long.getLong("flowdesk.bench.seconds", 15));

  final Map<String, Object> results = new LinkedHashMap<>();

  @Test
  void measure() throws Exception {
    boolean postgres = "postgres".equals(System.getProperty("flowdesk.test.database"));
    results.put("database", postgres ? "PostgreSQL" : "H2 (file)");
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version")));
    ModelsFixture models = ModelsFixture.copyOfProjectModels();
    if (postgres) {
      try (ClusterDatabase db = new ClusterDatabase()) {
        runNode(db.url(), models);
      }
    } else {
      Path h2 = Files.createTempDirectory("flowdesk-bench-");
      runNode("jdbc:h2:file:" + h2.resolve("flowdesk") + ";DB_CLOSE_ON_EXIT=FALSE", models);
    }
    results.put("engine_only_instances_per_second", engineOnly(models));
    results.put("dmn_incident_priority_evaluations_per_second", decisions());
    report();
  }

  private void runNode(String url, ModelsFixture models) throws Exception {
    Instant started = Instant.now();
    try (Node node = new Node("bench-node", 18481, url, models.root()).start()) {
      results.put("startup_to_healthy_ms", Duration.between(started, Instant.now()).toMillis());
      results.put("rss_at_rest_mb", node.rssMegabytes());
      Map<String, Object> intake = new LinkedHashMap<>();
      for (int clients : new int[] {1, 8, 32}) {
        intake.put(clients + " clients", intake(node, clients));
      }
      results.put("intake", intake);
      results.put("rss_after_intake_mb", node.rssMegabytes());
    }
  }

  private Map<String, Object> intake(Node node, int clients) throws Exception {
    // Warm up, then measure for a fixed time.
    for (int i = 0; i < 20; i++) {
      node.report(REPORT);
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Instant until = Instant.now().plus(RUN);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    Instant start = Instant.now();
    for (int c = 0; c < clients; c++) {
      running.add(pool.submit(() -> {
        while (Instant.now().isBefore(until)) {
          long t0 = System.nanoTime();
          if (node.report(REPORT) == 201) {
            latencies.add(System.nanoTime() - t0);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("incidents", sorted.size());
    figures.put("per_second", Math.round(sorted.size() / seconds * 10) / 10.0);
    figures.put("p50_ms", percentile(sorted, 50));
    figures.put("p95_ms", percentile(sorted, 95));
    figures.put("p99_ms", percentile(sorted, 99));
    return figures;
  }

  private static double percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    long nanos = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    return Math.round(nanos / 100_000.0) / 10.0;
  }

  /** The incident model started through the Java API, its delegates doing nothing: the engine's own cost. */
  private double engineOnly(ModelsFixture models) throws IOException {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("bench-engine");
    configuration.setJdbcUrl("jdbc:h2:mem:bench-engine;DB_CLOSE_DELAY=-1");
    configuration.setHistory("full");
    configuration.setJobExecutorActivate(false);
    configuration.setExpressionManager(new MockExpressionManager());
    JavaDelegate nothing = execution -> { };
    for (String bean : List.of("openTicket", "routeTicket", "startSlaClocks", "notify")) {
      Mocks.register(bean, nothing);
    }
    Mocks.register("openTicket", (JavaDelegate) execution -> execution.setVariable("ticketNumber", "INC-1"));
    Mocks.register("taskAssigned", (TaskListener) task -> { });
    Mocks.register("slaClocks", new FixedClocks());
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      var deployment = engine.getRepositoryService().createDeployment();
      for (String file : List.of("processes/incident.bpmn", "decisions/incident-priority.dmn",
          "decisions/incident-assignment.dmn", "decisions/sla-targets.dmn", "forms/incident-report.form",
          "forms/incident-work.form", "forms/incident-provide-information.form",
          "forms/incident-confirm-resolution.form", "forms/incident-satisfaction.form")) {
        deployment.addString(file, models.read(file));
      }
      deployment.deploy();
      Map<String, Object> variables = Map.of("title", "Bench", "service", "email", "category", "software",
          "impact", 2, "urgency", 2, "requester", "alice");
      for (int i = 0; i < 200; i++) {
        engine.getRuntimeService().startProcessInstanceByKey("incident", variables);
      }
      Instant until = Instant.now().plus(RUN);
      Instant start = Instant.now();
      long started = 0;
      while (Instant.now().isBefore(until)) {
        engine.getRuntimeService().startProcessInstanceByKey("incident", variables);
        started++;
      }
      return Math.round(started / (Duration.between(start, Instant.now()).toMillis() / 1000.0) * 10) / 10.0;
    } finally {
      engine.close();
      Mocks.reset();
    }
  }

  /** SLA clocks that are always an hour and two hours away: the timers without the ticket record. */
  public static class FixedClocks {
    public java.util.Date warnAt(String ticket, String clock) {
      return new java.util.Date(System.currentTimeMillis() + 3_600_000);
    }

    public java.util.Date dueAt(String ticket, String clock) {
      return new java.util.Date(System.currentTimeMillis() + 7_200_000);
    }
  }

  private double decisions() throws IOException {
    DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision priority;
    try (var in = Files.newInputStream(Path.of("decisions/incident-priority.dmn"))) {
      priority = dmn.parseDecision("incident-priority", in);
    }
    for (int i = 0; i < 20_000; i++) {
      dmn.evaluateDecisionTable(priority, Map.of("impact", 1 + i % 3, "urgency", 1 + (i / 3) % 3));
    }
    long evaluations = 0;
    Instant until = Instant.now().plusSeconds(5);
    Instant start = Instant.now();
    while (Instant.now().isBefore(until)) {
      dmn.evaluateDecisionTable(priority, Map.of("impact", 1 + (int) (evaluations % 3), "urgency",
          1 + (int) ((evaluations / 3) % 3)));
      evaluations++;
    }
    return Math.round(evaluations / (Duration.between(start, Instant.now()).toMillis() / 1000.0));
  }

  private void report() throws IOException {
    Path out = Files.createDirectories(Path.of("target", "bench"));
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    Files.writeString(out.resolve("results.json"), json);
    System.out.println("FlowDesk benchmark\n" + json);
  }
}
