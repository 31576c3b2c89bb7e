package dev.veil.transforms.read;

import com.fasterxml.jackson.databind.JsonNode;
import dev.veil.transforms.common.Mentions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns Jira's three body formats into plain training text, with every mention of a user turned into a
 * {@link Mentions} marker around the user's account id (reported to {@code mentioned} as well):
 *
 * <ul>
 *   <li>rendered HTML (XML export): {@code <a class="user-hover" rel="user">} links;
 *   <li>wiki markup (REST v2, CSV): {@code [~username]} and {@code [~accountid:…]};
 *   <li>Atlassian Document Format (REST v3): {@code mention} nodes.
 * </ul>
 */
public final class JiraBodies {
  private static final Set<String> BLOCKS =
      Set.of("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "table");
  private static final Pattern WIKI_MENTION = Pattern.compile("\\[~(?:accountid:)?([^\\]\\s]+)\\]");
  private static final Pattern WIKI_LINK = Pattern.compile("\\[([^\\[\\]|]+)\\|([^\\[\\]]+)\\]");
  private static final Pattern PROFILE_NAME = Pattern.compile("[?&]name=([^&]+)");
  private static final Set<String> ADF_BLOCKS =
      Set.of("paragraph", "heading", "listItem", "codeBlock", "blockquote", "panel", "tableRow", "rule");

  private JiraBodies() {}

  public static String fromHtml(String html, Consumer<String> mentioned) {
    if (html == null || html.isBlank()) {
      return "";
    }
    StringBuilder out = new StringBuilder(html.length());
    for (Node n : Jsoup.parseBodyFragment(html).body().childNodes()) {
      html(n, out, mentioned);
    }
    return tidy(out.toString());
  }

  private static void html(Node node, StringBuilder out, Consumer<String> mentioned) {
    if (node instanceof TextNode t) {
      out.append(t.getWholeText());
      return;
    }
    if (!(node instanceof Element e)) {
      return;
    }
    String tag = e.normalName();
    if (tag.equals("br")) {
      out.append('\n');
      return;
    }
    if (tag.equals("img")) {
      return;
    }
    if (tag.equals("a") && e.hasClass("user-hover")) {
      String user = userOfProfileLink(e);
      if (user != null) {
        mentioned.accept(user);
        out.append(Mentions.marker(user));
        return;
      }
    }
    boolean block = BLOCKS.contains(tag);
    if (block) {
      out.append('\n');
    }
    for (Node child : e.childNodes()) {
      html(child, out, mentioned);
    }
    if (tag.equals("a")) {
      String href = e.attr("href");
      if (!href.isEmpty() && !href.equals(e.text()) && href.startsWith("http")) {
        out.append(" (").append(href).append(')');
      }
    }
    if (block) {
      out.append('\n');
    }
  }

  private static String userOfProfileLink(Element a) {
    String rel = a.attr("rel");
    if (!rel.isEmpty() && !rel.contains(" ")) {
      return rel;
    }
    Matcher m = PROFILE_NAME.matcher(a.attr("href"));
    return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
  }

  public static String fromWiki(String wiki, Consumer<String> mentioned) {
    if (wiki == null || wiki.isEmpty()) {
      return "";
    }
    Matcher m = WIKI_MENTION.matcher(wiki);
    StringBuilder out = new StringBuilder(wiki.length());
    while (m.find()) {
      mentioned.accept(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(Mentions.marker(m.group(1))));
    }
    m.appendTail(out);
    return tidy(WIKI_LINK.matcher(out).replaceAll("$1 ($2)"));
  }

  public static String fromAdf(JsonNode doc, Consumer<String> mentioned) {
    if (doc == null || doc.isNull()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    adf(doc, out, mentioned);
    return tidy(out.toString());
  }

  private static void adf(JsonNode node, StringBuilder out, Consumer<String> mentioned) {
    String type = node.path("type").asText("");
    JsonNode attrs = node.path("attrs");
    switch (type) {
      case "text" -> {
        out.append(node.path("text").asText(""));
        for (JsonNode mark : node.path("marks")) {
          String href = mark.path("attrs").path("href").asText("");
          if (mark.path("type").asText().equals("link") && !href.isEmpty()) {
            out.append(" (").append(href).append(')');
          }
        }
        return;
      }
      case "mention" -> {
        String id = attrs.path("id").asText("");
        if (!id.isEmpty()) {
          mentioned.accept(id);
          out.append(Mentions.marker(id));
        }
        return;
      }
      case "hardBreak" -> {
        out.append('\n');
        return;
      }
      case "inlineCard", "blockCard" -> {
        out.append(attrs.path("url").asText(""));
        return;
      }
      case "emoji" -> {
        out.append(attrs.path("text").asText(attrs.path("shortName").asText("")));
        return;
      }
      case "media", "mediaSingle", "mediaGroup", "date", "status" -> {
        return;
      }
      default -> {
        boolean block = ADF_BLOCKS.contains(type);
        for (JsonNode child : node.path("content")) {
          adf(child, out, mentioned);
        }
        if (block || type.equals("tableCell") || type.equals("tableHeader")) {
          out.append(block ? '\n' : ' ');
        }
      }
    }
  }

  /** Trims lines' ends, collapses runs of blank lines, trims the whole. */
  static String tidy(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\u00a0', ' ').split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    int blank = 0;
    for (String line : lines) {
      String l = line.stripTrailing();
      if (l.isBlank()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      blank = 0;
      out.append(l);
    }
    return out.toString();
  }
}
