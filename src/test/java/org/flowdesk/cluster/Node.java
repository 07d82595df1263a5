package org.flowdesk.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** A FlowDesk node in a JVM of its own, started from the packaged jar, on PostgreSQL. */
public final class Node implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String name;
  final int port;
  private final String databaseUrl;
  private final Path modelsRoot;
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> arguments = new ArrayList<>();
  private Process process;

  public Node(String name, int port, String databaseUrl, Path modelsRoot) {
    this.name = name;
    this.port = port;
    this.databaseUrl = databaseUrl;
    this.modelsRoot = modelsRoot;
  }

  /** JVM options for the node (a profiler, say), before it starts. */
  public Node withJvmOptions(String... options) {
    jvmOptions.addAll(List.of(options));
    return this;
  }

  /**
   * A node that lives for one test: the first JIT tier only, as the test JVMs run (a minute or two is mostly
   * start-up, which the optimising compiler never pays back; docs/benchmarks.md, "The test suite"). The benchmark's
   * node keeps the full JIT: it measures throughput.
   */
  public Node shortLived() {
    return withJvmOptions("-XX:TieredStopAtLevel=1");
  }

  /** Application arguments for the node ({@code --name=value}), before it starts. */
  public Node withArguments(String... more) {
    arguments.addAll(List.of(more));
    return this;
  }

  static Path jar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files.filter(p -> p.getFileName().toString().matches("flowdesk-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/flowdesk-*.jar: run mvn package first"));
    }
  }

  public Node start() throws Exception {
    Path logs = Files.createDirectories(Path.of("target", "cluster-it"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString(),
        "--server.port=" + port, "--spring.profiles.active=postgres",
        "--flowdesk.models.root=" + modelsRoot, "--flowdesk.models.watch=false",
        // Shows in Camunda's job log which node ran which job.
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--spring.datasource.url=" + databaseUrl,
        "--spring.datasource.username=" + System.getenv().getOrDefault("FLOWDESK_TEST_DB_USER", "postgres")));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
    builder.directory(new File("."));
    process = builder.start();
    awaitHealthy(Duration.ofSeconds(120));
    return this;
  }

  private void awaitHealthy(Duration limit) throws Exception {
    Instant until = Instant.now().plus(limit);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " died while starting; see target/cluster-it/" + name + ".log");
      }
      try {
        if (call("GET", "/actuator/health", null, null, null).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " did not become healthy within " + limit);
  }

  /** SIGKILL: no shutdown hooks, no flushing, like a machine that loses power. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public HttpResponse<String> call(String method, String path, String user, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Uploads a large file made up as it is sent (LargeFile) to the ticket, announcing its length. */
  public HttpResponse<String> upload(String user, String ticket, String fileName, long size)
      throws IOException, InterruptedException {
    return HTTP.send(authorized(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tickets/" + ticket
        + "/attachments")), user).timeout(Duration.ofMinutes(10)).header("Content-Type", LargeFile.contentType())
        .POST(LargeFile.multipart(fileName, size)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Downloads to the end without keeping the body: its status, length and SHA-256. */
  public HttpResponse<LargeFile.Received> download(String user, String path, String range)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = authorized(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)), user)
        .timeout(Duration.ofMinutes(10));
    if (range != null) {
      request.header("Range", range);
    }
    return HTTP.send(request.build(), info -> HttpResponse.BodySubscribers.mapping(
        HttpResponse.BodySubscribers.ofInputStream(), in -> {
          try {
            return LargeFile.Received.of(in);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }));
  }

  private static HttpRequest.Builder authorized(HttpRequest.Builder request, String user) {
    return request.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether the node's log says it ran out of memory. */
  public boolean ranOutOfMemory() throws IOException {
    Path log = Path.of("target", "cluster-it", name + ".log");
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.contains("OutOfMemoryError"));
    }
  }

  /** The node's JVM's process id (for its CPU time in /proc). */
  public long pid() {
    return process.pid();
  }

  /** Resident memory of the node's JVM, from /proc. */
  public long rssMegabytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /** Reports an incident as alice; answers the status code. */
  public int report(String body) throws IOException, InterruptedException {
    return call("POST", "/api/incidents", "alice", body, null).statusCode();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
