package dev.veil.transforms.deidentify;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import java.util.function.Function;

/**
 * What a de-identifying DoFn builds from the broadcast directory (Aho-Corasick tries, lookups): built once per DoFn
 * instance and rebuilt only if the directory differs (its fingerprint), since reading a side input per element is
 * cheap but building from it is not. Create in {@code @Setup}; not thread-safe.
 */
final class ScrubberCache<T> {
  private final Pseudonyms pseudonyms;
  private final DetectionSettings settings;
  private final Tokenizer tokenizer;
  private String builtFrom;
  private T built;

  ScrubberCache(KeyReference key, DetectionSettings settings) {
    this.pseudonyms = new Pseudonyms(key.resolve());
    this.settings = settings;
    this.tokenizer =
        settings.operators().tokenizes()
            ? new Tokenizer(settings.tokenKeyOr(key).resolve())
            : null;
  }

  /** The object built from this directory's scrubber, building it when the directory changed. */
  T get(IdentityDirectory directory, Function<TextScrubber, T> build) {
    if (built == null || !directory.getFingerprint().equals(builtFrom)) {
      built = build.apply(new TextScrubber(pseudonyms, directory, settings, tokenizer));
      builtFrom = directory.getFingerprint();
    }
    return built;
  }
}
