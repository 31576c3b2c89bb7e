package dev.veil.transforms.assemble;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.KeyTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeBuilderTest {
  private static KeyTime key(long down, long up) {
    return KeyTime.newBuilder().setDownMs(down).setUpMs(up).build();
  }

  @Test
  void aTypeActionWithoutKeyTimesIsItsTextOnly() {
    EpisodeAction a = EpisodeAction.newBuilder().setOp("type").setText("Hi \"you\"").build();
    assertThat(EpisodeBuilder.render(a)).isEqualTo("type(text=\"Hi \\\"you\\\"\")");
  }

  @Test
  void releasedKeyTimesAreHoldAndLatencyPerCharacterBeforeTheActionTime() {
    EpisodeAction a =
        EpisodeAction.newBuilder()
            .setOp("type")
            .setText("Hi!!")
            // H: 0–104; i: 187–283; ! never released; the second ! untimed (no latency to it, none from it).
            .setKeys(List.of(key(0, 104), key(187, 283), key(400, -1), key(-1, -1)))
            .setElapsedMs(12_300)
            .build();
    assertThat(EpisodeBuilder.render(a))
        .isEqualTo("type(text=\"Hi!!\", keys_ms=[104/-, 96/187, -/213, -/-], t=12.3)");
  }
}
