package dev.veil.transforms.deidentify;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.transforms.read.CaptureSession;
import dev.veil.transforms.read.Keystroke;
import java.util.ArrayList;
import java.util.List;

/**
 * De-identifies an episode: the owner becomes their person pseudonym (the same as in chat and tickets); the task,
 * typed text, window names and target element names go through the free-text pass. Secret input is already
 * {@code <SECRET>} from the reader, without times. Action times are dropped or coarsened as {@link Timing} says.
 *
 * <p>Per-key times of typed text are dropped unless the policy releases them ({@link KeyTiming}, from
 * {@code capture.key_timing}): then the session's typed keystrokes (its {@code type} actions in order, a gap between
 * actions) are released together, keyed by the session, and each action gets its share back. An action whose text the
 * free-text pass changed (an identifier replaced) keeps no times: they no longer line up with its characters, and
 * the keys of a replaced identifier are not released. Not thread-safe (one per DoFn instance).
 */
public final class EpisodeDeidentifier {
  private final TextScrubber scrubber;
  private final Timing timing;
  private final KeyTiming keyTiming;

  /** Releasing no per-key times. */
  public EpisodeDeidentifier(TextScrubber scrubber, Timing timing) {
    this(scrubber, timing, KeyTiming.drop());
  }

  public EpisodeDeidentifier(TextScrubber scrubber, Timing timing, KeyTiming keyTiming) {
    this.scrubber = scrubber;
    this.timing = timing;
    this.keyTiming = keyTiming;
  }

  public Episode deidentify(Episode raw) {
    String source = raw.getPointer().getSource();
    String session = raw.getPointer().getFile();
    boolean releaseKeys = keyTiming.kind() != KeyTiming.Kind.DROP;
    scrubber.startRecord();
    List<EpisodeAction.Builder> actions = new ArrayList<>(raw.getActions().size());
    List<List<Keystroke>> runs = new ArrayList<>(raw.getActions().size());
    for (EpisodeAction a : raw.getActions()) {
      EpisodeAction.Builder b =
          EpisodeAction.newBuilder(a)
              .setElapsedMs(timing.release(a.getElapsedMs(), session, scrubber.pseudonyms()))
              .setKeys(new ArrayList<>());
      if (a.getText() != null && !(a.getOp().equals("type") && CaptureSession.SECRET.equals(a.getText()))) {
        b.setText(scrubber.scrubPlain(a.getText()));
      }
      if (a.getName() != null) {
        b.setName(scrubber.scrubPlain(a.getName()));
      }
      boolean unchanged = a.getText() != null && a.getText().equals(b.getText());
      runs.add(releaseKeys && unchanged ? TypedKeys.of(a) : List.of());
      actions.add(b);
    }
    if (releaseKeys) {
      List<Keystroke> released = keyTiming.release(TypedKeys.join(runs), session, scrubber.pseudonyms());
      int at = 0;
      for (int i = 0; i < actions.size(); i++) {
        int n = runs.get(i).size();
        if (n == 0) {
          continue;
        }
        if (at > 0) {
          at++; // the gap before this run
        }
        actions.get(i).setKeys(TypedKeys.times(released.subList(at, at + n)));
        at += n;
      }
    }
    List<EpisodeAction> built = new ArrayList<>(actions.size());
    actions.forEach(b -> built.add(b.build()));
    return Episode.newBuilder(raw)
        .setOwner(raw.getOwner() == null ? null : scrubber.pseudonymOf(source, raw.getOwner()))
        .setTask(scrubber.scrubPlain(raw.getTask()))
        .setActions(built)
        .setEntities(scrubber.counts())
        .build();
  }
}
