package dev.veil.transforms.common;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where a key (pseudonymization or tokenization) lives: a file or an environment variable. Only the reference travels with the job;
 * workers resolve it in {@code @Setup}, so the key itself never sits in the job graph, logs or outputs.
 *
 * <p>The key is text: 64 or more hex digits, or base64 of 32 or more bytes (what {@code openssl rand -hex 32} or
 * {@code openssl rand -base64 32} print). Surrounding white space is ignored.
 */
public final class KeyReference implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MIN_KEY_BYTES = 32;

  private final String file;
  private final String env;

  private KeyReference(String file, String env) {
    this.file = file;
    this.env = env;
  }

  public static KeyReference ofFile(String path) {
    return new KeyReference(Objects.requireNonNull(path), null);
  }

  public static KeyReference ofEnv(String variable) {
    return new KeyReference(null, Objects.requireNonNull(variable));
  }

  /** How the reference reads in reports: the file path or the variable name, never the key. */
  public String describe() {
    return file != null ? "file:" + file : "env:" + env;
  }

  /** Reads and decodes the key. Error messages name the reference, never key material. */
  public byte[] resolve() {
    String text;
    if (file != null) {
      try {
        text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new KeyException("cannot read key file " + file + " (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      text = System.getenv(env);
      if (text == null) {
        throw new KeyException("environment variable " + env + " (a key the policy names) is not set");
      }
    }
    return decode(text.strip(), describe());
  }

  static byte[] decode(String text, String where) {
    byte[] key;
    if (text.matches("[0-9a-fA-F]+") && text.length() % 2 == 0) {
      key = HexFormat.of().parseHex(text);
    } else {
      try {
        key = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new KeyException("key at " + where + " is neither hex nor base64");
      }
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new KeyException(
          "key at " + where + " is " + key.length + " bytes; at least " + MIN_KEY_BYTES + " are required");
    }
    return key;
  }

  /** A public identifier of a key: lets auditors tell which key was used without revealing it. */
  public static String keyId(byte[] key) {
    byte[] tagged = new byte[key.length + 11];
    System.arraycopy("veil-key-id".getBytes(StandardCharsets.US_ASCII), 0, tagged, 0, 11);
    System.arraycopy(key, 0, tagged, 11, key.length);
    return "k-" + Hashes.sha256Hex(tagged).substring(0, 16);
  }

  /** Thrown when the key cannot be resolved; the message is safe to print. */
  public static final class KeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KeyException(String message) {
      super(message);
    }
  }
}
