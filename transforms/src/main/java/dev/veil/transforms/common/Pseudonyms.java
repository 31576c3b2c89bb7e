package dev.veil.transforms.common;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;

/**
 * Keyed pseudonyms: {@code prefix + "_" + hex(HMAC-SHA-256(key, domain + 0x00 + value))[0:12]}. The same key and
 * value give the same token on any worker, run or runner; without the key the token reveals nothing.
 * Not thread-safe (wraps a {@link Mac}): one instance per DoFn instance.
 */
public final class Pseudonyms {
  /** 12 hex digits = 48 bits: a birthday collision becomes likely only past ~16 million values per domain. */
  public static final int TOKEN_HEX_DIGITS = 12;

  private final Mac mac;

  public Pseudonyms(byte[] key) {
    this.mac = Hashes.hmacSha256(key);
  }

  /** Full-length keyed digest of {@code value} in {@code domain}, as hex. */
  public String digest(String domain, String value) {
    mac.update(domain.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    return Hashes.hex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** The first 8 bytes of the keyed digest as a long: a seed for surrogate values. */
  public long seed(String domain, String value) {
    mac.update(domain.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) 0);
    byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    long seed = 0;
    for (int i = 0; i < 8; i++) {
      seed = (seed << 8) | (d[i] & 0xff);
    }
    return seed;
  }

  public String token(String prefix, String domain, String value) {
    return prefix + "_" + digest(domain, value).substring(0, TOKEN_HEX_DIGITS);
  }

  /** The pseudonym of a person, from the canonical key chosen by the identity directory. */
  public String person(String canonicalKey) {
    return token("person", "person", canonicalKey);
  }
}
