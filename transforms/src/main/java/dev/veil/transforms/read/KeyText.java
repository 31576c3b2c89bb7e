package dev.veil.transforms.read;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Key names as pynput-based recorders write them (OpenCUA, DuckTrack: {@code "a"}, {@code "A"}, {@code "space"},
 * {@code "shift_r"}, {@code "ctrl_l"}, {@code "caps_lock"}, {@code "backspace"}) turned into what they type.
 *
 * <p>Recorders differ: pynput usually reports the character the OS produced (shift and caps lock already applied),
 * some report the key's base character. Both are read right: a letter is upper case when the recorder wrote it so
 * (the OS applied the state, including a caps lock switched on before recording began) or when shift XOR caps lock,
 * as tracked from the key stream, says so. An unshifted digit or punctuation mark typed with shift becomes its US
 * layout shifted character.
 */
final class KeyText {
  private static final Map<Character, Character> SHIFTED =
      Map.ofEntries(
          Map.entry('1', '!'), Map.entry('2', '@'), Map.entry('3', '#'), Map.entry('4', '$'), Map.entry('5', '%'),
          Map.entry('6', '^'), Map.entry('7', '&'), Map.entry('8', '*'), Map.entry('9', '('), Map.entry('0', ')'),
          Map.entry('-', '_'), Map.entry('=', '+'), Map.entry('[', '{'), Map.entry(']', '}'), Map.entry('\\', '|'),
          Map.entry(';', ':'), Map.entry('\'', '"'), Map.entry(',', '<'), Map.entry('.', '>'), Map.entry('/', '?'),
          Map.entry('`', '~'));
  private static final Set<String> SHIFT = Set.of("shift", "shift_l", "shift_r");
  private static final Map<String, String> MODIFIERS =
      Map.ofEntries(
          Map.entry("ctrl", "ctrl"), Map.entry("ctrl_l", "ctrl"), Map.entry("ctrl_r", "ctrl"),
          Map.entry("alt", "alt"), Map.entry("alt_l", "alt"), Map.entry("alt_r", "alt"), Map.entry("alt_gr", "altgr"),
          Map.entry("cmd", "cmd"), Map.entry("cmd_l", "cmd"), Map.entry("cmd_r", "cmd"), Map.entry("super", "cmd"),
          Map.entry("win", "cmd"));

  private KeyText() {}

  /** The canonical key name: lower case, without pynput's {@code Key.} prefix or quotes. */
  static String normalize(String name) {
    String n = name.strip();
    if (n.startsWith("Key.")) {
      n = n.substring(4);
    }
    if (n.length() == 3 && n.charAt(0) == '\'' && n.charAt(2) == '\'') {
      n = n.substring(1, 2);
    }
    return n.length() == 1 ? n : n.toLowerCase(Locale.ROOT);
  }

  static boolean isShift(String key) {
    return SHIFT.contains(key);
  }

  /** ctrl, alt, altgr or cmd for a modifier key (left or right); null otherwise. */
  static String modifier(String key) {
    return MODIFIERS.get(key);
  }

  static boolean isCapsLock(String key) {
    return key.equals("caps_lock");
  }

  /** The character a key types, or 0 when it is not a character key. */
  static char character(String key, boolean shift, boolean caps) {
    if (key.equals("space")) {
      return ' ';
    }
    if (key.length() != 1) {
      return 0;
    }
    char c = key.charAt(0);
    if (Character.isLetter(c)) {
      return Character.isUpperCase(c) || (shift ^ caps) ? Character.toUpperCase(c) : c;
    }
    if (shift && SHIFTED.containsKey(c)) {
      return SHIFTED.get(c);
    }
    return c;
  }
}
