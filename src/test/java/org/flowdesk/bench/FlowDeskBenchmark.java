package org.flowdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.flowdesk.history.FlowDeskHistoryLevel;
import org.flowdesk.cluster.Node;
import org.flowdesk.models.FeelParsedOnce;
import org.flowdesk.models.ModelsFixture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * FlowDesk's benchmark (mvn verify -Pbench, on H2; with -Ppostgres,bench on PostgreSQL): intake
 * against the bare engine, the full lifecycle, SLA timer lag under load, worklists with a large
 * backlog, decisions, start-up and memory. Prints the figures and writes
 * target/bench/results.json. Figures, not assertions.
 */
class FlowDeskBenchmark {

  static final String REPORT = "{\"title\":\"Bench\",\"service\":\"email\",\"category\":\"software\","
      + "\"impact\":2,\"urgency\":2}";
  static final String P1_REPORT = "{\"title\":\"Bench P1\",\"service\":\"email\",\"category\":\"software\","
      + "\"impact\":1,\"urgency\":1}";
  static final Duration RUN = Duration.ofSeconds(Long.getLong("flowdesk.bench.seconds", 15));
  /** Intake at its most clients, not measured, before intake's first measurement: the node's JIT at work. */
  static final Duration INTAKE_WARMUP = Duration.ofSeconds(Long.getLong("flowdesk.bench.intake.warmup.seconds", 30));
  static final ObjectMapper JSON = new ObjectMapper();
  /** Which phases run: -Dflowdesk.bench.phases=intake,engine (default all of them). */
  static final Set<String> PHASES = Set.of(System.getProperty("flowdesk.bench.phases",
      "intake,lifecycle,sla,worklists,cleanup,attachments,search,cmdb,whatif,migration,engine,decisions").split(","));
  /** The attachment phase's file: the largest the default limit lets in. */
  static final long ATTACHMENT = 25L * 1024 * 1024;
  /** Intake's numbers of clients; rows and bytes per incident are measured at 8. */
  static final int[] CLIENTS = Arrays.stream(System.getProperty("flowdesk.bench.clients", "1,8,16,32").split(","))
      .mapToInt(Integer::parseInt).toArray();
  /** Closed incidents whose history the cleanup phase removes. */
  static final int CLEANUP_TICKETS = Integer.getInteger("flowdesk.bench.cleanup.tickets", 2_000);
  /**
   * How many times the cleanup phase's closed incidents are there to remove: their history rows
   * are copied (new ids, the same removal times) so that a day of 50,000 is measured without
   * reporting 50,000 through the API first: -Dflowdesk.bench.cleanup.tickets=500
   * -Dflowdesk.bench.cleanup.copies=100.
   */
  static final int CLEANUP_COPIES = Integer.getInteger("flowdesk.bench.cleanup.copies", 1);
  /** How many times the search phase asks each question (H2 scans: fewer there). */
  static final int SEARCH_CALLS = Integer.getInteger("flowdesk.bench.search.calls", 50);

  final Map<String, Object> results = new LinkedHashMap<>();

