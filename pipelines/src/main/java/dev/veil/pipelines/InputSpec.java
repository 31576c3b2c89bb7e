package dev.veil.pipelines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code --input KIND=PATH}. Its label, {@code kind:name}, names the input in the policy's license table, the
 * manifest and the quarantine; {@code name} is the file or directory name without {@code .zip}, made unique by a
 * {@code -2}, {@code -3} … suffix when two inputs share it.
 */
public record InputSpec(String kind, String label, Path path) {
  public static final String SLACK = "slack";
  public static final String JIRA = "jira";
  public static final String CAPTURE = "capture";
  public static final String MATTERMOST = "mattermost";
  public static final String MBOX = "mbox";

  /** Kinds this build reads. */
  public static final List<String> KINDS = List.of(SLACK, MATTERMOST, MBOX, JIRA, CAPTURE);

  public static InputSpec parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("--input must be KIND=PATH, got '" + spec + "'");
    }
    String kind = spec.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("--input kind '" + kind + "' is not supported; supported: " + KINDS);
    }
    Path path = Path.of(spec.substring(eq + 1)).toAbsolutePath().normalize();
    String name = path.getFileName() == null ? kind : path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && !java.nio.file.Files.isDirectory(path)) {
      name = name.substring(0, dot);
    }
    return new InputSpec(kind, kind + ":" + name, path);
  }

  /** Parses all inputs, making labels unique in the order given. */
  public static List<InputSpec> parseAll(List<String> specs) {
    List<InputSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String s : specs) {
      InputSpec in = parse(s);
      String label = in.label();
      for (int i = 2; !seen.add(label); i++) {
        label = in.label() + "-" + i;
      }
      out.add(new InputSpec(in.kind(), label, in.path()));
    }
    return out;
  }
}
