package dev.veil.transforms.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.veil.schemas.Example;
import dev.veil.schemas.ReleasedExample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output line of an example: {@code id, source, kind, license, text, tokens, meta, entities}, in that order, keys
 * sorted inside {@code meta} and {@code entities} (counts of replaced identifiers by type, never values). The same
 * example always serializes to the same bytes. Lineage pointers and the input label are not released.
 */
public final class ExampleJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ExampleJson() {}

  public static String line(Example e) {
    return line(Release.of(e));
  }

  public static String line(ReleasedExample e) {
    StringWriter w = new StringWriter(e.getText().length() + 256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", e.getId().toString());
      g.writeStringField("source", e.getSource().toString());
      g.writeStringField("kind", e.getKind().toString());
      g.writeStringField("license", e.getLicense().toString());
      g.writeStringField("text", e.getText().toString());
      g.writeNumberField("tokens", e.getTokens());
      g.writeObjectFieldStart("meta");
      for (Map.Entry<String, Object> m : sorted(e.getMeta()).entrySet()) {
        Object v = m.getValue();
        if (v instanceof Long) {
          g.writeNumberField(m.getKey(), (Long) v);
        } else {
          g.writeStringField(m.getKey(), String.valueOf(v));
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("entities");
      for (Map.Entry<String, Long> n : sorted(e.getEntities()).entrySet()) {
        g.writeNumberField(n.getKey(), n.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }

  private static <V> TreeMap<String, V> sorted(Map<? extends CharSequence, V> m) {
    TreeMap<String, V> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k.toString(), v));
    return out;
  }
}
