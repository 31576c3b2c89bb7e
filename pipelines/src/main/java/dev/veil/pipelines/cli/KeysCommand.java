package dev.veil.pipelines.cli;

import dev.veil.transforms.audit.ManifestSignature;
import dev.veil.transforms.common.KeyReference;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code veil keys}: key management. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manage keys (pseudonymization, tokenization, manifest signing).",
    subcommands = {KeysCommand.Generate.class, KeysCommand.PublicKey.class})
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: generate or public-key");
  }

  /** {@code veil keys public-key --key FILE}: the Ed25519 public key a signing key signs manifests with. */
  @Command(
      name = "public-key",
      mixinStandardHelpOptions = true,
      description =
          "Print the Ed25519 public key (base64) and its id that manifests signed with this key (the policy's"
              + " signing.key) carry. Give it to auditors: `veil verify DIR --public-key KEY` checks a manifest was"
              + " signed with it.")
  static final class PublicKey implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "The signing key file.")
    Path key;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        String pub = ManifestSignature.fromKey(KeyReference.ofFile(key.toString()).resolve()).publicKey();
        spec.commandLine().getOut().println(pub + "  (key id " + ManifestSignature.keyId(pub) + ")");
        spec.commandLine().getOut().flush();
        return VeilCli.OK;
      } catch (KeyReference.KeyException e) {
        spec.commandLine().getErr().println("veil: " + e.getMessage());
        return VeilCli.USAGE;
      }
    }
  }

  /** {@code veil keys generate --out FILE}: a new random 256-bit key, readable by its owner only. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Write a new random 256-bit key (hex) to a file readable only by its owner, and print its key id. Reference"
              + " the file in the policy (pseudonymization.key.file); never commit it.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "Key file to create (must not exist).")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      try {
        Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(out, (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.TRUNCATE_EXISTING);
      } catch (FileAlreadyExistsException e) {
        err.println("veil: " + out + " exists; refusing to overwrite a key");
        return VeilCli.USAGE;
      } catch (IOException | UnsupportedOperationException e) {
        err.println("veil: cannot write " + out + " (" + e.getClass().getSimpleName() + ")");
        return VeilCli.JOB_FAILED;
      }
      spec.commandLine().getOut().println("wrote " + out + ", key id " + KeyReference.keyId(key));
      spec.commandLine().getOut().flush();
      return VeilCli.OK;
    }
  }
}
