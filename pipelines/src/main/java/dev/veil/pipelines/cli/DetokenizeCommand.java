package dev.veil.pipelines.cli;

import dev.veil.pipelines.policy.Policy;
import dev.veil.pipelines.policy.PolicyException;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.deidentify.detect.EntityType;
import dev.veil.transforms.deidentify.ops.Operators;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code veil detokenize}: for holders of the tokenization key only. Replaces every AES-SIV token ({@code [EMAIL:…]})
 * in text (files or standard input) with the value it stands for, or, with {@code --ff1 TYPE}, reverses
 * format-preserving tokens given one per line. Tokens made with another key, or altered, are left as they are. Prints
 * to standard output only; the count of restored tokens goes to standard error.
 */
@Command(
    name = "detokenize",
    mixinStandardHelpOptions = true,
    description =
        "Reverse tokens made by the tokenize operator, with the policy's tokenization key: SIV tokens [TYPE:...] in"
            + " text, or (--ff1 TYPE) format-preserving values, one per line. The output holds personal data: keep it"
            + " in the restricted area.")
public final class DetokenizeCommand implements Callable<Integer> {
  @Option(names = "--policy", required = true, description = "Policy whose tokenization key (or pseudonymization key) to use.")
  Path policy;

  @Option(
      names = "--ff1",
      paramLabel = "TYPE",
      description = "Reverse FF1 tokens of this entity type (one value per line), e.g. PHONE, CARD.")
  EntityType ff1Type;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Text files; standard input when none.")
  List<Path> files;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (ff1Type != null && !Operators.FF1_TYPES.contains(ff1Type)) {
      err.println("veil: --ff1: " + ff1Type + " is never tokenized with ff1 (only " + new java.util.TreeSet<>(Operators.FF1_TYPES) + ")");
      return VeilCli.USAGE;
    }
    Tokenizer tokenizer;
    try {
      Policy p = Policy.load(policy);
      KeyReference key = p.detection().tokenKeyOr(p.key());
      tokenizer = new Tokenizer(key.resolve());
    } catch (PolicyException | KeyReference.KeyException e) {
      err.println("veil: " + e.getMessage());
      return VeilCli.USAGE;
    }
    int[] restored = {0};
    long unreadable = 0;
    try {
      for (BufferedReader in : TextInputs.readers(files)) {
        try (in) {
          String line;
          while ((line = in.readLine()) != null) {
            if (ff1Type == null) {
              out.println(tokenizer.detokenizeText(line, restored));
              continue;
            }
            String value = tokenizer.unff1(ff1Type, line.strip());
            if (value == null) {
              unreadable++;
              out.println(line);
            } else {
              restored[0]++;
              out.println(value);
            }
          }
        }
      }
    } catch (IOException e) {
      err.println("veil: cannot read input (" + e.getClass().getSimpleName() + ")");
      return VeilCli.JOB_FAILED;
    }
    out.flush();
    err.println("veil: restored " + restored[0] + " token(s)" + (unreadable > 0 ? ", " + unreadable + " line(s) too short for ff1 left as they were" : ""));
    err.flush();
    return VeilCli.OK;
  }
}