  @Test
  void measure() throws Exception {
    boolean postgres = "postgres".equals(System.getProperty("flowdesk.test.database"));
    results.put("database", postgres ? "PostgreSQL" : "H2 (file)");
    results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "java", System.getProperty("java.version")));
    ModelsFixture models = ModelsFixture.copyOfProjectModels();
    // The SLA phase needs breaches during the run: a P1's response target is 20 s here, not 15 min.
    models.replace("decisions/sla-targets.dmn", "\"PT15M\"", "\"PT20S\"");
    // The engine-only and decision phases need no node.
    boolean node = PHASES.stream().anyMatch(Set.of("intake", "lifecycle", "sla", "worklists", "cleanup",
        "attachments", "search", "cmdb", "whatif", "migration")::contains);
    if (node && postgres) {
      try (ClusterDatabase db = new ClusterDatabase()) {
        runNode(db.url(), models, true);
      }
    } else if (node) {
      Path h2 = Files.createTempDirectory("flowdesk-bench-");
      // AUTO_SERVER lets the benchmark seed the node's file database while the node runs.
      runNode("jdbc:h2:file:" + h2.resolve("flowdesk") + ";AUTO_SERVER=TRUE", models, false);
    }
    if (PHASES.contains("engine")) {
      if (postgres) {
        // The engine on the node's kind of database, started by as many threads as intake's most
        // clients: the same work as intake without HTTP, security, FlowDesk's tables and delegates.
        int threads = Arrays.stream(CLIENTS).max().orElse(1);
        try (ClusterDatabase db = new ClusterDatabase()) {
          results.put("engine_only_instances_per_second", engineOnly(models, db.url(), threads));
          results.put("engine_only_threads", threads);
        }
      } else {
        results.put("engine_only_instances_per_second", engineOnly(models, null, 1));
      }
    }
    ratio();
    if (PHASES.contains("decisions")) {
      results.put("dmn_incident_priority_evaluations_per_second", decisions());
    }
    report();
  }

  /**
   * Intake at its most clients against the engine alone (issue 16's goal: at least 0.9), by rate and by
   * CPU time per incident (the node and its PostgreSQL backends against this JVM and the engine's).
   */
  @SuppressWarnings("unchecked")
  private void ratio() {
    if (!(results.get("intake") instanceof Map<?, ?> intake) || !results.containsKey("engine_only_instances_per_second")) {
      return;
    }
    int most = Arrays.stream(CLIENTS).max().orElse(1);
    Map<String, Object> atMost = (Map<String, Object>) intake.get(most + " clients");
    Map<String, Object> ratio = new LinkedHashMap<>();
    ratio.put("clients", most);
    ratio.put("by_rate", Math.round(((Number) atMost.get("per_second")).doubleValue()
        / ((Number) results.get("engine_only_instances_per_second")).doubleValue() * 100) / 100.0);
    if (atMost.get("cpu_ms_per_incident") instanceof Map<?, ?> node
        && results.get("engine_only_cpu_ms_per_instance") instanceof Map<?, ?> engine
        && node.get("jvm_and_postgresql") instanceof Number intakeCpu
        && engine.get("jvm_and_postgresql") instanceof Number engineCpu) {
      ratio.put("by_cpu", Math.round(engineCpu.doubleValue() / intakeCpu.doubleValue() * 100) / 100.0);
    }
    if (atMost.get("cpu_ms_per_incident") instanceof Map<?, ?> node
        && results.get("engine_only_cpu_ms_per_instance") instanceof Map<?, ?> engine
        && node.get("jvm_and_postgresql_without_jit") instanceof Number intakeCpu
        && engine.get("jvm_and_postgresql_without_jit") instanceof Number engineCpu) {
      ratio.put("by_cpu_without_jit", Math.round(engineCpu.doubleValue() / intakeCpu.doubleValue() * 100) / 100.0);
    }
    results.put("intake_engine_ratio", ratio);
  }

  private void runNode(String url, ModelsFixture models, boolean postgres) throws Exception {
    Instant started = Instant.now();
    Node configured = new Node("bench-node", NODE_PORT, url, models.root());
    String profile = System.getProperty("flowdesk.bench.profile");
    if (profile != null) {
      Files.createDirectories(Path.of(profile).toAbsolutePath().getParent());
      // A Java Flight Recorder profile of the whole run, for `jfr print --events jdk.ExecutionSample`;
      // stacks deep enough to reach the servlet (the default 64 frames end inside the engine).
      configured.withJvmOptions("-XX:FlightRecorderOptions=stackdepth=512", "-XX:StartFlightRecording=filename="
          + Path.of(profile).toAbsolutePath() + ",settings=profile,dumponexit=true");
    }
    if (PHASES.contains("cleanup")) {
      // The cleanup phase measures removal in the configured window's stead: the window is all day.
      configured.withArguments("--camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time=00:00",
          "--camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time=23:59");
    }
    // e.g. -Dflowdesk.bench.node.args="--camunda.bpm.history-level=full" for a comparison
    String more = System.getProperty("flowdesk.bench.node.args", "").trim();
    if (!more.isEmpty()) {
      configured.withArguments(more.split("\\s+"));
    }
    try (Node node = configured.start(); Connection db = DriverManager.getConnection(url,
        System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres"), "")) {
      results.put("startup_to_healthy_ms", Duration.between(started, Instant.now()).toMillis());
      results.put("rss_at_rest_mb", node.rssMegabytes());
      if (PHASES.contains("intake")) {
        Map<String, Object> intake = new LinkedHashMap<>();
        if (!INTAKE_WARMUP.isZero()) {
          // A running node has compiled its hot code long ago; a fresh one spends a third of its CPU in
          // the JIT for the first minute. The engine-only phase warms up too (200 starts).
          int most = Arrays.stream(CLIENTS).max().orElse(1);
          load(most, INTAKE_WARMUP, () -> node.report(REPORT) == 201, "incidents");
          intake.put("warm_up", Map.of("seconds", INTAKE_WARMUP.toSeconds(), "clients", most));
        }
        for (int clients : CLIENTS) {
          Map<String, Long> before = postgres ? rowsWritten(db) : Map.of();
          Map<String, Long> bytesBefore = postgres ? bytes(db) : Map.of();
          CpuTime cpu = CpuTime.of(node.pid(), postgres ? url : null);
          Map<String, Object> figures = intake(node, clients);
          // The 20 unmeasured reports before the run are in the CPU time too.
          figures.put("cpu_ms_per_incident", cpu.perUnit(((Number) figures.get("incidents")).longValue() + 20));
          if (postgres && clients == 8) {
            long incidents = ((Number) figures.get("incidents")).longValue() + 20;
            results.put("rows_written_per_incident", perIncident(before, rowsWritten(db), incidents));
            results.put("bytes_per_incident", perIncident(bytesBefore, bytes(db), incidents));
          }
          intake.put(clients + " clients", figures);
        }
        results.put("intake", intake);
        results.put("rss_after_intake_mb", node.rssMegabytes());
        report();
      }
      if (PHASES.contains("lifecycle")) {
        results.put("lifecycle_8_clients", lifecycle(node, 8));
      }
      if (PHASES.contains("sla")) {
        results.put("sla_timer_lag_under_intake", slaLag(node));
      }
      if (PHASES.contains("worklists")) {
        results.put("worklists", worklists(node, db, postgres));
      }
      if (postgres && PHASES.contains("cleanup")) {
        results.put("history_cleanup", cleanup(node, db));
        report();
      }
      if (PHASES.contains("attachments")) {
        results.put("attachments_25_mb", attachments(node));
        report();
      }
      if (PHASES.contains("search")) {
        results.put("search", search(node, db, postgres));
        report();
      }
      if (PHASES.contains("cmdb")) {
        results.put("cmdb", cmdb(node, db, postgres));
        report();
      }
      if (PHASES.contains("whatif")) {
        results.put("workbench", workbench(db, postgres, models));
        report();
      }
      if (PHASES.contains("migration")) {
        results.put("migration", migration(node, models));
        report();
      }
    }
  }

  /** What a client does with the i-th incident it reported (its number) before it reports the next. */
  private interface Then {
    void with(int i, String number) throws Exception;
  }

  /** {@code count} incidents reported by alice through the API, 8 clients at once, each followed by {@code then}. */
  private static void byEightClients(Node node, int count, Then then) throws Exception {
    java.util.concurrent.atomic.AtomicInteger reported = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(pool.submit(() -> {
        int i;
        while ((i = reported.getAndIncrement()) < count) {
          then.with(i, JSON.readTree(node.call("POST", "/api/incidents", "alice", REPORT, null).body())
              .get("number").asText());
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Running incidents the migration phase moves to a new version of the incident process. */
  static final int MIGRATION_INCIDENTS = Integer.getInteger("flowdesk.bench.migration.incidents", 2_000);

  /**
   * The workbench's migration of running tickets: MIGRATION_INCIDENTS incidents reported by 8 clients (every
   * fourth resolved, so waiting for the requester's confirmation), then a new version of the incident process
   * rolled out that only renames "Work incident"; then the plan every version page asks for (`GET
   * .../migration`, twice), and the move itself (`POST .../migration`).
   */
  private Map<String, Object> migration(Node node, ModelsFixture models) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    Instant seeding = Instant.now();
    byEightClients(node, MIGRATION_INCIDENTS, (i, number) -> {
      if (i % 4 == 0) {
        complete(node, "bob", number, "{\"action\":\"resolve\",\"resolutionCode\":\"solved\","
            + "\"resolutionNotes\":\"Done\"}");
      }
    });
    figures.put("incidents", MIGRATION_INCIDENTS);
    figures.put("seeding_s", Duration.between(seeding, Instant.now()).toMillis() / 1000.0);
    String process = models.read("processes/incident.bpmn");
    String renamed = process.replace("name=\"Work incident ${ticketTitle.of(execution)}\"",
        "name=\"Work on incident ${ticketTitle.of(execution)}\"");
    if (renamed.equals(process)) {
      throw new IllegalStateException("the migration phase's rename no longer matches incident.bpmn");
    }
    long id = JSON.readTree(cmdbCall("POST", "/api/workbench/drafts", "dora", "{\"name\":\"Bench migration\"}",
        "application/json").body()).get("id").asLong();
    HttpResponse<String> put = cmdbCall("PUT", "/api/workbench/drafts/" + id + "/files?path=processes/incident.bpmn",
        "dora", renamed, "application/xml");
    HttpResponse<String> rolledOut = cmdbCall("POST", "/api/workbench/drafts/" + id + "/rollout", "dora", null, null);
    if (put.statusCode() != 200 || rolledOut.statusCode() != 200) {
      throw new IllegalStateException("roll-out refused: " + put.body() + " " + rolledOut.body());
    }
    List<Long> plans = new ArrayList<>();
    JsonNode plan = null;
    for (int call = 0; call < 2; call++) {
      Instant start = Instant.now();
      HttpResponse<String> answer = cmdbCall("GET", "/api/workbench/processes/incident/migration", "dora", null, null);
      plans.add(Duration.between(start, Instant.now()).toNanos());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("plan refused: " + answer.body());
      }
      plan = JSON.readTree(answer.body());
    }
    Collections.sort(plans);
    Map<String, Object> offered = new LinkedHashMap<>();
    offered.put("max_ms", percentile(plans, 100));
    offered.put("min_ms", percentile(plans, 1));
    offered.put("plans", plan.size());
    int instances = 0;
    int movable = 0;
    for (JsonNode one : plan) {
      instances += one.get("instances").asInt();
      movable += one.get("movable").asInt();
    }
    offered.put("instances", instances);
    offered.put("movable", movable);
    figures.put("plan", offered);
    if (plan.size() > 0) {
      JsonNode newest = plan.get(0);
      Instant start = Instant.now();
      HttpResponse<String> moved = cmdbCall("POST", "/api/workbench/processes/incident/migration", "dora",
          "{\"fromVersion\":" + newest.get("fromVersion").asInt() + ",\"toVersion\":" + newest.get("toVersion").asInt()
              + "}", "application/json");
      long millis = Duration.between(start, Instant.now()).toMillis();
      if (moved.statusCode() != 200) {
        throw new IllegalStateException("migration refused: " + moved.body());
      }
      JsonNode result = JSON.readTree(moved.body());
      figures.put("move", Map.of("ms", millis, "moved", result.get("moved").asInt(),
          "not_moved", result.get("notMoved").size(),
          "per_second", Math.round(result.get("moved").asInt() / Math.max(0.001, millis / 1000.0) * 10) / 10.0));
    }
    return figures;
  }

  /**
   * A 25 MB file (the default limit) uploaded and downloaded by one client, five times each, then
   * uploaded by 8 clients at once, each to a ticket of its own, twice; the node's resident memory
   * sampled every 100 ms meanwhile. The files are made up as they are sent (LargeFile).
   */
  private Map<String, Object> attachments(Node node) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    double mb = ATTACHMENT / (1024.0 * 1024.0);
    List<Double> uploads = new ArrayList<>();
    List<Double> downloads = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String number = JSON.readTree(node.call("POST", "/api/incidents", "alice", REPORT, null).body())
          .get("number").asText();
      Instant start = Instant.now();
      var uploaded = node.upload("alice", number, "trace.log", ATTACHMENT);
      uploads.add(Duration.between(start, Instant.now()).toMillis() / 1000.0);
      if (uploaded.statusCode() != 201) {
        throw new IllegalStateException("upload refused: " + uploaded.statusCode() + " " + uploaded.body());
      }
      String url = JSON.readTree(uploaded.body()).get(0).get("downloadUrl").asText();
      start = Instant.now();
      var downloaded = node.download("bob", url, null);
      downloads.add(Duration.between(start, Instant.now()).toMillis() / 1000.0);
      if (downloaded.body().bytes() != ATTACHMENT) {
        throw new IllegalStateException("download cut short: " + downloaded.body());
      }
    }
    Collections.sort(uploads);
    Collections.sort(downloads);
    figures.put("upload_1_client_median_s", uploads.get(2));
    figures.put("upload_1_client_mb_per_s", Math.round(mb / uploads.get(2) * 10) / 10.0);
    figures.put("download_1_client_median_s", downloads.get(2));
    figures.put("download_1_client_mb_per_s", Math.round(mb / downloads.get(2) * 10) / 10.0);

    long rssBefore = node.rssMegabytes();
    java.util.concurrent.atomic.AtomicLong rssPeak = new java.util.concurrent.atomic.AtomicLong(rssBefore);
    Thread sampler = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          rssPeak.accumulateAndGet(node.rssMegabytes(), Math::max);
          Thread.sleep(100);
        }
      } catch (Exception stopped) {
        // interrupted: the uploads are done
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> running = new ArrayList<>();
    Instant start = Instant.now();
    sampler.start();
    for (int c = 0; c < 8; c++) {
      running.add(pool.submit(() -> {
        int accepted = 0;
        for (int i = 0; i < 2; i++) {
          String number = JSON.readTree(node.call("POST", "/api/incidents", "alice", REPORT, null).body())
              .get("number").asText();
          accepted += node.upload("alice", number, "trace.log", ATTACHMENT).statusCode() == 201 ? 1 : 0;
        }
        return accepted;
      }));
    }
    int accepted = 0;
    for (Future<Integer> f : running) {
      accepted += f.get();
    }
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    sampler.interrupt();
    sampler.join();
    pool.shutdown();
    figures.put("upload_8_clients_files", 16);
    figures.put("upload_8_clients_accepted", accepted);
    figures.put("upload_8_clients_s", seconds);
    figures.put("upload_8_clients_mb_per_s", Math.round(16 * mb / seconds * 10) / 10.0);
    figures.put("rss_before_8_clients_mb", rssBefore);
    figures.put("rss_peak_8_clients_mb", rssPeak.get());
    return figures;
  }

  /**
   * History cleanup (PostgreSQL): CLEANUP_TICKETS incidents through their whole life (report,
   * resolve, confirm, rate: the instance ends), what that wrote, then their history made due
   * (removal time moved to yesterday, as a day of tickets past their time to live) and
   * Camunda's history cleanup job, started as an administrator would, timed until it is gone.
   */
  private Map<String, Object> cleanup(Node node, Connection db) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    Map<String, Long> rowsBefore = rowsWritten(db);
    Map<String, Long> bytesBefore = bytes(db);
    Instant seeding = Instant.now();
    byEightClients(node, CLEANUP_TICKETS, (i, number) -> {
      complete(node, "bob", number, "{\"action\":\"resolve\",\"resolutionCode\":\"solved\","
          + "\"resolutionNotes\":\"Done\"}");
      complete(node, "alice", number, "{\"confirmation\":\"confirm\"}");
      complete(node, "alice", number, "{\"rating\":5}");
    });
    figures.put("lifecycles_with_rating_per_second", Math.round(CLEANUP_TICKETS
        / (Duration.between(seeding, Instant.now()).toMillis() / 1000.0) * 10) / 10.0);
    figures.put("rows_written_per_whole_incident", perIncident(rowsBefore, rowsWritten(db), CLEANUP_TICKETS));
    figures.put("bytes_per_whole_incident", perIncident(bytesBefore, bytes(db), CLEANUP_TICKETS));
    if (CLEANUP_COPIES > 1) {
      figures.put("copies_of_their_history", CLEANUP_COPIES);
      copyEndedHistory(db, CLEANUP_COPIES - 1);
    }
    long ended = count(db, "SELECT COUNT(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL");
    long historyRows = historyRows(db);
    List<String> names = new ArrayList<>();
    try (Statement statement = db.createStatement(); ResultSet tables = db.getMetaData().getColumns(null,
        db.getSchema(), "act_hi_%", "removal_time_")) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
      for (String table : names) {
        // Spread over the day, one instance's rows together, as tickets that ended over a day would be.
        boolean root;
        try (ResultSet column = db.getMetaData().getColumns(null, db.getSchema(), table, "root_proc_inst_id_")) {
          root = column.next();
        }
        if (!root) {
          continue;
        }
        // Only the ended instances' history: with the removal time set at start, running ones have one too.
        statement.executeUpdate("UPDATE " + table + " SET removal_time_ = DATE_TRUNC('day', CURRENT_TIMESTAMP) "
            + "- INTERVAL '1 day' + MOD(ABS(HASHTEXT(root_proc_inst_id_)), 1440) * INTERVAL '1 minute' "
            + "WHERE removal_time_ IS NOT NULL AND root_proc_inst_id_ IN "
            + "(SELECT id_ FROM act_hi_procinst WHERE end_time_ IS NOT NULL)");
      }
      statement.execute("ANALYZE");
    }
    figures.put("ended_instances_due", ended);
    figures.put("history_rows_before", historyRows);
    Instant start = Instant.now();
    // Due now: after runs that found nothing the job waits up to an hour. It may be running
    // (the window is open), and then this answers 500 with an optimistic locking failure: again.
    int status = 0;
    for (int attempt = 0; attempt < 10 && status != 200; attempt++) {
      status = node.call("POST", "/engine-rest/history/cleanup?immediatelyDue=true", "admin", null, null).statusCode();
      if (status != 200) {
        Thread.sleep(1_000);
      }
    }
    if (status != 200) {
      throw new IllegalStateException("history cleanup not started: " + status);
    }
    // Done when no history row is due any more, in any table.
    long due = dueRows(db, names);
    figures.put("history_rows_due", due);
    while (due > 0 && Duration.between(start, Instant.now()).toMinutes() < 30) {
      Thread.sleep(250);
      due = dueRows(db, names);
    }
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    long left = count(db, "SELECT COUNT(*) FROM act_hi_procinst WHERE removal_time_ < CURRENT_TIMESTAMP");
    figures.put("seconds_to_remove", seconds);
    figures.put("rows_left_due", due);
    figures.put("instances_removed_per_second", Math.round((ended - left) / seconds * 10) / 10.0);
    figures.put("history_rows_removed_per_second", Math.round((historyRows - historyRows(db)) / seconds));
    figures.put("history_rows_after", historyRows(db));
    figures.put("minutes_for_50_000_incidents", Math.round(50_000 * seconds / Math.max(1, ended - left) / 6.0) / 10.0);
    return figures;
  }

  /**
   * Copies the history of the ended instances {@code copies} times: every history table with a
   * root instance, each row with its ids and its instance's ids suffixed by the copy's number, so
   * each copy is an instance of its own with the same rows, times and removal times.
   */
  private static void copyEndedHistory(Connection db, int copies) throws Exception {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = db.getMetaData().getColumns(null, db.getSchema(), "act_hi_%", "root_proc_inst_id_")) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    Set<String> renamed = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "execution_id_", "parent_act_inst_id_",
        "task_id_", "act_inst_id_", "dec_inst_id_", "root_dec_inst_id_", "process_instance_id_");
    try (Statement statement = db.createStatement()) {
      for (String table : tables) {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getColumns(null, db.getSchema(), table, null)) {
          while (rs.next()) {
            columns.add(rs.getString("COLUMN_NAME").toLowerCase());
          }
        }
        String values = String.join(", ", columns.stream()
            .map(c -> renamed.contains(c) ? c + " || '-' || n" : c).toList());
        statement.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values
            + " FROM " + table + " CROSS JOIN generate_series(1, " + copies + ") AS n WHERE root_proc_inst_id_ IN "
            + "(SELECT id_ FROM act_hi_procinst WHERE end_time_ IS NOT NULL)");
      }
    }
  }

  private static long dueRows(Connection db, List<String> tables) throws Exception {
    long rows = 0;
    for (String table : tables) {
      rows += count(db, "SELECT COUNT(*) FROM " + table + " WHERE removal_time_ < CURRENT_TIMESTAMP");
    }
    return rows;
  }

  private static long historyRows(Connection db) throws Exception {
    long rows = 0;
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            + "AND table_name LIKE 'act_hi_%'")) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
      for (String table : tables) {
        rows += count(db, "SELECT COUNT(*) FROM " + table);
      }
    }
    return rows;
  }

  private static long count(Connection db, String sql) throws Exception {
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Bytes on disk per table (with its indexes and TOAST) and the whole database ("database"). */
  private static Map<String, Long> bytes(Connection db) throws Exception {
    Thread.sleep(1_000);
    Map<String, Long> sizes = new LinkedHashMap<>();
    try (Statement statement = db.createStatement()) {
      statement.execute("CHECKPOINT");
      try (ResultSet rs = statement.executeQuery("SELECT relname, pg_total_relation_size(relid) FROM "
          + "pg_stat_user_tables WHERE schemaname = current_schema()")) {
        while (rs.next()) {
          sizes.put(rs.getString(1).toLowerCase(), rs.getLong(2));
        }
      }
      try (ResultSet rs = statement.executeQuery("SELECT pg_database_size(current_database())")) {
        rs.next();
        sizes.put("database", rs.getLong(1));
      }
    }
    return sizes;
  }

  /** Report → work → resolve → confirm → closed, per second, each client one ticket after the other. */
  private Map<String, Object> lifecycle(Node node, int clients) throws Exception {
    return load(clients, () -> {
      String number = JSON.readTree(node.call("POST", "/api/incidents", "alice", REPORT, null).body())
          .get("number").asText();
      complete(node, "bob", number, "{\"action\":\"resolve\",\"resolutionCode\":\"solved\","
          + "\"resolutionNotes\":\"Done\"}");
      complete(node, "alice", number, "{\"confirmation\":\"confirm\"}");
      return true;
    }, "tickets_closed");
  }

  /** Completes the user's one open task on the ticket, found through Camunda's REST API. */
  private static void complete(Node node, String user, String number, String form) throws Exception {
    JsonNode tasks = JSON.readTree(node.call("GET", "/engine-rest/task?processInstanceBusinessKey=" + number
        + "&maxResults=5", user, null, null).body());
    String id = tasks.get(0).get("id").asText();
    int status = node.call("POST", "/api/tasks/" + id + "/complete", user, form, null).statusCode();
    if (status != 204) {
      throw new IllegalStateException(user + " could not complete the task of " + number + ": " + status);
    }
  }

  /**
   * Intake at 8 clients for twice the run time; during the first half a P1 every 100 ms, whose
   * response breaches 20 s later, while intake goes on. Lag: breach recorded − breach due.
   */
  private Map<String, Object> slaLag(Node node) throws Exception {
    List<String> p1 = Collections.synchronizedList(new ArrayList<>());
    Duration run = RUN.multipliedBy(2).plusSeconds(20);
    Instant until = Instant.now().plus(run);
    ExecutorService pool = Executors.newFixedThreadPool(9);
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      running.add(pool.submit(() -> {
        while (Instant.now().isBefore(until)) {
          node.report(REPORT);
        }
        return null;
      }));
    }
    Instant p1Until = Instant.now().plus(RUN);
    running.add(pool.submit(() -> {
      while (Instant.now().isBefore(p1Until)) {
        p1.add(JSON.readTree(node.call("POST", "/api/incidents", "alice", P1_REPORT, null).body()).get("number").asText());
        Thread.sleep(100);
      }
      return null;
    }));
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    Thread.sleep(10_000);
    List<Long> lags = new ArrayList<>();
    int missing = 0;
    for (String number : p1) {
      JsonNode ticket = JSON.readTree(node.call("GET", "/api/tickets/" + number, "admin", null, null).body());
      if (ticket.path("responseBreachedAt").isNull() || ticket.path("responseBreachedAt").isMissingNode()) {
        missing++;
        continue;
      }
      lags.add(Duration.between(Instant.parse(ticket.get("responseDue").asText()),
          Instant.parse(ticket.get("responseBreachedAt").asText())).toMillis() * 1_000_000);
    }
    Collections.sort(lags);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("p1_tickets", p1.size());
    figures.put("breaches_recorded", lags.size());
    figures.put("not_recorded_10_s_after_the_run", missing);
    figures.put("lag_p50_ms", percentile(lags, 50));
    figures.put("lag_p99_ms", percentile(lags, 99));
    figures.put("lag_max_ms", percentile(lags, 100));
    return figures;
  }

  /**
   * Worklists with a large backlog, seeded in bulk: 1,000,000 closed tickets, then 10,000 and
   * 100,000 open ones, nina's group (network) holding 5,000 of them throughout.
   */
  private Map<String, Object> worklists(Node node, Connection db, boolean postgres) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    Instant seeding = Instant.now();
    seed(db, postgres, 1, 1_000_000, "closed", "CASE MOD(x, 4) WHEN 0 THEN 'service-desk' WHEN 1 THEN 'hr' "
        + "WHEN 2 THEN 'facilities' ELSE 'network' END");
    seed(db, postgres, 1_000_001, 1_005_000, "in_progress", "'network'");
    seed(db, postgres, 1_005_001, 1_010_000, "in_progress", "CASE MOD(x, 2) WHEN 0 THEN 'hr' ELSE 'facilities' END");
    figures.put("seeding_1_010_000_tickets_s", Duration.between(seeding, Instant.now()).toSeconds());
    figures.put("at_10_000_open", worklistLatency(node));
    seeding = Instant.now();
    seed(db, postgres, 1_010_001, 1_100_000, "in_progress",
        "CASE MOD(x, 3) WHEN 0 THEN 'hr' WHEN 1 THEN 'facilities' ELSE 'service-desk' END");
    figures.put("seeding_90_000_more_s", Duration.between(seeding, Instant.now()).toSeconds());
    figures.put("at_100_000_open", worklistLatency(node));
    return figures;
  }

  private static void seed(Connection db, boolean postgres, long from, long to, String status, String group)
      throws Exception {
    String numbers = postgres ? "generate_series(" + from + ", " + to + ") AS s(x)"
        : "(SELECT X AS x FROM SYSTEM_RANGE(" + from + ", " + to + ")) s";
    boolean open = !"closed".equals(status);
    // Spread over the last 400 days; open tickets get a resolution clock due in the next 30 days.
    String created = postgres ? "CURRENT_TIMESTAMP - (MOD(x, 400) || ' days')::interval"
        : "DATEADD('DAY', -MOD(x, 400), CURRENT_TIMESTAMP)";
    String due = postgres ? "CURRENT_TIMESTAMP + (MOD(x, 43200) || ' minutes')::interval"
        : "DATEADD('MINUTE', MOD(x, 43200), CURRENT_TIMESTAMP)";
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate("INSERT INTO fd_ticket (ticket_number, ticket_type, title, requester, service, "
          + "category, impact, urgency, priority, status, assignment_group, created_at, updated_at, resolved_at, "
          + "closed_at) SELECT 'BEN-' || x, 'incident', 'Seeded ticket ' || x, 'seed-' || MOD(x, 1000), 'email', "
          + "'software', 3, 3, 5, '" + status + "', " + group + ", " + created + ", " + created + ", "
          + (open ? "NULL, NULL" : created + ", " + created) + " FROM " + numbers);
      if (open) {
        statement.executeUpdate("INSERT INTO fd_sla_clock (ticket_number, clock, target, calendar, started_at, "
            + "warn_at, due_at) SELECT 'BEN-' || x, 'resolution', 'P10D', 'business', " + created + ", " + due
            + ", " + due + " FROM " + numbers);
      }
      if (postgres) {
        statement.execute("ANALYZE fd_ticket");
        statement.execute("ANALYZE fd_sla_clock");
      }
    }
  }

  /** nina's group queue (5,000 open tickets) and bob's tasks, p50 and p95 of 200 and 50 calls. */
  private Map<String, Object> worklistLatency(Node node) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("tickets_group_network_open", latency(node, "nina", "/api/tickets?group=network&open=true", 200));
    figures.put("tickets_mine", latency(node, "nina", "/api/tickets?mine=true", 200));
    figures.put("tasks_bob", latency(node, "bob", "/api/tasks", 50));
    return figures;
  }

  private static Map<String, Object> latency(Node node, String user, String path, int calls) throws Exception {
    for (int i = 0; i < 10; i++) {
      node.call("GET", path, user, null, null);
    }
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      int status = node.call("GET", path, user, null, null).statusCode();
      nanos.add(System.nanoTime() - t0);
      if (status != 200) {
        throw new IllegalStateException(path + " as " + user + ": " + status);
      }
    }
    Collections.sort(nanos);
    return Map.of("p50_ms", percentile(nanos, 50), "p95_ms", percentile(nanos, 95));
  }

  /** What the search phase's tickets and articles are about: 24 things, 12 troubles, 8 places. */
  private static final List<String> THINGS = List.of("printer", "laptop", "vpn", "monitor", "keyboard", "email",
      "password", "wifi", "network drive", "badge", "payroll", "contract", "invoice", "desk", "chair", "phone",
      "headset", "calendar", "toner", "docking station", "mouse", "scanner", "projector", "salary");
  private static final List<String> TROUBLES = List.of("does not start", "keeps disconnecting", "is very slow",
      "shows an error", "needs replacing", "cannot print", "was stolen", "is locked", "makes a noise",
      "is missing", "stopped working", "needs an update");
  private static final List<String> PLACES = List.of("the office", "home", "floor 3", "the meeting room",
      "the warehouse", "reception", "the lab", "Berlin");
  private static final List<String> DINGE = List.of("Drucker", "Laptop", "VPN", "Bildschirm", "Tastatur",
      "E-Mail", "Passwort", "WLAN", "Netzlaufwerk", "Ausweis", "Gehaltsabrechnung", "Vertrag");
  private static final List<String> STOERUNGEN = List.of("startet nicht", "trennt die Verbindung",
      "ist sehr langsam", "zeigt einen Fehler", "muss ersetzt werden", "druckt nicht");
  private static final List<String> SERVICES = List.of("email", "vpn", "laptop", "network", "hr", "facilities");

  /** SQL that picks the ((x / divisor) mod n)-th of the words for row x. */
  private static String pick(List<String> words, int divisor) {
    StringBuilder sql = new StringBuilder("CASE MOD(x / " + divisor + ", " + words.size() + ")");
    for (int i = 0; i < words.size(); i++) {
      sql.append(" WHEN ").append(i).append(" THEN '").append(words.get(i).replace("'", "''")).append("'");
    }
    return sql.append(" END").toString();
  }

  /**
   * One search box at scale: 100,000 tickets (titles and descriptions made of 24 things, 12
   * troubles and 8 places; a public comment on every second one, an internal one on every tenth;
   * alice the requester of every thousandth, the rest of 999 others; four groups) and 5,000
   * published articles (two thirds English, one third German, every fifth for agents only),
   * seeded in bulk. Then p50 and p95 of searches as alice (a requester) and bob (an agent), and of
   * the suggestions the portal asks for while a person types a title.
   */
  private Map<String, Object> search(Node node, Connection db, boolean postgres) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    String numbers = postgres ? "generate_series(1, 100000) AS s(x)"
        : "(SELECT X AS x FROM SYSTEM_RANGE(1, 100000)) s";
    String created = postgres ? "CURRENT_TIMESTAMP - (MOD(x, 400) || ' days')::interval"
        : "DATEADD('DAY', -MOD(x, 400), CURRENT_TIMESTAMP)";
    String title = pick(THINGS, 1) + " || ' ' || " + pick(TROUBLES, 24) + " || ' in ' || " + pick(PLACES, 288);
    Instant seeding = Instant.now();
    try (Statement statement = db.createStatement()) {
      statement.executeUpdate("INSERT INTO fd_ticket (ticket_number, ticket_type, title, description, requester, "
          + "service, category, impact, urgency, priority, status, assignment_group, created_at, updated_at) "
          + "SELECT 'SRC-' || x, 'incident', " + title + ", 'Since this morning the ' || " + pick(THINGS, 1)
          + " || ' ' || " + pick(TROUBLES, 24) + " || '. I restarted it twice and asked a colleague at ' || "
          + pick(PLACES, 7) + " || '; the ' || " + pick(THINGS, 5) + " || ' next to it works.', "
          + "CASE WHEN MOD(x, 1000) = 0 THEN 'alice' ELSE 'seed-' || MOD(x, 999) END, " + pick(SERVICES, 1)
          + ", 'software', 3, 3, 5, CASE WHEN MOD(x, 3) = 0 THEN 'closed' ELSE 'in_progress' END, "
          + "CASE MOD(x, 4) WHEN 0 THEN 'service-desk' WHEN 1 THEN 'hr' WHEN 2 THEN 'facilities' ELSE 'network' END, "
          + created + ", " + created + " FROM " + numbers);
      statement.executeUpdate("INSERT INTO fd_timeline_entry (ticket_number, occurred_at, actor, kind, internal, "
          + "text) SELECT 'SRC-' || x, " + created + ", 'bob', 'comment', MOD(x, 10) = 0, "
          + "CASE WHEN MOD(x, 10) = 0 THEN 'Checked the ' || " + pick(THINGS, 3) + " || ' logs, nothing unusual.' "
          + "ELSE 'Could you try the ' || " + pick(THINGS, 3) + " || ' in ' || " + pick(PLACES, 1)
          + " || ' once more?' END FROM " + numbers + " WHERE MOD(x, 2) = 0 OR MOD(x, 10) = 0");
      String articles = postgres ? "generate_series(1, 5000) AS s(x)" : "(SELECT X AS x FROM SYSTEM_RANGE(1, 5000)) s";
      for (String language : List.of("en", "de")) {
        boolean german = "de".equals(language);
        String articleTitle = german ? "'So lösen Sie es: ' || " + pick(DINGE, 1) + " || ' ' || " + pick(STOERUNGEN, 12)
            : "'How to fix it: ' || " + pick(THINGS, 1) + " || ' ' || " + pick(TROUBLES, 24);
        String body = german
            ? "'Wenn der ' || " + pick(DINGE, 1) + " || ' ' || " + pick(STOERUNGEN, 12) + " || ', starten Sie ihn "
                + "neu und prüfen Sie die Kabel. Hilft das nicht, melden Sie eine Störung mit der Fehlermeldung.'"
            : "'When the ' || " + pick(THINGS, 1) + " || ' ' || " + pick(TROUBLES, 24) + " || ', restart it and "
                + "check its cables and settings. If that does not help, report an incident with the error "
                + "message and a screenshot; the service desk at ' || " + pick(PLACES, 7) + " || ' can lend one.'";
        statement.executeUpdate("INSERT INTO fd_search_entry (kind, ref, title, body, service, status, language, "
            + "audience, updated_at) SELECT 'article', 'KB-SRC-' || x, " + articleTitle + ", " + body + ", "
            + pick(SERVICES, 1) + ", 'published', '" + language + "', CASE WHEN MOD(x, 5) = 0 THEN 'agents' "
            + "ELSE 'everyone' END, CURRENT_TIMESTAMP FROM " + articles + " WHERE "
            + (german ? "MOD(x, 3) = 0" : "MOD(x, 3) <> 0"));
      }
      if (postgres) {
        statement.execute("ANALYZE fd_ticket");
        statement.execute("ANALYZE fd_timeline_entry");
        statement.execute("ANALYZE fd_search_entry");
      }
    }
    figures.put("seeding_s", Duration.between(seeding, Instant.now()).toSeconds());
    figures.put("tickets", count(db, "SELECT COUNT(*) FROM fd_ticket"));
    figures.put("articles", count(db, "SELECT COUNT(*) FROM fd_search_entry WHERE kind = 'article'"));
    // A common word (a twenty-fourth of everything), a phrase with a word, a minus word, a typo
    // (PostgreSQL tries the likest title words again), German, a ticket number: all kinds, page of 20.
    List<String> queries = List.of("printer", "\"keeps disconnecting\" vpn", "laptop -stolen", "pirnter",
        "Drucker startet nicht", "SRC-4242");
    int calls = SEARCH_CALLS;
    for (String user : List.of("alice", "bob")) {
      Map<String, Object> searches = new LinkedHashMap<>();
      for (String q : queries) {
        String path = "/api/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8)
            + "&size=20";
        searches.put(q, timed(node, user, List.of(path), calls));
      }
      figures.put(user, searches);
    }
    // What the portal's report form asks while alice types "VPN keeps disconnecting at home": once
    // per pause, the words of three letters or more so far, any of them, five articles.
    List<String> typed = java.util.stream.Stream.of("vpn", "vpn or keeps", "vpn or keeps or disconnecting",
        "vpn or keeps or disconnecting or home").map(words -> "/api/search?q="
            + java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8) + "&kind=article&size=5")
        .toList();
    figures.put("suggestions_while_typing", timed(node, "alice", typed, calls));
    figures.put("calls_per_figure", calls);
    return figures;
  }

  /**
   * The node's port (-Dflowdesk.bench.port, default 18481; never 8080), also for the CMDB phase's calls that need
   * another content type or a longer wait.
   */
  private static final int NODE_PORT = Integer.getInteger("flowdesk.bench.port", 18481);
  private static final java.net.http.HttpClient CMDB_HTTP = java.net.http.HttpClient.newHttpClient();

  /**
   * The CMDB at 100,000 CIs (issue 21), seeded in bulk in the shape of a data centre: 20 sites, 4 core
   * routers (core-1 and core-2 connect to each other: a cycle), 400 top-of-rack switches each connected to
   * two cores, 4,000 hypervisors on two switches each, 40,000 virtual servers (on a hypervisor and its
   * switch: a diamond), 15,000 databases, 40,576 applications on two servers each and a database (more
   * diamonds; every second one depends on the one before, three of them in a cycle), each application
   * linked to a service of the catalog. Then the impact of a core router and of a leaf, the matrix by class
   * and by group, the list by words and by service, one CI, and an import of 100,000 rows twice (each application
   * on a virtual server and a database of the seed).
   */
  private Map<String, Object> cmdb(Node node, Connection db, boolean postgres) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    results.put("cmdb", figures); // each report() on the way shows the figures so far
    Instant seeding = Instant.now();
    String critical = "CASE WHEN MOD(x, 10) = 0 THEN 'high' WHEN MOD(x, 10) < 4 THEN 'medium' ELSE 'low' END";
    String[] appServices = {"email", "network", "vpn", "laptop", "printer", "erp", "hr-portal", "building",
        "mobile-devices", "travel-booking"};
    StringBuilder service = new StringBuilder("CASE MOD(x, " + appServices.length + ")");
    for (int i = 0; i < appServices.length; i++) {
      service.append(" WHEN ").append(i).append(" THEN '").append(appServices[i]).append("'");
    }
    service.append(" END");
    try (Statement statement = db.createStatement()) {
      cis(statement, postgres, 1, 20, "'b-site-' || x", "site", "'Data centre ' || x",
          "'{\"city\":\"City ' || x || '\",\"kind\":\"data-centre\"}'", "'facilities'", "'live'", "'high'");
      cis(statement, postgres, 1, 4, "'b-core-' || x", "network-device", "'Core router ' || x",
          "'{\"kind\":\"router\"}'", "'network'", "'live'", "'high'");
      cis(statement, postgres, 1, 400, "'b-tor-' || x", "network-device", "'Rack switch ' || x",
          "'{\"kind\":\"switch\",\"ports\":48}'", "'network'", "'live'", critical);
      cis(statement, postgres, 1, 4_000, "'b-hyp-' || x", "server", "'Hypervisor esx-' || x",
          "'{\"hostname\":\"esx-' || x || '\",\"os\":\"vmware-esxi\",\"virtual\":false}'", "'network'", "'live'",
          critical);
      cis(statement, postgres, 1, 40_000, "'b-vm-' || x", "server", "'Virtual server vm-' || x",
          "'{\"hostname\":\"vm-' || x || '\",\"os\":\"linux\",\"virtual\":true}'",
          "CASE MOD(x, 3) WHEN 0 THEN 'service-desk' WHEN 1 THEN 'access-team' ELSE 'security' END",
          "CASE WHEN MOD(x, 100) = 0 THEN 'retired' ELSE 'live' END", critical);
      cis(statement, postgres, 1, 15_000, "'b-db-' || x", "database", "'Database db-' || x",
          "'{\"engine\":\"postgresql\",\"sizeGb\":' || MOD(x, 500) || '}'", "'service-desk'", "'live'", critical);
      cis(statement, postgres, 1, 40_576, "'b-app-' || x", "application", "'Application app-' || x",
          "'{\"hosting\":\"on-premises\",\"version\":\"1.' || MOD(x, 9) || '\"}'",
          "CASE MOD(x, 4) WHEN 0 THEN 'hr' WHEN 1 THEN 'purchasing' WHEN 2 THEN 'service-desk' ELSE 'hr-portal' END",
          "CASE WHEN MOD(x, 100) = 1 THEN 'planned' ELSE 'live' END", critical);
      relations(statement, postgres, 1, 4, "'b-core-' || x", "located-at", "'b-site-' || x", null);
      relations(statement, postgres, 1, 400, "'b-tor-' || x", "located-at", "'b-site-' || (MOD(x, 20) + 1)", null);
      relations(statement, postgres, 1, 400, "'b-tor-' || x", "connects-to", "'b-core-' || (MOD(x, 4) + 1)", null);
      relations(statement, postgres, 1, 400, "'b-tor-' || x", "connects-to", "'b-core-' || (MOD(x + 1, 4) + 1)", null);
      relations(statement, postgres, 1, 4_000, "'b-hyp-' || x", "located-at", "'b-site-' || (MOD(x, 20) + 1)", null);
      relations(statement, postgres, 1, 4_000, "'b-hyp-' || x", "connects-to", "'b-tor-' || (MOD(x, 400) + 1)", null);
      relations(statement, postgres, 1, 4_000, "'b-hyp-' || x", "connects-to", "'b-tor-' || (MOD(x + 1, 400) + 1)",
          null);
      // A virtual server runs on a hypervisor and connects to that hypervisor's first switch: a diamond.
      relations(statement, postgres, 1, 40_000, "'b-vm-' || x", "runs-on", "'b-hyp-' || (MOD(x, 4000) + 1)", null);
      relations(statement, postgres, 1, 40_000, "'b-vm-' || x", "connects-to", "'b-tor-' || (MOD(x + 1, 400) + 1)",
          null);
      relations(statement, postgres, 1, 40_000, "'b-vm-' || x", "located-at", "'b-site-' || (MOD(x + 1, 20) + 1)",
          null);
      relations(statement, postgres, 1, 15_000, "'b-db-' || x", "runs-on", "'b-vm-' || (MOD(x * 7, 40000) + 1)", null);
      relations(statement, postgres, 1, 15_000, "'b-db-' || x", "depends-on", "'b-db-' || (x - 1)", "MOD(x, 5) = 0");
      relations(statement, postgres, 1, 40_576, "'b-app-' || x", "runs-on", "'b-vm-' || (MOD(x, 40000) + 1)", null);
      relations(statement, postgres, 1, 40_576, "'b-app-' || x", "runs-on", "'b-vm-' || (MOD(x + 20000, 40000) + 1)",
          null);
      relations(statement, postgres, 1, 40_576, "'b-app-' || x", "depends-on", "'b-db-' || (MOD(x, 15000) + 1)", null);
      relations(statement, postgres, 1, 40_576, "'b-app-' || x", "depends-on", "'b-app-' || (x - 1)", "MOD(x, 2) = 0");
      statement.executeUpdate("INSERT INTO fd_ci_relation (from_key, relation, to_key) VALUES "
          + "('b-core-1', 'connects-to', 'b-core-2'), ('b-core-2', 'connects-to', 'b-core-1'), "
          + "('b-app-1', 'depends-on', 'b-app-3'), ('b-app-3', 'depends-on', 'b-app-2')");
      statement.executeUpdate("INSERT INTO fd_service_ci (service, ci_key) SELECT " + service + ", 'b-app-' || x FROM "
          + range(postgres, 1, 40_576));
      if (postgres) {
        for (String table : List.of("fd_ci", "fd_ci_relation", "fd_service_ci")) {
          statement.execute("ANALYZE " + table);
        }
      }
    }
    figures.put("seeding_s", Duration.between(seeding, Instant.now()).toMillis() / 1000.0);
    figures.put("cis", count(db, "SELECT COUNT(*) FROM fd_ci"));
    figures.put("relations", count(db, "SELECT COUNT(*) FROM fd_ci_relation"));
    figures.put("service_links", count(db, "SELECT COUNT(*) FROM fd_service_ci"));
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("impact_core_router", "/api/cis/b-core-1/impact");
    paths.put("impact_leaf", "/api/cis/b-app-40000/impact");
    paths.put("matrix_by_class", "/api/cis/matrix");
    paths.put("matrix_by_group", "/api/cis/matrix?by=group");
    paths.put("list_q", "/api/cis?q=db-12");
    paths.put("list_service", "/api/cis?service=erp");
    paths.put("list_service_class", "/api/cis?service=erp&class=database");
    paths.put("get_ci", "/api/cis/b-vm-1234");
    // -Dflowdesk.bench.cmdb.calls=get_ci,list_q (default all): on H2 the matrix runs the node out of memory.
    String only = System.getProperty("flowdesk.bench.cmdb.calls");
    if (only != null) {
      paths.keySet().retainAll(Set.of(only.split(",")));
    }
    for (Map.Entry<String, String> path : paths.entrySet()) {
      try {
        figures.put(path.getKey(), cmdbCalls(path.getValue()));
      } catch (Exception e) { // one too slow (10 minutes) or refused: the others are still measured
        figures.put(path.getKey(), Map.of("error", String.valueOf(e)));
      }
      report();
    }
    // -Dflowdesk.bench.cmdb.import.rows (default 100,000): the rows of the import, run twice (then all unchanged).
    int importRows = Integer.getInteger("flowdesk.bench.cmdb.import.rows", 100_000);
    StringBuilder csv = new StringBuilder("key,class,name,ownerGroup,lifecycle,criticality,relations,services,"
        + "attributes.hosting\n");
    for (int i = 1; i <= importRows; i++) {
      csv.append("b-imp-").append(i).append(",application,Imported application ").append(i)
          .append(",service-desk,live,medium,runs-on:b-vm-").append(i * 3 % 40_000 + 1).append(" depends-on:b-db-")
          .append(i % 15_000 + 1).append(",erp,cloud\n");
    }
    figures.put("import_csv_bytes", csv.length());
    figures.put("import_rows", importRows);
    for (String run : List.of("import_first", "import_again")) {
      long t0 = System.nanoTime();
      HttpResponse<String> response = cmdbCall("POST", "/api/cis/import", "admin", csv.toString(), "text/csv");
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (response.statusCode() != 200) {
        throw new IllegalStateException("import: " + response.statusCode() + " " + response.body());
      }
      JsonNode answer = JSON.readTree(response.body());
      Map<String, Object> imported = new LinkedHashMap<>();
      imported.put("seconds", Math.round(seconds * 100) / 100.0);
      imported.put("rows_per_second", Math.round(importRows / seconds));
      imported.put("created", answer.path("created").asLong());
      imported.put("updated", answer.path("updated").asLong());
      imported.put("unchanged", answer.path("unchanged").asLong());
      figures.put(run, imported);
      report();
    }
    return figures;
  }

  /** Past evaluations of incident-priority the what-if phase compares a draft with, at most. */
  static final int WHATIF_EVALUATIONS = Integer.getInteger("flowdesk.bench.whatif.evaluations", 100_000);
  /** Incidents reported through the API whose priority evaluations the what-if phase copies. */
  static final int WHATIF_INCIDENTS = 50;
  static final String LOW_LOW = "<outputEntry id=\"OutputEntry_Impact3Urgency3_1\"><text>5</text></outputEntry>";

  /**
   * The designer's workbench: the what-if of a changed priority matrix over the last 10,000 and 100,000
   * evaluations (p50 of 3 calls each, after one unmeasured), and the roll-out of a one-file draft (create, put,
   * roll out: p50 of 5). The history is seeded the way the cleanup phase seeds it: WHATIF_INCIDENTS incidents
   * reported through the API (real evaluations, every impact and urgency), then their rows of the decision
   * history (instance, inputs, outputs) copied with new ids until there are WHATIF_EVALUATIONS. The copies
   * name process instances that do not exist, so the what-if looks their tickets up (as it would) and finds
   * none: its report lists 50 tickets, its work is that of 100,000 evaluations.
   */
  private Map<String, Object> workbench(Connection db, boolean postgres, ModelsFixture models) throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    for (int i = 0; i < WHATIF_INCIDENTS; i++) {
      HttpResponse<String> reported = cmdbCall("POST", "/api/incidents", "alice", "{\"title\":\"Bench what-if\","
          + "\"service\":\"email\",\"category\":\"software\",\"impact\":" + (1 + i % 3) + ",\"urgency\":"
          + (1 + (i / 3) % 3) + "}", "application/json");
      if (reported.statusCode() != 201) {
        throw new IllegalStateException("incident refused: " + reported.body());
      }
    }
    Instant seeding = Instant.now();
    int copies = WHATIF_EVALUATIONS / WHATIF_INCIDENTS - 1;
    String originals = "SELECT id_ FROM act_hi_decinst WHERE dec_def_key_ = 'incident-priority'";
    try (Statement statement = db.createStatement()) {
      for (String table : List.of("act_hi_dec_in", "act_hi_dec_out", "act_hi_decinst")) {
        List<String> columns = columns(db, table);
        Set<String> renamed = Set.of("id_", "dec_inst_id_", "root_dec_inst_id_", "proc_inst_id_", "root_proc_inst_id_",
            "execution_id_", "act_inst_id_");
        String values = String.join(", ", columns.stream().map(c -> renamed.contains(c)
            ? "CASE WHEN " + c + " IS NULL THEN NULL ELSE " + c + " || '-c' || s.x END" : c).toList());
        statement.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values
            + " FROM " + table + " CROSS JOIN " + range(postgres, 1, copies) + " WHERE "
            + (table.equals("act_hi_decinst") ? "dec_def_key_ = 'incident-priority'" : "dec_inst_id_ IN (" + originals + ")"));
      }
      if (postgres) {
        statement.execute("ANALYZE");
      }
    }
    figures.put("evaluations_in_history", count(db, "SELECT COUNT(*) FROM act_hi_decinst WHERE dec_def_key_ = "
        + "'incident-priority'"));
    figures.put("seeding_s", Duration.between(seeding, Instant.now()).toMillis() / 1000.0);
    // Impact 2 and urgency 3 (a ninth of the incidents) become P3 instead of P4.
    String matrix = models.read("decisions/incident-priority.dmn");
    String cell = "<outputEntry id=\"OutputEntry_Impact2Urgency3_1\"><text>";
    String draft = matrix.replace(cell + "4<", cell + "3<");
    figures.put("draft_differs", !draft.equals(matrix));
    for (int last : new int[] {10_000, 100_000}) {
      List<Long> nanos = new ArrayList<>();
      String answer = null;
      for (int call = 0; call < 4; call++) {
        Instant start = Instant.now();
        HttpResponse<String> response = cmdbCall("POST", "/api/workbench/decisions/incident-priority/what-if?last="
            + last, "dora", draft, "application/xml");
        if (response.statusCode() != 200) {
          figures.put("what_if_" + last + "_failed", response.statusCode() + " " + response.body());
          break;
        }
        if (call > 0) {
          nanos.add(Duration.between(start, Instant.now()).toNanos());
        }
        answer = response.body();
      }
      Collections.sort(nanos);
      if (!nanos.isEmpty()) {
        JsonNode report = JSON.readTree(answer);
        figures.put("what_if_" + last, Map.of("p50_ms", percentile(nanos, 50), "max_ms", percentile(nanos, 100),
            "evaluations", report.get("evaluations").asInt(), "changed", report.get("changed").asInt(),
            "answer_kb", answer.length() / 1024, "shifts", report.get("shifts").toString()));
      }
    }
    List<Long> total = new ArrayList<>();
    List<Long> rollOut = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String content = models.read("decisions/incident-priority.dmn");
      String changed = content.contains(LOW_LOW) ? content.replace(LOW_LOW, LOW_LOW.replace(">5<", ">4<"))
          : content.replace(LOW_LOW.replace(">5<", ">4<"), LOW_LOW);
      Instant start = Instant.now();
      HttpResponse<String> created = cmdbCall("POST", "/api/workbench/drafts", "dora",
          "{\"name\":\"Bench roll-out " + i + "\"}", "application/json");
      long id = JSON.readTree(created.body()).get("id").asLong();
      HttpResponse<String> put = cmdbCall("PUT", "/api/workbench/drafts/" + id
          + "/files?path=decisions/incident-priority.dmn", "dora", changed, "application/xml");
      if (put.statusCode() != 200) {
        throw new IllegalStateException("draft refused: " + put.body());
      }
      Instant rolling = Instant.now();
      HttpResponse<String> rolledOut = cmdbCall("POST", "/api/workbench/drafts/" + id + "/rollout", "dora", null, null);
      if (rolledOut.statusCode() != 200) {
        throw new IllegalStateException("roll-out refused: " + rolledOut.body());
      }
      rollOut.add(Duration.between(rolling, Instant.now()).toNanos());
      total.add(Duration.between(start, Instant.now()).toNanos());
    }
    Collections.sort(total);
    Collections.sort(rollOut);
    figures.put("roll_out_one_file", Map.of("create_put_roll_out_p50_ms", percentile(total, 50),
        "roll_out_call_p50_ms", percentile(rollOut, 50), "max_ms", percentile(total, 100)));
    return figures;
  }

  /** A table's column names, lower case (H2 keeps them upper case). */
  private static List<String> columns(Connection db, String table) throws Exception {
    List<String> columns = new ArrayList<>();
    for (String name : List.of(table, table.toUpperCase())) {
      try (ResultSet rs = db.getMetaData().getColumns(null, db.getSchema(), name, null)) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME").toLowerCase());
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    return columns;
  }

  private static String range(boolean postgres, long from, long to) {
    return postgres ? "generate_series(" + from + ", " + to + ") AS s(x)"
        : "(SELECT X AS x FROM SYSTEM_RANGE(" + from + ", " + to + ")) s";
  }

  private static void cis(Statement statement, boolean postgres, long from, long to, String key, String ciClass,
      String name, String attributes, String group, String lifecycle, String criticality) throws Exception {
    statement.executeUpdate("INSERT INTO fd_ci (ci_key, ci_class, name, attributes, owner_group, lifecycle, criticality, "
        + "created_at, updated_at) SELECT " + key + ", '" + ciClass + "', " + name + ", " + attributes + ", " + group
        + ", " + lifecycle + ", " + criticality + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM " + range(postgres, from, to));
  }

  private static void relations(Statement statement, boolean postgres, long from, long to, String fromKey,
      String relation, String toKey, String where) throws Exception {
    statement.executeUpdate("INSERT INTO fd_ci_relation (from_key, relation, to_key) SELECT " + fromKey + ", '"
        + relation + "', " + toKey + " FROM " + range(postgres, from, to) + (where == null ? "" : " WHERE " + where));
  }

  private static HttpResponse<String> cmdbCall(String method, String path, String user, String body, String type)
      throws Exception {
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + NODE_PORT + path)).timeout(Duration.ofMinutes(10))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            (user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      request.header("Content-Type", type);
    }
    return CMDB_HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * One GET as bob (an agent) over and over, after one unmeasured: up to 100 calls or 60 s, at least 3 unless
   * that takes 3 minutes (a slow answer on H2), at least one: p50, p95, p99, calls per second, and what the
   * last answer held.
   */
  private static Map<String, Object> cmdbCalls(String path) throws Exception {
    HttpResponse<String> last = null;
    for (int i = 0; i < 1; i++) {
      last = cmdbCall("GET", path, "bob", null, null);
      if (last.statusCode() != 200) {
        throw new IllegalStateException(path + ": " + last.statusCode() + " " + last.body());
      }
    }
    List<Long> nanos = new ArrayList<>();
    long started = System.nanoTime();
    while (nanos.isEmpty() || (nanos.size() < 100 && System.nanoTime() - started < 60_000_000_000L)
        || (nanos.size() < 3 && System.nanoTime() - started < 180_000_000_000L)) {
      long t0 = System.nanoTime();
      last = cmdbCall("GET", path, "bob", null, null);
      nanos.add(System.nanoTime() - t0);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Collections.sort(nanos);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls", nanos.size());
    figures.put("per_second", Math.round(nanos.size() / seconds * 10) / 10.0);
    figures.put("p50_ms", percentile(nanos, 50));
    figures.put("p95_ms", percentile(nanos, 95));
    figures.put("p99_ms", percentile(nanos, 99));
    figures.put("response_kb", last.body().length() / 1024);
    JsonNode answer = JSON.readTree(last.body());
    if (answer.has("dependents")) {
      figures.put("dependents", answer.get("dependents").size());
      figures.put("services", answer.get("services").size());
    } else if (answer.has("cells")) {
      figures.put("cells", answer.get("cells").size());
    } else if (answer.has("total")) {
      figures.put("total", answer.get("total").asLong());
    }
    return figures;
  }

  /** p50 and p95 of {@code calls} rounds of the paths (after three rounds unmeasured), and the last total. */
  private static Map<String, Object> timed(Node node, String user, List<String> paths, int calls) throws Exception {
    List<Long> nanos = new ArrayList<>();
    long total = -1;
    for (int round = -3; round < calls; round++) {
      for (String path : paths) {
        long t0 = System.nanoTime();
        HttpResponse<String> response = node.call("GET", path, user, null, null);
        if (round >= 0) {
          nanos.add(System.nanoTime() - t0);
        }
        if (response.statusCode() != 200) {
          throw new IllegalStateException(path + " as " + user + ": " + response.statusCode());
        }
        total = JSON.readTree(response.body()).path("total").asLong();
      }
    }
    Collections.sort(nanos);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("p50_ms", percentile(nanos, 50));
    figures.put("p95_ms", percentile(nanos, 95));
    figures.put("total", total);
    return figures;
  }

  /** Rows inserted, updated and deleted per table, from PostgreSQL's statistics. */
  private static Map<String, Long> rowsWritten(Connection db) throws Exception {
    Thread.sleep(1_000); // the statistics collector reports with a short delay
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del AS written FROM pg_stat_user_tables "
            + "WHERE schemaname = current_schema()")) {
      while (rs.next()) {
        rows.put(rs.getString(1).toLowerCase(), rs.getLong(2));
      }
    }
    return rows;
  }

  private static Map<String, Object> perIncident(Map<String, Long> before, Map<String, Long> after, long incidents) {
    Map<String, Double> perTable = new java.util.TreeMap<>();
    after.forEach((table, written) -> {
      double per = (written - before.getOrDefault(table, 0L)) / (double) incidents;
      if (per >= 0.05) {
        perTable.put(table, Math.round(per * 10) / 10.0);
      }
    });
    Map<String, Object> figures = new LinkedHashMap<>();
    Double database = perTable.remove("database"); // bytes only: the whole database's growth
    if (database != null) {
      figures.put("database", database);
    }
    figures.put("total", Math.round(perTable.values().stream().mapToDouble(Double::doubleValue).sum() * 10) / 10.0);
    figures.put("history_act_hi", Math.round(perTable.entrySet().stream().filter(e -> e.getKey().startsWith("act_hi"))
        .mapToDouble(Map.Entry::getValue).sum() * 10) / 10.0);
    figures.put("runtime_act_ru", Math.round(perTable.entrySet().stream().filter(e -> e.getKey().startsWith("act_ru"))
        .mapToDouble(Map.Entry::getValue).sum() * 10) / 10.0);
    figures.put("flowdesk_fd", Math.round(perTable.entrySet().stream().filter(e -> e.getKey().startsWith("fd_"))
        .mapToDouble(Map.Entry::getValue).sum() * 10) / 10.0);
    figures.put("by_table", perTable);
    return figures;
  }

  private Map<String, Object> intake(Node node, int clients) throws Exception {
    // Warm up, then measure for a fixed time.
    for (int i = 0; i < 20; i++) {
      node.report(REPORT);
    }
    Map<String, Object> figures = load(clients, () -> node.report(REPORT) == 201, "incidents");
    return figures;
  }

  /**
   * Runs {@code step} from each of the clients over and over for the run time: how many succeeded
   * per second, and their latency p50, p95 and p99.
   */
  private static Map<String, Object> load(int clients, java.util.concurrent.Callable<Boolean> step, String counted)
      throws Exception {
    return load(clients, RUN, step, counted);
  }

  private static Map<String, Object> load(int clients, Duration run, java.util.concurrent.Callable<Boolean> step,
      String counted) throws Exception {
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Instant until = Instant.now().plus(run);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> running = new ArrayList<>();
    Instant start = Instant.now();
    for (int c = 0; c < clients; c++) {
      running.add(pool.submit(() -> {
        while (Instant.now().isBefore(until)) {
          long t0 = System.nanoTime();
          if (step.call()) {
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
    figures.put(counted, sorted.size());
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

  /**
   * The incident model started through the Java API, its delegates doing nothing: the engine's own
   * cost. On H2 in memory by one thread; on PostgreSQL ({@code url}) by {@code threads} threads.
   */
  private double engineOnly(ModelsFixture models, String url, int threads) throws Exception {
    StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setProcessEngineName("bench-engine");
    if (url == null) {
      configuration.setJdbcUrl("jdbc:h2:mem:bench-engine;DB_CLOSE_DELAY=-1");
    } else {
      configuration.setJdbcUrl(url);
      configuration.setJdbcDriver("org.postgresql.Driver");
      configuration.setJdbcUsername(System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres"));
      configuration.setJdbcPassword("");
      configuration.setDatabaseSchemaUpdate("true");
      configuration.setJdbcMaxActiveConnections(threads + 2);
      // All of them stay open, as the node's pool keeps its connections: MyBatis' default of 5 idle ones
      // would close and reopen connections all through the run (a backend started each time).
      configuration.setJdbcMaxIdleConnections(threads + 2);
    }
    // The node's history level: -Dflowdesk.bench.engine.history=full for Camunda's full history.
    configuration.setCustomHistoryLevels(List.of(FlowDeskHistoryLevel.INSTANCE));
    configuration.setHistory(System.getProperty("flowdesk.bench.engine.history", FlowDeskHistoryLevel.NAME));
    configuration.setJobExecutorActivate(false);
    // The node's FEEL engine, which parses each text once.
    new FeelParsedOnce().preInit(configuration);
    configuration.setExpressionManager(new MockExpressionManager());
    // Camunda's Mocks are per thread: each thread that starts instances registers them.
    Runnable registerMocks = () -> {
      JavaDelegate nothing = execution -> { };
      for (String bean : List.of("openTicket", "startSlaClocks", "notify", "holdOlaClock", "declareMajorIncident")) {
        Mocks.register(bean, nothing);
      }
      Mocks.register("openTicket", (JavaDelegate) execution -> execution.setVariable("ticketNumber", "INC-1"));
      Mocks.register("taskAssigned", (TaskListener) task -> { });
      Mocks.register("slaClocks", new FixedClocks());
      Mocks.register("olaClocks", new FixedClocks());
      // The facts the decisions take, as the node answers them for alice's report on "email".
      Mocks.register("ciFacts", new FixedFacts());
      Mocks.register("slaFacts", new FixedFacts());
      Mocks.register("ticketTexts", new FixedFacts());
      Mocks.register("ticketTitle", new FixedFacts());
      // A new incident has no agent yet: its work task is the group's (the node answers without a query).
      Mocks.register("people", new FixedFacts());
    };
    registerMocks.run();
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      var deployment = engine.getRepositoryService().createDeployment();
      for (String file : List.of("processes/incident.bpmn", "decisions/incident-priority.dmn",
          "decisions/incident-assignment.dmn", "decisions/sla-targets.dmn", "decisions/ola-targets.dmn",
          "forms/incident-report.form",
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
      CpuTime cpu = CpuTime.of(ProcessHandle.current().pid(), url);
      java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      try {
        List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          runs.add(pool.submit(() -> {
            registerMocks.run();
            try {
              while (Instant.now().isBefore(until)) {
                engine.getRuntimeService().startProcessInstanceByKey("incident", variables);
                started.incrementAndGet();
              }
            } finally {
              Mocks.reset();
            }
          }));
        }
        for (java.util.concurrent.Future<?> run : runs) {
          run.get();
        }
      } finally {
        pool.shutdown();
      }
      double perSecond = Math.round(started.get() / (Duration.between(start, Instant.now()).toMillis() / 1000.0) * 10) / 10.0;
      results.put("engine_only_cpu_ms_per_instance", cpu.perUnit(started.get()));
      return perSecond;
    } finally {
      engine.close();
      Mocks.reset();
    }
  }

  /**
   * CPU time (user + system, from /proc) that a measurement cost: the JVM that did the work (the node, or
   * for engine only this JVM) and the PostgreSQL backends serving its database. Unlike the rates it does not
   * depend much on what else runs on the machine, so intake and the engine alone compare on a busy machine too.
   * The backends are sampled every 200 ms while the measurement runs, so that a connection opened and closed
   * during it (a pool that shrinks) still counts up to its last sample; reading them only at the start and the
   * end lost those, which once made the engine alone look four times cheaper on the database than it was.
   * On H2 or without /proc the figures are left out.
   */
  static final class CpuTime {

    private final long jvmPid;
    private final long jvmTicks;
    private final long clientTicks;
    /** Per backend: its ticks when first seen (0 for one born during the run) and at its last sample. */
    private final Map<Long, long[]> backends = new java.util.concurrent.ConcurrentHashMap<>();
    /** The same for the JVM's JIT compiler threads (C1, C2 and the code cache sweeper). */
    private final Map<Long, long[]> jit = new java.util.concurrent.ConcurrentHashMap<>();
    private final Connection db;
    private final Thread sampler;

    private CpuTime(long jvmPid, Connection db) throws java.sql.SQLException {
      this.jvmPid = jvmPid;
      this.db = db;
      if (db != null) {
        for (long pid : backends(db)) {
          long ticks = ticks(pid);
          backends.put(pid, new long[] {ticks, ticks});
        }
      }
      jitThreads().forEach((tid, ticks) -> jit.put(tid, new long[] {ticks, ticks}));
      this.jvmTicks = ticks(jvmPid);
      this.clientTicks = ticks(ProcessHandle.current().pid());
      this.sampler = new Thread(this::sample, "bench-cpu-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    /** The JVM's compiler threads now: thread id to its ticks. */
    private Map<Long, Long> jitThreads() {
      Map<Long, Long> threads = new LinkedHashMap<>();
      try (var tasks = Files.list(Path.of("/proc", String.valueOf(jvmPid), "task"))) {
        tasks.forEach(task -> {
          try {
            String name = Files.readString(task.resolve("comm")).strip();
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                || name.startsWith("Sweeper thread")) {
              String stat = Files.readString(task.resolve("stat"));
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              threads.put(Long.parseLong(task.getFileName().toString()),
                  Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
          } catch (IOException | RuntimeException gone) {
            // the thread ended
          }
        });
      } catch (IOException | RuntimeException noProc) {
        // no /proc: no split
      }
      return threads;
    }

    /**
     * @param url the database whose backends count, or null (H2) for the JVM alone; read through a
     *     connection of its own, whose backend is left out
     */
    static CpuTime of(long jvmPid, String url) throws java.sql.SQLException {
      return new CpuTime(jvmPid, url == null ? null : DriverManager.getConnection(url,
          System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres"), ""));
    }

    private void sample() {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(200);
          refresh();
        }
      } catch (InterruptedException | java.sql.SQLException stopped) {
        // the measurement is over
      }
    }

    private synchronized void refresh() throws java.sql.SQLException {
      jitThreads().forEach((tid, ticks) -> jit.computeIfAbsent(tid, born -> new long[] {0, 0})[1] = ticks);
      if (db == null) {
        return;
      }
      for (long pid : backends(db)) {
        long now = ticks(pid);
        if (now >= 0) {
          backends.computeIfAbsent(pid, born -> new long[] {0, 0})[1] = now;
        }
      }
    }

    /** Per unit of work since {@link #of}: the JVM's, the database's, and (when that JVM is another) the clients'. */
    Map<String, Object> perUnit(long units) throws Exception {
      long jvmNow = ticks(jvmPid);
      long clientsNow = ticks(ProcessHandle.current().pid());
      sampler.interrupt();
      sampler.join();
      refresh();
      if (db != null) {
        db.close();
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      if (units == 0 || jvmNow < 0) {
        return figures;
      }
      double jvm = (jvmNow - jvmTicks) * 1000.0 / TICKS_PER_SECOND / units;
      figures.put("jvm", Math.round(jvm * 100) / 100.0);
      // The JIT's part: a node that has run for a while has compiled its hot code, so the work itself is
      // the rest; C2 still took a third of either JVM's CPU after a minute of load.
      double compiling = jit.values().stream().mapToLong(t -> t[1] - t[0]).sum() * 1000.0 / TICKS_PER_SECOND / units;
      figures.put("jvm_jit", Math.round(compiling * 100) / 100.0);
      if (db != null) {
        double database = backends.values().stream().mapToLong(t -> t[1] - t[0]).sum() * 1000.0
            / TICKS_PER_SECOND / units;
        figures.put("postgresql", Math.round(database * 100) / 100.0);
        figures.put("jvm_and_postgresql", Math.round((jvm + database) * 100) / 100.0);
        figures.put("jvm_and_postgresql_without_jit", Math.round((jvm - compiling + database) * 100) / 100.0);
        figures.put("postgresql_backends", backends.size());
      }
      if (jvmPid != ProcessHandle.current().pid()) {
        figures.put("clients", Math.round((clientsNow - clientTicks) * 1000.0 / TICKS_PER_SECOND / units * 100)
            / 100.0);
      }
      return figures;
    }

    /** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private static List<Long> backends(Connection db) throws java.sql.SQLException {
      List<Long> pids = new ArrayList<>();
      try (var statement = db.createStatement(); var rows = statement.executeQuery(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        while (rows.next()) {
          pids.add(rows.getLong(1));
        }
      }
      return pids;
    }

    /** utime + stime of a process (all its threads), or -1 when /proc does not have it. */
    private static long ticks(long pid) {
      try {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
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

    /** The OLA clock's timers (one clock per ticket and group). */
    public java.util.Date warnAt(String ticket) {
      return warnAt(ticket, "ola");
    }

    public java.util.Date dueAt(String ticket) {
      return dueAt(ticket, "ola");
    }
  }

  /** What the models ask of FlowDesk's helpers at intake, answered as the node answers alice's report on "email". */
  public static class FixedFacts {
    public String criticality(Object execution) {
      return null; // no configuration item named
    }

    public String customerServiceLevel(Object execution) {
      return "silver"; // alice@flowdesk.test: catalog/organisations.yaml
    }

    public String serviceCriticality(Object execution) {
      return "high"; // catalog/services.yaml: email
    }

    public String serviceSupportHours(Object execution) {
      return "24x7";
    }

    public String enteredBy(String ticket, String words) {
      return "";
    }

    public String of(Object execution) {
      return "Bench";
    }

    public String ifMember(String userId, String groupId) {
      return null;
    }

    public String groupName(String groupId) {
      return "Service desk";
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
