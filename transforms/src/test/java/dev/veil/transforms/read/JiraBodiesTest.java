package dev.veil.transforms.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.transforms.common.Mentions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JiraBodiesTest {
  final List<String> mentioned = new ArrayList<>();

  /** Shows markers as {@code <@id>} so expectations read plainly. */
  static String show(String text) {
    return Mentions.resolve(text, id -> "<@" + id + ">");
  }

  @Test
  void htmlUserLinksBecomeMentionsAndBlocksBecomeLines() {
    String html =
        "<p>Seen by <a href=\"https://j.test/secure/ViewProfile.jspa?name=ann%40x.test\" class=\"user-hover\""
            + " rel=\"ann@x.test\">Ann Example</a>.<br/>Next line</p><p>See <a href=\"https://w.test/a?t=1\">"
            + "docs</a> &amp; more</p><img src=\"x.png\"/>";
    assertThat(show(JiraBodies.fromHtml(html, mentioned::add)))
        .isEqualTo("Seen by <@ann@x.test>.\nNext line\n\nSee docs (https://w.test/a?t=1) & more");
    assertThat(mentioned).containsExactly("ann@x.test");
  }

  @Test
  void htmlUserLinkWithoutRelFallsBackToTheProfileName() {
    String html = "<a href=\"https://j.test/secure/ViewProfile.jspa?name=bo.k\" class=\"user-hover\">Bo K</a>";
    assertThat(show(JiraBodies.fromHtml(html, mentioned::add))).isEqualTo("<@bo.k>");
  }

  @Test
  void wikiMentionsAndLinks() {
    assertThat(show(JiraBodies.fromWiki("G'day [~leo.p]! cc [~accountid:557058:ab-12] see [docs|https://d.test]", mentioned::add)))
        .isEqualTo("G'day <@leo.p>! cc <@557058:ab-12> see docs (https://d.test)");
    assertThat(mentioned).containsExactly("leo.p", "557058:ab-12");
  }

  @Test
  void adfTextMentionsLinksAndBlocks() throws Exception {
    String adf =
        "{\"type\":\"doc\",\"version\":1,\"content\":["
            + "{\"type\":\"heading\",\"attrs\":{\"level\":1},\"content\":[{\"type\":\"text\",\"text\":\"Title\"}]},"
            + "{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"Hi \"},"
            + "{\"type\":\"mention\",\"attrs\":{\"id\":\"5fb8\",\"text\":\"@Person A\"}},"
            + "{\"type\":\"hardBreak\"},{\"type\":\"text\",\"text\":\"link\",\"marks\":[{\"type\":\"link\","
            + "\"attrs\":{\"href\":\"https://l.test\"}}]},{\"type\":\"emoji\",\"attrs\":{\"shortName\":\":smile:\"}}]},"
            + "{\"type\":\"mediaSingle\",\"content\":[{\"type\":\"media\",\"attrs\":{\"id\":\"m1\"}}]}]}";
    assertThat(show(JiraBodies.fromAdf(new ObjectMapper().readTree(adf), mentioned::add)))
        .isEqualTo("Title\nHi <@5fb8>\nlink (https://l.test):smile:");
    assertThat(mentioned).containsExactly("5fb8");
  }
}
