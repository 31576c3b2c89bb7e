package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short table printed after a run, read from the manifest (so it shows what was committed). */
final class Summary {
  private Summary() {}

  static void print(JsonNode manifest, String outputDir, long wallMillis, String runner, PrintWriter out) {
    JsonNode r = manifest.path("records");
    JsonNode shards = manifest.path("shards");
    out.printf(Locale.ROOT, "Veil run finished (%s runner, %.1f s)%n", runner, wallMillis / 1000.0);
    row(out, "records in", r.path("input").asLong(), "");
    row(out, "records out", r.path("output").asLong(), "");
    row(out, "quarantined", sum(r.path("quarantined")), reasons(r.path("quarantined")));
    row(out, "dropped", sum(r.path("dropped")), reasons(r.path("dropped")));
    row(out, "examples out", manifest.path("examples").path("output").asLong(), "");
    row(out, "shards written", shards.size(), "");
    out.printf(Locale.ROOT, "  %-16s %s%n", "accounting", r.path("balanced").asBoolean() ? "adds up" : "DOES NOT ADD UP");
    out.printf(Locale.ROOT, "  %-16s %s%n", "output", outputDir);
    out.flush();
  }

  private static void row(PrintWriter out, String label, long n, String detail) {
    out.printf(Locale.ROOT, "  %-16s %10d%s%n", label, n, detail.isEmpty() ? "" : "  (" + detail + ")");
  }

  private static long sum(JsonNode counts) {
    long s = 0;
    for (JsonNode n : counts) {
      s += n.asLong();
    }
    return s;
  }

  private static String reasons(JsonNode counts) {
    List<String> parts = new ArrayList<>();
    counts.fields().forEachRemaining(e -> parts.add(e.getKey() + " " + e.getValue().asLong()));
    return String.join(", ", parts);
  }
}
