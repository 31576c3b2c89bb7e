package dev.veil.transforms.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA-256 helpers: the only hashing Veil uses for anything that reaches output. */
public final class Hashes {
  private static final HexFormat HEX = HexFormat.of();

  private Hashes() {}

  public static byte[] sha256(byte[] data) {
    return sha256Digest().digest(data);
  }

  public static String sha256Hex(byte[] data) {
    return HEX.formatHex(sha256(data));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** A fresh HMAC-SHA-256 instance for {@code key}. Mac objects are not thread-safe: one per DoFn instance. */
  public static Mac hmacSha256(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
    }
  }

  /** The first 8 bytes of SHA-256 as an unsigned-agnostic long: a stable fingerprint for sharding and splits. */
  public static long fingerprint64(String text) {
    byte[] d = sha256(text.getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }

  /** {@link #fingerprint64} scaled to [0, 1). */
  public static double unitInterval(String text) {
    return (fingerprint64(text) >>> 11) * 0x1.0p-53;
  }
}
