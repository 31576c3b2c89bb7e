package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.transforms.write.FileLines;
import dev.veil.transforms.write.WriteLineage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil trace ID --output DIR}: the source records an example came from, read from the restricted lineage index
 * ({@link WriteLineage}). Restricted: pointers can name people (folder names with e-mail addresses), so the index is
 * as readable as the restricted area's file permissions allow, and nothing else prints it.
 */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description =
        "Print the source records (input, file, element index) an output example came from, from the restricted"
            + " lineage index OUT/restricted/lineage/. For authorized users: pointers can name people.")
public final class TraceCommand implements Callable<Integer> {
  @Parameters(paramLabel = "ID", description = "The example id (the `id` of a line of a shard).")
  String id;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "The job's output directory.")
  Path output;

  @Option(names = "--json", description = "Print the lineage line as it is stored.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = output.resolve(WriteLineage.DIR);
    if (!Files.isDirectory(dir)) {
      err.println("veil: no lineage index at " + dir + " (restricted area not present or not readable)");
      return VeilCli.USAGE;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(WriteLineage.SUFFIX)).sorted().toList()) {
        String found = find(f);
        if (found != null) {
          if (json) {
            out.println(found);
          } else {
            JsonNode n = new ObjectMapper().readTree(found);
            out.println(id + " (shards data/" + n.path("bucket").asText() + "-*):");
            for (JsonNode p : n.path("pointers")) {
              out.println(
                  "  " + p.path("source").asText() + "  " + p.path("file").asText()
                      + (p.path("index").asLong() >= 0 ? "  #" + p.path("index").asLong() : ""));
            }
          }
          out.flush();
          return VeilCli.OK;
        }
      }
    } catch (AccessDeniedException e) {
      err.println("veil: not allowed to read the lineage index (restricted)");
      return VeilCli.USAGE;
    } catch (IOException e) {
      err.println("veil: cannot read " + dir + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
    err.println("veil: no example " + id + " in " + output);
    return VeilCli.JOB_FAILED;
  }

  private String find(Path file) throws IOException {
    String prefix = "{\"id\":" + new ObjectMapper().writeValueAsString(id) + ",";
    return FileLines.read(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
  }
}
