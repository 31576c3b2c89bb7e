package dev.veil.transforms.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.transforms.write.ShardLayout;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the dataset card, {@code README.md} in the output: what the dataset is, its splits with shard, example and
 * token counts, its sources (by kind) and licenses, how it was de-identified, the record accounting, and the policy
 * version and hash. Everything comes from the manifest and the policy's card settings, in a fixed order; no times,
 * no input names (labels can carry a person's name; they stay in the manifest), no people.
 */
public final class DatasetCard {
  private DatasetCard() {}

  /** One sentence on what the dataset is, for the card and Croissant's {@code description} when none is given. */
  static String summary(JsonNode m) {
    return "De-identified training examples (chat conversations, mail threads, tickets and computer-use episodes) built"
        + " by Veil under policy "
        + m.path("policy").path("version").asText()
        + ": people are replaced by keyed pseudonyms and personal data is transformed as the policy says.";
  }

  public static byte[] build(JsonNode m, CardInfo card) {
    StringBuilder b = new StringBuilder();
    JsonNode out = m.path("output");
    String format = out.path("format").asText();
    String ext = "jsonl".equals(format) ? "jsonl.zst" : format;
    b.append("---\n");
    b.append("pretty_name: ").append(yaml(card.name())).append('\n');
    b.append("license: other\n");
    b.append("configs:\n- config_name: default\n  data_files:\n");
    for (Iterator<String> it = m.path("examples").path("by_split").fieldNames(); it.hasNext(); ) {
      String split = it.next();
      b.append("  - split: ").append(split).append("\n    path: data/").append(split).append("-*.").append(ext).append('\n');
    }
    b.append("---\n\n");
    b.append("# ").append(card.name()).append("\n\n");
    b.append(card.description() != null ? card.description() : summary(m)).append("\n\n");
    if (card.creator() != null) {
      b.append("Created by ").append(card.creator()).append(".\n");
    }
    if (card.datePublished() != null) {
      b.append("Published ").append(card.datePublished()).append(".\n");
    }
    if (card.url() != null) {
      b.append("Home: ").append(card.url()).append("\n");
    }
    b.append('\n');
    b.append("| | |\n|---|---|\n");
    row(b, "Policy version", "`" + m.path("policy").path("version").asText() + "`");
    row(b, "Policy SHA-256", "`" + m.path("policy").path("sha256").asText() + "`");
    row(b, "Dataset id", "`" + m.path("dataset_id").asText() + "`");
    row(b, "Pseudonymization key id", "`" + m.path("key_id").asText() + "`");
    row(b, "Format", format + " (" + "shards of at most " + out.path("shard_tokens").asLong() + " tokens and "
        + out.path("shard_bytes").asLong() + " bytes)");
    row(b, "Tokenizer", out.path("tokenizer").asText() + " (jtokkit)");
    b.append('\n');

    b.append("## Splits\n\n| Split | Shards | Examples | Tokens |\n|---|---:|---:|---:|\n");
    Map<String, Long> shards = new TreeMap<>();
    m.path("shards").forEach(s -> shards.merge(ShardLayout.splitOfName(s.path("path").asText()), 1L, Long::sum));
    JsonNode ex = m.path("examples");
    for (Iterator<String> it = ex.path("by_split").fieldNames(); it.hasNext(); ) {
      String split = it.next();
      b.append("| ").append(split).append(" | ").append(shards.getOrDefault(split, 0L)).append(" | ")
          .append(ex.path("by_split").path(split).asLong()).append(" | ")
          .append(ex.path("tokens_by_split").path(split).asLong()).append(" |\n");
    }
    b.append("| **total** | ").append(m.path("shards").size()).append(" | ").append(ex.path("output").asLong())
        .append(" | ").append(ex.path("tokens").asLong()).append(" |\n\n");
    b.append("Every shard, with its size, record and token counts and SHA-256, is listed in `manifest.json` and in ")
        .append("`croissant.json` (Croissant 1.1).\n\n");

    b.append("## Sources and licenses\n\n| Source kind | Inputs | License |\n|---|---:|---|\n");
    Map<String, Long> inputs = new TreeMap<>();
    m.path("inputs").forEach(i -> inputs.merge(i.path("kind").asText() + "\u0000" + i.path("license").asText(), 1L, Long::sum));
    inputs.forEach((k, n) -> {
      String[] kl = k.split("\u0000", 2);
      b.append("| ").append(kl[0]).append(" | ").append(n).append(" | `").append(kl[1]).append("` |\n");
    });
    b.append("\nEvery example carries its input's license in its `license` field.\n\n");

    b.append("## Fields\n\n");
    b.append("`id`, `source`, `kind` (conversation, thread, ticket, episode), `license`, `text` (the de-identified ")
        .append("training text), `tokens`, `meta` (generalized attributes such as the month), `entities` (how many ")
        .append("identifiers of each type were replaced; counts, never values).\n\n");

    b.append("## De-identification\n\n| Entity type | Operator |\n|---|---|\n");
    m.path("detection").path("operators").fields()
        .forEachRemaining(e -> b.append("| ").append(e.getKey()).append(" | ").append(e.getValue().asText()).append(" |\n"));
    b.append("\nAuthors, mentions and every known form of a person (name, handle, e-mail) are replaced by keyed ")
        .append("pseudonyms; the key is not part of the dataset.\n\n");

    b.append("## Record accounting\n\n");
    JsonNode r = m.path("records");
    b.append("Input records: ").append(r.path("input").asLong()).append("; in examples: ")
        .append(r.path("output").asLong()).append("; dropped: ").append(sum(r.path("dropped")))
        .append("; quarantined: ").append(sum(r.path("quarantined"))).append(". Balanced: ")
        .append(r.path("balanced").asBoolean()).append(".\n\n");
    reasons(b, "Dropped", r.path("dropped"));
    reasons(b, "Quarantined", r.path("quarantined"));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void reasons(StringBuilder b, String title, JsonNode byReason) {
    if (byReason.size() == 0) {
      return;
    }
    b.append(title).append(" by reason:");
    byReason.fields().forEachRemaining(e -> b.append(" `").append(e.getKey()).append("` ").append(e.getValue().asLong()).append(';'));
    b.setLength(b.length() - 1);
    b.append(".\n\n");
  }

  private static long sum(JsonNode counts) {
    long n = 0;
    for (JsonNode c : counts) {
      n += c.asLong();
    }
    return n;
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("| ").append(key).append(" | ").append(value).append(" |\n");
  }

  private static String yaml(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
