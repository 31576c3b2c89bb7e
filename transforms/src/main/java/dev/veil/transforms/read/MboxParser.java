package dev.veil.transforms.read;

import dev.veil.schemas.Account;
import dev.veil.schemas.ChatMessage;
import dev.veil.schemas.SourcePointer;
import dev.veil.transforms.common.Reasons;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.BasicBodyFactory;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jsoup.Jsoup;

/**
 * Reads an mbox file (messages separated by {@code From } lines; {@code >From} unescaped) with Apache James mime4j:
 * RFC 2047 encoded headers, multipart bodies (the first {@code text/plain} part, else {@code text/html} as text),
 * declared charsets (an unknown one is read as ISO-8859-1, which never fails). Each message becomes a chat record in
 * {@code mail} format whose thread is the root of its {@code References} (else {@code In-Reply-To}, else itself);
 * every address in From, To, Cc and Reply-To becomes an account.
 */
public final class MboxParser {
  private static final Pattern FROM_LINE = Pattern.compile("^From \\S+.*$");
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");

  /** Where records go. */
  public interface Out {
    void message(ChatMessage m);

    void account(Account a);

    void quarantine(SourcePointer pointer, String reason);
  }

  private final String source;
  private final Out out;
  /** One builder per parser (a builder is not shared between threads; a parser is used by one). */
  private final DefaultMessageBuilder builder = new DefaultMessageBuilder();
  private final CachingBodyFactory charsets = new CachingBodyFactory();

  {
    builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
    // A charset the JDK does not know falls back to ISO-8859-1, which keeps every byte.
    builder.setBodyFactory(charsets);
  }

  public MboxParser(String source, Out out) {
    this.source = source;
    this.out = out;
  }

  public void parse(String file, byte[] mbox) {
    parse(file, new ByteArrayInputStream(mbox));
  }

  /** Streams the archive one message at a time: memory stays flat whatever its size. */
  public void parse(String file, InputStream mbox) {
    String folder = file.contains("/") ? file.substring(file.lastIndexOf('/') + 1) : file;
    int[] index = {0};
    try {
      split(mbox, raw -> message(file, folder, index[0]++, raw));
    } catch (IOException e) {
      out.quarantine(
          SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(index[0]).build(),
          Reasons.UNREADABLE_INPUT);
    }
  }

  private void message(String file, String folder, int i, byte[] raw) {
    SourcePointer pointer = SourcePointer.newBuilder().setSource(source).setFile(file).setIndex(i).build();
    Message m;
    try {
      m = builder.parseMessage(new ByteArrayInputStream(raw));
    } catch (IOException | RuntimeException e) {
      out.quarantine(pointer, Reasons.INVALID_RECORD);
      return;
    }
    Mailbox from = first(m.getFrom());
    Date date = m.getDate();
    if (from == null) {
      out.quarantine(pointer, Reasons.INVALID_RECORD);
      return;
    }
    if (date == null) {
      out.quarantine(pointer, Reasons.BAD_TIMESTAMP);
      return;
    }
    accounts(m.getFrom());
    accounts(m.getTo());
    accounts(m.getCc());
    accounts(m.getReplyTo());
    String self = m.getMessageId() == null ? "index:" + i : m.getMessageId().strip();
    long micros = date.getTime() * 1000L;
    out.message(
        ChatMessage.newBuilder()
            .setPointer(pointer)
            .setChannelFolder(folder)
            .setTs(micros + ":" + self)
            .setTsMicros(micros)
            .setThreadTs(threadRoot(m, self))
            .setUserId(from.getAddress().toLowerCase(Locale.ROOT))
            .setText(body(m.getBody()))
            .setFormat("mail")
            .setSubject(m.getSubject())
            .build());
  }

