package dev.veil.transforms.kanon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Example;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Coders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;

class KAnonymizeTest {
  static Example conversation(String id, String period, String channelType) {
    Map<String, Object> meta = new TreeMap<>();
    meta.put("period", period);
    meta.put("channel_type", channelType);
    meta.put("turns", 2L);
    return Example.newBuilder()
        .setId(id)
        .setSource("slack")
        .setSourceLabel("slack:acme")
        .setKind("conversation")
        .setUnit("u-" + id)
        .setText("#general · " + period + "\nperson_a: hello\nperson_b: hi\n")
        .setMeta(meta)
        .setRecords(2)
        .setPointers(List.of())
        .build();
  }

  static Example ticket(String id) {
    Map<String, Object> meta = new TreeMap<>();
    meta.put("project", "OPS");
    meta.put("issue_type", "Bug");
    meta.put("priority", "");
    meta.put("status", "Open");
    meta.put("period", "2024-07");
    return Example.newBuilder()
        .setId(id)
        .setSource("jira")
        .setSourceLabel("jira:x")
        .setKind("ticket")
        .setUnit("u-" + id)
        .setText("[OPS] · Bug · Open · 2024-07\nSummary: s\n")
        .setMeta(meta)
        .setRecords(1)
        .setPointers(List.of())
        .build();
  }

  static KAnonSettings settings(int k, double limit) {
    Map<String, HierarchySpec> qis = new LinkedHashMap<>();
    qis.put("period", HierarchySpec.period());
    qis.put(
        "channel_type",
        HierarchySpec.rows(
            List.of(
                new String[] {"public", "channel", "*"},
                new String[] {"private", "channel", "*"},
                new String[] {"dm", "direct", "*"})));
    return KAnonSettings.of(qis, k).withSuppressionLimit(limit).withKinds(List.of("conversation"));
  }

