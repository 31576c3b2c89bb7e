package dev.veil.transforms.filter;

import dev.veil.schemas.AnonMessage;
import dev.veil.transforms.common.Reasons;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The message rules every chat source gets. Each drop reason is counted in the manifest. */
public final class ChatRules {
  private static final Set<String> MEMBERSHIP =
      Set.of("channel_join", "channel_leave", "group_join", "group_leave", "bot_add", "bot_remove");
  private static final Set<String> DELETED = Set.of("tombstone", "message_deleted");

  private ChatRules() {}

  /** Joins, leaves and integrations added: not conversation. */
  public static Optional<String> membershipEvent(AnonMessage m) {
    return m.getSubtype() != null && MEMBERSHIP.contains(m.getSubtype())
        ? Optional.of(Reasons.MEMBERSHIP_EVENT)
        : Optional.empty();
  }

  /** Placeholders left where a message was deleted. */
  public static Optional<String> deleted(AnonMessage m) {
    return m.getSubtype() != null && DELETED.contains(m.getSubtype())
        ? Optional.of(Reasons.DELETED)
        : Optional.empty();
  }

  /** Nothing left to learn from once markup is rendered. */
  public static Optional<String> emptyText(AnonMessage m) {
    return m.getText().isBlank() ? Optional.of(Reasons.EMPTY_TEXT) : Optional.empty();
  }

  public static List<MessageRule> defaults() {
    return List.of(ChatRules::deleted, ChatRules::membershipEvent, ChatRules::emptyText);
  }
}
