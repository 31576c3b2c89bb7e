package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SortedSpillTest {
  @Test
  void readsRecordsBackInKeyOrderWithTiesByTheirBytes() {
    List<String[]> records = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      // Few distinct keys, so ties are common; records of very different lengths, some empty.
      records.add(new String[] {"k" + r.nextInt(50), "v".repeat(r.nextInt(300)) + r.nextInt(1000)});
    }
    records.add(new String[] {"k7", ""});
    // Values here are ASCII, so the unsigned byte order of ties is the string order.
    List<String> expected =
        records.stream()
            .sorted(java.util.Comparator.comparing((String[] kv) -> kv[0]).thenComparing(kv -> kv[1]))
            .map(kv -> kv[0] + "=" + kv[1])
            .toList();
    for (long seed = 0; seed < 3; seed++) {
      List<String[]> arrival = new ArrayList<>(records);
      Collections.shuffle(arrival, new Random(seed));
      try (SortedSpill spill = new SortedSpill("veil-test-")) {
        for (String[] kv : arrival) {
          spill.add(kv[0], kv[1].getBytes(StandardCharsets.UTF_8));
        }
        List<String> found = new ArrayList<>();
        for (int i : spill.sortedOrder()) {
          found.add(spill.key(i) + "=" + new String(spill.read(i), StandardCharsets.UTF_8));
        }
        assertThat(found).isEqualTo(expected);
      }
    }
  }

  @Test
  void theSpillFileIsRemovedOnCloseAndNothingIsAddedAfterReading() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = spills(tmp);
    SortedSpill spill = new SortedSpill("veil-closetest-");
    spill.add("b", new byte[] {2});
    spill.add("a", new byte[] {1});
    assertThat(spills(tmp)).hasSize(before.size() + 1);
    assertThat(spill.read(spill.sortedOrder()[0])).containsExactly(1);
    assertThatThrownBy(() -> spill.add("c", new byte[] {3})).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> spill.read(2)).isInstanceOf(IndexOutOfBoundsException.class);
    spill.close();
    assertThat(spills(tmp)).isEqualTo(before);
  }

  @Test
  void anEmptySpillSortsToNothingAndNeedsNoFile() {
    try (SortedSpill spill = new SortedSpill("veil-test-")) {
      assertThat(spill.sortedOrder()).isEmpty();
      assertThat(spill.size()).isZero();
    }
  }

  private static List<Path> spills(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("veil-closetest-")).sorted().toList();
    }
  }
}
