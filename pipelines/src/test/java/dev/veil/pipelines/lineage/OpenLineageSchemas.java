package dev.veil.pipelines.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates run events against the OpenLineage JSON schema stored under {@code src/test/resources/openlineage/} (see
 * the README there), offline: every {@code https://openlineage.io/spec/...} URL resolves to a stored file, our custom
 * facet's URL to the schema shipped in the jar, and anything else to a resource that does not exist, so that a
 * schema that would need the network fails the test instead of reaching out. Format assertions ({@code uuid},
 * {@code date-time}, {@code uri}) are on.
 */
public final class OpenLineageSchemas {
  private static final Pattern CORE = Pattern.compile("https://openlineage\\.io/spec/\\d+-\\d+-\\d+/OpenLineage\\.json");
  private static final Pattern FACET =
      Pattern.compile("https://openlineage\\.io/spec/(?:facets/)?(?:\\d+-\\d+-\\d+/)?(?:facets/)?(\\w+)\\.json");

  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012, b -> b.schemaMappers(m -> m.mappings(OpenLineageSchemas::local)));
  private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  /** Where a schema URL is read from: a classpath resource, never the network. */
  static String local(String iri) {
    String url = iri.contains("#") ? iri.substring(0, iri.indexOf('#')) : iri;
    if (CORE.matcher(url).matches()) {
      return "classpath:openlineage/OpenLineage.json";
    }
    if (url.equals(stripFragment(DeidentificationRunFacet.SCHEMA_URL.toString()))) {
      return "classpath:dev/veil/pipelines/lineage/veil_deidentification.schema.json";
    }
    Matcher m = FACET.matcher(url);
    if (m.matches()) {
      return "classpath:openlineage/facets/" + m.group(1) + ".json";
    }
    if (url.startsWith("https://json-schema.org/")) {
      return iri; // the metaschemas, which the validator ships
    }
    return "classpath:openlineage/not-available-offline/" + url.replaceAll("[^A-Za-z0-9.]", "_");
  }

  private static String stripFragment(String url) {
    return url.contains("#") ? url.substring(0, url.indexOf('#')) : url;
  }

  /**
   * Every problem with this run event, empty when there is none: the event against the definition its
   * {@code schemaURL} names ({@code #/$defs/RunEvent}), and each facet against the facet schema its
   * {@code _schemaURL} names. A facet whose schema is not stored is itself a problem.
   */
  public List<String> problems(JsonNode event) {
    List<String> out = new ArrayList<>();
    String schemaUrl = event.path("schemaURL").asText();
    if (!schemaUrl.endsWith("#/$defs/RunEvent")) {
      out.add("schemaURL does not name a RunEvent: " + schemaUrl);
      return out;
    }
    describe("event", schema(schemaUrl).validate(event), out);
    facets("run.facets", event.path("run").path("facets"), out);
    facets("job.facets", event.path("job").path("facets"), out);
    for (String side : new String[] {"inputs", "outputs"}) {
      int i = 0;
      for (JsonNode dataset : event.path(side)) {
        facets(side + "[" + i + "].facets", dataset.path("facets"), out);
        facets(side + "[" + i + "].inputFacets", dataset.path("inputFacets"), out);
        facets(side + "[" + i + "].outputFacets", dataset.path("outputFacets"), out);
        i++;
      }
    }
    return out;
  }

  /** The schema URLs of every facet of the event, to show which facet schemas were checked. */
  public static Set<String> facetSchemas(JsonNode event) {
    Set<String> urls = new TreeSet<>();
    event.findValues("_schemaURL").forEach(u -> urls.add(u.asText()));
    return urls;
  }

  private void facets(String where, JsonNode facets, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = facets.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String url = f.getValue().path("_schemaURL").asText();
      if (local(url).contains("not-available-offline")) {
        out.add(where + "." + f.getKey() + ": no stored schema for " + url);
        continue;
      }
      // A facet file's root validates the facets object by the facet's name: {"<name>": {"$ref": "#/$defs/..."}}.
      ObjectNode single = JsonNodeFactory.instance.objectNode();
      single.set(f.getKey(), f.getValue());
      JsonSchema root = schema(stripFragment(url));
      if (!root.getSchemaNode().path("properties").has(f.getKey())) {
        out.add(where + "." + f.getKey() + ": the schema " + url + " does not define a facet of this name");
        continue;
      }
      describe(where, root.validate(single), out);
    }
  }

  private JsonSchema schema(String url) {
    return factory.getSchema(SchemaLocation.of(url), config);
  }

  private static void describe(String where, Set<ValidationMessage> messages, List<String> out) {
    messages.forEach(m -> out.add(where + ": " + m.getMessage()));
  }
}
