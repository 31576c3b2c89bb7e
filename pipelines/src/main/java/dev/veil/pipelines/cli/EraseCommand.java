package dev.veil.pipelines.cli;

import dev.veil.pipelines.erase.Erasure;
import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.transforms.common.KeyReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil erase --subject S --output DIR --policy P}: a person taken out of a written output ({@link Erasure}). */
@Command(
    name = "erase",
    mixinStandardHelpOptions = true,
    description =
        "Erase a person from an output: every example holding their pseudonym (their words, mentions of them, their"
            + " recordings) is removed from the shards of its bucket, other shards keep their bytes; the lineage"
            + " index, manifest (new version, re-signed), croissant.json, dataset card and report are rewritten and a"
            + " tombstone is logged in restricted/erasure/. Needs the run's policy (its key finds the pseudonym).")
public final class EraseCommand implements Callable<Integer> {
  @Option(
      names = "--subject",
      required = true,
      description = "The person: e-mail address, canonical account key (slack:TEAM:USER) or pseudonym (person_…).")
  String subject;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The job's output directory.")
  Path output;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy the output was made with.")
  Path policy;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(output.resolve("manifest.json"))) {
      err.println("veil: no manifest.json in " + output);
      return VeilCli.USAGE;
    }
    try {
      Erasure.Result r = Erasure.erase(Policy.load(policy), output, subject);
      out.println(
          "erased " + r.examples().size() + " example(s) (" + r.records() + " input records) holding " + r.pseudonym()
              + "; " + r.shards().size() + " shard(s) rebuilt; manifest version " + r.version()
              + "; tombstone in " + Erasure.TOMBSTONES);
      out.flush();
      return VeilCli.OK;
    } catch (PolicyException | KeyReference.KeyException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    } catch (IllegalStateException e) {
      err.println("veil: erase refused: " + e.getMessage());
      return VeilCli.JOB_FAILED;
    } catch (IOException e) {
      err.println("veil: cannot rewrite " + output + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    }
  }
}
