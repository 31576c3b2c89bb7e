package dev.veil.transforms.write;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts tokens with an offline byte-pair encoding (jtokkit; the encodings ship inside its jar, nothing is fetched).
 * Text is counted as ordinary text: a special-token string such as {@code <|endoftext|>} in a message counts as the
 * tokens of its characters, never as the special token (and never fails). Instances are not shared between threads.
 */
public final class TokenCounter {
  /** The default encoding (GPT-3.5/4's). */
  public static final String DEFAULT_ENCODING = "cl100k_base";

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** A counter for {@code name} (for example {@code cl100k_base}, {@code o200k_base}); see {@link #encodings()}. */
  public static TokenCounter forEncoding(String name) {
    EncodingType type =
        EncodingType.fromName(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown tokenizer encoding " + name + "; known: " + encodings()));
    return new TokenCounter(Encodings.newLazyEncodingRegistry().getEncoding(type));
  }

  /** Names of the encodings available offline. */
  public static List<String> encodings() {
    List<String> names = new ArrayList<>();
    for (EncodingType t : EncodingType.values()) {
      names.add(t.getName());
    }
    return names;
  }

  public static boolean isKnown(String name) {
    return EncodingType.fromName(name).isPresent();
  }

  public String name() {
    return encoding.getName();
  }

  public long count(String text) {
    return encoding.countTokensOrdinary(text);
  }
}
