package dev.veil.transforms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeakScanTest {
  @TempDir Path dir;

  @Test
  void findsWholeWordFormsInPlainAndCompressedFiles() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{\"note\":\"Ask ALICE later\"}");
    Files.createDirectories(dir.resolve("data"));
    Files.write(
        dir.resolve("data/x.jsonl.zst"), Zstd.compress("mail alice@x.test\n".getBytes(StandardCharsets.UTF_8)));
    // "alice" stands as a word inside the address too; "malice" and "alicex" are other words.
    Files.writeString(dir.resolve("b.txt"), "malice and alicex are other words");
    List<LeakScan.Hit> hits = new LeakScan(List.of("alice", "alice@x.test")).scan(dir);
    assertThat(hits).extracting(h -> dir.relativize(h.file()).toString() + ":" + h.formIndex())
        .containsExactlyInAnyOrder("a.json:0", "data/x.jsonl.zst:0", "data/x.jsonl.zst:1");
  }

  @Test
  void readsEveryIdentifierFormOfAccounts() throws Exception {
    byte[] users =
        ("[{\"id\":\"U1\",\"name\":\"ann\",\"real_name\":\"Ann Ex\",\"profile\":{\"display_name\":\"a\","
                + "\"email\":\"ann@x.test\",\"phone\":\"+1 555 0100\"}}]")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(LeakScan.slackUserForms(users)).containsExactly("+1 555 0100", "Ann Ex", "U1", "ann", "ann@x.test");
  }
}
