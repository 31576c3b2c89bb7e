package dev.veil.pipelines.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.schemas.Account;
import dev.veil.transforms.deidentify.DetectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A labelled evaluation set for the detectors: synthetic chat messages, tickets and e-mails with personal data and
 * secrets planted at known places (the gold spans), among traps that look like them and must not be found (version
 * strings, log timestamps, order numbers and card-shaped numbers failing Luhn, IBANs with wrong check digits, SSNs in
 * never-issued ranges, words that are also names, tool names, package names, public domains, file names, meeting dates,
 * commit hashes, UUIDs, ports, prices, invalid phone numbers, system paths…). It comes with the directory of its 30
 * invented employees and the detection settings (phone regions, deny-list) to run it with.
 *
 * <p>Deterministic: the same seed gives the same set, byte for byte; document {@code i} depends only on the seed and
 * {@code i}, so a smaller set is a prefix of a larger one. Outside people are drawn from name lists of this package
 * ({@code given_names.txt}, {@code surnames.txt}), kept apart from the directory's and from {@code veil generate}'s,
 * so that a name recognizer is judged on names it was not built from.
 */
public final class EvalSet {
  /** Enough documents for some 300 or more gold spans of every structured type. */
  public static final int DEFAULT_DOCS = 1500;

  /** Phone regions of the set's settings: national formats of these are found, any region's in +CC form. */
  public static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE");

  /** The set's deny-list: a customer, a supplier and project code names. */
  public static final List<String> DENY =
      List.of("Project Nightjar", "Bluefin", "Halvard Shipping", "Meridian Clinic", "Tinderbox");

  static final String DOMAIN = "kestrel.example";

  /** The employees: first and last names of our own, none shared with the outside lists or with veil generate. */
  private static final String[][] EMPLOYEES = {
    {"Thaddeus", "Pemberton"}, {"Marisol", "Achterberg"}, {"Kwabena", "Oyelaran"}, {"Ottilie", "Fairweather"},
    {"Radomir", "Strandberg"}, {"Solveig", "Quenneville"}, {"Anselm", "Thistlewood"}, {"Ifeoma", "Castellanos"},
    {"Caspian", "Drummond"}, {"Lucinda", "Eskildsen"}, {"Evander", "Featherstone"}, {"Roswitha", "Galbraith"},
    {"Tobiah", "Holmqvist"}, {"Zuzanna", "Jabłońska"}, {"Ignatius", "Kerrigan"}, {"Philippa", "Lachance"},
    {"Leopold", "Whitlock"}, {"Henrike", "Nakashima"}, {"Bartholomew", "Oyelowo"}, {"Oriane", "Pettersen"},
    {"Desmond", "Radcliffe"}, {"Perpetua", "Sandoval"}, {"Florian", "Trevelyan"}, {"Wilhelmina", "Underhill"},
    {"Cornelius", "Valcourt"}, {"Sieglinde", "Mwangi"}, {"Augustin", "Hargreaves"}, {"Imogen", "Babatunde"},
    {"Lysander", "Ikechukwu"}, {"Clémentine", "Fairclough"}
  };

  private final long seed;
  private final List<Employee> employees;
  private final List<LabelledDoc> docs;

  private EvalSet(long seed, List<Employee> employees, List<LabelledDoc> docs) {
    this.seed = seed;
    this.employees = employees;
    this.docs = docs;
  }

  /** The set of {@code count} documents for {@code seed}. */
  public static EvalSet generate(long seed, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("the set needs at least one document");
    }
    List<Employee> employees = employees(seed);
    Names names = new Names(lines("given_names.txt"), lines("surnames.txt"));
    List<LabelledDoc> docs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      SplittableRandom rnd = new SplittableRandom(mix(seed, i));
      docs.add(new DocWriter(rnd, employees, names).write(String.format(Locale.ROOT, "eval-%05d", i), i % 3));
    }
    return new EvalSet(seed, List.copyOf(employees), List.copyOf(docs));
  }

  private static List<Employee> employees(long seed) {
    SplittableRandom rnd = new SplittableRandom(mix(seed, -1));
    List<Employee> out = new ArrayList<>();
    for (int i = 0; i < EMPLOYEES.length; i++) {
      String first = EMPLOYEES[i][0];
      String last = EMPLOYEES[i][1];
      String region = i % 5 == 3 ? "GB" : i % 5 == 4 ? "DE" : "US";
      out.add(
          new Employee(
              String.format(Locale.ROOT, "U0EV%04d", 17 + i * 7),
              first,
              last,
              Employee.handleOf(i, first, last),
              Employee.emailOf(first, last, DOMAIN),
              Values.validNumber(rnd, region)));
    }
    return out;
  }

  /** A well-mixed seed for document {@code i} (SplitMix64 finalizer). */
  static long mix(long seed, long i) {
    long z = seed * 0x9E3779B97F4A7C15L + i;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static List<String> lines(String resource) {
    try (InputStream in = EvalSet.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().lines().map(String::strip).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long seed() {
    return seed;
  }

  public List<LabelledDoc> docs() {
    return docs;
  }

  /** The accounts of the set's employees, to build the identity directory from. */
  public List<Account> directory() {
    return employees.stream().map(Employee::account).toList();
  }

  /** The settings to run the set with: its phone regions, no allow-list, its deny-list. */
  public DetectionSettings settings() {
    return new DetectionSettings(PHONE_REGIONS, Set.of(), DENY);
  }

  public long characters() {
    return docs.stream().mapToLong(d -> d.text().length()).sum();
  }

  public long goldSpans() {
    return docs.stream().mapToLong(d -> d.spans().size()).sum();
  }

  /**
   * Writes the set for inspection: {@code eval-set.jsonl} (one document a line: id, genre, text, spans with type,
   * kind, start, end and the value), {@code directory.jsonl} (the employees' accounts) and {@code settings.json}.
   */
  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper mapper = new ObjectMapper();
    try (Writer w = Files.newBufferedWriter(dir.resolve("eval-set.jsonl"), StandardCharsets.UTF_8)) {
      for (LabelledDoc d : docs) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", d.id());
        n.put("genre", d.genre());
        n.put("text", d.text());
        ArrayNode spans = n.putArray("spans");
        for (GoldSpan s : d.spans()) {
          spans.addObject()
              .put("type", s.type().name())
              .put("kind", s.kind())
              .put("start", s.start())
              .put("end", s.end())
              .put("value", d.text().substring(s.start(), s.end()));
        }
        w.write(mapper.writeValueAsString(n));
        w.write('\n');
      }
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("directory.jsonl"), StandardCharsets.UTF_8)) {
      for (Employee e : employees) {
        ObjectNode n = mapper.createObjectNode();
        n.put("accountId", e.id());
        n.put("handle", e.handle());
        n.put("firstName", e.first());
        n.put("lastName", e.last());
        n.put("email", e.email());
        n.put("phone", e.phoneInternational());
        w.write(mapper.writeValueAsString(n));
        w.write('\n');
      }
    }
    ObjectNode s = mapper.createObjectNode();
    s.put("seed", seed);
    s.put("documents", docs.size());
    PHONE_REGIONS.forEach(s.putArray("phone_regions")::add);
    DENY.forEach(s.putArray("deny")::add);
    Files.writeString(
        dir.resolve("settings.json"),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(s) + "\n",
        StandardCharsets.UTF_8);
  }

  /** The outside people's name lists. */
  record Names(List<String> given, List<String> surnames) {}
}
