package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.TestPipelines;
import dev.veil.transforms.common.Reasons;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxParserTest {
  final List<ChatMessage> messages = new ArrayList<>();
  final List<Account> accounts = new ArrayList<>();
  final List<String> quarantined = new ArrayList<>();

  @Test
  void readsEncodedHeadersMultipartCharsetsAndThreads() throws Exception {
    byte[] mbox = Files.readAllBytes(TestPipelines.testData("MboxParserTest/list.mbox"));
    new MboxParser(
            "mbox:list",
            new MboxParser.Out() {
              @Override
              public void message(ChatMessage m) {
                messages.add(m);
              }

              @Override
              public void account(Account a) {
                accounts.add(a);
              }

              @Override
              public void quarantine(SourcePointer p, String reason) {
                quarantined.add(p.getIndex() + ":" + reason);
              }
            })
        .parse("lists/list.mbox", mbox);
    assertThat(messages).hasSize(3);
    ChatMessage root = messages.get(0);
    assertThat(root.getSubject()).isEqualTo("Build broken – please help");
    assertThat(root.getUserId()).isEqualTo("mira.simic@example.test");
    assertThat(root.getText()).contains("From the logs it is the linker.").doesNotContain(">From");
    assertThat(root.getFormat()).isEqualTo("mail");
    assertThat(messages).extracting(ChatMessage::getThreadTs).containsOnly("<root-1@mail.example.test>");
    assertThat(messages.get(1).getText()).startsWith("Fixed. Café on me, Mira.").doesNotContain("<p>");
    assertThat(messages.get(2).getText()).isEqualTo("Second reply, unknown charset: été");
    assertThat(accounts).filteredOn(a -> a.getEmail().equals("mira.simic@example.test"))
        .extracting(Account::getRealName).contains("Mira Šimić");
    assertThat(accounts).extracting(Account::getEmail).contains("owen.park@example.test", "team@lists.example.test");
    assertThat(quarantined).containsExactly("3:" + Reasons.INVALID_RECORD);
  }

  @Test
  void splitsOnlyAtFromLinesAfterABlankLine() {
    byte[] mbox = "From a\nSubject: x\n\nbody\nFrom here on, words\n\nFrom b\nSubject: y\n\nz\n".getBytes();
    List<byte[]> found = new ArrayList<>();
    MboxParser.split(mbox, found::add);
    assertThat(found).hasSize(2);
  }

  @Test
  void splitsCrLfEscapedFromLinesAndALastLineWithoutNewline() {
    byte[] mbox = "From a x\r\nS: 1\r\n\r\n>From b\r\n>>From c\n>Fromage\n\r\nFrom d y\nlast".getBytes(ISO);
    List<String> found = new ArrayList<>();
    MboxParser.split(mbox, m -> found.add(new String(m, ISO)));
    assertThat(found).containsExactly("S: 1\r\n\r\nFrom b\r\n>From c\n>Fromage\n\r\n", "last");
  }

  @Test
  void splitsLikeTheLineAtATimeReferenceOnRandomArchives() throws Exception {
    // Archives built from the awkward pieces (From lines with and without a blank line before them, escaped and
    // near-escaped lines, CR, NEL, long lines that cross the splitter's block size, no final newline).
    String[] pieces = {
      "From a@b Mon Jan 1\n", "From \n", "From x", ">From z\n", ">>From y\r\n", ">From\u0085x\n", "\n", "\r\n",
      "body\n", "From  two spaces\n", ">Fromage\n", "x".repeat(70_000), "\n\n", "From q\rr\n", "\u00e9t\u00e9\n"
    };
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      int n = random.nextInt(40);
      for (int i = 0; i < n; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      byte[] mbox = text.toString().getBytes(ISO);
      List<String> expected = new ArrayList<>();
      referenceSplit(new java.io.ByteArrayInputStream(mbox), m -> expected.add(new String(m, ISO)));
      List<String> found = new ArrayList<>();
      // A stream that returns a few bytes at a time, so lines also cross read boundaries.
      MboxParser.split(new TrickleStream(mbox, 1 + random.nextInt(5000)), m -> found.add(new String(m, ISO)));
      assertThat(found).as("round %d", round).isEqualTo(expected);
    }
  }

  private static final java.nio.charset.Charset ISO = java.nio.charset.StandardCharsets.ISO_8859_1;

  /** The splitter as first written: one byte, one string and one pattern per line. The faster one must agree. */
  private static void referenceSplit(java.io.InputStream in, java.util.function.Consumer<byte[]> messages)
      throws java.io.IOException {
    java.util.regex.Pattern fromLine = java.util.regex.Pattern.compile("^From \\S+.*$");
    java.io.ByteArrayOutputStream current = null;
    boolean previousBlank = true;
    java.io.ByteArrayOutputStream lineBuf = new java.io.ByteArrayOutputStream(256);
    while (true) {
      lineBuf.reset();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        lineBuf.write(b);
      }
      if (b < 0 && lineBuf.size() == 0) {
        break;
      }
      boolean newline = b == '\n';
      String line = lineBuf.toString(ISO);
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (previousBlank && fromLine.matcher(bare).matches()) {
        if (current != null) {
          messages.accept(current.toByteArray());
        }
        current = new java.io.ByteArrayOutputStream();
      } else if (current != null) {
        String unescaped = bare.matches("^>+From .*") ? line.substring(1) : line;
        current.writeBytes(unescaped.getBytes(ISO));
        if (newline) {
          current.write('\n');
        }
      }
      previousBlank = bare.isEmpty();
      if (!newline) {
        break;
      }
    }
    if (current != null) {
      messages.accept(current.toByteArray());
    }
  }

  private static final class TrickleStream extends java.io.InputStream {
    private final byte[] bytes;
    private final int step;
    private int at;

    TrickleStream(byte[] bytes, int step) {
      this.bytes = bytes;
      this.step = step;
    }

    @Override
    public int read() {
      return at < bytes.length ? bytes[at++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (at >= bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, step), bytes.length - at);
      System.arraycopy(bytes, at, b, off, n);
      at += n;
      return n;
    }
  }
}
