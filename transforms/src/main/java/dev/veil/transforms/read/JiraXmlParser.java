package dev.veil.transforms.read;

import dev.veil.schemas.Ticket;
import dev.veil.schemas.TicketComment;
import dev.veil.transforms.common.Reasons;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the XML (RSS) issue export of Jira Server / Data Center one {@code <item>} at a time. DTDs and external
 * entities are refused (an entity-expansion document is {@code invalid_xml}, not a memory bomb). Bodies are rendered
 * HTML, converted by {@link JiraBodies#fromHtml}.
 */
final class JiraXmlParser extends JiraParser {
  private static final XMLInputFactory FACTORY = secureFactory();
  private static final String PARTICIPANTS = "com.atlassian.jira.toolkit:participants";

  JiraXmlParser(String source, Out out) {
    super(source, out);
  }

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /** A parsed element: small, one item at a time. */
  private static final class El {
    final String name;
    final Map<String, String> attrs = new LinkedHashMap<>();
    final StringBuilder text = new StringBuilder();
    final List<El> children = new ArrayList<>();

    El(String name) {
      this.name = name;
    }

    El child(String n) {
      for (El c : children) {
        if (c.name.equals(n)) {
          return c;
        }
      }
      return null;
    }

    String childText(String n) {
      El c = child(n);
      return c == null ? null : c.text.toString().strip();
    }
  }

  void parse(String file, byte[] xml) {
    parse(file, new ByteArrayInputStream(xml));
  }

  /** Streams the export item by item: memory holds one item, whatever the file's size. */
  void parse(String file, java.io.InputStream xml) {
    long index = 0;
    String host = null;
    XMLStreamReader r = null;
    try {
      r = FACTORY.createXMLStreamReader(xml);
      int depth = 0;
      while (r.hasNext()) {
        int ev = r.next();
        if (ev == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (name.equals("item")) {
            El item = readElement(r);
            depth--;
            item(file, index, item, host);
            index++;
          } else if (name.equals("link") && depth == 3 && host == null) {
            host = host(r.getElementText());
            depth--;
          }
        } else if (ev == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      // The parser's message can quote the document; the pointer is enough to find the damage.
      out.quarantine(pointer(file, index), Reasons.INVALID_XML);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release beyond the byte array
        }
      }
    }
  }

  /** Reads the element the reader is on, with its subtree; leaves the reader on its end tag. */
  private static El readElement(XMLStreamReader r) throws XMLStreamException {
    El root = new El(r.getLocalName());
    attrs(r, root);
    List<El> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      int ev = r.next();
      El top = stack.get(stack.size() - 1);
      switch (ev) {
        case XMLStreamConstants.START_ELEMENT -> {
          El child = new El(r.getLocalName());
          attrs(r, child);
          top.children.add(child);
          stack.add(child);
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            top.text.append(r.getText());
        case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
        case XMLStreamConstants.END_DOCUMENT -> throw new XMLStreamException("document ends inside an item");
        default -> {}
      }
    }
    return root;
  }

  private static void attrs(XMLStreamReader r, El el) {
    for (int i = 0; i < r.getAttributeCount(); i++) {
      el.attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
  }

  private void item(String file, long index, El item, String host) {
    String key = item.childText("key");
    if (key == null || key.isEmpty()) {
      out.quarantine(pointer(file, index), Reasons.INVALID_RECORD);
      return;
    }
    java.util.function.Consumer<String> mentioned = user -> account(user, null, null, host);
    El reporter = item.child("reporter");
    El assignee = item.child("assignee");
    Ticket.Builder t =
        Ticket.newBuilder()
            .setPointer(pointer(file, index))
            .setKey(key)
            .setProject(item.child("project") == null ? null : item.child("project").attrs.get("key"))
            .setIssueType(item.childText("type"))
            .setStatus(item.childText("status"))
            .setPriority(item.childText("priority"))
            .setCreatedMicros(rfc822Micros(item.childText("created")))
            .setSummary(orEmpty(item.childText("summary")))
            .setDescription(JiraBodies.fromHtml(item.childText("description"), mentioned))
            .setReporter(person(reporter, host))
            .setAssignee(person(assignee, host));
    List<String> labels = new ArrayList<>();
    El labelsEl = item.child("labels");
    if (labelsEl != null) {
      for (El l : labelsEl.children) {
        String v = l.text.toString().strip();
        if (!v.isEmpty()) {
          labels.add(v);
        }
      }
    }
    t.setLabels(labels);
    List<TicketComment> comments = new ArrayList<>();
    El commentsEl = item.child("comments");
    if (commentsEl != null) {
      for (El c : commentsEl.children) {
        comments.add(
            TicketComment.newBuilder()
                .setAuthor(account(c.attrs.get("author"), null, null, host))
                .setCreatedMicros(rfc822Micros(c.attrs.get("created")))
                .setBody(JiraBodies.fromHtml(c.text.toString(), mentioned))
                .build());
      }
    }
    t.setComments(comments);
    // People named elsewhere in the item join the directory, so their names are scrubbed wherever they appear.
    El attachments = item.child("attachments");
    if (attachments != null) {
      attachments.children.forEach(a -> account(a.attrs.get("author"), null, null, host));
    }
    El custom = item.child("customfields");
    if (custom != null) {
      for (El cf : custom.children) {
        if (PARTICIPANTS.equals(cf.attrs.get("key")) && cf.child("customfieldvalues") != null) {
          cf.child("customfieldvalues").children.forEach(v -> account(v.text.toString().strip(), null, null, host));
        }
      }
    }
    out.ticket(t.build());
  }

  private String person(El el, String host) {
    if (el == null) {
      return null;
    }
    String user = el.attrs.get("username");
    if (user == null) {
      user = el.attrs.get("accountid");
    }
    return account(user, el.text.toString(), null, host);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
