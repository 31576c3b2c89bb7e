package dev.veil.transforms.deidentify;

import dev.veil.schemas.ChannelKind;
import dev.veil.schemas.SlackChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Channels of every input, by folder and by id. */
public final class ChannelDirectory {
  private static final Pattern DM_ID = Pattern.compile("D[A-Z0-9]{6,}");

  private final Map<String, SlackChannel> byFolder = new HashMap<>();
  private final Map<String, SlackChannel> byId = new HashMap<>();

  public ChannelDirectory(List<SlackChannel> channels) {
    for (SlackChannel c : channels) {
      // The first listing wins deterministically: sort by kind then id for ties across files.
      byFolder.merge(key(c.getSource(), c.getFolder()), c, ChannelDirectory::first);
      byId.merge(key(c.getSource(), c.getId()), c, ChannelDirectory::first);
    }
  }

  private static SlackChannel first(SlackChannel a, SlackChannel b) {
    int byKind = a.getKind().compareTo(b.getKind());
    if (byKind != 0) {
      return byKind < 0 ? a : b;
    }
    return a.getId().compareTo(b.getId()) <= 0 ? a : b;
  }

  private static String key(String source, String name) {
    return source + "|" + name;
  }

  public SlackChannel byFolder(String source, String folder) {
    return byFolder.get(key(source, folder));
  }

  public SlackChannel byId(String source, String id) {
    return byId.get(key(source, id));
  }

  /** The kind of a folder that no channel list names, guessed from Slack's naming. */
  public static ChannelKind guessKind(String folder) {
    if (folder.startsWith("mpdm-")) {
      return ChannelKind.GROUP_DM;
    }
    if (DM_ID.matcher(folder).matches()) {
      return ChannelKind.DM;
    }
    return ChannelKind.UNKNOWN;
  }
}
