package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.schemas.Account;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.DetectionSettings;
import dev.veil.transforms.deidentify.TextScrubber;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.detect.Finding;
import dev.veil.transforms.deidentify.ops.Operator;
import dev.veil.transforms.deidentify.ops.OperatorSpec;
import dev.veil.transforms.deidentify.ops.Operators;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import dev.veil.transforms.identity.IdentityResolver;
import dev.veil.transforms.identity.PeopleCsv;
import dev.veil.transforms.identity.ReadPeopleList;
import java.io.BufferedReader;
import java.io.IOException;
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
 * can try a policy on examples and anyone can evaluate the detectors. Prints findings (type, start, end, score,
 * recognizer) or, with {@code --transform}, the text as the job would write it. With {@code --policy}, the policy's
 * detection settings, operators and keys apply, and the people of its people list form the directory; without, every
 * type is redacted.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description =
        "Run the detectors on text (one document per line, from FILEs or standard input) and print the findings"
            + " or, with --transform, the text transformed as the policy says.")
public final class DetectCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Text files; standard input when none.")
  List<Path> files;

  @Option(names = "--json", description = "One JSON object per line: {\"line\", \"findings\": [...]}.")
  boolean json;

  @Option(
      names = "--transform",
      description = "Print each line transformed by the policy's operators (without --policy: typed placeholders).")
  boolean transform;

  @Option(
      names = "--policy",
      description =
          "Use this policy's detection settings, operators, keys and people list (for directory names).")
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
    TextScrubber scrubber;
    try {
      scrubber = policy != null ? fromPolicy(Policy.load(policy)) : withoutPolicy();
    } catch (PolicyException | PeopleCsv.InvalidPeopleCsv | KeyReference.KeyException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("veil: --region: " + e.getMessage());
      return VeilCli.USAGE;
    } catch (IOException e) {
      err.println("veil: cannot read the policy's people list (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
    ObjectMapper mapper = new ObjectMapper();
    long lineNo = 0;
    try {
      for (BufferedReader in : TextInputs.readers(files)) {
        try (in) {
          String line;
          while ((line = in.readLine()) != null) {
            lineNo++;
            if (transform) {
              out.println(scrubber.scrubPlain(line));
              continue;
            }
            List<Finding> findings = scrubber.analyze(line);
            if (json) {
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

  private static TextScrubber fromPolicy(Policy p)
      throws IOException, PeopleCsv.InvalidPeopleCsv, PolicyException {
    Pseudonyms pseudonyms = new Pseudonyms(p.key().resolve());
    List<Account> people =
        p.peopleCsv() == null
            ? List.of()
            : PeopleCsv.read(ReadPeopleList.SOURCE, Files.readString(Path.of(p.peopleCsv()), StandardCharsets.UTF_8));
    DetectionSettings settings = p.detection();
    Tokenizer tokenizer = null;
    if (settings.operators().tokenizes()) {
      tokenizer = new Tokenizer(settings.tokenKeyOr(p.key()).resolve());
    }
    return new TextScrubber(pseudonyms, new IdentityResolver(pseudonyms).resolve(people, p.optOuts()), settings, tokenizer);
  }

  /** No policy, so no key: every type, people included, is redacted to its placeholder. */
  private TextScrubber withoutPolicy() {
    Operators redactAll = Operators.defaults().with(EntityType.PERSON, OperatorSpec.of(Operator.REDACT));
    DetectionSettings settings =
        new DetectionSettings(regions, java.util.Set.of(), List.of()).withOperators(redactAll);
    Pseudonyms unused = new Pseudonyms(new byte[KeyReference.MIN_KEY_BYTES]);
    return new TextScrubber(unused, new IdentityResolver(unused).resolve(List.of()), settings, null);
  }
}
