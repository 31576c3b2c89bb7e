package dev.veil.pipelines.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.veil.transforms.common.Hashes;
import dev.veil.transforms.common.Pseudonyms;
import dev.veil.transforms.deidentify.KeyTiming;
import dev.veil.transforms.read.Keystroke;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures how well typing rhythm re-identifies people: a keystroke-dynamics attacker (Killourhy &amp; Maxion 2009's
 * scaled Manhattan detector, as in Araújo et al. 2005) is enrolled on part of each person's typing and asked to name
 * the typist of the rest.
 *
 * <ol>
 *   <li>Each session's keystrokes are released as the {@link KeyTiming} option says (raw, drop, bucket, resample).
 *   <li>Samples are windows of {@value #WINDOW} consecutive keystrokes. A person with two or more sessions enrolls on
 *       the windows of the first half of their sessions (in name order, which for recorder folders is time order) and
 *       is tested on the rest; a person with one session enrolls on its first half of windows. People without both
 *       are left out.
 *   <li>Features of a window: the mean hold time of each key and the mean down-down latency of each digraph (pauses
 *       over {@value #MAX_LATENCY_MS} ms left out). The attacker keeps the features present in at least half of all
 *       windows, most frequent first, at most {@value #MAX_FEATURES} of each kind.
 *   <li>A person's template is, per feature, the mean μ and mean absolute deviation σ (at least
 *       {@value #SIGMA_FLOOR_MS} ms) over their enrollment windows. The distance of a sample to a template is
 *       Σ|x − μ|/σ over the features both have, divided by their number (so a missing feature neither helps nor
 *       hurts); no shared feature is an infinite distance.
 *   <li>Identification: a test sample is attributed to the nearest template (a tie shares the credit); top-1 accuracy
 *       is compared with chance, 1/people. Verification: genuine distances (to the sample's own template) against
 *       impostor distances (to every other template); the equal error rate is where the false accept and false
 *       reject rates cross, interpolated.
 * </ol>
 *
 * When no feature is left (times dropped, or output that carries none) there is nothing to attack: accuracy is chance
 * and the EER 0.5 by definition. Deterministic: the same data, option and seed give the same figures.
 */
public final class TypingRisk {
  static final int WINDOW = 100;
  static final long MAX_LATENCY_MS = 1500;
  static final double MIN_PRESENCE = 0.5;
  static final int MAX_FEATURES = 30;
  static final double SIGMA_FLOOR_MS = 1.0;

  private TypingRisk() {}

  /** The attack's result for one option. */
  public record Result(
      String option, int people, int enrollment, int samples, int features, double top1, double eer) {
    public double chance() {
      return people == 0 ? 0 : 1.0 / people;
    }

    public double ratio() {
      return people == 0 ? 0 : top1 / chance();
    }

    public boolean nothingToAttack() {
      return features == 0;
    }

    ObjectNode json(ObjectMapper mapper) {
      ObjectNode n = mapper.createObjectNode();
      n.put("option", option);
      n.put("people", people);
      n.put("enrollment_windows", enrollment);
      n.put("test_samples", samples);
      n.put("features", features);
      n.put("top1_accuracy", top1);
      n.put("chance", chance());
      n.put("ratio_to_chance", ratio());
      n.put("eer", eer);
      n.put("nothing_to_attack", nothingToAttack());
      return n;
    }
  }

  /** A data set's results under several options. */
  public record Report(TypingData.Data data, long seed, List<Result> results) {
    public String markdown() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT,
          "Typing risk (%s): %,d sessions, %,d people, %,d keystrokes (%,d with times)", data.kind(),
          data.sessions().size(), data.people(), data.keystrokes(), data.timedKeystrokes()));
      if (data.actionTimes() > 0) {
        sb.append(String.format(Locale.ROOT, ", %,d per-action times", data.actionTimes()));
      }
      if (data.unowned() > 0) {
        sb.append(String.format(Locale.ROOT, "; %,d sessions without an owner left out", data.unowned()));
      }
      sb.append(String.format(Locale.ROOT, "; windows of %d keystrokes; seed %d.%n", WINDOW, seed));
      long[] holds = data.holds();
      long[] latencies = data.latencies();
      if (holds.length > 0 || latencies.length > 0) {
        sb.append(String.format(Locale.ROOT,
            "Timing in the data: %,d hold times, %s; %,d down-down latencies, %s.%n", holds.length, quartiles(holds),
            latencies.length, quartiles(latencies)));
      }
      sb.append('\n');
      sb.append("| option | people | test samples | features | top-1 accuracy | chance | × chance | EER |\n");
      sb.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Result r : results) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.2f | %.3f |%n", r.option(),
            r.people(), r.samples(), r.features(), r.top1(), r.chance(), r.ratio(), r.eer()));
      }
      for (Result r : results) {
        if (r.people() == 0) {
          sb.append(String.format(Locale.ROOT,
              "%n%s: too little typing: no person has both an enrollment and a test window.%n", r.option()));
        } else if (r.nothingToAttack()) {
          sb.append(String.format(Locale.ROOT, "%n%s: no timing features: nothing to attack.%n", r.option()));
        }
      }
      return sb.toString();
    }

    public ObjectNode json(ObjectMapper mapper) {
      ObjectNode n = mapper.createObjectNode();
      n.put("data", data.kind());
      n.put("sessions", data.sessions().size());
      n.put("people", data.people());
      n.put("keystrokes", data.keystrokes());
      n.put("timed_keystrokes", data.timedKeystrokes());
      n.put("action_times", data.actionTimes());
      n.put("unowned_sessions", data.unowned());
      n.put("window", WINDOW);
      n.put("hold_median_ms", median(data.holds()));
      n.put("latency_median_ms", median(data.latencies()));
      n.put("seed", seed);
      ArrayNode rs = n.putArray("results");
      results.forEach(r -> rs.add(r.json(mapper)));
      return n;
    }
  }

  private static String quartiles(long[] sorted) {
    if (sorted.length == 0) {
      return "none";
    }
    return String.format(Locale.ROOT, "median %d ms (quartiles %d–%d ms)", sorted[(sorted.length - 1) / 2],
        sorted[(sorted.length - 1) / 4], sorted[(3 * (sorted.length - 1)) / 4]);
  }

  private static long median(long[] sorted) {
    return sorted.length == 0 ? -1 : sorted[(sorted.length - 1) / 2];
  }

  /** The options {@code --all} runs: raw, drop, bucket at 10, 50, 100 and 250 ms, resample. */
  public static List<String> allOptions() {
    return List.of("raw", "drop", "bucket:10", "bucket:50", "bucket:100", "bucket:250", "resample");
  }

  /**
   * Runs the attack on {@code data} under each option ({@code raw}, {@code drop}, {@code bucket:MS},
   * {@code resample}). The keyed offsets and draws use a key derived from {@code seed}; resample draws from the
   * population of the data's own raw timings.
   */
  public static Report run(TypingData.Data data, List<String> options, long seed) {
    Pseudonyms pseudonyms =
        new Pseudonyms(Hashes.sha256(("veil risk typing " + seed).getBytes(StandardCharsets.UTF_8)));
    List<Result> results = new ArrayList<>();
    for (String option : options) {
      results.add(attack(release(data.sessions(), parse(option, data.sessions()), pseudonyms), option));
    }
    return new Report(data, seed, results);
  }

  /** Parses an option name; throws IllegalArgumentException (with the name only) when it is not one. */
  public static KeyTiming parse(String option, List<TypingData.Session> sessions) {
    if (option.equals("raw")) {
      return KeyTiming.raw();
    }
    if (option.equals("drop")) {
      return KeyTiming.drop();
    }
    if (option.equals("resample")) {
      KeyTiming.Population.Builder b = KeyTiming.Population.builder();
      sessions.forEach(s -> b.add(s.keys()));
      KeyTiming.Population population = b.build();
      // Nothing timed to draw from: resampling releases nothing, as drop does.
      return population.isEmpty() ? KeyTiming.drop() : KeyTiming.resample(population);
    }
    if (option.startsWith("bucket:")) {
      try {
        return KeyTiming.bucket(Integer.parseInt(option.substring("bucket:".length())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bucket needs a resolution in ms, e.g. bucket:50");
      }
    }
    throw new IllegalArgumentException("unknown option '" + option + "': raw, drop, bucket:MS or resample");
  }

  static List<TypingData.Session> release(List<TypingData.Session> sessions, KeyTiming option, Pseudonyms p) {
    List<TypingData.Session> out = new ArrayList<>(sessions.size());
    for (TypingData.Session s : sessions) {
      out.add(new TypingData.Session(s.person(), s.name(), option.release(s.keys(), s.name(), p)));
    }
    return out;
  }

  /** The attack on sessions as released. */
  static Result attack(List<TypingData.Session> sessions, String option) {
    Map<Integer, List<TypingData.Session>> byPerson = new TreeMap<>();
    sessions.forEach(s -> byPerson.computeIfAbsent(s.person(), p -> new ArrayList<>()).add(s));
    List<List<Map<String, Double>>> enroll = new ArrayList<>();
    List<List<Map<String, Double>>> test = new ArrayList<>();
    for (List<TypingData.Session> own : byPerson.values()) {
      List<Map<String, Double>> e = new ArrayList<>();
      List<Map<String, Double>> t = new ArrayList<>();
      if (own.size() >= 2) {
        int half = (own.size() + 1) / 2;
        for (int i = 0; i < own.size(); i++) {
          (i < half ? e : t).addAll(windows(own.get(i).keys()));
        }
      } else {
        List<Map<String, Double>> w = windows(own.get(0).keys());
        int half = (w.size() + 1) / 2;
        e.addAll(w.subList(0, half));
        t.addAll(w.subList(half, w.size()));
      }
      if (!e.isEmpty() && !t.isEmpty()) {
        enroll.add(e);
        test.add(t);
      }
    }
    int people = enroll.size();
    int samples = test.stream().mapToInt(List::size).sum();
    int enrollment = enroll.stream().mapToInt(List::size).sum();
    List<String> features = select(enroll, test);
    if (features.isEmpty() || samples == 0) {
      return new Result(option, people, enrollment, samples, 0, people == 0 ? 0 : 1.0 / people, 0.5);
    }
    List<Template> templates = enroll.stream().map(w -> Template.of(w, features)).toList();
    double correct = 0;
    List<Double> genuine = new ArrayList<>();
    List<Double> impostor = new ArrayList<>();
    for (int person = 0; person < people; person++) {
      for (Map<String, Double> x : test.get(person)) {
        double[] d = new double[people];
        for (int q = 0; q < people; q++) {
          d[q] = templates.get(q).distance(x);
          (q == person ? genuine : impostor).add(d[q]);
        }
        double min = Arrays.stream(d).min().orElseThrow();
        if (d[person] == min) {
          correct += 1.0 / Arrays.stream(d).filter(v -> v == min).count();
        }
      }
    }
    return new Result(
        option, people, enrollment, samples, features.size(), correct / samples,
        equalErrorRate(
            genuine.stream().mapToDouble(Double::doubleValue).toArray(),
            impostor.stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Windows of {@value #WINDOW} keystrokes (a shorter last window is left out), as feature maps. */
  static List<Map<String, Double>> windows(List<Keystroke> keys) {
    List<Map<String, Double>> out = new ArrayList<>();
    for (int start = 0; start + WINDOW <= keys.size(); start += WINDOW) {
      out.add(features(keys.subList(start, start + WINDOW)));
    }
    return out;
  }

  /** {@code hold <key>}: mean hold time; {@code dd <key> <key>}: mean down-down latency of the digraph. */
  static Map<String, Double> features(List<Keystroke> keys) {
    Map<String, double[]> sums = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Keystroke k = keys.get(i);
      if (k.holdMs() >= 0) {
        add(sums, "hold " + k.key(), k.holdMs());
      }
      if (i > 0 && k.timed() && keys.get(i - 1).timed()) {
        long latency = k.downMs() - keys.get(i - 1).downMs();
        if (latency >= 0 && latency <= MAX_LATENCY_MS) {
          add(sums, "dd " + keys.get(i - 1).key() + " " + k.key(), latency);
        }
      }
    }
    Map<String, Double> out = new TreeMap<>();
    sums.forEach((f, s) -> out.put(f, s[0] / s[1]));
    return out;
  }

  private static void add(Map<String, double[]> sums, String feature, double v) {
    double[] s = sums.computeIfAbsent(feature, f -> new double[2]);
    s[0] += v;
    s[1]++;
  }

  /** Features in at least half of all windows, most frequent first, at most {@value #MAX_FEATURES} of each kind. */
  static List<String> select(List<List<Map<String, Double>>> enroll, List<List<Map<String, Double>>> test) {
    Map<String, Integer> presence = new TreeMap<>();
    int windows = 0;
    for (List<List<Map<String, Double>>> set : List.of(enroll, test)) {
      for (List<Map<String, Double>> person : set) {
        for (Map<String, Double> w : person) {
          windows++;
          w.keySet().forEach(f -> presence.merge(f, 1, Integer::sum));
        }
      }
    }
    int min = (int) Math.ceil(windows * MIN_PRESENCE);
    List<String> out = new ArrayList<>();
    for (String kind : List.of("hold ", "dd ")) {
      presence.entrySet().stream()
          .filter(e -> e.getKey().startsWith(kind) && e.getValue() >= Math.max(1, min))
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(MAX_FEATURES)
          .forEach(e -> out.add(e.getKey()));
    }
    return out;
  }

  /** A person's template: per feature, mean and mean absolute deviation over the enrollment windows. */
  record Template(Map<String, double[]> byFeature) {
    static Template of(List<Map<String, Double>> windows, List<String> features) {
      Map<String, double[]> t = new TreeMap<>();
      for (String f : features) {
        double[] values = windows.stream().filter(w -> w.containsKey(f)).mapToDouble(w -> w.get(f)).toArray();
        if (values.length > 0) {
          double mean = Arrays.stream(values).average().orElseThrow();
          double mad = Arrays.stream(values).map(v -> Math.abs(v - mean)).average().orElseThrow();
          t.put(f, new double[] {mean, Math.max(mad, SIGMA_FLOOR_MS)});
        }
      }
      return new Template(t);
    }

    /** Scaled Manhattan distance over the shared features, per feature; infinite when none is shared. */
    double distance(Map<String, Double> x) {
      double sum = 0;
      int n = 0;
      for (Map.Entry<String, double[]> e : byFeature.entrySet()) {
        Double v = x.get(e.getKey());
        if (v != null) {
          sum += Math.abs(v - e.getValue()[0]) / e.getValue()[1];
          n++;
        }
      }
      return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    }
  }

  /** Σ|x − μ|/σ over the features: the scaled Manhattan distance itself (for tests and reference). */
  static double scaledManhattan(double[] x, double[] mean, double[] sigma) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs(x[i] - mean[i]) / sigma[i];
    }
    return sum;
  }

  /**
   * The equal error rate of a distance-based verifier: accept when the distance is at most a threshold. Thresholds
   * are swept over every observed distance; FAR = impostors accepted, FRR = genuine rejected; between the last
   * threshold where FAR &lt; FRR and the first where FAR ≥ FRR both rates are interpolated linearly to where they meet.
   */
  static double equalErrorRate(double[] genuine, double[] impostor) {
    if (genuine.length == 0 || impostor.length == 0) {
      return 0.5;
    }
    double[] g = genuine.clone();
    double[] im = impostor.clone();
    Arrays.sort(g);
    Arrays.sort(im);
    double[] thresholds = new double[g.length + im.length];
    System.arraycopy(g, 0, thresholds, 0, g.length);
    System.arraycopy(im, 0, thresholds, g.length, im.length);
    Arrays.sort(thresholds);
    double prevFar = 0;
    double prevFrr = 1;
    int gi = 0;
    int ii = 0;
    for (int t = 0; t < thresholds.length; t++) {
      if (t > 0 && thresholds[t] == thresholds[t - 1]) {
        continue;
      }
      double th = thresholds[t];
      while (gi < g.length && g[gi] <= th) {
        gi++;
      }
      while (ii < im.length && im[ii] <= th) {
        ii++;
      }
      double far = ii / (double) im.length;
      double frr = 1 - gi / (double) g.length;
      if (far >= frr) {
        double dPrev = prevFar - prevFrr;
        double dNow = far - frr;
        double alpha = dNow == dPrev ? 0 : -dPrev / (dNow - dPrev);
        return prevFar + alpha * (far - prevFar);
      }
      prevFar = far;
      prevFrr = frr;
    }
    return 0.5;
  }
}
