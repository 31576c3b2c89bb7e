package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.InputSpec;
import dev.veil.pipelines.JobSpec;
import dev.veil.pipelines.VeilJob;
import dev.veil.pipelines.lineage.LineageEmitter;
import dev.veil.pipelines.lineage.LineageEvents;
import dev.veil.pipelines.lineage.LineageSettings;
import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.transforms.audit.BuildManifest;
import dev.veil.transforms.audit.ManifestJson;
import dev.veil.transforms.audit.ManifestSignature;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.deidentify.KeyTiming;
import dev.veil.transforms.identity.PeopleCsv;
import dev.veil.transforms.identity.ReadPeopleList;
import dev.veil.transforms.write.WriteBlobs;
import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Checks everything a run needs before it starts (policy, inputs, key, output directory: exit 2 with one line),
 * runs the job (exit 1 on failure), then checks the accounting, adds the run record to the manifest and prints the
 * summary. Around the run it emits OpenLineage events (START, then COMPLETE or FAIL; docs/lineage.md); a lineage
 * delivery that fails is a warning on stderr and never changes the exit status.
 */
final class JobLauncher {
  /** What a previous Veil run leaves in its output directory; --overwrite removes exactly these. */
  static final Set<String> OUTPUT_ENTRIES =
      Set.of(
          "data",
          "restricted",
          BuildManifest.FILE_NAME,
          BuildManifest.CROISSANT_FILE,
          BuildManifest.CARD_FILE,
          LineageEmitter.DIR,
          BuildManifest.REPORT_DIR,
          WriteBlobs.TEMP_DIR);

  /** A problem the user can fix: printed as one line, exit status 2. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** Printed when a policy releases bucketed per-key times: the option is offered, but measured not to protect. */
  static final String BUCKET_WARNING =
      "veil: warning: capture.key_timing: bucket releases per-key times that still identify typists (measured above"
          + " 2x chance at every resolution up to 1 s, docs/typing-risk.md); only resample passed that bar";

  private JobLauncher() {}

  /** What a command resolves before the run: the policy file, the inputs, the output directory. */
  interface Preparation {
    JobSpec prepare() throws UsageError;
  }

