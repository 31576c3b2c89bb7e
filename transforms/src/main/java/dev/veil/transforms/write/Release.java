package dev.veil.transforms.write;

import dev.veil.schemas.Example;
import dev.veil.schemas.ReleasedExample;
import java.util.Map;
import java.util.TreeMap;

/**
 * What of an example is released: the fields of an output line. Maps are rebuilt sorted by key with plain
 * {@code String} keys and values, so every format writes them in the same order whatever map the record was decoded
 * into (a decoded Avro map is a {@code HashMap}, possibly of {@code Utf8}).
 */
public final class Release {
  private Release() {}

  public static ReleasedExample of(Example e) {
    return ReleasedExample.newBuilder()
        .setId(e.getId())
        .setSource(e.getSource())
        .setKind(e.getKind())
        .setLicense(e.getLicense() == null ? "" : e.getLicense())
        .setText(e.getText())
        .setTokens(e.getTokens())
        .setMeta(meta(e.getMeta()))
        .setEntities(entities(e.getEntities()))
        .build();
  }

  /**
   * What of an example comes from the data: its text and its released attribute values (sorted by name), one per
   * line. The output line's structure (field names, the hashed id, source and kind, the policy's license, entity type
   * names) is not: what the leak scan searches and where the lineage index finds an example's people.
   */
  public static String dataText(Example e) {
    StringBuilder sb = new StringBuilder(e.getText());
    new TreeMap<>(e.getMeta()).forEach((k, v) -> sb.append('\n').append(v));
    return sb.toString();
  }

  /** The same record with sorted maps and {@code String} keys and values (CharSequence values become strings). */
  public static ReleasedExample normalized(ReleasedExample r) {
    return ReleasedExample.newBuilder()
        .setId(r.getId().toString())
        .setSource(r.getSource().toString())
        .setKind(r.getKind().toString())
        .setLicense(r.getLicense().toString())
        .setText(r.getText().toString())
        .setTokens(r.getTokens())
        .setMeta(meta(r.getMeta()))
        .setEntities(entities(r.getEntities()))
        .build();
  }

  private static Map<String, Object> meta(Map<? extends CharSequence, ?> in) {
    Map<String, Object> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k.toString(), v instanceof Long ? v : String.valueOf(v)));
    return out;
  }

  private static Map<String, Long> entities(Map<? extends CharSequence, Long> in) {
    Map<String, Long> out = new TreeMap<>();
    in.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }
}
