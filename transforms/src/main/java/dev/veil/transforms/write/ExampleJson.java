package dev.veil.transforms.write;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.veil.schemas.Example;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The output line of an example: {@code id, source, kind, license, text, meta, entities}, in that order, keys sorted
 * inside {@code meta} and {@code entities} (counts of replaced identifiers by type, never values). The
 * same example always serializes to the same bytes. Lineage pointers and the input label are not released.
 */
public final class ExampleJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ExampleJson() {}

  public static String line(Example e) {
    StringWriter w = new StringWriter(e.getText().length() + 256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", e.getId());
      g.writeStringField("source", e.getSource());
      g.writeStringField("kind", e.getKind());
      g.writeStringField("license", e.getLicense());
      g.writeStringField("text", e.getText());
      g.writeObjectFieldStart("meta");
      for (Map.Entry<String, Object> m : new TreeMap<>(e.getMeta()).entrySet()) {
        Object v = m.getValue();
        if (v instanceof Long) {
          g.writeNumberField(m.getKey(), (Long) v);
        } else {
          g.writeStringField(m.getKey(), String.valueOf(v));
        }
      }
      g.writeEndObject();
      g.writeObjectFieldStart("entities");
      for (Map.Entry<String, Long> n : new TreeMap<>(e.getEntities()).entrySet()) {
        g.writeNumberField(n.getKey(), n.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return w.toString();
  }
}
