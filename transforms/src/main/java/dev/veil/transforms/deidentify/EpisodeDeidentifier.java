package dev.veil.transforms.deidentify;

import dev.veil.schemas.Episode;
import dev.veil.schemas.EpisodeAction;
import dev.veil.transforms.read.CaptureSession;
import java.util.ArrayList;
import java.util.List;

/**
 * De-identifies an episode: the owner becomes their person pseudonym (the same as in chat and tickets); the task,
 * typed text, window names and target element names go through the free-text pass. Secret input is already
 * {@code <SECRET>} from the reader. Action times are dropped or coarsened as {@link Timing} says. Not thread-safe (one
 * per DoFn instance).
 */
public final class EpisodeDeidentifier {
  private final TextScrubber scrubber;
  private final Timing timing;

  public EpisodeDeidentifier(TextScrubber scrubber, Timing timing) {
    this.scrubber = scrubber;
    this.timing = timing;
  }

  public Episode deidentify(Episode raw) {
    String source = raw.getPointer().getSource();
    scrubber.startRecord();
    List<EpisodeAction> actions = new ArrayList<>(raw.getActions().size());
    for (EpisodeAction a : raw.getActions()) {
      EpisodeAction.Builder b =
          EpisodeAction.newBuilder(a)
              .setElapsedMs(timing.release(a.getElapsedMs(), raw.getPointer().getFile(), scrubber.pseudonyms()));
      if (a.getText() != null && !(a.getOp().equals("type") && CaptureSession.SECRET.equals(a.getText()))) {
        b.setText(scrubber.scrubPlain(a.getText()));
      }
      if (a.getName() != null) {
        b.setName(scrubber.scrubPlain(a.getName()));
      }
      actions.add(b.build());
    }
    return Episode.newBuilder(raw)
        .setOwner(raw.getOwner() == null ? null : scrubber.pseudonymOf(source, raw.getOwner()))
        .setTask(scrubber.scrubPlain(raw.getTask()))
        .setActions(actions)
        .setEntities(scrubber.counts())
        .build();
  }
}
