package dev.veil.transforms.common;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A reader over UTF-8 bytes that fails ({@link java.nio.charset.CharacterCodingException}) on malformed input. */
public final class StrictUtf8 {
  private StrictUtf8() {}

  public static BufferedReader reader(InputStream in) {
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)),
        1 << 16);
  }
}
