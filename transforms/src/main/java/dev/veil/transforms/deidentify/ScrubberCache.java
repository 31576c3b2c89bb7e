package dev.veil.transforms.deidentify;

import dev.veil.schemas.IdentityDirectory;
import dev.veil.transforms.common.KeyReference;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.ops.Tokenizer;
import java.util.Objects;
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
  private TextScrubber scrubber;
  private Object builtWith;
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
    return get(directory, null, build);
  }

  /**
   * The same, for an object that also depends on another side input value {@code with} (null when none): the
   * scrubber is rebuilt only when the directory changed, the object also when {@code with} is not equal to the value
   * it was built with (a runner may hand out a side input as a new but equal object).
   */
  T get(IdentityDirectory directory, Object with, Function<TextScrubber, T> build) {
    if (scrubber == null || !directory.getFingerprint().equals(builtFrom)) {
      scrubber = new TextScrubber(pseudonyms, directory, settings, tokenizer);
      builtFrom = directory.getFingerprint();
      built = null;
    }
    if (built == null || (with != builtWith && !Objects.equals(with, builtWith))) {
      built = build.apply(scrubber);
      builtWith = with;
    }
    return built;
  }
}
