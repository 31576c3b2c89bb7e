package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.schemas.Account;
import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptureSessionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Collects what a session yields. */
  static final class Collect implements CaptureSession.Out {
    final List<Episode> episodes = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final Map<String, Long> dropped = new LinkedHashMap<>();
    final List<String> quarantined = new ArrayList<>();

    @Override
    public void episode(Episode e) {
      episodes.add(e);
    }

    @Override
    public void account(Account a) {
      accounts.add(a);
    }

    @Override
    public void dropped(String reason, long events) {
      dropped.merge(reason, events, Long::sum);
    }

    @Override
    public void quarantine(SourcePointer p, String reason) {
      quarantined.add(p.getIndex() + ":" + reason);
    }
  }

  /** Writes events as a recorder would: one JSON object per line, increasing time and index. */
  static final class Recording {
    final StringBuilder events = new StringBuilder();
    final StringBuilder elements = new StringBuilder();
    double t = 10.0;
    int idx = 0;

    Recording event(Map<String, Object> fields) {
      Map<String, Object> e = new LinkedHashMap<>();
      t += 0.1;
      e.put("time_stamp", Math.round(t * 1000) / 1000.0);
      e.putAll(fields);
      e.put("event_idx", idx++);
      try {
        events.append(JSON.writeValueAsString(e)).append('\n');
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
      return this;
    }

    Recording keys(String... names) {
      for (String n : names) {
        event(Map.of("action", "press", "name", n));
        event(Map.of("action", "release", "name", n));
      }
      return this;
    }

    Recording down(String n) {
      return event(Map.of("action", "press", "name", n));
    }

    Recording up(String n) {
      return event(Map.of("action", "release", "name", n));
    }

    Recording click(int x, int y, String button) {
      event(Map.of("action", "click", "x", x, "y", y, "button", button, "pressed", true));
      return event(Map.of("action", "click", "x", x, "y", y, "button", button, "pressed", false));
    }

    Recording element(String name, String controlType, boolean password) {
      elements.append(
          String.format(
              "{\"time_stamp\": %.3f, \"a11y_tree\": {\"Name\": \"%s\", \"ControlType\": \"%s\", \"IsPassword\": %s}}%n",
              t, name, controlType, password));
      return this;
    }

    Map<String, byte[]> files() {
      Map<String, byte[]> f = new HashMap<>();
      f.put("events.jsonl", events.toString().getBytes(StandardCharsets.UTF_8));
      f.put("element.jsonl", elements.toString().getBytes(StandardCharsets.UTF_8));
      f.put(
          "metadata.json",
          "{\"system\":\"Linux\",\"release\":\"6.1\",\"screen_width\":1000,\"screen_height\":500,\"node\":\"host-1\"}"
              .getBytes(StandardCharsets.UTF_8));
      return f;
    }
  }

  private static Collect parse(Recording r, String folder) {
    Collect c = new Collect();
    new CaptureSession("capture:t", c).parse(folder, r.files());
    return c;
  }

  private static List<String> ops(Episode e) {
    List<String> out = new ArrayList<>();
    for (EpisodeAction a : e.getActions()) {
      out.add(a.getOp() + (a.getText() == null ? "" : "(" + a.getText() + ")"));
    }
    return out;
  }

  @Test
  void rebuildsTypedTextWithShiftCapsLockAndBackspace() {
    Recording r = new Recording();
    r.down("shift").keys("h").up("shift").keys("e", "l", "l", "o", "space");
    r.keys("caps_lock").keys("w", "o").keys("caps_lock").keys("r", "x", "backspace", "l", "d");
    r.down("shift_r").keys("1").up("shift_r");
    r.keys("A"); // a recorder that reports the character the OS produced (caps lock on before recording)
    Episode e = parse(r, "s").episodes.get(0);
    assertThat(ops(e)).containsExactly("type(Hello WOrld!A)");
  }

  @Test
  void keysTypedIntoASecretFieldNeverLeaveTheReader() {
    Recording r = new Recording();
    r.click(100, 100, "left").element("User name", "EditControl", false).keys("b", "o", "b");
    r.click(100, 200, "left").element("Password", "EditControl", true).keys("h", "u", "n", "t", "e", "r", "2");
    r.keys("enter");
    r.click(100, 300, "left").element("PIN", "EditControl", false).keys("4", "4", "1", "9");
    Collect c = parse(r, "s");
    Episode e = c.episodes.get(0);
    assertThat(ops(e))
        .containsExactly("click", "type(bob)", "click", "type(<SECRET>)", "press(enter)", "click", "type(<SECRET>)");
    assertThat(e.toString()).doesNotContain("hunter2").doesNotContain("4419");
  }

  @Test
  void typedCharactersKeepTheirKeyTimesAndBackspaceTakesThemAway() {
    Recording r = new Recording(); // every event 100 ms after the one before, the first at 0
    r.down("shift").keys("h").up("shift").keys("i", "x", "backspace");
    r.down("o").down("enter").up("o").up("enter"); // o comes up after enter has flushed the type action
    Episode e = parse(r, "s").episodes.get(0);
    assertThat(ops(e)).containsExactly("type(Hio)", "press(enter)");
    EpisodeAction typed = e.getActions().get(0);
    assertThat(typed.getKeys()).hasSize(3);
    // h: down 100, up 200; i: 400–500; x (deleted): 600–700; backspace 800–900; o: down 1000, up 1200.
    assertThat(typed.getKeys())
        .extracting(k -> k.getDownMs() + "-" + k.getUpMs())
        .containsExactly("100-200", "400-500", "1000-1200");
  }

  @Test
  void autoRepeatHasNoTimesOfItsOwn() {
    Recording r = new Recording();
    r.down("a").down("a").down("a").up("a").keys("b");
    EpisodeAction typed = parse(r, "s").episodes.get(0).getActions().get(0);
    assertThat(typed.getText()).isEqualTo("aaab");
    assertThat(typed.getKeys())
        .extracting(k -> k.getDownMs() + "-" + k.getUpMs())
        .containsExactly("0-300", "-1--1", "-1--1", "400-500");
  }

  @Test
  void keysTypedIntoASecretFieldHaveNoTimes() {
    Recording r = new Recording();
    r.click(100, 100, "left").element("User name", "EditControl", false).keys("b", "o", "b");
    r.click(100, 200, "left").element("Password", "EditControl", true).keys("h", "u", "n", "t", "e", "r", "2");
    r.keys("enter");
    r.click(100, 300, "left").element("PIN", "EditControl", false).keys("4", "4", "1", "9");
    Episode e = parse(r, "s").episodes.get(0);
    List<Integer> keyTimes = new ArrayList<>();
    for (EpisodeAction a : e.getActions()) {
      if (a.getOp().equals("type")) {
        keyTimes.add(a.getKeys().size());
      }
    }
    assertThat(keyTimes).containsExactly(3, 0, 0);
  }

  @Test
  void hotkeysPressesClicksDragsAndScrolls() {
    Recording r = new Recording();
    r.down("ctrl_l").keys("c").up("ctrl_l");
    r.keys("esc");
    r.click(500, 250, "left").click(501, 251, "left"); // double click
    r.click(100, 100, "right");
    r.event(Map.of("action", "click", "x", 10, "y", 10, "button", "left", "pressed", true));
    r.event(Map.of("action", "move", "x", 200, "y", 10));
    r.event(Map.of("action", "click", "x", 400, "y", 10, "button", "left", "pressed", false));
    r.event(Map.of("action", "scroll", "x", 300, "y", 300, "dx", 0, "dy", -1));
    r.event(Map.of("action", "scroll", "x", 302, "y", 300, "dx", 0, "dy", -1));
    Episode e = parse(r, "s").episodes.get(0);
    assertThat(ops(e)).containsExactly("hotkey(ctrl+c)", "press(esc)", "doubleClick", "rightClick", "drag", "scroll");
    EpisodeAction drag = e.getActions().get(4);
    assertThat(List.of(drag.getX(), drag.getY(), drag.getX2(), drag.getY2())).containsExactly(0.01, 0.02, 0.4, 0.02);
    assertThat(e.getActions().get(5).getDy()).isEqualTo(-2);
  }

  @Test
  void trimsTheRecordersStopHotkeyAndCountsIt() {
    Recording r = new Recording();
    r.keys("o", "k").down("ctrl_l").down("alt_l").down("T").up("T");
    Collect c = parse(r, "s");
    assertThat(ops(c.episodes.get(0))).containsExactly("type(ok)");
    assertThat(c.dropped).containsEntry(Reasons.RECORDER_HOTKEY, 4L);
    assertThat(c.episodes.get(0).getRecords()).isEqualTo(4);
  }

  @Test
  void quarantinesBadLinesUnknownEventsAndEventsOutOfOrder() {
    Recording r = new Recording();
    r.keys("a");
    r.events.append("{not json\n");
    r.events.append("{\"time_stamp\": 99.0, \"action\": \"teleport\", \"event_idx\": 50}\n");
    r.events.append("{\"time_stamp\": 1.0, \"action\": \"press\", \"name\": \"z\", \"event_idx\": 51}\n");
    r.idx = 52;
    r.keys("b");
    Collect c = parse(r, "s");
    assertThat(c.quarantined)
        .containsExactly("2:" + Reasons.INVALID_JSON, "3:" + Reasons.UNKNOWN_EVENT, "4:" + Reasons.OUT_OF_ORDER);
    assertThat(ops(c.episodes.get(0))).containsExactly("type(ab)");
    assertThat(c.episodes.get(0).getRecords()).isEqualTo(4);
  }

  @Test
  void readsDuckTrackSessions() {
    // DuckTrack: float coordinates in points, no event_idx, key names only, the hostname in metadata.
    String events =
        "{\"time_stamp\": 1.10, \"action\": \"move\", \"x\": 100.5, \"y\": 50.25}\n"
            + "{\"time_stamp\": 1.20, \"action\": \"click\", \"x\": 1175.42, \"y\": 400.0, \"button\": \"left\","
            + " \"pressed\": true}\n"
            + "{\"time_stamp\": 1.30, \"action\": \"click\", \"x\": 1175.42, \"y\": 400.0, \"button\": \"left\","
            + " \"pressed\": false}\n"
            + "{\"time_stamp\": 1.40, \"action\": \"press\", \"name\": \"w\"}\n"
            + "{\"time_stamp\": 1.50, \"action\": \"release\", \"name\": \"w\"}\n"
            + "{\"time_stamp\": 1.60, \"action\": \"press\", \"name\": \"space\"}\n"
            + "{\"time_stamp\": 1.70, \"action\": \"press\", \"name\": \"Key.enter\"}\n";
    Map<String, byte[]> files = new HashMap<>();
    files.put("events.jsonl", events.getBytes(StandardCharsets.UTF_8));
    files.put(
        "metadata.json",
        "{\"node\": \"lawn-143-215-60-123.lawn.example.edu\", \"system\": \"Darwin\", \"release\": \"23.1\"}"
            .getBytes(StandardCharsets.UTF_8));
    Collect c = new Collect();
    new CaptureSession("capture:t", c).parse("session_1", files);
    Episode e = c.episodes.get(0);
    assertThat(ops(e)).containsExactly("click", "type(w )", "press(enter)");
    assertThat(e.getRecords()).isEqualTo(7);
    assertThat(e.getActions().get(0).getX()).isBetween(0.99, 1.0);
    assertThat(e.toString()).doesNotContain("lawn");
    assertThat(c.quarantined).isEmpty();
  }

  @Test
  void theOwnerComesFromTheFolderAndMachineDetailsStayBehind() {
    Episode e =
        parse(new Recording().keys("x"), "20241106114028_ann.example@corp.test_2c05b837").episodes.get(0);
    assertThat(e.getOwner()).isEqualTo("ann.example@corp.test");
    assertThat(e.getOs()).isEqualTo("Linux 6.1");
    assertThat(e.toString()).doesNotContain("host-1");
  }
}
