package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.transforms.common.Reasons;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RrwebSessionTest {
  /** A login form: an e-mail field (id 5), a password field (id 6), a card field (id 7), a button (id 8). */
  static final String SNAPSHOT =
      "{\"type\":2,\"timestamp\":1000,\"data\":{\"node\":{\"type\":0,\"id\":1,\"childNodes\":[{\"type\":2,\"id\":2,"
          + "\"tagName\":\"html\",\"attributes\":{},\"childNodes\":[{\"type\":2,\"id\":3,\"tagName\":\"body\","
          + "\"attributes\":{},\"childNodes\":["
          + "{\"type\":2,\"id\":5,\"tagName\":\"input\",\"attributes\":{\"type\":\"email\",\"name\":\"login\","
          + "\"placeholder\":\"Work e-mail\"},\"childNodes\":[]},"
          + "{\"type\":2,\"id\":6,\"tagName\":\"input\",\"attributes\":{\"type\":\"password\",\"name\":\"pw\"},"
          + "\"childNodes\":[]},"
          + "{\"type\":2,\"id\":7,\"tagName\":\"input\",\"attributes\":{\"type\":\"tel\",\"autocomplete\":\"cc-number\"},"
          + "\"childNodes\":[]},"
          + "{\"type\":2,\"id\":8,\"tagName\":\"button\",\"attributes\":{},\"childNodes\":[{\"type\":3,\"id\":9,"
          + "\"textContent\":\"Sign in\"}]}]}]}]}}}";

  static String recording(String... events) {
    return "[" + String.join(",", events) + "]";
  }

  static String input(long ts, int id, String text) {
    return "{\"type\":3,\"timestamp\":" + ts + ",\"data\":{\"source\":5,\"id\":" + id + ",\"text\":\"" + text + "\"}}";
  }

  @Test
  void rebuildsFieldValuesClicksAndMasksSecretFields() {
    String rec =
        recording(
            "{\"type\":4,\"timestamp\":900,\"data\":{\"href\":\"https://intranet.test/login?next=/home&user=ann\","
                + "\"width\":1000,\"height\":800}}",
            SNAPSHOT,
            input(1100, 5, "a"),
            input(1200, 5, "ann@corp.test"),
            input(1300, 6, "s3cr3t!pw"),
            input(1400, 7, "4111111111111111"),
            "{\"type\":3,\"timestamp\":1450,\"data\":{\"source\":1,\"positions\":[{\"x\":100,\"y\":80,\"id\":3,"
                + "\"timeOffset\":0}]}}",
            "{\"type\":3,\"timestamp\":1500,\"data\":{\"source\":2,\"type\":2,\"id\":8,\"x\":500,\"y\":400}}",
            "{\"type\":3,\"timestamp\":1400,\"data\":{\"source\":2,\"type\":2,\"id\":8,\"x\":1,\"y\":1}}",
            "{\"type\":42,\"timestamp\":1600,\"data\":{}}");
    CaptureSessionTest.Collect c = new CaptureSessionTest.Collect();
    new RrwebSession("capture:web", c).parse("web/session.json", rec);
    Episode e = c.episodes.get(0);
    List<String> actions = new ArrayList<>();
    for (EpisodeAction a : e.getActions()) {
      actions.add(a.getOp() + "(" + a.getText() + ", " + a.getRole() + ", " + a.getName() + ")");
    }
    assertThat(actions)
        .containsExactly(
            "focus(https://intranet.test/login, null, null)",
            "type(ann@corp.test, textbox, Work e-mail)",
            "type(<SECRET>, textbox, pw)",
            "type(<SECRET>, textbox, null)",
            "click(null, button, Sign in)");
    EpisodeAction click = e.getActions().get(4);
    assertThat(List.of(click.getX(), click.getY())).containsExactly(0.5, 0.5);
    assertThat(click.getPath()).containsExactly(0.1, 0.1);
    assertThat(e.toString()).doesNotContain("s3cr3t").doesNotContain("4111").doesNotContain("next=");
    assertThat(c.quarantined).containsExactly("8:" + Reasons.OUT_OF_ORDER, "9:" + Reasons.UNKNOWN_EVENT);
    assertThat(e.getRecords()).isEqualTo(8);
  }

  @Test
  void recognisesRrwebFilesAndNotJiraOrMetadata() {
    assertThat(RrwebSession.looksLikeRrweb("[{\"type\":4,\"data\":{},\"timestamp\":1}]")).isTrue();
    assertThat(RrwebSession.looksLikeRrweb("{\"events\":[{\"type\":4,\"timestamp\":1}]}")).isTrue();
    assertThat(RrwebSession.looksLikeRrweb("{\"system\":\"Windows\",\"screen_width\":1366}")).isFalse();
  }

  @Test
  void aTruncatedRecordingKeepsWhatPrecedesTheCut() {
    CaptureSessionTest.Collect c = new CaptureSessionTest.Collect();
    new RrwebSession("capture:web", c).parse("w.json", "[" + SNAPSHOT + "," + input(1100, 5, "x") + ",{\"type\":3,\"time");
    assertThat(c.episodes.get(0).getActions()).extracting(EpisodeAction::getText).containsExactly("x");
    assertThat(c.quarantined).containsExactly("2:" + Reasons.INVALID_JSON);
  }
}
