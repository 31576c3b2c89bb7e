package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.detect.Detector;
import dev.veil.transforms.deidentify.detect.Finding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil detect}: runs the detectors on text, one document per line, from files or standard input, so governance
 * can try them on examples and anyone can evaluate them. Prints findings (type, start, end, score, recognizer) or,
 * with {@code --transform}, the redacted text.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Run the detectors on text (one document per line, from FILEs or standard input) and print the findings"
            + " or, with --transform, the redacted text.")
public final class DetectCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Text files; standard input when none.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line: {\"line\", \"findings\": [...]}.")
  boolean json;

  @Option(names = "--transform", description = "Print each line with its findings replaced by placeholders.")
  boolean transform;

  @Option(
      names = "--policy",
      description = "Take phone regions and the allow- and deny-lists from this policy's detection settings.")
  Path policy;

  @Option(
      names = "--region",
      defaultValue = "US",
      split = ",",
      description = "Default regions for phone numbers without a country code (ISO 3166 codes). Default: ${DEFAULT-VALUE}.")
  List<String> regions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DetectionSettings settings;
    Detector detector;
    try {
      settings =
          policy != null
              ? Policy.load(policy).detection()
              : new DetectionSettings(regions, java.util.Set.of(), List.of());
      detector = Detector.standard(settings.phoneRegions(), settings.deny());
    } catch (PolicyException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("veil: --region: " + e.getMessage());
      return VeilCli.USAGE;
    }
    ObjectMapper mapper = new ObjectMapper();
    long lineNo = 0;
    try {
      for (BufferedReader in : readers()) {
        try (in) {
          String line;
          while ((line = in.readLine()) != null) {
            lineNo++;
            String text = line;
            List<Finding> findings =
                detector.detect(line).stream()
                    .filter(f -> !settings.allowed(text.substring(f.start(), f.end())))
                    .toList();
            if (transform) {
              out.println(Detector.redact(line, findings, null));
            } else if (json) {
              ObjectNode n = mapper.createObjectNode();
              n.put("line", lineNo);
              ArrayNode arr = n.putArray("findings");
              for (Finding f : findings) {
                arr.addObject().put("type", f.type().name()).put("start", f.start()).put("end", f.end())
                    .put("score", f.score()).put("recognizer", f.recognizer());
              }
              out.println(n);
            } else {
              for (Finding f : findings) {
                out.printf("%d\t%s\t%d\t%d\t%.2f\t%s%n", lineNo, f.type(), f.start(), f.end(), f.score(), f.recognizer());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      err.println("veil: cannot read input (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    }
    out.flush();
    return VeilCli.OK;
  }

  private List<BufferedReader> readers() throws IOException {
    if (files == null || files.isEmpty()) {
      return List.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
    java.util.ArrayList<BufferedReader> readers = new java.util.ArrayList<>();
    for (Path p : files) {
      readers.add(Files.newBufferedReader(p, StandardCharsets.UTF_8));
    }
    return readers;
  }
}
