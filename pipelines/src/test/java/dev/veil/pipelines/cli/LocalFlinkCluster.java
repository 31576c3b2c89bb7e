package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink session cluster started by {@code scripts/flink-cluster.sh} (a JobManager and TaskManagers in their own
 * JVMs), for integration tests: start, stop, kill and add TaskManagers through the script, read the REST API.
 */
final class LocalFlinkCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path home;
  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private boolean running;

  private LocalFlinkCluster(Path home, Path dir, int port) {
    this.home = home;
    this.dir = dir;
    this.port = port;
  }

  /** Starts a cluster in {@code dir} on a free port; the script returns once every TaskManager has registered. */
  static LocalFlinkCluster start(Path home, Path dir, int taskManagers, int slots, String taskManagerMemory)
      throws IOException, InterruptedException {
    LocalFlinkCluster cluster = new LocalFlinkCluster(home, dir, freePort());
    cluster.script(
        Duration.ofMinutes(5),
        "start",
        "--port",
        Integer.toString(cluster.port),
        "--taskmanagers",
        Integer.toString(taskManagers),
        "--slots",
        Integer.toString(slots),
        "--tm-memory",
        taskManagerMemory);
    cluster.running = true;
    Thread stopper = new Thread(cluster::stopQuietly, "stop-flink-cluster");
    Runtime.getRuntime().addShutdownHook(stopper);
    return cluster;
  }

  String master() {
    return "localhost:" + port;
  }

  JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + r.statusCode());
    }
    return JSON.readTree(r.body());
  }

  /** The ids of the jobs the cluster lists, any state. */
  List<String> jobIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (JsonNode j : rest("/jobs/overview").path("jobs")) {
      ids.add(j.path("jid").asText());
    }
    return ids;
  }

  /** The overview entry ({@code /jobs/overview}) of a job, or a missing node. */
  JsonNode job(String jid) throws IOException, InterruptedException {
    for (JsonNode j : rest("/jobs/overview").path("jobs")) {
      if (j.path("jid").asText().equals(jid)) {
        return j;
      }
    }
    return JSON.missingNode();
  }

  /** The {@code /taskmanagers} entry of a TaskManager by its resource id (the script names them taskmanager-N). */
  JsonNode taskManager(String id) throws IOException, InterruptedException {
    for (JsonNode tm : rest("/taskmanagers").path("taskmanagers")) {
      if (tm.path("id").asText().equals(id)) {
        return tm;
      }
    }
    return JSON.missingNode();
  }

  /** Whether a subtask of one of the job's running vertices is RUNNING on this TaskManager. */
  boolean runsTaskOn(String jid, String taskManager) throws IOException, InterruptedException {
    for (JsonNode v : rest("/jobs/" + jid).path("vertices")) {
      if (!v.path("status").asText().equals("RUNNING")) {
        continue;
      }
      for (JsonNode tm : rest("/jobs/" + jid + "/vertices/" + v.path("id").asText() + "/taskmanagers").path("taskmanagers")) {
        if (tm.path("taskmanager-id").asText().equals(taskManager) && tm.path("status-counts").path("RUNNING").asInt() > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Starts {@code flink run -m localhost:PORT JAR ARGS} as the distribution's {@code bin/flink} does (Flink's
   * {@code CliFrontend} from the cluster's jars, the cluster's configuration), with its output in {@code log}.
   */
  Process flinkRun(Path jar, List<String> programArgs, Path log) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp",
                home.resolve("scripts/flink-cluster/target/lib").toString() + "/*",
                "org.apache.flink.client.cli.CliFrontend",
                "run",
                "-m",
                master(),
                jar.toString()));
    cmd.addAll(programArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
    return pb.start();
  }

  void killTaskManager(int n) throws IOException, InterruptedException {
    script(Duration.ofSeconds(30), "kill-taskmanager", Integer.toString(n));
  }

  void addTaskManager() throws IOException, InterruptedException {
    script(Duration.ofMinutes(2), "add-taskmanager");
  }

  /** What {@code status} prints: every process with its RSS and peak RSS, then the REST overview. */
  String status() throws IOException, InterruptedException {
    return script(Duration.ofSeconds(30), "status");
  }

  /** The last lines of a process's log ({@code jobmanager}, {@code taskmanager-N}), for failure messages. */
  String logTail(String process) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("log").resolve(process + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (running) {
      running = false;
      script(Duration.ofSeconds(60), "stop");
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (IOException | InterruptedException e) {
      // The JVM is exiting; nothing more can be done.
    }
  }

  /** Runs the script with {@code --dir}; fails with its output unless it exits 0 in time. Returns its output. */
  private String script(Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("scripts/flink-cluster.sh").toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--dir", dir.toString()));
    Path log = Files.createTempFile(dir.getParent(), "flink-cluster-", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", args) + ": no answer in " + timeout + "\n" + Files.readString(log));
    }
    String output = Files.readString(log);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", args) + ": exit " + p.exitValue() + "\n" + output);
    }
    return output;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
