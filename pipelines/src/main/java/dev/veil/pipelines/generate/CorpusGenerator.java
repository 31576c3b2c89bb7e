package dev.veil.pipelines.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic workplace corpus in the real formats Veil reads: a Slack export, a Jira XML export and REST JSON,
 * an mbox archive, and OpenCUA-style computer-use recordings. Invented people appear across all of them under the same
 * e-mail; bots repeat alerts word for word; stand-ups recur with small edits; personal data and secrets are planted in
 * free text (names, e-mails, phone numbers, card numbers, cloud keys, Slack tokens, passwords in chat and in password
 * fields). {@code ground-truth.jsonl} lists every planted value with the file it is in; {@code people.csv} is the HR
 * list governance would name in the policy; {@code policy.yaml} runs it. Same seed and size give the same bytes.
 */
public final class CorpusGenerator {
  public static final String TRUTH = "ground-truth.jsonl";
  private static final String DOMAIN = "northwind.example";
  private static final LocalDate START = LocalDate.of(2024, 1, 8);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] CHANNELS = {"general", "engineering", "incidents", "standup", "random", "data-platform"};
  private static final String[] TOPICS = {
    "the nightly ETL", "the billing service", "the login page", "the data warehouse", "the deploy pipeline",
    "the mobile app", "the search index", "the on-call rota", "the Q3 roadmap", "the customer export"
  };
  private static final String[] VERBS = {"is slow again", "failed overnight", "needs a review", "looks good now",
      "is blocked on infra", "is ready for QA", "has a flaky test", "was rolled back"};

  /** One invented person. */
  record Person(int n, String first, String last, String handle, String email, String phone, String slackId,
      String jiraUser) {
    String full() {
      return first + " " + last;
    }
  }

  private final SplittableRandom rnd;
  private final long targetBytes;
  private final Path out;
  private final List<Person> people = new ArrayList<>();
  private long written = 0;
  private Writer truth;

  public CorpusGenerator(Path out, long targetBytes, long seed) {
    this.out = out;
    this.targetBytes = targetBytes;
    this.rnd = new SplittableRandom(seed);
  }

  /** Writes the corpus; returns the bytes of input data written (ground truth and policy excluded). */
  public long generate() throws IOException {
    Files.createDirectories(out);
    List<String> firsts = names("first_names.txt");
    List<String> lasts = names("last_names.txt");
    int count = (int) Math.max(24, Math.min(4000, targetBytes / 150_000));
    for (int i = 0; i < count; i++) {
      String first = firsts.get(rnd.nextInt(firsts.size()));
      String last = lasts.get(rnd.nextInt(lasts.size()));
      String handle = (first + "." + last.charAt(0) + i).toLowerCase(Locale.ROOT);
      String email = (first + "." + last + i).toLowerCase(Locale.ROOT) + "@" + DOMAIN;
      String phone = String.format(Locale.ROOT, "+1 415 555 %04d", 100 + i % 9800);
      String jira = i % 3 == 0 ? email : handle;
      people.add(new Person(i, first, last, handle, email, phone, String.format(Locale.ROOT, "U%08X", 0x1000 + i), jira));
    }
    try (Writer t = Files.newBufferedWriter(out.resolve(TRUTH), StandardCharsets.UTF_8)) {
      truth = t;
      for (Person p : people) {
        plant("directory", "person", p.full());
        plant("directory", "email", p.email());
        plant("directory", "phone", p.phone());
      }
      slack(targetBytes * 60 / 100);
      jira(targetBytes * 15 / 100);
      mbox(targetBytes * 10 / 100);
      captures(targetBytes - written);
      people();
    }
    policy();
    return written;
  }

  private List<String> names(String resource) throws IOException {
    try (InputStream in = CorpusGenerator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing resource " + resource);
      }
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n"));
    }
  }

  private void plant(String file, String kind, String value) throws IOException {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("file", file);
    n.put("kind", kind);
    n.put("value", value);
    truth.write(n.toString());
    truth.write('\n');
  }

  private Person person() {
    return people.get(rnd.nextInt(people.size()));
  }

  private <T> T pick(T[] items) {
    return items[rnd.nextInt(items.length)];
  }

  // ---------------------------------------------------------------- Slack

  private void slack(long budget) throws IOException {
    Path root = out.resolve("slack");
    Files.createDirectories(root);
    long start = written;
    ArrayNode users = MAPPER.createArrayNode();
    for (Person p : people) {
      ObjectNode u = users.addObject();
      u.put("id", p.slackId());
      u.put("team_id", "T0NORTHW");
      u.put("name", p.handle());
      u.put("deleted", false);
      u.put("real_name", p.full());
      u.put("tz", "America/Chicago");
      ObjectNode prof = u.putObject("profile");
      prof.put("real_name", p.full());
      prof.put("display_name", p.first().toLowerCase(Locale.ROOT) + p.n());
      prof.put("first_name", p.first());
      prof.put("last_name", p.last());
      prof.put("email", p.email());
      prof.put("phone", p.n() % 4 == 0 ? p.phone() : "");
      prof.put("image_72", "https://secure.gravatar.com/avatar/" + hex(16) + ".jpg?s=72");
      u.put("is_bot", false);
    }
    ObjectNode bot = users.addObject();
    bot.put("id", "U0ALERTBOT");
    bot.put("name", "alertbot");
    bot.put("is_bot", true);
    bot.putObject("profile").put("real_name", "Alert Bot");
    writeJson(root.resolve("users.json"), users);
    ArrayNode channels = MAPPER.createArrayNode();
    for (int i = 0; i < CHANNELS.length; i++) {
      ObjectNode c = channels.addObject();
      c.put("id", "C0" + (100 + i));
      c.put("name", CHANNELS[i]);
      c.put("created", "1704700800");
      c.put("creator", people.get(0).slackId());
      c.put("is_archived", false);
      c.putObject("purpose").put("value", "Talk about " + CHANNELS[i]).put("creator", "").put("last_set", "0");
    }
    writeJson(root.resolve("channels.json"), channels);

    int day = 0;
    while (written - start < budget) {
      LocalDate date = START.plusDays(day++);
      for (String channel : CHANNELS) {
        Path file = root.resolve(channel).resolve(date + ".json");
        Files.createDirectories(file.getParent());
        ArrayNode messages = MAPPER.createArrayNode();
        long ts = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() + 9 * 3600;
        int n = 6 + rnd.nextInt(20);
        String threadTs = null;
        for (int i = 0; i < n; i++) {
          ts += 30 + rnd.nextInt(900);
          String tsText = ts + "." + String.format(Locale.ROOT, "%06d", i + 1);
          ObjectNode m = messages.addObject();
          m.put("type", "message");
          if (channel.equals("incidents") && i % 3 == 0) {
            // Alert bots repeat the same text: exact duplicates across days.
            m.put("subtype", "bot_message");
            m.put("bot_id", "B0ALERT");
            m.put("username", "alertbot");
            m.put("text", "[FIRING] disk usage above 90% on db-" + (i % 3) + " (runbook: <https://runbooks."
                + DOMAIN + "/disk|disk>)");
            m.put("ts", tsText);
            continue;
          }
          Person author = person();
          m.put("user", author.slackId());
          m.put("text", slackText(channel, author, file, date));
          m.put("ts", tsText);
          ObjectNode profile = m.putObject("user_profile");
          profile.put("real_name", author.full());
          profile.put("display_name", author.handle());
          if (i == 2) {
            threadTs = tsText;
            m.put("thread_ts", tsText);
            m.put("reply_count", 2);
          } else if (threadTs != null && i < 5) {
            m.put("thread_ts", threadTs);
            m.put("parent_user_id", people.get(0).slackId());
          }
          if (rnd.nextInt(25) == 0) {
            m.put("subtype", "channel_join");
            m.put("text", "<@" + author.slackId() + "|" + author.handle() + "> has joined the channel");
          }
        }
        writeJson(file, messages);
      }
    }
  }

  private String slackText(String channel, Person author, Path file, LocalDate date) throws IOException {
    String rel = out.relativize(file).toString();
    Person other = person();
    switch (rnd.nextInt(12)) {
      case 0 -> {
        plant(rel, "person", other.full());
        return "Thanks " + other.full() + " for fixing " + pick(TOPICS) + "!";
      }
      case 1 -> {
        plant(rel, "email", other.email());
        return "Send the report to <mailto:" + other.email() + "|" + other.email() + "> please";
      }
      case 2 -> {
        plant(rel, "phone", author.phone());
        return "I'm on call today, reach me at " + author.phone();
      }
      case 3 -> {
        String key = "AKIA" + upperHex(16);
        plant(rel, "secret", key);
        return "oops, pasted the deploy key AKIA by mistake: " + key + " (rotating)";
      }
      case 4 -> {
        String pw = "Winter" + (2024 + rnd.nextInt(2)) + "!" + hex(3);
        plant(rel, "secret", pw);
        return "staging db password=" + pw + " until Friday";
      }
      case 5 -> {
        String token = "xoxb-" + digits(11) + "-" + digits(12) + "-" + hex(12);
        plant(rel, "secret", token);
        return "new bot token " + token;
      }
      case 6 -> {
        String card = "4111 1111 1111 1111";
        plant(rel, "card", card);
        return "use the test card " + card + " for the checkout demo";
      }
      case 7 -> {
        if (channel.equals("standup")) {
          // Stand-ups recur with small edits: near duplicates.
          return "Yesterday: worked on " + pick(TOPICS) + ". Today: more of the same. Blockers: none";
        }
        return "<@" + other.slackId() + "> can you look at " + pick(TOPICS) + "? It " + pick(VERBS) + ".";
      }
      default -> {
        return "Status of " + pick(TOPICS) + " on " + date + ": it " + pick(VERBS) + ".";
      }
    }
  }

  // ---------------------------------------------------------------- Jira

  private void jira(long budget) throws IOException {
    Path root = out.resolve("jira");
    Files.createDirectories(root);
    long start = written;
    int part = 0;
    int key = 1;
    DateTimeFormatter rfc822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    while (written - start < budget) {
      Path xml = root.resolve(String.format(Locale.ROOT, "issues-%03d.xml", part));
      String rel = out.relativize(xml).toString();
      StringBuilder sb = new StringBuilder();
      sb.append("<!-- RSS generated by JIRA (synthetic corpus written by veil generate) -->\n");
      sb.append("<rss version=\"0.92\">\n<channel>\n<title>Northwind Jira</title>\n<link>https://jira.")
          .append(DOMAIN).append("/issues/</link>\n");
      for (int i = 0; i < 200; i++, key++) {
        Person reporter = person();
        Person assignee = person();
        Person mentioned = person();
        ZonedDateTime created = START.atStartOfDay(ZoneOffset.UTC).plusHours(key * 3L);
        String topic = pick(TOPICS);
        plant(rel, "person", mentioned.full());
        sb.append("<item>\n<title>[OPS-").append(key).append("] ").append(topic).append("</title>\n");
        sb.append("<project id=\"1\" key=\"OPS\">Operations</project>\n");
        sb.append("<description>").append(xmlEscape("<p>" + topic + " " + pick(VERBS) + ". Seen by "
            + "<a href=\"https://jira." + DOMAIN + "/secure/ViewProfile.jspa?name=" + mentioned.jiraUser()
            + "\" class=\"user-hover\" rel=\"" + mentioned.jiraUser() + "\">" + mentioned.full() + "</a>.</p>"))
            .append("</description>\n");
        sb.append("<key id=\"").append(10000 + key).append("\">OPS-").append(key).append("</key>\n");
        sb.append("<summary>").append(topic).append(' ').append(pick(VERBS)).append("</summary>\n");
        sb.append("<type id=\"1\">Bug</type>\n<priority id=\"3\">Major</priority>\n<status id=\"1\">Open</status>\n");
        sb.append("<assignee username=\"").append(assignee.jiraUser()).append("\">").append(assignee.full())
            .append("</assignee>\n");
        sb.append("<reporter username=\"").append(reporter.jiraUser()).append("\">").append(reporter.full())
            .append("</reporter>\n");
        sb.append("<created>").append(rfc822.format(created)).append("</created>\n<comments>\n");
        int comments = 1 + rnd.nextInt(4);
        for (int c = 0; c < comments; c++) {
          Person author = person();
          String body = c == 0 && rnd.nextInt(4) == 0
              ? "Call me on " + author.phone() + " if it happens again."
              : "Looked at it, " + pick(VERBS) + ". " + reporter.first() + ", please confirm.";
          if (body.contains(author.phone())) {
            plant(rel, "phone", author.phone());
          }
          sb.append("<comment id=\"").append(key * 10 + c).append("\" author=\"").append(author.jiraUser())
              .append("\" created=\"").append(rfc822.format(created.plusMinutes(30L * (c + 1)))).append("\">")
              .append(xmlEscape("<p>" + body + "</p>")).append("</comment>\n");
        }
        sb.append("</comments>\n</item>\n");
      }
      sb.append("</channel>\n</rss>\n");
      write(xml, sb.toString());
      part++;
    }
    // A REST search response too: Cloud users, wiki mentions.
    ObjectNode search = MAPPER.createObjectNode();
    ArrayNode issues = search.putArray("issues");
    for (int i = 0; i < 50; i++) {
      Person reporter = person();
      Person other = person();
      ObjectNode issue = issues.addObject();
      issue.put("key", "WEB-" + (i + 1));
      issue.put("self", "https://northwind.atlassian.example/rest/api/2/issue/" + (20000 + i));
      ObjectNode f = issue.putObject("fields");
      f.put("summary", pick(TOPICS) + " " + pick(VERBS));
      f.put("description", "Ask [~" + other.jiraUser() + "] about it, or " + other.full() + ".");
      f.putObject("project").put("key", "WEB");
      f.putObject("issuetype").put("name", "Task");
      f.putObject("status").put("name", "In Progress");
      f.put("created", START.atStartOfDay(ZoneOffset.UTC).plusDays(i).format(DateTimeFormatter.ofPattern(
          "yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT)));
      f.putObject("reporter").put("name", reporter.jiraUser()).put("displayName", reporter.full())
          .put("emailAddress", reporter.email());
      plant("jira/search.json", "person", other.full());
    }
    writeJson(root.resolve("search.json"), search);
  }

  // ---------------------------------------------------------------- mbox

  private void mbox(long budget) throws IOException {
    Path root = out.resolve("mbox");
    Files.createDirectories(root);
    Path file = root.resolve("eng-list.mbox");
    String rel = out.relativize(file).toString();
    long start = written;
    DateTimeFormatter rfc822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    StringBuilder sb = new StringBuilder();
    int thread = 0;
    while (written - start + sb.length() < budget) {
      Person author = person();
      String topic = pick(TOPICS);
      ZonedDateTime when = START.atStartOfDay(ZoneOffset.UTC).plusHours(thread * 5L);
      String rootId = "<t" + thread + "@" + DOMAIN + ">";
      sb.append("From ").append(author.email()).append(' ')
          .append(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).format(when)).append('\n');
      sb.append("From: ").append(author.full()).append(" <").append(author.email()).append(">\n");
      sb.append("To: eng@lists.").append(DOMAIN).append('\n');
      sb.append("Subject: ").append(topic).append(' ').append(pick(VERBS)).append('\n');
      sb.append("Date: ").append(rfc822.format(when)).append('\n');
      sb.append("Message-ID: ").append(rootId).append('\n');
      sb.append("Content-Type: text/plain; charset=utf-8\n\n");
      sb.append("Hi all,\n\n").append(topic).append(' ').append(pick(VERBS)).append(".\n\n-- \n")
          .append(author.full()).append('\n').append(author.phone()).append("\n\n");
      plant(rel, "phone", author.phone());
      Person replier = person();
      sb.append("From ").append(replier.email()).append(' ')
          .append(DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).format(when.plusHours(1)))
          .append('\n');
      sb.append("From: ").append(replier.full()).append(" <").append(replier.email()).append(">\n");
      sb.append("Subject: Re: ").append(topic).append('\n');
      sb.append("Date: ").append(rfc822.format(when.plusHours(1))).append('\n');
      sb.append("Message-ID: <r").append(thread).append('@').append(DOMAIN).append(">\n");
      sb.append("In-Reply-To: ").append(rootId).append("\nReferences: ").append(rootId).append('\n');
      sb.append("Content-Type: text/plain; charset=utf-8\n\n");
      sb.append("Agreed.\n\nOn ").append(rfc822.format(when)).append(", ").append(author.full()).append(" <")
          .append(author.email()).append("> wrote:\n> ").append(topic).append("\n\n");
      plant(rel, "person", author.full());
      plant(rel, "email", author.email());
      thread++;
    }
    write(file, sb.toString());
  }

  // ---------------------------------------------------------------- recordings

  private void captures(long budget) throws IOException {
    Path root = out.resolve("capture");
    Files.createDirectories(root);
    long start = written;
    int session = 0;
    do {
      Person owner = person();
      ZonedDateTime when = START.atStartOfDay(ZoneOffset.UTC).plusHours(session * 7L + 9);
      String folder = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).format(when) + "_" + owner.email()
          + "_" + hex(8);
      Path dir = root.resolve(folder);
      Files.createDirectories(dir);
      String rel = out.relativize(dir.resolve("events.jsonl")).toString();
      plant(out.relativize(dir).toString(), "email", owner.email());
      String password = "Pw-" + hex(5) + "!";
      plant(rel, "password", password);
      StringBuilder events = new StringBuilder();
      StringBuilder elements = new StringBuilder();
      double[] t = {1000.0 + session};
      int[] idx = {0};
      int moves = 200 + rnd.nextInt(800);
      for (int i = 0; i < moves; i++) {
        event(events, t, idx, "{\"action\": \"move\", \"x\": " + (100 + i % 900) + ", \"y\": " + (200 + i % 500) + "}");
      }
      event(events, t, idx, "{\"action\": \"click\", \"x\": 640, \"y\": 300, \"button\": \"left\", \"pressed\": true}");
      elements.append(String.format(Locale.ROOT,
          "{\"time_stamp\": %.4f, \"a11y_tree\": {\"Name\": \"User name\", \"ControlType\": \"EditControl\"}}%n",
          t[0]));
      event(events, t, idx, "{\"action\": \"click\", \"x\": 640, \"y\": 300, \"button\": \"left\", \"pressed\": false}");
      type(events, t, idx, owner.handle());
      event(events, t, idx, "{\"action\": \"click\", \"x\": 640, \"y\": 360, \"button\": \"left\", \"pressed\": true}");
      elements.append(String.format(Locale.ROOT,
          "{\"time_stamp\": %.4f, \"a11y_tree\": {\"Name\": \"Password\", \"ControlType\": \"EditControl\","
              + " \"IsPassword\": true}}%n", t[0]));
      event(events, t, idx, "{\"action\": \"click\", \"x\": 640, \"y\": 360, \"button\": \"left\", \"pressed\": false}");
      type(events, t, idx, password);
      type(events, t, idx, "\n");
      for (String k : new String[] {"ctrl_l", "alt_l", "T"}) {
        event(events, t, idx, "{\"action\": \"press\", \"name\": \"" + k + "\"}");
      }
      write(dir.resolve("events.jsonl"), events.toString());
      write(dir.resolve("element.jsonl"), elements.toString());
      write(dir.resolve("top_window.jsonl"), String.format(Locale.ROOT,
          "{\"time_stamp\": %.4f, \"top_window_name\": \"Sign in - %s - Intranet\"}%n", 1000.0 + session,
          owner.full()));
      write(dir.resolve("task_name.json"), "{\"task_name\": \"Sign in to the intranet as " + owner.first()
          + "\", \"description\": \"\"}\n");
      write(dir.resolve("metadata.json"), "{\"system\": \"Windows\", \"release\": \"10\", \"node\": \"LAPTOP-"
          + owner.last().toUpperCase(Locale.ROOT) + "\", \"screen_width\": 1366, \"screen_height\": 768,"
          + " \"start_time\": \"" + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).format(when)
          + "\"}\n");
      session++;
    } while (written - start < budget);
  }

  private static void event(StringBuilder sb, double[] t, int[] idx, String body) {
    t[0] += 0.013;
    sb.append(String.format(Locale.ROOT, "{\"time_stamp\": %.4f, ", t[0])).append(body, 1, body.length() - 1)
        .append(", \"event_idx\": ").append(idx[0]++).append("}\n");
  }

  private static void type(StringBuilder sb, double[] t, int[] idx, String text) {
    for (char c : text.toCharArray()) {
      String name = c == '\n' ? "enter" : c == ' ' ? "space" : String.valueOf(c);
      boolean shift = Character.isUpperCase(c) || "!@#$%^&*()_+{}|:\"<>?~".indexOf(c) >= 0;
      if (shift) {
        event(sb, t, idx, "{\"action\": \"press\", \"name\": \"shift\"}");
      }
      String json = name.equals("\"") ? "\\\"" : name.equals("\\") ? "\\\\" : name;
      event(sb, t, idx, "{\"action\": \"press\", \"name\": \"" + json + "\"}");
      event(sb, t, idx, "{\"action\": \"release\", \"name\": \"" + json + "\"}");
      if (shift) {
        event(sb, t, idx, "{\"action\": \"release\", \"name\": \"shift\"}");
      }
    }
  }

  // ---------------------------------------------------------------- output helpers

  /** The HR list: every person with e-mail, name, employee id and phone. */
  private void people() throws IOException {
    StringBuilder sb = new StringBuilder("email,name,employee_id,phone\n");
    for (Person p : people) {
      sb.append(p.email()).append(',').append(p.full()).append(",E").append(10000 + p.n()).append(',')
          .append(p.phone()).append('\n');
      plant("people.csv", "employee_id", "E" + (10000 + p.n()));
    }
    Files.writeString(out.resolve("people.csv"), sb.toString());
  }

  private void policy() throws IOException {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) rnd.nextInt(256);
    }
    Files.writeString(out.resolve("generated.key"), HexFormat.of().formatHex(key) + "\n");
    Files.writeString(
        out.resolve("policy.yaml"),
        "# Policy for a corpus written by `veil generate` (synthetic data; the key is not secret).\n"
            + "veil_policy: 1\nversion: \"generated-1\"\npseudonymization:\n  key:\n    file: generated.key\n"
            + "identity:\n  people_csv: people.csv\n"
            + "licenses:\n  - input: \"*\"\n    license: LicenseRef-Synthetic\noutput:\n  buckets: "
            + buckets(targetBytes)
            + "\n"
            + "  validation_fraction: 0.05\n");
  }

  /** Bytes of raw input per bucket and split the generated policy asks for: one worker holds one bucket. */
  public static final long BYTES_PER_BUCKET = 128L << 20;

  /**
   * Buckets per split for a corpus of {@code targetBytes}: at least 8, and one per {@link #BYTES_PER_BUCKET} of input,
   * so a bucket (which one worker sorts and encodes in memory) stays the same size as the corpus grows.
   */
  public static int buckets(long targetBytes) {
    return (int) Math.max(8, (targetBytes + BYTES_PER_BUCKET - 1) / BYTES_PER_BUCKET);
  }

  private void writeJson(Path file, Object node) throws IOException {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter();
    DefaultIndenter four = new DefaultIndenter("    ", "\n");
    pp.indentArraysWith(four);
    pp.indentObjectsWith(four);
    try (OutputStream os = Files.newOutputStream(file);
        JsonGenerator g = new JsonFactory().createGenerator(os)) {
      g.setPrettyPrinter(pp);
      MAPPER.writeTree(g, (com.fasterxml.jackson.core.TreeNode) node);
    }
    written += Files.size(file);
  }

  private void write(Path file, String text) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(text);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    written += Files.size(file);
  }

  private static String xmlEscape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private String hex(int chars) {
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < chars; i++) {
      sb.append(Character.forDigit(rnd.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String upperHex(int chars) {
    return hex(chars).toUpperCase(Locale.ROOT);
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextInt(10));
    }
    return sb.toString();
  }

  /** Parses "10MB", "1.5GB", "500k", "2048" (bytes). */
  public static long parseSize(String size) {
    String s = size.strip().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    if (s.endsWith("GB") || s.endsWith("G")) {
      unit = 1L << 30;
    } else if (s.endsWith("MB") || s.endsWith("M")) {
      unit = 1L << 20;
    } else if (s.endsWith("KB") || s.endsWith("K")) {
      unit = 1L << 10;
    }
    String number = s.replaceAll("[A-Z]+$", "");
    double v = Double.parseDouble(number);
    if (v <= 0) {
      throw new IllegalArgumentException("size must be positive");
    }
    return (long) (v * unit);
  }
}
