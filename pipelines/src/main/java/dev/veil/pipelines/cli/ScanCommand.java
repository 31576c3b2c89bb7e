package dev.veil.pipelines.cli;

import dev.veil.transforms.audit.LeakScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil scan DIR --identities FILE}: every output file searched for every identifier form of a list (see
 * {@link LeakScan}). Hits are reported by file and by the form's line in the list, never by the form itself.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "Search every file of an output directory (shards decoded, .zst decompressed; restricted/ left out unless"
            + " --include-restricted) for identifier forms: whole words, case-insensitive. Exit 0 when nothing is"
            + " found, 1 on any hit.")
public final class ScanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The output directory.")
  Path dir;

  @Option(
      names = "--identities",
      required = true,
      paramLabel = "FILE",
      description = "The forms to look for: a text file with one form per line (names, handles, e-mails, phones,"
          + " ids; blank lines and lines starting with # skipped), or a Slack users.json (every form of every user).")
  Path identities;

  @Option(names = "--include-restricted", description = "Scan restricted/ too (it holds pointers that may name people).")
  boolean includeRestricted;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> forms = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try {
      byte[] bytes = Files.readAllBytes(identities);
      if (identities.toString().endsWith(".json")) {
        forms.addAll(LeakScan.slackUserForms(bytes));
      } else {
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
          n++;
          String f = line.strip();
          if (!f.isEmpty() && !f.startsWith("#")) {
            forms.add(f);
            lines.add(n);
          }
        }
      }
    } catch (IOException e) {
      err.println("veil: cannot read " + identities + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
    if (!Files.isDirectory(dir)) {
      err.println("veil: " + dir + " is not a directory");
      return VeilCli.USAGE;
    }
    LeakScan scan = new LeakScan(forms);
    Map<String, Map<Integer, Integer>> byFile = new TreeMap<>();
    long files = 0;
    try {
      for (LeakScan.Hit h : scan.scanOutput(dir, includeRestricted)) {
        byFile.computeIfAbsent(dir.relativize(h.file()).toString(), k -> new TreeMap<>()).merge(h.formIndex(), 1, Integer::sum);
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> includeRestricted || !dir.relativize(p).startsWith("restricted"))
                .count();
      }
    } catch (IOException e) {
      err.println("veil: cannot read " + dir + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
    long total = 0;
    for (Map.Entry<String, Map<Integer, Integer>> f : byFile.entrySet()) {
      for (Map.Entry<Integer, Integer> h : f.getValue().entrySet()) {
        String which = lines.isEmpty() ? "form " + (h.getKey() + 1) + " of users.json" : "line " + lines.get(h.getKey()) + " of " + identities.getFileName();
        out.println("HIT   " + f.getKey() + ": " + which + ", " + h.getValue() + " time(s)");
        total += h.getValue();
      }
    }
    out.println(
        (total == 0 ? "clean: " : "FOUND: " + total + " occurrence(s) in " + byFile.size() + " file(s); ")
            + forms.size() + " forms searched in " + files + " files of " + dir
            + (includeRestricted ? "" : " (restricted/ left out)"));
    out.flush();
    return total == 0 ? VeilCli.OK : VeilCli.JOB_FAILED;
  }
}
