package dev.veil.pipelines.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text a line-oriented command reads: its FILE arguments in order, or standard input when there are none. */
final class TextInputs {
  private TextInputs() {}

  static List<BufferedReader> readers(List<Path> files) throws IOException {
    if (files == null || files.isEmpty()) {
      return List.of(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
    List<BufferedReader> readers = new ArrayList<>();
    for (Path p : files) {
      readers.add(Files.newBufferedReader(p, StandardCharsets.UTF_8));
    }
    return readers;
  }
}
