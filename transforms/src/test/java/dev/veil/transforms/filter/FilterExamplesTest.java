package dev.veil.transforms.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Drop;
import dev.veil.schemas.Example;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import dev.veil.transforms.common.Reasons;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class FilterExamplesTest {
  static Example conversation(String id, long turns, long botTurns, String... lines) {
    StringBuilder text = new StringBuilder("#c · 2024-03\n");
    long chars = 0;
    for (String l : lines) {
      text.append(l).append('\n');
      chars += l.substring(l.indexOf(": ") + 2).length();
    }
    Map<String, Object> meta = new TreeMap<>();
    meta.put("turns", turns);
    meta.put("bot_turns", botTurns);
    meta.put("text_chars", chars);
    return Example.newBuilder()
        .setId(id)
        .setSource("slack")
        .setSourceLabel("slack:x")
        .setKind("conversation")
        .setUnit(id)
        .setText(text.toString())
        .setMeta(meta)
        .setRecords(turns)
        .setPointers(List.of())
        .build();
  }

  @Test
  void rulesNameTheirReasons() {
    ExampleRules rules = ExampleRules.defaults();
    Example alerts = conversation("a", 2, 2, "bot_1: Disk usage 91% on web-03", "bot_1: Disk usage 95% on web-03");
    Example ok = conversation("b", 1, 0, "person_1: ok");
    Example talk = conversation("c", 2, 1, "bot_1: Disk usage 91% on web-03", "person_1: looking at it now");
    assertThat(ExampleRules.botOnly(alerts)).contains(Reasons.BOT_ONLY);
    assertThat(ExampleRules.botOnly(talk)).isEmpty();
    assertThat(rules.tooShort(ok)).contains(Reasons.TOO_SHORT);
    assertThat(rules.tooShort(talk)).isEmpty();
    // Without text_chars (a ticket, an episode) the whole text counts.
    Example ticket = Example.newBuilder(talk).setMeta(new TreeMap<>()).setText("[OPS] · 2024-03\nSummary: x").build();
    assertThat(rules.tooShort(ticket)).isEmpty();
    assertThat(ExampleRules.of(0, false).rules()).isEmpty();
    assertThat(ExampleRules.of(16, false).rules()).hasSize(1);
  }

  @Test
  void dropsCarryTheRecordsOfTheExample() {
    Pipeline p = TestPipelines.direct();
    Example alerts = conversation("a", 3, 3, "bot_1: Disk usage 91% on web-03", "bot_1: again", "bot_1: and again");
    Example ok = conversation("b", 2, 0, "person_1: ok", "person_2: ok");
    Example talk = conversation("c", 2, 1, "bot_1: Disk usage 91% on web-03", "person_1: looking at it now");
    PCollectionTuple out =
        p.apply(Create.of(alerts, ok, talk).withCoder(Coders.avro(Example.class)))
            .apply(FilterExamples.withRules(ExampleRules.defaults().rules()));
    PAssert.that(out.get(FilterExamples.KEPT)).containsInAnyOrder(talk);
    PAssert.that(out.get(FilterExamples.DROPPED))
        .containsInAnyOrder(
            Drop.newBuilder().setStage("filter").setReason(Reasons.BOT_ONLY).setRecords(3).build(),
            Drop.newBuilder().setStage("filter").setReason(Reasons.TOO_SHORT).setRecords(2).build());
    p.run().waitUntilFinish();
  }
}
