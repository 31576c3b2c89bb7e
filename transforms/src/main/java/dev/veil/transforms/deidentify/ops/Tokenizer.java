package dev.veil.transforms.deidentify.ops;

import com.google.crypto.tink.subtle.AesSiv;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.deidentify.detect.EntityType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import org.bouncycastle.crypto.fpe.FPEEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Reversible tokens for the holder of the tokenization key.
 *
 * <ul>
 *   <li>{@code siv}: deterministic AES-256-SIV (RFC 5297, Tink), the entity type as associated data, written as
 *       {@code [EMAIL:base64url]}. The same value gives the same token; a token cannot be replayed as another type.
 *   <li>{@code ff1}: NIST SP 800-38G FF1 (Bouncy Castle, AES-256, radix 10) over the value's digits, every other
 *       character kept, the type's name as tweak: a phone number stays a phone-shaped string. Values with fewer than
 *       {@link #FF1_MIN_DIGITS} digits are below NIST's minimum domain (10^6) and are refused.
 * </ul>
 *
 * <p>Both keys are derived from one key by HMAC-SHA-256 with distinct labels. Not thread-safe.
 */
public final class Tokenizer {
  /** NIST SP 800-38G Rev. 1: radix^minlen ≥ 1,000,000; for digits, six. */
  public static final int FF1_MIN_DIGITS = 6;
  /** An SIV token in text: type and base64url ciphertext (16-byte synthetic IV plus the value). */
  public static final Pattern SIV_TOKEN = Pattern.compile("\\[([A-Z][A-Z_]+):([A-Za-z0-9_-]{22,})\\]");

  private final AesSiv siv;
  private final byte[] ff1Key;
  private final FPEEngine ff1 = new FPEFF1Engine();

  public Tokenizer(byte[] key) {
    Mac mac = Hashes.hmacSha256(key);
    byte[] a = mac.doFinal("veil/tokenize/aes-siv/1".getBytes(StandardCharsets.US_ASCII));
    byte[] b = mac.doFinal("veil/tokenize/aes-siv/2".getBytes(StandardCharsets.US_ASCII));
    byte[] sivKey = new byte[64];
    System.arraycopy(a, 0, sivKey, 0, 32);
    System.arraycopy(b, 0, sivKey, 32, 32);
    try {
      this.siv = new AesSiv(sivKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV is not available: " + e.getClass().getSimpleName(), e);
    }
    this.ff1Key = mac.doFinal("veil/tokenize/ff1".getBytes(StandardCharsets.US_ASCII));
  }

  public String siv(EntityType type, String value) {
    try {
      byte[] ct = siv.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), ad(type));
      return "[" + type.name() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(ct) + "]";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-SIV encryption failed", e);
    }
  }

  /** The value an SIV token stands for, or null if the token was not made with this key (or was altered). */
  public String unsiv(EntityType type, String base64) {
    try {
      byte[] pt = siv.decryptDeterministically(Base64.getUrlDecoder().decode(base64), ad(type));
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Replaces every SIV token in {@code text} that this key made with the value it stands for. */
  public String detokenizeText(String text, int[] restored) {
    Matcher m = SIV_TOKEN.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      EntityType type;
      try {
        type = EntityType.valueOf(m.group(1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      String value = unsiv(type, m.group(2));
      if (value != null) {
        out.append(text, last, m.start()).append(value);
        last = m.end();
        restored[0]++;
      }
    }
    return out.append(text, last, text.length()).toString();
  }

  /** FF1 over the digits of {@code value}; null when it has fewer than {@link #FF1_MIN_DIGITS} digits. */
  public String ff1(EntityType type, String value) {
    return ff1(type, value, true);
  }

  /** The inverse of {@link #ff1(EntityType, String)}. */
  public String unff1(EntityType type, String value) {
    return ff1(type, value, false);
  }

  private String ff1(EntityType type, String value, boolean encrypt) {
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      if (isDigit(value.charAt(i))) {
        n++;
      }
    }
    if (n < FF1_MIN_DIGITS) {
      return null;
    }
    byte[] digits = new byte[n];
    for (int i = 0, j = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isDigit(c)) {
        digits[j++] = (byte) (c - '0');
      }
    }
    byte[] out = new byte[n];
    ff1.init(encrypt, new FPEParameters(new KeyParameter(ff1Key), 10, ad(type)));
    ff1.processBlock(digits, 0, n, out, 0);
    StringBuilder sb = new StringBuilder(value.length());
    for (int i = 0, j = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      sb.append(isDigit(c) ? (char) ('0' + out[j++]) : c);
    }
    return sb.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] ad(EntityType type) {
    return type.name().getBytes(StandardCharsets.US_ASCII);
  }
}
