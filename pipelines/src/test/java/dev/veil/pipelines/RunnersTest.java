package dev.veil.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.beam.runners.flink.FlinkRunner;
import org.junit.jupiter.api.Test;

class RunnersTest {
  @Test
  void aClusterAddressRunsThroughTheClusterRunnerWithItsRestartStrategy() {
    FlinkClusterRunner.Options o =
        Runners.flink("localhost:8081", 3, new Runners.Restarts(5, Duration.ofSeconds(7)))
            .as(FlinkClusterRunner.Options.class);
    assertThat(o.getRunner()).isEqualTo(FlinkClusterRunner.class);
    assertThat(o.getClusterAddress()).isEqualTo("localhost:8081");
    assertThat(o.getRestartAttempts()).isEqualTo(5);
    assertThat(o.getRestartDelayMillis()).isEqualTo(7_000L);
    assertThat(o.getParallelism()).isEqualTo(3);
    assertThat(o.getObjectReuse()).isTrue();
  }

  @Test
  void theEmbeddedClusterAndFlinkRunUseBeamsRunnerWithoutRestarts() {
    for (String master : new String[] {Runners.FLINK_LOCAL, Runners.FLINK_AUTO}) {
      FlinkClusterRunner.Options o = Runners.flink(master, 2).as(FlinkClusterRunner.Options.class);
      assertThat(o.getRunner()).isEqualTo(FlinkRunner.class);
      assertThat(o.getFlinkMaster()).isEqualTo(master);
      assertThat(o.getRestartAttempts()).isZero();
      assertThat(o.getObjectReuse()).as("no copy between fused steps").isTrue();
    }
  }

  @Test
  void anythingElseIsRefusedNamingTheFlag() {
    assertThatThrownBy(() -> Runners.flink("localhost", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--flink-master");
    assertThatThrownBy(() -> new Runners.Restarts(-1, Duration.ZERO)).hasMessageContaining("--restart-attempts");
  }
}
