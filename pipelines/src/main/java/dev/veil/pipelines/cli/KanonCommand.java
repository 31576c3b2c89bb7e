package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.kanon.KAnonymity;
import dev.veil.transforms.kanon.QiTable;
import dev.veil.transforms.kanon.Tables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code veil kanon}: the k-anonymity solver on a delimited table, so governance can explore k, suppression and
 * metrics before a run; with {@code --reference}, checks the solver against reference optima (ARX's) and says pass or
 * fail per configuration.
 */
@Command(
    name = "kanon",
    mixinStandardHelpOptions = true,
    description =
        "Optimal full-domain k-anonymity on a ;-separated table with ARX-style hierarchy files"
            + " (<prefix>_hierarchy_<attribute>.csv): chosen level per attribute, records suppressed, classes,"
            + " information loss, solver time.")
public final class KanonCommand implements Callable<Integer> {
  @Option(names = "--table", required = true, paramLabel = "FILE.csv", description = "The table (header row, ;).")
  Path table;

  @Option(names = "--hierarchies", required = true, paramLabel = "DIR", description = "Directory of hierarchy files.")
  Path hierarchies;

  @Option(names = "--k", defaultValue = "5", description = "Smallest class size. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(
      names = "--suppression",
      defaultValue = "0",
      description = "Largest share of records that may be suppressed, in [0, 1]. Default: ${DEFAULT-VALUE}.")
  double suppression;

  @Option(
      names = "--metric",
      defaultValue = "entropy",
      description = "discernibility, loss or entropy (ARX's non-uniform entropy). Default: ${DEFAULT-VALUE}.")
  String metric;

  @Option(names = "--json", description = "Print one JSON object: levels, suppressed, classes, information_loss, millis.")
  boolean json;

  @Option(
      names = "--reference",
      paramLabel = "FILE.json",
      description = "Instead: solve every case of this reference file (k, suppression_limit, optimal_levels,"
          + " records_suppressed) with the entropy metric and print pass or fail per case.")
  Path reference;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description = "Solve this many times in one JVM and report the median solver time (the first runs warm the"
          + " JVM up, as ARX's published times are warm). Default: ${DEFAULT-VALUE}.")
  int repeat;

  @Spec CommandSpec spec;

  /** Solves {@code repeat} times; the last result, with the median of the solver times. */
  private KAnonymity.Result solve(QiTable t, int k, double suppression, KAnonymity.Metric metric) {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1");
    }
    long[] millis = new long[repeat];
    KAnonymity.Result r = null;
    for (int i = 0; i < repeat; i++) {
      r = new KAnonymity(t, k, suppression, metric).solve();
      millis[i] = r.millis();
    }
    java.util.Arrays.sort(millis);
    return new KAnonymity.Result(
        r.levels(), r.suppressed(), r.classes(), r.informationLoss(), r.evaluated(), millis[repeat / 2]);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    QiTable t;
    try {
      t = Tables.read(table, hierarchies);
    } catch (IOException | RuntimeException e) {
      err.println("veil: cannot read the table or its hierarchies: " + e.getMessage());
      return VeilCli.USAGE;
    }
    try {
      if (reference != null) {
        return checkReference(t, out);
      }
      KAnonymity.Result r = solve(t, k, suppression, KAnonymity.Metric.of(metric));
      ObjectNode n = report(t, r);
      if (json) {
        out.println(n.toString());
      } else {
        out.println(
            String.format(Locale.ROOT, "k=%d suppression=%s metric=%s: %s", k, suppression, metric, n.toString()));
      }
      out.flush();
      return VeilCli.OK;
    } catch (IllegalArgumentException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    } catch (IOException e) {
      err.println("veil: cannot read " + reference + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
  }

  private static ObjectNode report(QiTable t, KAnonymity.Result r) {
    ObjectNode n = new ObjectMapper().createObjectNode();
    ObjectNode levels = n.putObject("levels");
    if (r.levels() != null) {
      for (int j = 0; j < t.attributes(); j++) {
        levels.put(t.attribute(j), r.levels()[j]);
      }
    } else {
      n.putNull("levels");
    }
    n.put("suppressed", r.suppressed());
    n.put("classes", r.classes());
    n.put("information_loss", r.informationLoss());
    n.put("millis", r.millis());
    n.put("nodes_evaluated", r.evaluated());
    return n;
  }

  private int checkReference(QiTable t, PrintWriter out) throws IOException {
    JsonNode ref = new ObjectMapper().readTree(Files.readAllBytes(reference));
    int failed = 0;
    for (JsonNode c : ref.path("cases")) {
      int ck = c.path("k").asInt();
      double cs = c.path("suppression_limit").asDouble();
      KAnonymity.Result r = solve(t, ck, cs, KAnonymity.Metric.ENTROPY);
      boolean levelsMatch = r.levels() != null;
      StringBuilder diff = new StringBuilder();
      for (int j = 0; j < t.attributes() && r.levels() != null; j++) {
        int want = c.path("optimal_levels").path(t.attribute(j)).asInt(-1);
        if (want != r.levels()[j]) {
          levelsMatch = false;
          diff.append(' ').append(t.attribute(j)).append(' ').append(r.levels()[j]).append(" (want ").append(want).append(')');
        }
      }
      boolean suppressedMatch = r.suppressed() == c.path("records_suppressed").asLong(-1);
      boolean pass = levelsMatch && suppressedMatch;
      failed += pass ? 0 : 1;
      out.println(
          String.format(Locale.ROOT, "%s k=%d suppression=%s: levels %s, suppressed %d (want %d), %d ms%s",
              pass ? "PASS" : "FAIL", ck, cs, levelsMatch ? "match" : "differ:" + diff, r.suppressed(),
              c.path("records_suppressed").asLong(-1), r.millis(), ""));
    }
    out.flush();
    return failed == 0 ? VeilCli.OK : VeilCli.JOB_FAILED;
  }
}
