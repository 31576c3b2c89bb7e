package dev.veil.transforms.deidentify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackMarkupTest {
  /** Shows what each markup resolved to, so the table reads input → rendering. */
  private static final SlackMarkup.Resolver SHOW =
      new SlackMarkup.Resolver() {
        @Override
        public String user(String userId) {
          return "@P(" + userId + ")";
        }

        @Override
        public String channel(String channelId, String name) {
          return "#C(" + channelId + "," + name + ")";
        }

        @Override
        public String link(String url, String label) {
          return "L(" + url + "," + label + ")";
        }
      };

  @ParameterizedTest
  @CsvSource(
      delimiter = '→',
      value = {
        "hi <@U061A5N1G> → hi @P(U061A5N1G)",
        "hi <@U061A5N1G|alice> → hi @P(U061A5N1G)",
        "<@W0ENTERPRS> joined → @P(W0ENTERPRS) joined",
        "see <#C024BE7LR|general> → see #C(C024BE7LR,general)",
        "see <#C024BE7LR> → see #C(C024BE7LR,null)",
        "<!here> and <!channel|channel> and <!everyone> → @here and @channel and @everyone",
        "<!subteam^S123ABC|@eng> ping → @eng ping",
        "<!date^1392734382^{date_short}|Feb 18, 2014> → Feb 18, 2014",
        "<mailto:a@b.test|a@b.test> → L(mailto:a@b.test,a@b.test)",
        "<https://x.test/a?b=1&amp;c=2|docs> → L(https://x.test/a?b=1&c=2,docs)",
        "&lt;number&gt; &amp; more → <number> & more",
        "a &amp;lt; b → a &lt; b",
        "no markup at all → no markup at all"
      })
  void rendersMarkupThroughTheResolver(String mrkdwn, String expected) {
    assertThat(SlackMarkup.render(mrkdwn.strip(), SHOW)).isEqualTo(expected.strip());
  }
}
