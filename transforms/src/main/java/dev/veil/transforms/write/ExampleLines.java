package dev.veil.transforms.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.ReleasedExample;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads an output line ({@link ExampleJson}) back into the record it was written from. */
public final class ExampleLines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ExampleLines() {}

  public static ReleasedExample parse(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an example line", e);
    }
    Map<String, Object> meta = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("meta").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> m = it.next();
      meta.put(m.getKey(), m.getValue().isIntegralNumber() ? (Object) m.getValue().asLong() : m.getValue().asText());
    }
    Map<String, Long> entities = new TreeMap<>();
    n.path("entities").fields().forEachRemaining(e -> entities.put(e.getKey(), e.getValue().asLong()));
    return ReleasedExample.newBuilder()
        .setId(n.path("id").asText())
        .setSource(n.path("source").asText())
        .setKind(n.path("kind").asText())
        .setLicense(n.path("license").asText())
        .setText(n.path("text").asText())
        .setTokens(n.path("tokens").asLong())
        .setMeta(meta)
        .setEntities(entities)
        .build();
  }
}