  /** 3 + 3 examples in two months, and one more in a third: by hand, suppressing the lone one costs least. */
  static List<Example> handCase() {
    List<Example> in = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      in.add(conversation("jan-" + i, "2024-01", "public"));
      in.add(conversation("feb-" + i, "2024-02", "public"));
    }
    in.add(conversation("mar-0", "2024-03", "public"));
    in.add(ticket("t-1"));
    return in;
  }

  @Test
  void suppressesTheLoneExampleWhenTheLimitAllowsAndGeneralizesWhenItDoesNot() {
    // Limit 0.15 of 7 examples in scope: one may be suppressed. Loss metric: suppressing it costs 1 per attribute
    // (2), generalizing the month to the quarter costs 1 for each of the 7 examples. The ticket is out of scope.
    Map<String, Example> out = run(handCase(), settings(3, 0.15));
    assertThat(out.get("mar-0").getMeta()).containsEntry("period", "*").containsEntry("channel_type", "*");
    assertThat(out.get("mar-0").getText()).startsWith("* · *\n");
    assertThat(out.get("jan-0")).isEqualTo(conversation("jan-0", "2024-01", "public"));
    assertThat(out.get("t-1")).isEqualTo(ticket("t-1"));

    // Limit 0: the month must become the quarter for all of them.
    Map<String, Example> strict = run(handCase(), settings(3, 0));
    for (String id : List.of("jan-0", "feb-2", "mar-0")) {
      assertThat(strict.get(id).getMeta()).containsEntry("period", "2024-Q1").containsEntry("channel_type", "public");
      assertThat(strict.get(id).getText()).startsWith("#general · 2024-Q1\n").endsWith("person_b: hi\n");
      assertThat(strict.get(id).getMeta()).containsEntry("turns", 2L);
    }
  }

  /** A generalized channel type takes the channel label with it: "#general" or "direct message" would tell it. */
  @Test
  void aGeneralizedChannelTypeReplacesTheLabel() {
    List<Example> in = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      in.add(conversation("pub-" + i, "2024-01", "public"));
      in.add(conversation("dm-" + i, "2024-01", "dm"));
    }
    Map<String, Example> out = run(in, settings(6, 0));
    assertThat(out.get("pub-0").getText()).startsWith("* · 2024-01\n");
    assertThat(out.get("dm-2").getMeta()).containsEntry("channel_type", "*");
  }

  @Test
  void theReportGivesLevelsAndRiskBeforeAndTheCheckRiskAfter() throws Exception {
    Pipeline p = TestPipelines.direct();
    PCollectionTuple t =
        p.apply(Create.of(handCase()).withCoder(Coders.avro(Example.class)))
            .apply("KAnonymize", KAnonymize.with(settings(3, 0.15)));
    PCollection<String> after = t.get(KAnonymize.RELEASED).apply("Verify", VerifyKAnonymity.with(settings(3, 0.15)));
    PAssert.thatSingleton(t.get(KAnonymize.REPORT))
        .satisfies(
            json -> {
              JsonNode r = read(json);
              assertThat(r.path("levels").path("period").asInt()).isZero();
              assertThat(r.path("records_suppressed").asLong()).isEqualTo(1);
              assertThat(r.path("before").path("k").asLong()).isEqualTo(1);
              assertThat(r.path("before").path("classes").asLong()).isEqualTo(3);
              assertThat(r.path("before").path("unique_share").asDouble()).isCloseTo(1 / 7.0, org.assertj.core.data.Offset.offset(1e-6));
              assertThat(r.path("k").asInt()).isEqualTo(3);
              return null;
            });
    PAssert.thatSingleton(after)
        .satisfies(
            json -> {
              JsonNode r = read(json);
              assertThat(r.path("k").asLong()).isEqualTo(3);
              assertThat(r.path("classes").asLong()).isEqualTo(2);
              assertThat(r.path("suppressed").asLong()).isEqualTo(1);
              assertThat(r.path("prosecutor_risk").asDouble()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
              assertThat(r.path("unique_share").asDouble()).isZero();
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** A broken generalization step (it releases the original values) is stopped by the verification. */
  @Test
  void theVerificationFailsTheJobWhenAStepReleasesASmallClass() {
    Pipeline p = TestPipelines.direct();
    PCollection<Example> released =
        p.apply(Create.of(handCase()).withCoder(Coders.avro(Example.class)))
            .apply("KAnonymize", KAnonymize.with(settings(3, 0.15)).withBrokenStep(e -> e))
            .get(KAnonymize.RELEASED);
    released.apply("Verify", VerifyKAnonymity.with(settings(3, 0.15)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("k-anonymity verification failed: 1 released classes smaller than k = 3 (smallest 1)")
        .satisfies(e -> assertThat(messages(e)).doesNotContain("2024-03"));
  }

  @Test
  void failsWhenNoGeneralizationMeetsK() {
    List<Example> two = List.of(conversation("a", "2024-01", "public"), conversation("b", "2024-05", "dm"));
    assertThatThrownBy(() -> run(two, settings(3, 0)))
        .hasStackTraceContaining("no generalization of the 2 examples in scope meets k = 3");
  }

  /** Random data: every released class has at least k examples, and the release does not depend on input order. */
  @Test
  void everyReleasedClassHoldsKOnRandomData() {
    SplittableRandom rnd = new SplittableRandom(5);
    String[] types = {"public", "private", "dm"};
    List<Example> in = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String month = String.format("%d-%02d", 2022 + rnd.nextInt(3), 1 + rnd.nextInt(12));
      in.add(conversation("c" + i, month, types[rnd.nextInt(rnd.nextInt(3) + 1)]));
    }
    KAnonSettings s = settings(5, 0.05);
    Map<String, Example> out = run(in, s);
    Map<String, Example> byId = new HashMap<>();
    in.forEach(e -> byId.put(e.getId(), e));
    Map<List<String>, Integer> classes = new HashMap<>();
    long suppressed = 0;
    for (Example e : out.values()) {
      List<String> v = s.quasiIdentifierValues(e);
      if (v.stream().allMatch("*"::equals)) {
        suppressed++;
      } else {
        classes.merge(v, 1, Integer::sum);
      }
      Object type = e.getMeta().get("channel_type");
      String label = type.equals(byId.get(e.getId()).getMeta().get("channel_type")) ? "#general" : type.toString();
      assertThat(e.getText()).startsWith(label + " · " + e.getMeta().get("period") + "\n");
    }
    assertThat(classes.values()).allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(5));
    assertThat(suppressed).isLessThanOrEqualTo(15);
    List<Example> reversed = new ArrayList<>(in);
    java.util.Collections.reverse(reversed);
    assertThat(run(reversed, s)).isEqualTo(out);
  }

  private static Map<String, Example> run(List<Example> in, KAnonSettings settings) {
    Map<String, Example> out = new TreeMap<>();
    ReleasePlan plan = ReleasePlan.solve(settings, histogram(in, settings));
    in.forEach(e -> out.put(e.getId(), plan.apply(e)));
    // The same through the Beam transform.
    Pipeline p = TestPipelines.direct();
    PCollection<Example> released =
        p.apply(Create.of(in).withCoder(Coders.avro(Example.class)))
            .apply("KAnonymize", KAnonymize.with(settings))
            .get(KAnonymize.RELEASED);
    PAssert.that(released).containsInAnyOrder(out.values());
    p.run().waitUntilFinish();
    return out;
  }

  private static Map<String, Long> histogram(List<Example> in, KAnonSettings settings) {
    Map<String, Long> h = new HashMap<>();
    in.stream().filter(settings::inScope).forEach(e -> h.merge(ReleasePlan.histogramKey(settings, e), 1L, Long::sum));
    return h;
  }

  private static JsonNode read(String json) {
    try {
      return new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