  /** Splits at {@code From } lines that start a message (file start or after a blank line), one message at a time. */
  static void split(byte[] mbox, java.util.function.Consumer<byte[]> messages) {
    try {
      split(new ByteArrayInputStream(mbox), messages);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The streaming splitter: reads the archive in blocks and scans each line as bytes. Only a line that could start a
   * message (after a blank line, beginning {@code From }) or be an escaped one (beginning {@code >}) is turned into a
   * string for its pattern, so the per-byte cost is a comparison and a copy.
   */
  static void split(InputStream in, java.util.function.Consumer<byte[]> messages) throws IOException {
    Lines lines = new Lines(in);
    Buffer current = null;
    boolean previousBlank = true;
    while (lines.next()) {
      byte[] b = lines.buf;
      int start = lines.start;
      int length = lines.end - start;
      int bare = length > 0 && b[lines.end - 1] == '\r' ? length - 1 : length;
      if (previousBlank && startsWith(b, start, bare, FROM) && FROM_LINE.matcher(latin1(b, start, bare)).matches()) {
        if (current != null) {
          messages.accept(current.toByteArray());
        }
        current = new Buffer();
      } else if (current != null) {
        int skip = bare > 0 && b[start] == '>' && ESCAPED_FROM.matcher(latin1(b, start, bare)).matches() ? 1 : 0;
        current.append(b, start + skip, length - skip);
        if (lines.newline) {
          current.append((byte) '\n');
        }
      }
      previousBlank = bare == 0;
      if (!lines.newline) {
        break;
      }
    }
    if (current != null) {
      messages.accept(current.toByteArray());
    }
  }

  private static final byte[] FROM = "From ".getBytes(StandardCharsets.ISO_8859_1);
  private static final Pattern ESCAPED_FROM = Pattern.compile("^>+From .*");

  private static boolean startsWith(byte[] b, int start, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[start + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String latin1(byte[] b, int start, int length) {
    return new String(b, start, length, StandardCharsets.ISO_8859_1);
  }

  /**
   * The lines of a stream, each as a range of {@link #buf} without its {@code \n}; {@link #newline} says whether one
   * ended it. A line longer than the buffer grows it. The last line is reported only if it is not empty.
   */
  private static final class Lines {
    private final InputStream in;
    byte[] buf = new byte[1 << 16];
    private int filled;
    private int next;
    private boolean eof;
    int start;
    int end;
    boolean newline;

    Lines(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      int scan = next;
      while (true) {
        for (int i = scan; i < filled; i++) {
          if (buf[i] == '\n') {
            start = next;
            end = i;
            newline = true;
            next = i + 1;
            return true;
          }
        }
        if (eof) {
          if (next == filled) {
            return false;
          }
          start = next;
          end = filled;
          newline = false;
          next = filled;
          return true;
        }
        scan = filled - next;
        compactOrGrow();
        int n = in.read(buf, filled, buf.length - filled);
        if (n < 0) {
          eof = true;
        } else {
          filled += n;
        }
        scan = Math.min(scan, filled);
      }
    }

    /** Moves the unfinished line to the front, doubling the buffer if it already fills it. */
    private void compactOrGrow() {
      int pending = filled - next;
      byte[] target = pending == buf.length ? new byte[buf.length * 2] : buf;
      System.arraycopy(buf, next, target, 0, pending);
      buf = target;
      filled = pending;
      next = 0;
    }
  }

  /**
   * Body charsets looked up once per name. The JDK answers a name it does not know only after instantiating every
   * charset provider again (a quarter of the parse time on an archive where one message in four declares such a
   * charset); the answer for a name never changes. At most {@link #MAX_CACHED} names are kept, since they come from
   * the input.
   */
  private static final class CachingBodyFactory extends BasicBodyFactory {
    static final int MAX_CACHED = 256;
    private final java.util.Map<String, Charset> resolved = new java.util.HashMap<>();

    CachingBodyFactory() {
      super(StandardCharsets.ISO_8859_1);
    }

    @Override
    protected Charset resolveCharset(String name) {
      return name == null ? getDefaultCharset() : lookup(name);
    }

    /** The charset of that name; an unknown or illegal name is ISO-8859-1, which maps every byte, so nothing fails. */
    Charset lookup(String name) {
      Charset c = resolved.get(name);
      if (c == null) {
        try {
          c = Charset.forName(name);
        } catch (RuntimeException e) {
          c = StandardCharsets.ISO_8859_1;
        }
        if (resolved.size() < MAX_CACHED) {
          resolved.put(name, c);
        }
      }
      return c;
    }
  }

  /** A growable byte array without {@link ByteArrayOutputStream}'s locking and per-byte checks. */
  private static final class Buffer {
    private byte[] bytes = new byte[4096];
    private int size;

    void append(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    void append(byte b) {
      ensure(1);
      bytes[size++] = b;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return java.util.Arrays.copyOf(bytes, size);
    }
  }

  private static String threadRoot(Message m, String self) {
    for (String header : new String[] {"References", "In-Reply-To"}) {
      Field f = m.getHeader() == null ? null : m.getHeader().getField(header);
      if (f != null) {
        Matcher id = MESSAGE_ID.matcher(f.getBody());
        if (id.find()) {
          return id.group();
        }
      }
    }
    return self;
  }

  private void accounts(AddressList list) {
    if (list == null) {
      return;
    }
    for (Address a : list) {
      if (a instanceof Mailbox mb) {
        account(mb);
      } else if (a instanceof Group g) {
        g.getMailboxes().forEach(this::account);
      }
    }
  }

  private void accounts(MailboxList list) {
    if (list != null) {
      list.forEach(this::account);
    }
  }

  private void account(Mailbox mb) {
    String email = mb.getAddress().toLowerCase(Locale.ROOT);
    out.account(
        Account.newBuilder()
            .setSource(source)
            .setKind("mbox")
            .setAccountId(email)
            .setEmail(email)
            .setHandle(mb.getLocalPart())
            .setRealName(mb.getName() == null || mb.getName().isBlank() ? null : mb.getName().strip())
            .build());
  }

  private static Mailbox first(MailboxList list) {
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  /** The readable text of a body: first text/plain part, else text/html as text. */
  String body(Body body) {
    String plain = find(body, "text/plain");
    if (plain != null) {
      return plain.strip();
    }
    String html = find(body, "text/html");
    return html == null ? "" : Jsoup.parse(html).wholeText().strip();
  }

  private String find(Body body, String mimeType) {
    if (body instanceof Multipart mp) {
      for (Entity part : mp.getBodyParts()) {
        if (part.getDispositionType() != null && part.getDispositionType().equalsIgnoreCase("attachment")) {
          continue;
        }
        String found =
            part.getBody() instanceof Multipart
                ? find(part.getBody(), mimeType)
                : mimeType.equalsIgnoreCase(part.getMimeType()) ? text(part.getBody(), part.getCharset()) : null;
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    Entity parent = body == null ? null : body.getParent();
    if (parent != null && mimeType.equalsIgnoreCase(parent.getMimeType())) {
      return text(body, parent.getCharset());
    }
    return null;
  }

  private String text(Body body, String charset) {
    if (!(body instanceof SingleBody single)) {
      return null;
    }
    try (InputStream in = single.getInputStream()) {
      byte[] bytes = in.readAllBytes();
      return new String(bytes, charsetOf(charset, body));
    } catch (IOException e) {
      return null;
    }
  }

  private Charset charsetOf(String name, Body body) {
    if (body instanceof TextBody tb && tb.getMimeCharset() != null) {
      name = tb.getMimeCharset();
    }
    return name == null ? StandardCharsets.US_ASCII : charsets.lookup(name);
  }
}
