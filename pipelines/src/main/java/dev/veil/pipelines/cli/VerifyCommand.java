package dev.veil.pipelines.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.audit.ManifestVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code veil verify DIR}: an output directory checked against its manifest (see {@link ManifestVerifier}). */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check an output directory against its manifest.json: the manifest unedited and signed (with the key you"
            + " trust, given --public-key), every shard present with its size and SHA-256, nothing unlisted in data/,"
            + " the Merkle root and dataset id, the record accounting. Exit 0 when everything holds, 1 otherwise.")
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "The output directory (holding manifest.json).")
  Path dir;

  @Option(
      names = "--public-key",
      paramLabel = "KEY",
      description = "The Ed25519 public key you trust (base64, as `veil keys public-key` prints it), or a file holding it.")
  String publicKey;

  @Option(names = "--allow-unsigned", description = "Accept a manifest without a signature (not with --public-key).")
  boolean allowUnsigned;

  @Option(names = "--json", description = "Print one JSON object: ok, passed, failed, notes.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String trusted = publicKey;
    try {
      if (trusted != null && Files.isRegularFile(Path.of(trusted))) {
        trusted = Files.readString(Path.of(trusted), StandardCharsets.UTF_8).strip().split("\\s+")[0];
      }
      ManifestVerifier.Report r = ManifestVerifier.verify(dir, trusted, allowUnsigned);
      if (json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("ok", r.ok());
        r.passed().forEach(n.putArray("passed")::add);
        r.failed().forEach(n.putArray("failed")::add);
        r.notes().forEach(n.putArray("notes")::add);
        out.println(n.toString());
      } else {
        r.passed().forEach(s -> out.println("ok    " + s));
        r.notes().forEach(s -> out.println("note  " + s));
        r.failed().forEach(s -> out.println("FAIL  " + s));
        out.println(r.ok() ? "verified: " + dir : "NOT verified: " + r.failed().size() + " problem(s) in " + dir);
      }
      out.flush();
      return r.ok() ? VeilCli.OK : VeilCli.JOB_FAILED;
    } catch (IOException e) {
      err.println("veil: cannot read " + dir + " (" + e.getClass().getSimpleName() + ")");
      return VeilCli.USAGE;
    }
  }
}
