package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeystrokesTest {
  private static byte[] events(String... lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pairsPressesWithReleasesInDownOrder() {
    assertThat(
            Keystrokes.parse(
                events(
                    "{\"time_stamp\": 10.000, \"action\": \"press\", \"name\": \"shift\"}",
                    "{\"time_stamp\": 10.050, \"action\": \"press\", \"name\": \"H\"}",
                    "{\"time_stamp\": 10.120, \"action\": \"press\", \"name\": \"i\"}",
                    "{\"time_stamp\": 10.130, \"action\": \"release\", \"name\": \"shift\"}",
                    "{\"time_stamp\": 10.160, \"action\": \"release\", \"name\": \"h\"}",
                    "{\"time_stamp\": 10.200, \"action\": \"release\", \"name\": \"i\"}")))
        .containsExactly(
            new Keystroke("shift", 10_000, 10_130),
            new Keystroke("h", 10_050, 10_160),
            new Keystroke("i", 10_120, 10_200));
  }

  @Test
  void autoRepeatIsOneKeystrokeAndAnUnreleasedKeyHasNoHold() {
    assertThat(
            Keystrokes.parse(
                events(
                    "{\"time_stamp\": 1.0, \"action\": \"press\", \"name\": \"Key.space\"}",
                    "{\"time_stamp\": 1.5, \"action\": \"press\", \"name\": \"Key.space\"}",
                    "{\"time_stamp\": 1.6, \"action\": \"release\", \"name\": \"Key.space\"}",
                    "{\"time_stamp\": 1.7, \"action\": \"move\", \"x\": 1, \"y\": 2}",
                    "not json",
                    "{\"time_stamp\": 1.8, \"action\": \"press\", \"name\": \"'a'\"}")))
        .containsExactly(new Keystroke("space", 1_000, 1_600), new Keystroke("a", 1_800, -1));
    assertThat(new Keystroke("a", 1_800, -1).holdMs()).isEqualTo(-1);
  }

  @Test
  void theOwnerComesFromTheFolderName() {
    assertThat(CaptureSession.ownerInFolder("caps/20240304090000_ann@x.example_4191d485")).isEqualTo("ann@x.example");
    assertThat(CaptureSession.ownerInFolder("session-7")).isNull();
  }
}
