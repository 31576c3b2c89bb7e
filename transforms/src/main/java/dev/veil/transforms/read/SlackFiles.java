package dev.veil.transforms.read;

import dev.veil.schemas.ChannelKind;
import java.util.regex.Pattern;

/** Classifies the files of a Slack export by path, as Slack's exporter lays them out. */
public final class SlackFiles {
  private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.json");

  /** What a file of the export is. */
  public enum Role {
    USERS,
    CHANNELS,
    GROUPS,
    DMS,
    MPIMS,
    DAY_FILE,
    /** Known top-level files Veil does not use (integration_logs.json, canvases.json, README, ...). */
    OTHER_METADATA,
    /** A file inside a conversation folder that is not a day file. */
    UNEXPECTED
  }

  private SlackFiles() {}

  public static Role classify(String path) {
    String[] segments = path.split("/");
    String name = segments[segments.length - 1];
    if (segments.length >= 2 && DAY_FILE.matcher(name).matches()) {
      return Role.DAY_FILE;
    }
    switch (name) {
      case "users.json":
      case "org_users.json":
        return Role.USERS;
      case "channels.json":
        return Role.CHANNELS;
      case "groups.json":
        return Role.GROUPS;
      case "dms.json":
        return Role.DMS;
      case "mpims.json":
        return Role.MPIMS;
      default:
        return segments.length == 1 ? Role.OTHER_METADATA : Role.UNEXPECTED;
    }
  }

  /** The conversation folder of a day file: its parent directory's name. */
  public static String folderOf(String dayFilePath) {
    String[] segments = dayFilePath.split("/");
    return segments[segments.length - 2];
  }

  public static ChannelKind kindOf(Role role) {
    switch (role) {
      case CHANNELS:
        return ChannelKind.PUBLIC_CHANNEL;
      case GROUPS:
        return ChannelKind.PRIVATE_CHANNEL;
      case DMS:
        return ChannelKind.DM;
      case MPIMS:
        return ChannelKind.GROUP_DM;
      default:
        throw new IllegalArgumentException("not a channel list: " + role);
    }
  }
}