  /** The body of {@code run} and {@code demo}: check the flags and prepare (exit 2 on a usage error), then run. */
  static int launch(picocli.CommandLine.Model.CommandSpec command, JobOptions opts, Preparation preparation) {
    VeilCli.quietLogging(opts.verbose);
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    JobSpec spec;
    PipelineOptions options;
    try {
      try {
        options = opts.pipelineOptions();
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
      spec = preparation.prepare();
      if (opts.lineageUrl != null) {
        try {
          spec = spec.withLineage(spec.lineage().withHttpUrl(opts.lineageUrl));
        } catch (IllegalArgumentException e) {
          throw new UsageError("--lineage-url " + e.getMessage());
        }
      }
      checkLineage(spec.lineage());
    } catch (UsageError e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    }
    if (spec.keyTiming().kind() == KeyTiming.Kind.BUCKET) {
      err.println(BUCKET_WARNING);
    }
    return execute(spec, options, opts.runnerName(), opts.parallelism, opts.verbose, out, err);
  }

  /** The HTTP transport's API key must be there before hours of work, not after. */
  static void checkLineage(LineageSettings lineage) throws UsageError {
    if (lineage.transport() == LineageSettings.Transport.HTTP && lineage.apiKeyEnv() != null) {
      String key = System.getenv(lineage.apiKeyEnv());
      if (key == null || key.isBlank()) {
        throw new UsageError("lineage.api_key_env: environment variable " + lineage.apiKeyEnv() + " is not set");
      }
    }
  }

  static JobSpec prepare(Path policyFile, List<String> inputs, Path output, boolean overwrite)
      throws UsageError {
    Policy policy;
    try {
      policy = Policy.load(policyFile);
    } catch (PolicyException e) {
      throw new UsageError(e.getMessage());
    }
    List<InputSpec> specs;
    try {
      specs = InputSpec.parseAll(inputs);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    if (specs.isEmpty()) {
      throw new UsageError("at least one --input KIND=PATH is required");
    }
    Map<String, String> licenses = new LinkedHashMap<>();
    for (InputSpec in : specs) {
      if (!Files.exists(in.path())) {
        throw new UsageError("input " + in.kind() + "=" + in.path() + ": no such file or directory");
      }
      if (!Files.isReadable(in.path())) {
        throw new UsageError("input " + in.kind() + "=" + in.path() + ": not readable");
      }
      try {
        licenses.put(in.label(), policy.licenseFor(in.label()));
      } catch (PolicyException e) {
        throw new UsageError("policy " + policyFile + ": " + e.getMessage());
      }
    }
    String keyId;
    try {
      keyId = KeyReference.keyId(policy.key().resolve());
    } catch (KeyReference.KeyException e) {
      throw new UsageError("pseudonymization.key: " + e.getMessage());
    }
    String tokenKeyId = null;
    if (policy.detection().operators().tokenizes()) {
      try {
        tokenKeyId = KeyReference.keyId(policy.detection().tokenKeyOr(policy.key()).resolve());
      } catch (KeyReference.KeyException e) {
        throw new UsageError("tokenization.key: " + e.getMessage());
      }
    }
    String signingKeyId = null;
    if (policy.signingKey() != null) {
      try {
        signingKeyId = ManifestSignature.keyId(ManifestSignature.fromKey(policy.signingKey().resolve()).publicKey());
      } catch (KeyReference.KeyException e) {
        throw new UsageError("signing.key: " + e.getMessage());
      }
    }
    if (policy.peopleCsv() != null) {
      try {
        PeopleCsv.read(ReadPeopleList.SOURCE, Files.readString(Path.of(policy.peopleCsv())));
      } catch (IOException e) {
        throw new UsageError("identity.people_csv: cannot read " + policy.peopleCsv());
      } catch (PeopleCsv.InvalidPeopleCsv e) {
        throw new UsageError("identity.people_csv: " + e.getMessage());
      }
    }
    Path out = output.toAbsolutePath().normalize();
    prepareOutput(out, overwrite);
    return new JobSpec(
        specs,
        licenses,
        policy.version(),
        policy.sha256(),
        policy.key(),
        keyId,
        tokenKeyId,
        policy.layout(),
        out.toString(),
        policy.peopleCsv(),
        policy.timing(),
        policy.keyTiming(),
        policy.detection(),
        policy.dedup(),
        policy.filters(),
        policy.licenses(),
        policy.optOuts(),
        policy.retention(),
        policy.card(),
        policy.kAnonymity(),
        policy.signingKey(),
        signingKeyId,
        policy.leakScan(),
        policy.leakScanNameParts(),
        policy.lineage());
  }

  private static void prepareOutput(Path out, boolean overwrite) throws UsageError {
    if (Files.isRegularFile(out)) {
      throw new UsageError("--output " + out + " is a file, not a directory");
    }
    if (!Files.isDirectory(out)) {
      return;
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(out)) {
      entries = s.toList();
    } catch (IOException e) {
      throw new UsageError("--output " + out + ": cannot list (" + e.getClass().getSimpleName() + ")");
    }
    if (entries.isEmpty()) {
      return;
    }
    // A manifest, or the lineage file a failed run leaves behind, marks a Veil output directory.
    boolean veilOutput =
        entries.stream().anyMatch(p -> p.getFileName().toString().equals(BuildManifest.FILE_NAME))
            || Files.isRegularFile(out.resolve(LineageEmitter.DIR).resolve(LineageEmitter.FILE_NAME));
    if (!overwrite || !veilOutput) {
      throw new UsageError(
          "--output "
              + out
              + " is not empty"
              + (veilOutput ? "; pass --overwrite to replace the previous run" : " and holds no Veil output"));
    }
    for (Path p : entries) {
      if (OUTPUT_ENTRIES.contains(p.getFileName().toString())) {
        deleteRecursively(p);
      }
    }
  }

  static void deleteRecursively(Path p) throws UsageError {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UsageError("cannot remove previous output " + p + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Runs the job and finalizes the manifest, between a START and a COMPLETE or FAIL event. Returns the exit status. */
  static int execute(
      JobSpec spec,
      PipelineOptions options,
      String runnerName,
      int parallelism,
      boolean verbose,
      PrintWriter out,
      PrintWriter err) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    String runId = runId(started, spec);
    LineageEvents events = new LineageEvents(VeilCli.PRODUCER, VeilCli.VERSION, spec, runId);
    LineageEmitter lineage = openLineage(spec, err);
    emit(lineage, events.start(started), err);
    int status = runAndFinalize(spec, options, runnerName, parallelism, verbose, started, t0, runId, events, lineage, out, err);
    try {
      lineage.close();
    } catch (LineageEmitter.LineageException e) {
      err.println("veil: warning: lineage: " + e.getMessage());
    }
    return status;
  }

  private static int runAndFinalize(
      JobSpec spec,
      PipelineOptions options,
      String runnerName,
      int parallelism,
      boolean verbose,
      Instant started,
      long t0,
      String runId,
      LineageEvents events,
      LineageEmitter lineage,
      PrintWriter out,
      PrintWriter err) {
    try {
      Pipeline p = Pipeline.create(options);
      VeilJob.buildPipeline(p, spec);
      p.run().waitUntilFinish();
    } catch (RuntimeException e) {
      String description = safeDescription(e);
      err.println("veil: job failed: " + description);
      if (verbose) {
        e.printStackTrace(err);
      }
      emit(lineage, events.fail(Instant.now(), description, null), err);
      return VeilCli.JOB_FAILED;
    }
    long wallMillis = (System.nanoTime() - t0) / 1_000_000L;
    try {
      Path temp = Path.of(spec.outputDir(), WriteBlobs.TEMP_DIR);
      if (Files.exists(temp)) {
        deleteRecursively(temp);
      }
    } catch (UsageError e) {
      err.println("veil: warning: " + e.getMessage());
    }
    Path manifestPath = Path.of(spec.outputDir(), BuildManifest.FILE_NAME);
    ObjectNode manifest;
    try {
      manifest = (ObjectNode) new ObjectMapper().readTree(manifestPath.toFile());
    } catch (IOException e) {
      err.println("veil: job failed: no readable manifest at " + manifestPath);
      emit(lineage, events.fail(Instant.now(), "no readable manifest", null), err);
      return VeilCli.JOB_FAILED;
    }
    ObjectNode run = manifest.putObject("run");
    run.put("id", runId);
    run.put("runner", runnerName);
    run.put("parallelism", parallelism);
    run.put("started", DateTimeFormatter.ISO_INSTANT.format(started));
    run.put("wall_ms", wallMillis);
    if (spec.signingKey() != null) {
      try {
        ManifestSignature.fromKey(spec.signingKey().resolve()).sign(manifest);
      } catch (KeyReference.KeyException e) {
        err.println("veil: job failed: signing.key: " + e.getMessage());
        return VeilCli.JOB_FAILED;
      }
    }
    try {
      Path tmp = manifestPath.resolveSibling(BuildManifest.FILE_NAME + ".tmp");
      Files.write(tmp, ManifestJson.toBytes(manifest));
      Files.move(tmp, manifestPath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      err.println("veil: job failed: cannot finalize " + manifestPath);
      emit(lineage, events.fail(Instant.now(), "cannot finalize the manifest", manifest), err);
      return VeilCli.JOB_FAILED;
    }
    Summary.print(manifest, spec.outputDir(), wallMillis, runnerName, out);
    if (!manifest.path("records").path("balanced").asBoolean(false)) {
      err.println(
          "veil: job failed: record accounting does not add up (input "
              + manifest.path("records").path("input").asLong()
              + " != output + dropped + quarantined); see "
              + manifestPath);
      emit(lineage, events.fail(Instant.now(), "record accounting does not add up", manifest), err);
      return VeilCli.JOB_FAILED;
    }
    emit(lineage, events.complete(Instant.now(), manifest), err);
    return VeilCli.OK;
  }

  /** The emitter the spec names; if it cannot be opened, a warning and no lineage (the data is what matters). */
  private static LineageEmitter openLineage(JobSpec spec, PrintWriter err) {
    try {
      return LineageEmitter.open(spec.lineage(), Path.of(spec.outputDir()));
    } catch (LineageEmitter.LineageException e) {
      err.println("veil: warning: lineage: " + e.getMessage() + "; no lineage events for this run");
      return LineageEmitter.none();
    }
  }

  /** Sends one event; a failed delivery is a warning, never a job failure. */
  private static void emit(LineageEmitter lineage, OpenLineage.RunEvent event, PrintWriter err) {
    try {
      lineage.emit(event);
    } catch (LineageEmitter.LineageException e) {
      err.println("veil: warning: lineage: " + e.getMessage());
    }
  }

  /**
   * Names a failure without quoting data: exception types down the cause chain (the first four), and our own messages
   * (IllegalStateException, KeyException: they never hold data), however deep the runner buried them.
   */
  static String safeDescription(Throwable e) {
    List<String> parts = new ArrayList<>();
    String ours = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      String msg = t instanceof IllegalStateException || t instanceof KeyReference.KeyException ? t.getMessage() : null;
      if (parts.size() < 4) {
        parts.add(t.getClass().getSimpleName() + (msg != null ? " (" + msg + ")" : ""));
      } else if (msg != null && ours == null) {
        ours = t.getClass().getSimpleName() + " (" + msg + ")";
      }
    }
    if (ours != null) {
      parts.add("... " + ours);
    }
    return String.join(" <- ", parts);
  }

  /** Unique per run (time-based), never part of the deterministic output. */
  private static String runId(Instant started, JobSpec spec) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started);
    return "run-" + stamp + "-" + Hashes.sha256Hex(spec.manifestHeader() + started.toEpochMilli() + System.nanoTime()).substring(0, 8);
  }
}
