package dev.veil.transforms.deidentify;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.schemas.KeyTime;
import dev.veil.transforms.read.CaptureSession;
import dev.veil.transforms.read.Keystroke;
import dev.veil.transforms.read.Keystrokes;
import java.util.ArrayList;
import java.util.List;

/**
 * The typed keystrokes of an episode as {@link KeyTiming} takes them: each {@code type} action's characters named by
 * {@link Keystrokes#keyOf}, with the action's per-key times, and the actions of a session joined with a
 * {@link Keystroke#gap()} between them (no latency spans two actions). Secret input never has times.
 */
final class TypedKeys {
  private TypedKeys() {}

  /**
   * The keystrokes of one action: one per character of a {@code type} action's text that carries one time entry per
   * character; empty for other actions, secret input and actions without times.
   */
  static List<Keystroke> of(EpisodeAction a) {
    String text = a.getText();
    List<KeyTime> times = a.getKeys();
    if (!a.getOp().equals("type") || text == null || CaptureSession.SECRET.equals(text) || times.isEmpty()
        || times.size() != text.length()) {
      return List.of();
    }
    List<Keystroke> out = new ArrayList<>(text.length());
    for (int i = 0; i < text.length(); i++) {
      KeyTime t = times.get(i);
      out.add(new Keystroke(Keystrokes.keyOf(text.charAt(i)), t.getDownMs(), t.getDownMs() < 0 ? -1 : t.getUpMs()));
    }
    return out;
  }

  /** All the typed keystrokes of an episode, actions joined with a gap: what the population pools. */
  static List<Keystroke> of(Episode e) {
    List<List<Keystroke>> runs = new ArrayList<>();
    for (EpisodeAction a : e.getActions()) {
      runs.add(of(a));
    }
    return join(runs);
  }

  /** Runs joined into one list, a {@link Keystroke#gap()} between two non-empty runs. */
  static List<Keystroke> join(List<List<Keystroke>> runs) {
    List<Keystroke> out = new ArrayList<>();
    for (List<Keystroke> run : runs) {
      if (run.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.add(Keystroke.gap());
      }
      out.addAll(run);
    }
    return out;
  }

  /** The released times of a run, as the de-identified action stores them. */
  static List<KeyTime> times(List<Keystroke> run) {
    List<KeyTime> out = new ArrayList<>(run.size());
    for (Keystroke k : run) {
      out.add(KeyTime.newBuilder().setDownMs(k.timed() ? k.downMs() : -1).setUpMs(k.timed() ? k.upMs() : -1).build());
    }
    return out;
  }
}
