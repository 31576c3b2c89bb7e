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
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
      // A charset the JDK does not know falls back to ISO-8859-1, which keeps every byte.
      builder.setBodyFactory(new BasicBodyFactory(StandardCharsets.ISO_8859_1));
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

  static void split(InputStream in, java.util.function.Consumer<byte[]> messages) throws IOException {
    ByteArrayOutputStream current = null;
    boolean previousBlank = true;
    ByteArrayOutputStream lineBuf = new ByteArrayOutputStream(256);
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
      String line = lineBuf.toString(StandardCharsets.ISO_8859_1);
      String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      if (previousBlank && FROM_LINE.matcher(bare).matches()) {
        if (current != null) {
          messages.accept(current.toByteArray());
        }
        current = new ByteArrayOutputStream();
      } else if (current != null) {
        String unescaped = bare.matches("^>+From .*") ? line.substring(1) : line;
        current.writeBytes(unescaped.getBytes(StandardCharsets.ISO_8859_1));
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
  static String body(Body body) {
    String plain = find(body, "text/plain");
    if (plain != null) {
      return plain.strip();
    }
    String html = find(body, "text/html");
    return html == null ? "" : Jsoup.parse(html).wholeText().strip();
  }

  private static String find(Body body, String mimeType) {
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

  private static String text(Body body, String charset) {
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

  private static Charset charsetOf(String name, Body body) {
    if (body instanceof TextBody tb && tb.getMimeCharset() != null) {
      name = tb.getMimeCharset();
    }
    try {
      return name == null ? StandardCharsets.US_ASCII : Charset.forName(name);
    } catch (RuntimeException e) {
      // An unknown or illegal charset name: ISO-8859-1 maps every byte, so nothing is lost or fails.
      return StandardCharsets.ISO_8859_1;
    }
  }

}
