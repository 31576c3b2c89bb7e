package dev.veil.transforms.common;

/** Machine-readable reason codes used in quarantine entries and drop counts. Documented in docs/stages.md. */
public final class Reasons {
  private Reasons() {}

  // read
  public static final String INVALID_JSON = "invalid_json";
  public static final String NOT_UTF8 = "not_utf8";
  public static final String UNSAFE_PATH = "unsafe_path";
  public static final String TRUNCATED_ARCHIVE = "truncated_archive";
  public static final String UNREADABLE_INPUT = "unreadable_input";
  public static final String ENTRY_TOO_LARGE = "entry_too_large";
  public static final String UNEXPECTED_FILE = "unexpected_file";
  public static final String INVALID_RECORD = "invalid_record";
  public static final String BAD_TIMESTAMP = "bad_timestamp";
  public static final String UNEXPECTED_STRUCTURE = "unexpected_structure";
  public static final String INVALID_XML = "invalid_xml";
  public static final String INVALID_CSV = "invalid_csv";
  public static final String UNSUPPORTED_FORMAT = "unsupported_format";
  public static final String UNKNOWN_EVENT = "unknown_event";
  public static final String OUT_OF_ORDER = "out_of_order";
  public static final String RECORDER_HOTKEY = "recorder_hotkey";
  // deidentify
  public static final String UNKNOWN_AUTHOR = "unknown_author";
  // filter
  public static final String MEMBERSHIP_EVENT = "membership_event";
  public static final String DELETED = "deleted";
  public static final String EMPTY_TEXT = "empty_text";
  /** An example with less text than the policy's {@code filters.min_chars}. */
  public static final String TOO_SHORT = "too_short";
  /** A conversation in which every turn is a bot's or Slackbot's. */
  public static final String BOT_ONLY = "bot_only";
  // exclude
  public static final String OPTED_OUT_PERSON = "opted_out_person";
  public static final String OPTED_OUT_CHANNEL = "opted_out_channel";
  public static final String OPTED_OUT_PROJECT = "opted_out_project";
  public static final String OPTED_OUT_SESSION = "opted_out_session";
  public static final String RETENTION = "retention";
  // tag
  public static final String LICENSE_NOT_ACCEPTED = "license_not_accepted";
}
