package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.IdentityDirectory;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.identity.IdentityResolver;
import dev.veil.transforms.read.CaptureSession;
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
}
