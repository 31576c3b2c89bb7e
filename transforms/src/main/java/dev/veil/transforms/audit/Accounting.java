package dev.veil.transforms.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The record accounting of a run. Tally keys: {@code read} (records parsed), {@code output} (records carried by
 * written examples), {@code dropped/<stage>/<reason>}, {@code quarantined/<stage>/<reason>}. A unit quarantined by the
 * read stage was never parsed into records, so it counts as one input record of its own:
 *
 * <pre>input = read + quarantined at read = output + dropped + quarantined</pre>
 *
 * <p>Beside the accounting, what the written examples release: {@code entities/<TYPE>} (values of the type
 * transformed, summed over the examples) and {@code period/<period>} (examples of each released period).
 */
public final class Accounting {
  public static final String READ = "read";
  public static final String OUTPUT = "output";
  public static final String READ_STAGE = "read";
  private static final String ENTITIES = "entities/";
  private static final String PERIOD = "period/";

  public final long read;
  public final long unreadUnits;
  public final long output;
  public final TreeMap<String, Long> dropped = new TreeMap<>();
  public final TreeMap<String, Long> quarantined = new TreeMap<>();
  /** Entity type → values transformed in the written examples. */
  public final TreeMap<String, Long> entities = new TreeMap<>();
  /** Released period ({@code meta.period}) → written examples. */
  public final TreeMap<String, Long> periods = new TreeMap<>();

  public Accounting(Map<String, Long> tallies) {
    long r = 0;
    long unread = 0;
    long out = 0;
    for (Map.Entry<String, Long> e : new TreeMap<>(tallies).entrySet()) {
      String key = e.getKey();
      long n = e.getValue();
      if (key.equals(READ)) {
        r += n;
      } else if (key.equals(OUTPUT)) {
        out += n;
      } else if (key.startsWith("dropped/")) {
        dropped.merge(reasonOf(key), n, Long::sum);
      } else if (key.startsWith("quarantined/")) {
        quarantined.merge(reasonOf(key), n, Long::sum);
        if (key.startsWith("quarantined/" + READ_STAGE + "/")) {
          unread += n;
        }
      } else if (key.startsWith(ENTITIES)) {
        entities.merge(key.substring(ENTITIES.length()), n, Long::sum);
      } else if (key.startsWith(PERIOD)) {
        periods.merge(key.substring(PERIOD.length()), n, Long::sum);
      } else {
        throw new IllegalArgumentException("unknown tally " + key);
      }
    }
    this.read = r;
    this.unreadUnits = unread;
    this.output = out;
  }

  public static String droppedKey(String stage, String reason) {
    return "dropped/" + stage + "/" + reason;
  }

  public static String quarantinedKey(String stage, String reason) {
    return "quarantined/" + stage + "/" + reason;
  }

  public static String entityKey(String type) {
    return ENTITIES + type;
  }

  public static String periodKey(String period) {
    return PERIOD + period;
  }

  private static String reasonOf(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  public long input() {
    return read + unreadUnits;
  }

  public long totalDropped() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  public long totalQuarantined() {
    return quarantined.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean balanced() {
    return input() == output + totalDropped() + totalQuarantined();
  }
}
