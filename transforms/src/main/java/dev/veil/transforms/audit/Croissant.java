package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.write.ShardFormat;
import dev.veil.transforms.write.ShardLayout;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds {@code croissant.json}: a Croissant 1.1 description (JSON-LD) of the dataset, from the manifest and the
 * policy's card settings. Every shard is a {@code cr:FileObject} with its size and SHA-256; a {@code cr:FileSet}
 * covers all shards; the {@code examples} record set names each released field and where it is read from (the
 * split comes from the file name), and {@code splits} enumerates the splits. Nothing in it comes from a clock, and
 * nothing names an input or a person: the content is the manifest's counts, hashes and licenses.
 */
public final class Croissant {
  public static final String CONFORMS_TO = "http://mlcommons.org/croissant/1.1";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** A plain SPDX license id (not an expression, not a LicenseRef): it has a page at spdx.org. */
  private static final Pattern SPDX_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.+-]*");

  private Croissant() {}

  public static byte[] build(JsonNode manifest, CardInfo card) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("@context", context());
    root.put("@type", "sc:Dataset");
    root.put("name", card.name());
    root.put("description", card.description() != null ? card.description() : DatasetCard.summary(manifest));
    root.put("conformsTo", CONFORMS_TO);
    String datasetId = manifest.path("dataset_id").asText();
    root.put("url", card.url() != null ? card.url() : "urn:veil:dataset:" + datasetId);
    if (card.creator() != null) {
      ObjectNode creator = root.putObject("creator");
      creator.put("@type", "sc:Organization");
      creator.put("name", card.creator());
    }
    if (card.datePublished() != null) {
      root.put("datePublished", card.datePublished());
    }
    root.put("identifier", datasetId);
    root.put("isLiveDataset", false);
    ArrayNode licenses = root.putArray("license");
    for (String license : licenses(manifest)) {
      if (SPDX_ID.matcher(license).matches() && !license.startsWith("LicenseRef-")) {
        licenses.add("https://spdx.org/licenses/" + license + ".html");
      } else {
        ObjectNode work = licenses.addObject();
        work.put("@type", "sc:CreativeWork");
        work.put("name", license);
      }
    }
    ArrayNode keywords = root.putArray("keywords");
    keywords.add("de-identified");
    keywords.add("training data");
    kinds(manifest).forEach(keywords::add);

    ShardFormat format = ShardFormat.fromPolicyName(manifest.path("output").path("format").asText("jsonl"));
    ArrayNode distribution = root.putArray("distribution");
    for (JsonNode shard : manifest.path("shards")) {
      String path = shard.path("path").asText();
      ObjectNode f = distribution.addObject();
      f.put("@type", "cr:FileObject");
      f.put("@id", path);
      f.put("name", path.substring(path.lastIndexOf('/') + 1));
      f.put("contentUrl", path);
      f.put("contentSize", shard.path("bytes").asLong() + " B");
      f.put("encodingFormat", format.mediaType());
      f.put("sha256", shard.path("sha256").asText());
    }
    ObjectNode fileSet = distribution.addObject();
    fileSet.put("@type", "cr:FileSet");
    fileSet.put("@id", "shards");
    fileSet.put("name", "shards");
    fileSet.put(
        "description",
        "Every shard: <split>-<bucket>-<part>."
            + format.extension()
            + (format == ShardFormat.JSONL ? " (each a single zstd frame)" : "")
            + ".");
    fileSet.put("encodingFormat", format.mediaType());
    fileSet.put("includes", "data/*." + format.extension());

    ArrayNode recordSets = root.putArray("recordSet");
    ObjectNode splits = recordSets.addObject();
    splits.put("@type", "cr:RecordSet");
    splits.put("@id", "splits");
    splits.put("name", "splits");
    splits.put("dataType", "cr:Split");
    splits.putObject("key").put("@id", "splits/name");
    ObjectNode splitName = splits.putArray("field").addObject();
    splitName.put("@type", "cr:Field");
    splitName.put("@id", "splits/name");
    splitName.put("name", "name");
    splitName.put("dataType", "sc:Text");
    ArrayNode splitData = splits.putArray("data");
    manifest.path("examples").path("by_split").fieldNames().forEachRemaining(s -> splitData.addObject().put("splits/name", s));

    ObjectNode examples = recordSets.addObject();
    examples.put("@type", "cr:RecordSet");
    examples.put("@id", "examples");
    examples.put("name", "examples");
    examples.put(
        "description",
        "One training example per record. Also released: meta (generalized attributes) and entities (counts of"
            + " replaced identifiers by type, never values).");
    examples.putObject("key").put("@id", "examples/id");
    ArrayNode fields = examples.putArray("field");
    field(fields, "id", "sc:Text", "Stable id: a keyed hash of the input and the unit.");
    field(fields, "source", "sc:Text", "Source kind: slack, mattermost, mbox, jira, capture.");
    field(fields, "kind", "sc:Text", "conversation, thread, ticket or episode.");
    field(fields, "license", "sc:Text", "SPDX expression or LicenseRef- of the example's input.");
    field(fields, "text", "sc:Text", "The de-identified training text.");
    field(
        fields,
        "tokens",
        "sc:Integer",
        "Tokens of text in " + manifest.path("output").path("tokenizer").asText() + ".");
    ObjectNode split = fields.addObject();
    split.put("@type", "cr:Field");
    split.put("@id", "examples/split");
    split.put("name", "split");
    split.put("description", "The split, from the shard's file name.");
    split.put("dataType", "sc:Text");
    ObjectNode source = split.putObject("source");
    source.putObject("fileSet").put("@id", "shards");
    source.putObject("extract").put("fileProperty", "filename");
    source.putObject("transform").put("regex", "^(" + String.join("|", splitNames(manifest)) + ")-.*$");
    split.putObject("references").put("@id", "splits/name");
    return ManifestJson.toBytes(root);
  }

  private static void field(ArrayNode fields, String name, String type, String description) {
    ObjectNode f = fields.addObject();
    f.put("@type", "cr:Field");
    f.put("@id", "examples/" + name);
    f.put("name", name);
    f.put("description", description);
    f.put("dataType", type);
    ObjectNode source = f.putObject("source");
    source.putObject("fileSet").put("@id", "shards");
    source.putObject("extract").put("column", name);
  }

  static Set<String> licenses(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    manifest.path("inputs").forEach(i -> out.add(i.path("license").asText()));
    return out;
  }

  static Set<String> kinds(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    manifest.path("inputs").forEach(i -> out.add(i.path("kind").asText()));
    return out;
  }

  private static Set<String> splitNames(JsonNode manifest) {
    Set<String> out = new TreeSet<>();
    manifest.path("shards").forEach(s -> out.add(ShardLayout.splitOfName(s.path("path").asText()).toLowerCase(Locale.ROOT)));
    return out;
  }

  /** The JSON-LD context the Croissant 1.1 specification recommends (its appendix 1). */
  private static ObjectNode context() {
    ObjectNode c = MAPPER.createObjectNode();
    c.put("@language", "en");
    c.put("@vocab", "http://schema.org/");
    c.put("sc", "http://schema.org/");
    c.put("cr", "http://mlcommons.org/croissant/");
    c.put("rai", "http://mlcommons.org/croissant/RAI/");
    c.put("dct", "http://purl.org/dc/terms/");
    for (String term :
        new String[] {
          "annotation", "arrayShape", "citeAs", "column", "containedIn", "equivalentProperty", "excludes", "extract",
          "field", "fileProperty", "fileObject", "fileSet", "format", "includes", "isArray", "isLiveDataset",
          "jsonPath", "key", "md5", "parentField", "recordSet", "references", "regex", "readLines", "sdVersion",
          "separator", "source", "subField", "transform", "unArchive", "value"
        }) {
      c.put(term, "cr:" + term);
    }
    c.put("conformsTo", "dct:conformsTo");
    ObjectNode data = c.putObject("data");
    data.put("@id", "cr:data");
    data.put("@type", "@json");
    ObjectNode dataType = c.putObject("dataType");
    dataType.put("@id", "cr:dataType");
    dataType.put("@type", "@vocab");
    ObjectNode examples = c.putObject("examples");
    examples.put("@id", "cr:examples");
    examples.put("@type", "@json");
    return c;
  }
}
