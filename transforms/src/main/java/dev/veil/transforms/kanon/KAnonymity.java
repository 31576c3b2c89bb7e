package dev.veil.transforms.kanon;

import java.util.Arrays;
import java.util.Locale;

/**
 * Optimal full-domain k-anonymity over a {@link QiTable}: every attribute is generalized to one level of its
 * hierarchy, records in classes smaller than k are suppressed, and the node of the generalization lattice with the
 * least information loss among those within the suppression limit wins. The search walks the lattice bottom-up by
 * total level, binary-searching chains to the top for the first node within the limit; feasibility is monotonic (a node
 * more general than a feasible one is feasible), so each result tags a whole up- or down-set. The loss is then computed
 * on feasible nodes bottom-up, skipping every node whose inherited lower bound is no better than the best found. Metrics are ARX's, so results can be
 * compared with it: {@code discernibility} (Σ|class|² + suppressed × N), {@code loss} (the loss metric) and
 * {@code entropy} (non-uniform entropy, generalization/suppression factor 0.1, monotonic).
 */
public final class KAnonymity {
  public enum Metric {
    DISCERNIBILITY,
    LOSS,
    ENTROPY;

    public static Metric of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "discernibility" -> DISCERNIBILITY;
        case "loss" -> LOSS;
        case "entropy" -> ENTROPY;
        default -> throw new IllegalArgumentException("metric must be discernibility, loss or entropy, got " + name);
      };
    }
  }

  /** The chosen generalization and what it costs. {@code levels} is null when no node meets k within the limit. */
  public record Result(int[] levels, long suppressed, int classes, double informationLoss, long evaluated, long millis) {}

  private final QiTable table;
  private final int k;
  /** Distinct l-diversity of the sensitive attribute; 1 when none is asked for. */
  private final int l;
  private final long maxSuppressed;
  private final Metric metric;
  private final int a;
  private final int[] heights;
  /** ARX's factors for generalization/suppression factor gs: g = gs ≤ 0.5 ? 1 : 1 − 2(gs − 0.5); s = gs ≤ 0.5 ? 2gs : 1. */
  private final double sFactor;
  private final long[][][] contribution;
  /** [attribute][level][tuple] → what the tuple's value costs kept at that level (loss and entropy metrics). */
  private final double[][][] costColumn;

  public KAnonymity(QiTable table, int k, double suppressionLimit, Metric metric) {
    this(table, k, 1, suppressionLimit, metric);
  }

  /**
   * With distinct l-diversity as well: a class is kept only if it has at least k records and at least {@code l}
   * distinct values of the table's sensitive attribute (both properties survive generalization, so the search's
   * monotonicity holds).
   */
  public KAnonymity(QiTable table, int k, int l, double suppressionLimit, Metric metric) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1");
    }
    if (l < 1 || (l > 1 && !table.hasSensitive())) {
      throw new IllegalArgumentException("l must be at least 1, and l > 1 needs a sensitive attribute");
    }
    this.l = l;
    if (suppressionLimit < 0 || suppressionLimit > 1) {
      throw new IllegalArgumentException("the suppression limit must be in [0, 1]");
    }
    this.table = table;
    this.k = k;
    this.maxSuppressed = (long) Math.floor(suppressionLimit * table.records);
    this.metric = metric;
    this.a = table.attributes();
    this.heights = new int[a];
    for (int j = 0; j < a; j++) {
      heights[j] = table.height(j);
    }
    double gs = metric == Metric.ENTROPY ? 0.1 : 0.5;
    this.sFactor = gs <= 0.5 ? 2 * gs : 1;
    this.cost = metric == Metric.DISCERNIBILITY ? null : valueCosts(table, metric);
    this.contribution = contributions(table);
    this.costColumn = cost == null ? null : new double[a][][];
    for (int j = 0; j < a && cost != null; j++) {
      costColumn[j] = new double[heights[j]][table.tuples.length];
      for (int lv = 0; lv < heights[j]; lv++) {
        for (int i = 0; i < table.tuples.length; i++) {
          costColumn[j][lv][i] = cost[j][lv][table.tuples[i][j]];
        }
      }
    }
    this.suppressedCost = new double[table.tuples.length];
    for (int i = 0; i < table.tuples.length && cost != null; i++) {
      double c = 0;
      for (int j = 0; j < a; j++) {
        c += cost[j][heights[j] - 1][table.tuples[i][j]];
      }
      suppressedCost[i] = c * sFactor;
    }
  }

  public Result solve() {
    long start = System.nanoTime();
    int total = 1;
    for (int h : heights) {
      total = Math.multiplyExact(total, h);
    }
    // 1 feasible, -1 infeasible, 0 not known yet; each found by evaluation or implied by monotonicity.
    byte[] tag = new byte[total];
    long evaluated = 0;
    int[] levels = new int[a];
    Integer[] order = bottomUp(total);
    for (int node : order) {
      if (tag[node] != 0) {
        continue;
      }
      // A chain from this node to the top (one attribute up at a step), binary-searched for the first feasible node.
      int[] path = upwardPath(node);
      int lo = 0;
      int hi = path.length; // the first feasible index is in [lo, hi]; hi = length means none
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        byte t = tag[path[mid]];
        if (t == 0) {
          decode(path[mid], levels);
          evaluated++;
          t = feasibleAt(levels) ? (byte) 1 : (byte) -1;
          spread(path[mid], t, tag);
        }
        if (t > 0) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
    }
    // The optimum: every feasible node is a candidate (the metrics are not monotonic once suppression is counted: a
    // more general node can rescue suppressed records and cost less). A node's lower bound holds for everything above
    // it (see lowerBound), so a node whose inherited bound is no better than the best found is skipped, unevaluated.
    double[] bound = new double[total];
    int[] best = null;
    Evaluation bestEval = null;
    for (int node : order) {
      decode(node, levels);
      double inherited = 0;
      for (int j = 0; j < a; j++) {
        if (levels[j] > 0) {
          levels[j]--;
          inherited = Math.max(inherited, bound[encode(levels)]);
          levels[j]++;
        }
      }
      bound[node] = inherited;
      if (tag[node] <= 0 || (bestEval != null && inherited >= bestEval.loss)) {
        continue;
      }
      evaluated++;
      Evaluation e = evaluate(levels);
      bound[node] = Math.max(inherited, e.bound);
      if (e.suppressed <= maxSuppressed
          && (bestEval == null || e.loss < bestEval.loss)) {
        bestEval = e;
        best = levels.clone();
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000L;
    return best == null
        ? new Result(null, 0, 0, Double.NaN, evaluated, millis)
        : new Result(best, bestEval.suppressed, bestEval.classes, bestEval.loss, evaluated, millis);
  }

  /** Node numbers by total level, then number: predecessors always first. */
  private Integer[] bottomUp(int total) {
    Integer[] order = new Integer[total];
    int[] sums = new int[total];
    int[] levels = new int[a];
    for (int n = 0; n < total; n++) {
      order[n] = n;
      decode(n, levels);
      sums[n] = sum(levels);
    }
    Arrays.sort(order, (x, y) -> sums[x] != sums[y] ? Integer.compare(sums[x], sums[y]) : Integer.compare(x, y));
    return order;
  }

  /** The node, then one attribute up at each step (the first that can go up) until every attribute is at its top. */
  private int[] upwardPath(int node) {
    int[] levels = new int[a];
    decode(node, levels);
    int steps = 0;
    for (int j = 0; j < a; j++) {
      steps += heights[j] - 1 - levels[j];
    }
    int[] path = new int[steps + 1];
    path[0] = node;
    for (int s = 1; s <= steps; s++) {
      for (int j = 0; j < a; j++) {
        if (levels[j] < heights[j] - 1) {
          levels[j]++;
          break;
        }
      }
      path[s] = encode(levels);
    }
    return path;
  }

  /** Tags a node and, by monotonicity, everything above a feasible one or below an infeasible one. */
  private void spread(int node, byte t, byte[] tag) {
    java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
    tag[node] = t;
    todo.add(node);
    int[] levels = new int[a];
    while (!todo.isEmpty()) {
      int n = todo.poll();
      decode(n, levels);
      for (int j = 0; j < a; j++) {
        int next = levels[j] + (t > 0 ? 1 : -1);
        if (next < 0 || next >= heights[j]) {
          continue;
        }
        int was = levels[j];
        levels[j] = next;
        int m = encode(levels);
        levels[j] = was;
        if (tag[m] == 0) {
          tag[m] = t;
          todo.add(m);
        }
      }
    }
  }

  private int encode(int[] levels) {
    int node = 0;
    for (int j = a - 1; j >= 0; j--) {
      node = node * heights[j] + levels[j];
    }
    return node;
  }

  private void decode(int node, int[] levels) {
    for (int j = 0; j < a; j++) {
      levels[j] = node % heights[j];
      node /= heights[j];
    }
  }

  private static int sum(int[] levels) {
    int s = 0;
    for (int l : levels) {
      s += l;
    }
    return s;
  }

  private LongLongMap scratch;
  private long[] keyScratch;

  /** Per distinct tuple of the table ({@link QiTable#tupleOf}), whether its class is suppressed at {@code levels}. */
  public boolean[] suppressedAt(int[] levels) {
    long[] keys = keysOf(levels);
    LongLongMap sizes = sizesOf(keys);
    LongLongMap diversity = diversityOf(keys);
    boolean[] out = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = !kept(sizes.get(keys[i]), keys[i], diversity);
    }
    return out;
  }

  /** Whether the node keeps suppression within the limit (classes only; no metric). */
  boolean feasibleAt(int[] levels) {
    long[] keys = keysOf(levels);
    LongLongMap sizes = sizesOf(keys);
    LongLongMap diversity = diversityOf(keys);
    long suppressed = 0;
    for (int q = 0; q < sizes.size(); q++) {
      int s = sizes.slotAt(q);
      long c = sizes.valueAt(s);
      if (!kept(c, sizes.keyAt(s), diversity)) {
        suppressed += c;
        if (suppressed > maxSuppressed) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Each tuple's class key at {@code levels}: Σ_j generalized id × the product of the level-0 cardinalities before j
   * (ids never exceed level 0's). Kept for the last node asked, and updated column by column for the attributes whose
   * level differs, so neighbouring nodes cost one pass per changed attribute.
   */
  private long[] keysOf(int[] levels) {
    int n = table.tuples.length;
    if (keyScratch == null) {
      keyScratch = new long[n];
      keyLevels = new int[a];
      for (int j = 0; j < a; j++) {
        long[] c = contribution[j][0];
        for (int i = 0; i < n; i++) {
          keyScratch[i] += c[i];
        }
      }
    }
    long[] keys = keyScratch;
    for (int j = 0; j < a; j++) {
      if (levels[j] != keyLevels[j]) {
        long[] from = contribution[j][keyLevels[j]];
        long[] to = contribution[j][levels[j]];
        for (int i = 0; i < n; i++) {
          keys[i] += to[i] - from[i];
        }
        keyLevels[j] = levels[j];
      }
    }
    return keys;
  }

  /** Levels {@link #keyScratch} is keyed at. */
  private int[] keyLevels;

  /** [attribute][level][tuple] → its generalized id × the attribute's radix weight: class keys are sums of these. */
  private static long[][][] contributions(QiTable table) {
    int a = table.attributes();
    int n = table.tuples.length;
    long[][][] out = new long[a][][];
    long weight = 1;
    for (int j = 0; j < a; j++) {
      out[j] = new long[table.height(j)][n];
      for (int l = 0; l < table.height(j); l++) {
        int[] g = table.generalized[j][l];
        for (int i = 0; i < n; i++) {
          out[j][l][i] = g[table.tuples[i][j]] * weight;
        }
      }
      try {
        weight = Math.multiplyExact(weight, Math.max(1, table.cardinality[j][0]));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "too many distinct values across the quasi-identifiers to key their combinations in 64 bits; use fewer"
                + " quasi-identifiers or coarser values");
      }
    }
    return out;
  }

  /** Per tuple, its class's slot in {@link #scratch} (set by {@link #sizesOf}). */
  private int[] slotScratch;

  private LongLongMap sizesOf(long[] keys) {
    if (scratch == null) {
      scratch = new LongLongMap(keys.length);
    }
    scratch.clear();
    if (slotScratch == null) {
      slotScratch = new int[keys.length];
    }
    for (int i = 0; i < keys.length; i++) {
      slotScratch[i] = scratch.addAt(keys[i], table.counts[i]);
    }
    return scratch;
  }

  private LongLongMap pairScratch;
  private LongLongMap diversityScratch;

  /** Per class, its number of distinct sensitive values; null without l-diversity. */
  private LongLongMap diversityOf(long[] keys) {
    if (l <= 1) {
      return null;
    }
    if (pairScratch == null) {
      pairScratch = new LongLongMap(keys.length);
      diversityScratch = new LongLongMap(keys.length);
    }
    pairScratch.clear();
    diversityScratch.clear();
    long values = table.sensitive.length + 1L;
    for (int i = 0; i < keys.length; i++) {
      if (pairScratch.addNew(Math.addExact(Math.multiplyExact(keys[i], values), table.sensitive[i]), 1)) {
        diversityScratch.add(keys[i], 1);
      }
    }
    return diversityScratch;
  }

  /** Whether a class of {@code size} records is released (k, and l distinct sensitive values when asked). */
  private boolean kept(long size, long key, LongLongMap diversity) {
    return size >= k && (diversity == null || diversity.get(key) >= l);
  }

  /** A node's suppression, classes and loss, and a lower bound on the loss of this node and every node above it. */
  record Evaluation(long suppressed, int classes, double loss, double bound) {}

  /** The node's equivalence classes, then the metric over kept and suppressed records. */
  Evaluation evaluate(int[] levels) {
    long[] keys = keysOf(levels);
    LongLongMap sizes = sizesOf(keys);
    LongLongMap diversity = diversityOf(keys);
    long suppressed = 0;
    int classes = 0;
    double discernibility = 0;
    double allSquares = 0;
    for (int q = 0; q < sizes.size(); q++) {
      int s = sizes.slotAt(q);
      long c = sizes.valueAt(s);
      allSquares += (double) c * c;
      if (!kept(c, sizes.keyAt(s), diversity)) {
        suppressed += c;
      } else {
        classes++;
        discernibility += (double) c * c;
      }
    }
    double loss;
    double bound;
    switch (metric) {
      case DISCERNIBILITY -> {
        loss = discernibility + (double) suppressed * table.records;
        // Above this node classes only merge (Σc² grows) and a suppressed record costs N ≥ its class's size.
        bound = allSquares;
      }
      default -> {
        double[] lb = new double[1];
        loss = lossAndBound(levels, keys, sizes, diversity, lb);
        bound = lb[0];
      }
    }
    return new Evaluation(suppressed, classes, loss, bound);
  }

  /**
   * Per attribute, level and value id, what a kept value costs. Non-uniform entropy: log2(F(g_l(v)) / F(v)), F the
   * frequencies in the whole input. The loss metric: (leaves under g_l(v) − 1) / (values of the attribute − 1).
   */
  private static double[][][] valueCosts(QiTable table, Metric metric) {
    int a = table.attributes();
    double[][][] cost = new double[a][][];
    for (int j = 0; j < a; j++) {
      int values = table.valueFrequency[j].length;
      int height = table.height(j);
      cost[j] = new double[height][values];
      for (int l = 0; l < height; l++) {
        int[] g = table.generalized[j][l];
        int[] leaves = new int[table.cardinality[j][l]];
        for (int v = 0; v < values; v++) {
          leaves[g[v]]++;
        }
        for (int v = 0; v < values; v++) {
          cost[j][l][v] =
              metric == Metric.ENTROPY
                  ? log2((double) table.frequency[j][l][g[v]] / table.valueFrequency[j][v])
                  : values <= 1 ? 0 : (leaves[g[v]] - 1) / (double) (values - 1);
        }
      }
    }
    return cost;
  }

  /** Per value, the cost table of the loss and entropy metrics (null for discernibility). */
  private final double[][][] cost;
  /** Per distinct tuple, what it costs suppressed: its values at the top level × sFactor. */
  private final double[] suppressedCost;

  /**
   * The node's loss (kept records at these levels, suppressed ones at the top level × sFactor), and in {@code bound[0]}
   * a lower bound for this node and every feasible node above it. Above, a record costs at least its cost here when
   * kept and its suppressed cost when suppressed, and a feasible node suppresses at most maxSuppressed records; so both
   * Σ min(kept, suppressed) and Σ kept − maxSuppressed × max(kept − suppressed) bound it.
   */
  private double lossAndBound(
      int[] levels, long[] keys, LongLongMap sizes, LongLongMap diversity, double[] bound) {
    int tuples = keys.length;
    if (keptScratch == null) {
      keptScratch = new double[tuples];
    }
    double[] keptCost = keptScratch;
    java.util.Arrays.fill(keptCost, 0);
    for (int j = 0; j < a; j++) {
      double[] c = costColumn[j][levels[j]];
      for (int i = 0; i < tuples; i++) {
        keptCost[i] += c[i];
      }
    }
    double loss = 0;
    double boundMin = 0;
    double sumKept = 0;
    double maxDiff = 0;
    for (int i = 0; i < tuples; i++) {
      double kept = keptCost[i];
      double sup = suppressedCost[i];
      long n = table.counts[i];
      loss += n * (kept(sizes.valueAt(slotScratch[i]), keys[i], diversity) ? kept : sup);
      boundMin += n * Math.min(kept, sup);
      sumKept += n * kept;
      maxDiff = Math.max(maxDiff, kept - sup);
    }
    bound[0] = Math.max(boundMin, sumKept - maxSuppressed * maxDiff);
    return loss;
  }

  private double[] keptScratch;

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * Open-addressing long → long sums (class sizes), no boxing. It remembers the slots it fills, so clearing it and
   * walking its entries cost the number of entries, not its capacity.
   */
  static final class LongLongMap {
    private final long[] keys;
    private final long[] values;
    private final boolean[] used;
    private final int[] filled;
    private int size;
    private final int mask;

    LongLongMap(int expected) {
      int cap = Integer.highestOneBit(Math.max(16, expected * 2)) << 1;
      keys = new long[cap];
      values = new long[cap];
      used = new boolean[cap];
      filled = new int[cap];
      mask = cap - 1;
    }

    void add(long key, long value) {
      addAt(key, value);
    }

    /** Adds, and returns the key's slot. */
    int addAt(long key, long value) {
      int s = slot(key);
      if (!used[s]) {
        used[s] = true;
        keys[s] = key;
        filled[size++] = s;
      }
      values[s] += value;
      return s;
    }

    /** Adds, and says whether the key was new. */
    boolean addNew(long key, long value) {
      int before = size;
      addAt(key, value);
      return size > before;
    }

    long get(long key) {
      int s = slot(key);
      return used[s] ? values[s] : 0;
    }

    void clear() {
      for (int q = 0; q < size; q++) {
        used[filled[q]] = false;
        values[filled[q]] = 0;
      }
      size = 0;
    }

    private int slot(long key) {
      int s = (int) (mix(key) & mask);
      while (used[s] && keys[s] != key) {
        s = (s + 1) & mask;
      }
      return s;
    }

    /** Number of entries. */
    int size() {
      return size;
    }

    /** The slot of the q-th entry added. */
    int slotAt(int q) {
      return filled[q];
    }

    long keyAt(int s) {
      return keys[s];
    }

    long valueAt(int s) {
      return values[s];
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
      return z ^ (z >>> 33);
    }
  }
}
