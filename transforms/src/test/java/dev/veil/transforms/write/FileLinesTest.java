package dev.veil.transforms.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileLinesTest {
  private static Map.Entry<String, String> e(String k, String v) {
    return new SimpleImmutableEntry<>(k, v);
  }

  @Test
  void bytesDependOnlyOnTheSetOfLines() {
    byte[] a = FileLines.encode(List.of(e("b", "{\"id\":\"b\"}"), e("a", "{\"id\":\"a\"}")), true);
    byte[] b = FileLines.encode(List.of(e("a", "{\"id\":\"a\"}"), e("b", "{\"id\":\"b\"}")), true);
    assertThat(a).isEqualTo(b);
    byte[] plain = Zstd.decompress(a, 1000);
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a\"}\n{\"id\":\"b\"}\n");
  }

  @Test
  void anEmptyFileIsAValidEmptyFrame() {
    byte[] empty = FileLines.encode(List.of(), true);
    assertThat(Zstd.decompress(empty, 10)).isEmpty();
    assertThat(FileLines.encode(List.of(), false)).isEmpty();
  }
}
