package dev.veil.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadFloorTest {
  /** One Slack message, one Jira issue and one recorded session: the floor reads the three, through the job's reader. */
  @Test
  void readsEveryInputThroughTheJobsReadStageAndCountsItsRecords() {
    Path data = TestData.path("CrossSourceTest");
    List<InputSpec> inputs =
        InputSpec.parseAll(
            List.of(
                "slack=" + data.resolve("slack-export"),
                "jira=" + data.resolve("jira"),
                "capture=" + data.resolve("captures")));
    assertThat(ReadFloor.run(Runners.direct(2, true), inputs)).isEqualTo(3);
    assertThat(ReadFloor.run(Runners.direct(2, true), inputs.subList(0, 1))).isEqualTo(1);
  }
}
