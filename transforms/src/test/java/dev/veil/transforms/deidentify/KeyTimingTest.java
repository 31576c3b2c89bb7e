package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.read.Keystroke;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTimingTest {
  private final Pseudonyms key1 = new Pseudonyms(new byte[32]);
  private final Pseudonyms key2 = new Pseudonyms(new byte[] {1, 2, 3});

  /** a, b, a, b, … with holds and latencies that grow by one ms per keystroke. */
  private static List<Keystroke> session(int n, long holdBase, long latencyBase) {
    List<Keystroke> keys = new ArrayList<>();
    long down = 5_000;
    for (int i = 0; i < n; i++) {
      down += i == 0 ? 0 : latencyBase + i;
      keys.add(new Keystroke(i % 2 == 0 ? "a" : "b", down, down + holdBase + i));
    }
    return keys;
  }

  private static KeyTiming.Population population() {
    KeyTiming.Population.Builder b = KeyTiming.Population.builder();
    List<Keystroke> keys = new ArrayList<>();
    long down = 0;
    for (int i = 0; i < 60; i++) {
      // a held 50–58 ms, b held 201–209 ms; latencies a→b 101–109, b→a 300–308; one rare key c (held 1000 ms).
      String k = i % 2 == 0 ? "a" : "b";
      long hold = k.equals("a") ? 50 + i % 10 : 200 + i % 10;
      down += i == 0 ? 0 : k.equals("b") ? 100 + i % 10 : 300 + i % 10;
      keys.add(new Keystroke(k, down, down + hold));
    }
    keys.add(new Keystroke("c", down + 500, down + 1500));
    return b.add(keys).build();
  }

  @Test
  void dropKeepsTheKeysAndNoTime() {
    List<Keystroke> out = KeyTiming.drop().release(session(5, 80, 150), "s", key1);
    assertThat(out).extracting(Keystroke::key).containsExactly("a", "b", "a", "b", "a");
    assertThat(out).noneMatch(Keystroke::timed);
  }

  @Test
  void bucketRoundsHoldsAndLatenciesAfterTheKeyedSessionOffset() {
    List<Keystroke> in = session(6, 80, 150);
    List<Keystroke> out = KeyTiming.bucket(50).release(in, "session-1", key1);
    long offset = Math.floorMod(key1.seed("key_timing_offset", "session-1"), 50L);
    assertThat(out.get(0).downMs()).isZero();
    for (int i = 0; i < in.size(); i++) {
      assertThat(out.get(i).holdMs()).isEqualTo((in.get(i).holdMs() + offset) / 50 * 50);
      if (i > 0) {
        long latency = in.get(i).downMs() - in.get(i - 1).downMs();
        assertThat(out.get(i).downMs() - out.get(i - 1).downMs()).isEqualTo((latency + offset) / 50 * 50);
      }
    }
  }

  @Test
  void theSameKeyAndSessionGiveTheSameOutputAnotherKeyAnother() {
    KeyTiming resample = KeyTiming.resample(population());
    List<Keystroke> in = session(40, 80, 150);
    assertThat(resample.release(in, "s1", key1)).isEqualTo(resample.release(in, "s1", new Pseudonyms(new byte[32])));
    assertThat(resample.release(in, "s1", key2)).isNotEqualTo(resample.release(in, "s1", key1));
    assertThat(resample.release(in, "s2", key1)).isNotEqualTo(resample.release(in, "s1", key1));
    KeyTiming bucket = KeyTiming.bucket(1000);
    assertThat(bucket.release(in, "s1", key1)).isEqualTo(bucket.release(in, "s1", key1));
  }

  @Test
  void resampleDrawsFromThePopulationOfTheKeyAndDigraphNotFromThePerson() {
    KeyTiming resample = KeyTiming.resample(population());
    List<Keystroke> slow = session(30, 140, 400);
    List<Keystroke> fast = session(30, 60, 90);
    List<Keystroke> out = resample.release(slow, "s1", key1);
    // Whoever typed, the same session name and keys give the same rhythm: nothing of the person is left.
    assertThat(resample.release(fast, "s1", key1)).isEqualTo(out);
    for (int i = 0; i < out.size(); i++) {
      Keystroke k = out.get(i);
      if (k.key().equals("a")) {
        assertThat(k.holdMs()).isBetween(50L, 59L);
      } else {
        assertThat(k.holdMs()).isBetween(200L, 209L);
      }
      if (i > 0) {
        long latency = k.downMs() - out.get(i - 1).downMs();
        assertThat(latency).isBetween(k.key().equals("b") ? 100L : 300L, k.key().equals("b") ? 109L : 309L);
      }
    }
  }

  @Test
  void aRareKeyDrawsFromAllHolds() {
    KeyTiming.Population p = population();
    // c was seen once: below MIN_SAMPLES it has no distribution of its own; all holds span 50–1000 ms.
    assertThat(p.hold("c", 0.0)).isEqualTo(50);
    assertThat(p.hold("c", 0.999999)).isEqualTo(1000);
    assertThat(p.hold("a", 0.999999)).isEqualTo(58); // a is held 50, 52, …, 58 ms
  }

  /** Sessions of a, b, c with holds and latencies spread by a fixed arithmetic pattern (many repeated values). */
  private static List<List<Keystroke>> sessions() {
    List<List<Keystroke>> out = new ArrayList<>();
    for (int s = 0; s < 12; s++) {
      List<Keystroke> keys = new ArrayList<>();
      long down = 0;
      for (int i = 0; i < 50; i++) {
        down += 90 + (i * 37 + s * 11) % 160;
        keys.add(new Keystroke(String.valueOf((char) ('a' + (i * 7 + s) % 3)), down, down + 60 + (i * 13 + s * 5) % 90));
      }
      out.add(keys);
    }
    return out;
  }

  @Test
  void thePopulationDoesNotDependOnTheOrderSessionsArriveInOrOnHowTheyAreSplit() {
    List<List<Keystroke>> sessions = sessions();
    KeyTiming.Population.Builder inOrder = KeyTiming.Population.builder();
    sessions.forEach(inOrder::add);
    KeyTiming.Population.Builder reversed = KeyTiming.Population.builder();
    for (int i = sessions.size() - 1; i >= 0; i--) {
      reversed.add(sessions.get(i));
    }
    // As a runner combines: parts built on different workers, merged in some order.
    KeyTiming.Population.Builder odd = KeyTiming.Population.builder();
    KeyTiming.Population.Builder even = KeyTiming.Population.builder();
    for (int i = 0; i < sessions.size(); i++) {
      (i % 2 == 0 ? even : odd).add(sessions.get(i));
    }
    KeyTiming.Population merged = KeyTiming.Population.builder().merge(odd).merge(even).build();
    assertThat(reversed.build()).isEqualTo(inOrder.build());
    assertThat(merged).isEqualTo(inOrder.build());
    // And so are the released times.
    List<Keystroke> in = session(40, 80, 150);
    assertThat(KeyTiming.resample(merged).release(in, "s1", key1))
        .isEqualTo(KeyTiming.resample(reversed.build()).release(in, "s1", key1));
  }

  @Test
  void quantilesAreThoseOfTheSortedSamples() {
    List<Keystroke> keys = sessions().get(0);
    KeyTiming.Population p = KeyTiming.Population.builder().add(keys).build();
    long[] holds = keys.stream().mapToLong(Keystroke::holdMs).sorted().toArray();
    for (int j = 0; j < KeyTiming.Population.QUANTILES; j++) {
      double pos = j * (holds.length - 1) / (double) KeyTiming.Population.QUANTILES;
      int lo = (int) Math.floor(pos);
      double expected = holds[lo] + (pos - lo) * (holds[Math.min(lo + 1, holds.length - 1)] - holds[lo]);
      // u at a quantile step draws that step's value (the pooled distribution: "*").
      assertThat(p.hold("no such key", j / (double) KeyTiming.Population.QUANTILES)).isEqualTo(Math.round(expected));
    }
    assertThat(p.hold("no such key", 0.999999999)).isEqualTo(holds[holds.length - 1]);
  }

  @Test
  void aGapBreaksTheChainNoLatencySpansIt() {
    List<Keystroke> in =
        List.of(new Keystroke("a", 0, 50), new Keystroke("b", 5_000, 5_060), Keystroke.gap(), new Keystroke("a", 90_000, 90_070));
    KeyTiming.Population p = KeyTiming.Population.builder().add(in).build();
    // One latency only (a→b, 5000 ms): all latencies are it.
    assertThat(p.latency("b", "a", 0.0)).isEqualTo(5_000);
    assertThat(p.latency("b", "a", 0.99)).isEqualTo(5_000);
    List<Keystroke> out = KeyTiming.bucket(10).release(in, "s", key1);
    assertThat(out.get(2).isGap()).isTrue();
    // The key after the gap starts where the chain stood: no latency added across it.
    assertThat(out.get(3).downMs()).isEqualTo(out.get(1).downMs());
  }

  @Test
  void untimedKeysStayUntimed() {
    List<Keystroke> in = List.of(Keystroke.untimed("a"), Keystroke.untimed("b"));
    assertThat(KeyTiming.bucket(10).release(in, "s", key1)).noneMatch(Keystroke::timed);
    assertThat(KeyTiming.resample(population()).release(in, "s", key1)).noneMatch(Keystroke::timed);
  }

  @Test
  void rejectsAResolutionOutOfRangeAndAnEmptyPopulation() {
    assertThatThrownBy(() -> KeyTiming.bucket(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyTiming.resample(KeyTiming.Population.builder().build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
