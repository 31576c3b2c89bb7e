package dev.veil.transforms.read;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * A parsing DoFn that reads listed files where they lie: it owns one {@link FileContents} (open zip archives) for its
 * lifetime, opened in {@code @Setup} and closed in {@code @Teardown}. Beam allows one {@code @Setup} per DoFn: a
 * subclass with more to set up overrides {@link #openContents()} and calls it first.
 */
abstract class FileReadingFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
  private static final long serialVersionUID = 1L;
  protected transient FileContents contents;

  @Setup
  public void openContents() {
    contents = new FileContents();
  }

  @Teardown
  public void closeContents() throws IOException {
    if (contents != null) {
      contents.close();
    }
  }
}
