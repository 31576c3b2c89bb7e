package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.KeyTime;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import dev.veil.transforms.read.CaptureSession;
import dev.veil.transforms.read.Keystroke;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeDeidentifierTest {
  private final Pseudonyms pseudonyms = new Pseudonyms(new byte[32]);
  private final IdentityDirectory directory =
      new IdentityResolver(pseudonyms)
          .resolve(
              List.of(
                  DirectoryScrubberTest.user("U1", "dana.w", "Dana Whitfield", "danaw", "dana@acme.test", null)));

  private Episode episode(String folder) {
    return Episode.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("capture:t").setFile(folder).setIndex(-1).build())
        .setOwner("dana@acme.test")
        .setTask("Email Dana Whitfield the report")
        .setRecords(3)
        .setActions(
            List.of(
                EpisodeAction.newBuilder().setOp("focus").setText("Inbox - Dana Whitfield").setElapsedMs(0).build(),
                EpisodeAction.newBuilder().setOp("type").setText("dana@acme.test").setElapsedMs(1234).build(),
                EpisodeAction.newBuilder().setOp("type").setText(CaptureSession.SECRET).setElapsedMs(2987).build()))
        .build();
  }

  @Test
  void scrubsOwnerTaskTextAndDropsTimesByDefault() {
    Episode e = new EpisodeDeidentifier(new TextScrubber(pseudonyms, directory), Timing.none()).deidentify(episode("s1"));
    String dana = pseudonyms.person("email:dana@acme.test");
    assertThat(e.getOwner()).isEqualTo(dana);
    assertThat(e.getTask()).isEqualTo("Email " + dana + " the report");
    assertThat(e.getActions()).extracting(EpisodeAction::getText)
        .containsExactly("Inbox - " + dana, dana, CaptureSession.SECRET);
    assertThat(e.getActions()).extracting(EpisodeAction::getElapsedMs).containsOnly(-1L);
  }

  @Test
  void coarseTimingRoundsWithAPerSessionOffset() {
    TextScrubber s = new TextScrubber(pseudonyms, directory);
    Episode a = new EpisodeDeidentifier(s, Timing.coarse(100)).deidentify(episode("session-a"));
    List<Long> times = a.getActions().stream().map(EpisodeAction::getElapsedMs).toList();
    assertThat(times).allMatch(t -> t % 100 == 0).isSorted();
    assertThat(times.get(1)).isBetween(1200L, 1300L);
    // The same session always gets the same times; the offset depends on the session.
    assertThat(new EpisodeDeidentifier(s, Timing.coarse(100)).deidentify(episode("session-a"))).isEqualTo(a);
    long distinct =
        java.util.stream.IntStream.range(0, 40)
            .mapToObj(i -> new EpisodeDeidentifier(s, Timing.coarse(1000)).deidentify(episode("s" + i)))
            .map(e -> e.getActions().get(1).getElapsedMs())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(1);
  }

  /** Key times for {@code text}: each key down {@code latency} ms after the one before, held {@code hold} ms. */
  private static List<KeyTime> keys(String text, long start, long hold, long latency) {
    List<KeyTime> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      long down = start + i * latency;
      out.add(KeyTime.newBuilder().setDownMs(down).setUpMs(down + hold).build());
    }
    return out;
  }

  /** A session typing plain words, an e-mail address and a password, every key with its times. */
  private static Episode typing(String folder, long hold, long latency) {
    String words = "see you at noon";
    String email = "dana@acme.test";
    return Episode.newBuilder()
        .setPointer(SourcePointer.newBuilder().setSource("capture:t").setFile(folder).setIndex(-1).build())
        .setOwner("dana@acme.test")
        .setRecords(3)
        .setActions(
            List.of(
                EpisodeAction.newBuilder().setOp("type").setText(words).setKeys(keys(words, 1000, hold, latency)).build(),
                EpisodeAction.newBuilder().setOp("press").setText("enter").build(),
                EpisodeAction.newBuilder().setOp("type").setText(email).setKeys(keys(email, 9000, hold, latency)).build(),
                // A reader never times secret input; were it to, the times would still not be released.
                EpisodeAction.newBuilder()
                    .setOp("type")
                    .setText(CaptureSession.SECRET)
                    .setKeys(keys(CaptureSession.SECRET, 20000, hold, latency))
                    .build()))
        .build();
  }

  private static KeyTiming.Population population() {
    KeyTiming.Population.Builder b = KeyTiming.Population.builder();
    for (int i = 0; i < 5; i++) {
      b.add(TypedKeys.of(typing("p" + i, 80 + 10 * i, 150 + 30 * i)));
    }
    return b.build();
  }

  private Episode deidentify(Episode raw, KeyTiming keyTiming) {
    return new EpisodeDeidentifier(new TextScrubber(pseudonyms, directory), Timing.none(), keyTiming).deidentify(raw);
  }

  @Test
  void perKeyTimesAreDroppedByDefault() {
    Episode e =
        new EpisodeDeidentifier(new TextScrubber(pseudonyms, directory), Timing.none()).deidentify(typing("s", 90, 200));
    assertThat(e.getActions()).allMatch(a -> a.getKeys().isEmpty());
  }

  @Test
  void resampleReleasesTimesOnlyForTextLeftAsTypedAndNoneForSecrets() {
    Episode e = deidentify(typing("s1", 90, 200), KeyTiming.resample(population()));
    assertThat(e.getActions()).extracting(a -> a.getKeys().size()).containsExactly(15, 0, 0, 0);
    assertThat(e.getActions().get(0).getKeys()).allMatch(k -> k.getDownMs() >= 0 && k.getUpMs() > k.getDownMs());
    // Drawn from the population, keyed by the session: the person's own rhythm (here 90/200 or 140/320) is gone,
    assertThat(deidentify(typing("s1", 140, 320), KeyTiming.resample(population())).getActions().get(0).getKeys())
        .isEqualTo(e.getActions().get(0).getKeys());
    // the same session gives the same bytes every time, another session other draws.
    assertThat(deidentify(typing("s1", 90, 200), KeyTiming.resample(population()))).isEqualTo(e);
    assertThat(deidentify(typing("s2", 90, 200), KeyTiming.resample(population())).getActions().get(0).getKeys())
        .isNotEqualTo(e.getActions().get(0).getKeys());
  }

  @Test
  void bucketRoundsEachHoldAndLatency() {
    Episode e = deidentify(typing("s1", 93, 211), KeyTiming.bucket(50));
    List<KeyTime> keys = e.getActions().get(0).getKeys();
    assertThat(keys).hasSize(15);
    long offset = Math.floorMod(pseudonyms.seed("key_timing_offset", "s1"), 50L);
    for (int i = 0; i < keys.size(); i++) {
      assertThat(keys.get(i).getUpMs() - keys.get(i).getDownMs()).isEqualTo((93 + offset) / 50 * 50);
      if (i > 0) {
        assertThat(keys.get(i).getDownMs() - keys.get(i - 1).getDownMs()).isEqualTo((211 + offset) / 50 * 50);
      }
    }
    assertThat(e.getActions().get(2).getKeys()).isEmpty();
  }

  @Test
  void typedKeysAreNamedByTheirCharacterAndActionsJoinedWithAGap() {
    List<Keystroke> keys = TypedKeys.of(typing("s", 90, 200));
    // "see you at noon" (15) and a gap; the scrubbed e-mail is still raw here (16 with the gap); the secret: nothing.
    assertThat(keys).hasSize(15 + 1 + 14);
    assertThat(keys.get(3).key()).isEqualTo("space");
    assertThat(keys.get(15).isGap()).isTrue();
    assertThat(keys.get(20).key()).isEqualTo("@");
  }
}
