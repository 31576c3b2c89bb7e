package dev.veil.pipelines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Flink session cluster: a JobManager and two TaskManagers in their own JVMs, started by
 * {@code scripts/flink-cluster.sh}, the job submitted by {@code ./veil run --runner flink --flink-master HOST:PORT}
 * (the fat jar staged over REST). Its output must be byte-identical to the Direct runner's, also when a TaskManager
 * is killed while the job runs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {
  private static final Path HOME = Path.of(System.getProperty("veil.home", "..")).toAbsolutePath().normalize();
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);

  @TempDir static Path tmp;
  static LocalFlinkCluster cluster;
  static List<String> inputs;
  static Path policy;
  static Path direct;

  @BeforeAll
  static void corpusDirectRunAndCluster() throws Exception {
    Path corpus = tmp.resolve("corpus");
    veil(tmp.resolve("generate.log"), Duration.ofMinutes(2), "generate", "--out", corpus.toString(), "--size", "1MB",
        "--seed", "8");
    policy = corpus.resolve("policy.yaml");
    inputs = new ArrayList<>();
    for (String kind : List.of("slack", "jira", "mbox", "capture")) {
      inputs.add("--input");
      inputs.add(kind + "=" + corpus.resolve(kind));
    }
    direct = tmp.resolve("direct");
    run(tmp.resolve("direct.log"), direct, "--runner", "direct");
    cluster = LocalFlinkCluster.start(HOME, tmp.resolve("cluster"), 2, 2, "2048m");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void jobSubmittedToTheClusterFinishesWithTheDirectRunnersBytes() throws Exception {
    // The cluster runs the Flink version the job jar was built against: classes load from the cluster's lib/.
    assertThat(cluster.rest("/config").path("flink-version").asText())
        .isEqualTo(EnvironmentInformation.getVersion());
    List<String> before = cluster.jobIds();
    Path out = tmp.resolve("cluster-out");
    String log = run(tmp.resolve("cluster.log"), out, "--flink-master", cluster.master(), "--parallelism", "2");
    assertThat(log).contains("flink " + cluster.master() + " runner");

    String jid = newJob(before);
    JsonNode job = cluster.job(jid);
    assertThat(job.path("name").asText()).isEqualTo("veil");
    assertThat(job.path("state").asText()).as(cluster.logTail("jobmanager")).isEqualTo("FINISHED");
    assertThat(job.path("tasks").path("finished").asInt()).isEqualTo(job.path("tasks").path("total").asInt());
    assertThat(Outputs.manifest(out).path("run").path("runner").asText()).isEqualTo("flink " + cluster.master());
    assertSameOutput(out);
  }

  @Test
  @Order(2)
  void jobSurvivesAKilledTaskManagerAndWritesTheSameBytes() throws Exception {
    List<String> before = cluster.jobIds();
    Path out = tmp.resolve("fault-out");
    Path log = tmp.resolve("fault.log");
    Process client = start(log, runArgs(out, "--flink-master", cluster.master(), "--parallelism", "2"));
    // Kill taskmanager-2 once a task of the job runs on it.
    String jid = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (jid == null || !cluster.runsTaskOn(jid, "taskmanager-2")) {
      assertThat(client.isAlive()).as("the job ended before a TaskManager could be killed:\n" + Files.readString(log))
          .isTrue();
      assertThat(System.nanoTime()).as("no task of the job ran on taskmanager-2").isLessThan(deadline);
      List<String> now = cluster.jobIds();
      now.removeAll(before);
      jid = now.isEmpty() ? null : now.get(0);
      Thread.sleep(200);
    }
    cluster.killTaskManager(2);
    cluster.addTaskManager();

    assertThat(client.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the job did not end in time").isTrue();
    String clientLog = Files.readString(log);
    assertThat(client.exitValue()).as(clientLog + "\n" + cluster.logTail("jobmanager")).isZero();
    assertThat(cluster.job(jid).path("state").asText()).isEqualTo("FINISHED");
    assertThat(cluster.rest("/jobs/" + jid + "/config").path("execution-config").path("restart-strategy").asText())
        .as("the job's own restart strategy (--restart-attempts, --restart-delay defaults)")
        .isEqualTo("Restart with fixed delay (PT10S). #10 restart attempts.");
    // The job failed over: its exception history records the lost TaskManager.
    JsonNode history = cluster.rest("/jobs/" + jid + "/exceptions").path("exceptionHistory").path("entries");
    assertThat(history.size()).as("failures the job recovered from").isPositive();
    assertThat(history.toString()).contains("taskmanager-2");
    assertSameOutput(out);
    assertThat(out.resolve(".veil-tmp")).doesNotExist();
  }

  /**
   * The same jar under Flink's own client ({@code flink run}, here its {@code CliFrontend} from the cluster's jars):
   * with {@code --flink-master [auto]} the job uses the environment the client provides.
   */
  @Test
  @Order(3)
  void theJarRunsUnderFlinkRunWithTheSameBytes() throws Exception {
    List<String> before = cluster.jobIds();
    Path out = tmp.resolve("flink-run-out");
    Path log = tmp.resolve("flink-run.log");
    Path jar = Path.of(System.getProperty("veil.jar", HOME.resolve("pipelines/target/veil.jar").toString()));
    Process client = cluster.flinkRun(jar, runArgs(out, "--flink-master", "[auto]", "--parallelism", "2"), log);
    assertThat(client.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("flink run did not end in time").isTrue();
    String output = Files.readString(log);
    assertThat(client.exitValue()).as(output).isZero();
    assertThat(output).contains("flink [auto] runner");
    assertThat(cluster.job(newJob(before)).path("state").asText()).isEqualTo("FINISHED");
    assertSameOutput(out);
  }

  /** Every written file (shards, card, Croissant, quarantine, lineage index, report) and the manifest's content. */
  private static void assertSameOutput(Path out) throws IOException {
    assertThat(Outputs.fileHashes(out)).isEqualTo(Outputs.fileHashes(direct));
    assertThat(Outputs.deterministicManifest(out)).isEqualTo(Outputs.deterministicManifest(direct));
    assertThat(Outputs.manifest(out).path("records").path("balanced").asBoolean()).isTrue();
  }

  private static String newJob(List<String> before) throws Exception {
    List<String> now = cluster.jobIds();
    now.removeAll(before);
    assertThat(now).as("jobs the run submitted").hasSize(1);
    return now.get(0);
  }

  private static List<String> runArgs(Path out, String... runner) {
    List<String> args = new ArrayList<>(List.of("run", "--policy", policy.toString()));
    args.addAll(inputs);
    args.addAll(List.of("--output", out.toString()));
    args.addAll(List.of(runner));
    return args;
  }

  /** {@code ./veil run} into {@code out}; fails with its output unless it exits 0. Returns its output. */
  private static String run(Path log, Path out, String... runner) throws Exception {
    return veil(log, JOB_TIMEOUT, runArgs(out, runner).toArray(String[]::new));
  }

  private static String veil(Path log, Duration timeout, String... args) throws Exception {
    Process p = start(log, List.of(args));
    boolean ended = p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(ended).as("veil " + args[0] + " did not end in " + timeout + ":\n" + output).isTrue();
    assertThat(p.exitValue()).as("veil " + String.join(" ", args) + ":\n" + output).isZero();
    return output;
  }

  /** Starts the README's launcher ({@code ./veil}, the fat jar the build just packaged) with its output in a file. */
  private static Process start(Path log, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(HOME.resolve("veil").toString()));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
