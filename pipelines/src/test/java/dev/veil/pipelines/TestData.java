package dev.veil.pipelines;

import java.nio.file.Path;

/** Locates the repository's {@code test-data/} from the tests (Surefire sets {@code veil.testData}). */
public final class TestData {
  private TestData() {}

  public static Path path(String relative) {
    return Path.of(System.getProperty("veil.testData", "../test-data")).resolve(relative).toAbsolutePath().normalize();
  }
}
