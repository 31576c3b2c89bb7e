package dev.veil.transforms.kanon;

import static dev.veil.transforms.common.Checks.checkArgument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Example;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Verifies the written release on its own: {@code Released classes} counts the examples by their released
 * quasi-identifier values (and sensitive value), then {@code Check} ({@link ReleaseCheck}) recounts the classes and
 * fails the job if one is smaller than k or not l-diverse, so no manifest is written for a broken release. Output: one
 * JSON object, the risk after ({@link RiskStats}).
 */
public final class VerifyKAnonymity extends PTransform<PCollection<Example>, PCollection<String>> {
  private static final long serialVersionUID = 1L;
  private final KAnonSettings settings;

  private VerifyKAnonymity(KAnonSettings settings) {
    this.settings = settings;
  }

  public static VerifyKAnonymity with(KAnonSettings settings) {
    checkArgument(settings != null, "settings must be set");
    return new VerifyKAnonymity(settings);
  }

  @Override
  public PCollection<String> expand(PCollection<Example> examples) {
    KAnonSettings s = settings;
    PCollectionView<List<KV<String, Long>>> classes =
        examples.apply("Released classes", new CountCombinations(s)).apply("Released view", View.asList());
    return examples
        .getPipeline()
        .apply("Once", Create.of(0))
        .apply(
            "Check",
            ParDo.of(
                    new DoFn<Integer, String>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        ReleaseCheck check = new ReleaseCheck(s);
                        int a = s.attributes().size();
                        for (KV<String, Long> kv : c.sideInput(classes)) {
                          List<String> v = ReleasePlan.values(kv.getKey());
                          check.add(v.subList(0, a), v.size() > a ? v.get(a) : "", kv.getValue());
                        }
                        Map<String, Object> after = check.verify().describe();
                        try {
                          c.output(new ObjectMapper().writeValueAsString(after));
                        } catch (JsonProcessingException e) {
                          throw new IllegalStateException("cannot write the k-anonymity check", e);
                        }
                      }
                    })
                .withSideInputs(classes))
        .setCoder(StringUtf8Coder.of());
  }
}
